using Guanxi.Security;

namespace Guanxi.Marketing;

/// <summary>A message template as the API and pages show it; channel is email, sms or wechat.</summary>
public sealed record MessageTemplateDto(long Id, string Name, string Channel, string Language, string Subject, string Body, DateTime CreatedAt, DateTime UpdatedAt, long Version);

public sealed record MessageTemplateInput(string? Name, string? Channel, string? Language, string? Subject, string? Body);

public sealed record RenderInput(long CustomerId);

/// <summary>
/// A template rendered for one customer. Subject and body carry the customer's data, so they are masked as free text
/// for roles without personal data (phone numbers and e-mail addresses inside them), like every other answer.
/// </summary>
public sealed record RenderedMessageDto(
    long TemplateId, long CustomerId, string Channel, string Language,
    [property: PersonalData(PersonalKind.FreeText)] string Subject,
    [property: PersonalData(PersonalKind.FreeText)] string Body);

/// <summary>The placeholders a template may use, with what each holds (the editor's help).</summary>
public sealed record TemplatePlaceholderDto(string Name, string Description);

/// <summary>
/// One outbox row. The address is masked like a WeChat id (first character) and subject, body and reason as free
/// text for roles without personal data.
/// </summary>
public sealed record OutboxMessageDto(
    long Id, string Channel, long CustomerId, string CustomerName,
    [property: PersonalData(PersonalKind.Handle)] string? Address,
    [property: PersonalData(PersonalKind.FreeText)] string Subject,
    [property: PersonalData(PersonalKind.FreeText)] string Body,
    string Status, int Attempts, DateTime NextAttemptAt,
    [property: PersonalData(PersonalKind.FreeText)] string? LastError,
    DateTime? SentAt, DateTime? UnsubscribedAt, long? TemplateId, long? CampaignId, long? CareRuleId, DateTime CreatedAt);

public sealed record OutboxPage(IReadOnlyList<OutboxMessageDto> Items, string? NextCursor);
