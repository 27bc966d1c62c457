using Guanxi.Domain.Service;
using Guanxi.Security;

namespace Guanxi.Service;

public sealed record ServiceRequestDto(
    long Id,
    long CustomerId,
    string CustomerName,
    long? ContactId,
    ServiceRequestType Type,
    ServiceChannel Channel,
    ServicePriority Priority,
    [property: PersonalData(PersonalKind.FreeText)] string Subject,
    [property: PersonalData(PersonalKind.FreeText)] string? Description,
    long? AssigneeId,
    string? AssigneeName,
    long? TeamId,
    string Status,
    long? SlaPolicyId,
    DateTime? ResponseDueAt,
    DateTime? ResolutionDueAt,
    DateTime? NextDueAt,
    DateTime? FirstRespondedAt,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    DateTime? BreachedAt,
    DateTime? AcknowledgedAt,
    [property: PersonalData(PersonalKind.FreeText)] string? Apology,
    DateTime? RemediedAt,
    [property: PersonalData(PersonalKind.FreeText)] string? Remedy,
    DateTime? VisitedAt,
    [property: PersonalData(PersonalKind.FreeText)] string? VisitOutcome,
    ComplaintVerdict? Verdict,
    long? FollowUpTaskId,
    DateTime CreatedAt,
    long Version,
    string? SurveyLink = null,
    bool SurveyMailed = false);

/// <summary>The customer's private progress link: <see cref="Token"/> is shown once (only its hash is stored).</summary>
public sealed record ProgressLinkDto(long RequestId, string Token, string Path);

/// <summary>One line of the customer's view: a status reached, or a reply to them.</summary>
public sealed record PublicProgressEntry(DateTime At, ServiceStatus? Status, string? Reply);

public sealed record PublicProgressView(long RequestId, ServiceRequestType Type, string Subject, ServiceStatus Status, DateTime CreatedAt, DateTime? ResolvedAt, IReadOnlyList<PublicProgressEntry> Entries);

public sealed record ServiceRequestPage(IReadOnlyList<ServiceRequestDto> Items, string? NextCursor);

public sealed record ServiceRequestInput
{
    public long CustomerId { get; init; }
    public long? ContactId { get; init; }
    public ServiceRequestType Type { get; init; }
    public ServiceChannel Channel { get; init; }
    public ServicePriority Priority { get; init; } = ServicePriority.Normal;
    public string? Subject { get; init; }
    public string? Description { get; init; }

    /// <summary>Who handles it; nobody (the shared queue) when omitted.</summary>
    public long? AssigneeId { get; init; }

    public long? TeamId { get; init; }
}

/// <summary>A move of the status (new, assigned, in-progress, waiting-on-customer, resolved, closed, reopened), with an optional note.</summary>
public sealed record ServiceTransitionInput(string? To, string? Note, long? AssigneeId);

public sealed record ServiceNoteInput(string? Body, bool ToCustomer);

public sealed record ServiceNoteDto(long Id, long RequestId, bool ToCustomer, [property: PersonalData(PersonalKind.FreeText)] string Body, long? AuthorId, string? AuthorName, DateTime CreatedAt);

/// <summary>One line of history; <see cref="ToName"/> names the user an "assigned" line gave the request to.</summary>
public sealed record ServiceEventDto(long Id, string Kind, string? From, string? To, [property: PersonalData(PersonalKind.FreeText)] string? Note, long? ActorId, string? ActorName, DateTime At, string? ToName = null);

public sealed record ComplaintStepInput(ComplaintStep Step, string? Text, ComplaintVerdict? Verdict);

/// <summary>Which requests a list shows: status (open by default, all, or one status), assignee (me or an id), customer, type, breach (soon or breached).</summary>
public sealed record ServiceRequestFilter(string? Status, string? Assignee, long? CustomerId, string? Type, string? Breach);

public sealed record SlaPolicyInput
{
    public string? Name { get; init; }
    public string? ModelKey { get; init; }
    public string? ClassKey { get; init; }
    public List<ServiceRequestType>? Types { get; init; }
    public List<ServicePriority>? Priorities { get; init; }
    public int FirstResponseMinutes { get; init; }
    public int ResolutionMinutes { get; init; }
    public int? FollowUpDays { get; init; }
}

public sealed record SlaPolicyDto(
    long Id, string Name, string? ModelKey, string? ClassKey, IReadOnlyList<ServiceRequestType> Types, IReadOnlyList<ServicePriority> Priorities,
    int FirstResponseMinutes, int ResolutionMinutes, int FollowUpDays, long Version);

public sealed record CalendarDayDto(DateOnly Day, bool IsWorkday, string Name);

public sealed record BusinessCalendarDto(string TimeZone, TimeOnly WorkStart, TimeOnly WorkEnd, IReadOnlyList<CalendarDayDto> Days);

/// <summary>The days to store: each year named in <see cref="Days"/> or <see cref="ClearYears"/> is replaced whole by the days given for it.</summary>
public sealed record BusinessCalendarInput(List<CalendarDayDto>? Days, List<int>? ClearYears);

public sealed record SlaCheckSummary(DateTime AsOf, int Marked, int Breached, int DueSoon, int Warned, int Escalated)
{
    public string Line => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Breached} breached, {DueSoon} due within 1 h");
}
