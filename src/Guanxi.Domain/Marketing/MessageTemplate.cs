namespace Guanxi.Domain.Marketing;

/// <summary>How a message reaches a customer.</summary>
public enum MarketingChannel
{
    Email,
    Sms,
    WeChat,
}

/// <summary>
/// A message for one channel in one language: subject and body are Liquid texts that may use only the fixed
/// placeholders of <see cref="TemplateFields"/> (checked at save and at render by <see cref="LiquidTemplates"/>).
/// </summary>
public sealed class MessageTemplate
{
    public const int NameMaxLength = 120;
    public const int SubjectMaxLength = 300;
    public const int BodyMaxLength = 20_000;
    public const int LanguageMaxLength = 8;

    /// <summary>The languages a template is written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public MarketingChannel Channel { get; set; }

    /// <summary>zh-CN or en: decides how dates, amounts, the tier and the honorific are written.</summary>
    public string Language { get; set; } = "zh-CN";

    /// <summary>The e-mail subject (SMS and WeChat messages have none: empty).</summary>
    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token (the API's ETag).</summary>
    public long Version { get; set; }

    /// <summary>The language code as stored, or null for one a template cannot be written in.</summary>
    public static string? NormalizeLanguage(string? language) =>
        language?.Trim() switch
        {
            { } l when l.Equals("zh-CN", StringComparison.OrdinalIgnoreCase) || l.Equals("zh", StringComparison.OrdinalIgnoreCase) => "zh-CN",
            { } l when l.Equals("en", StringComparison.OrdinalIgnoreCase) => "en",
            _ => null,
        };
}
