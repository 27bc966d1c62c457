using Guanxi.Domain.Care;

namespace Guanxi.Domain.Marketing;

/// <summary>What a care rule reacts to.</summary>
public enum CareRuleKind
{
    /// <summary>A greeting <see cref="CareRule.Days"/> days before the customer's birthday.</summary>
    Birthday,
    /// <summary>A greeting <see cref="CareRule.Days"/> days before a festival, to every customer.</summary>
    Festival,
    /// <summary>A welcome <see cref="CareRule.Days"/> days after the customer's first purchase.</summary>
    Welcome,
    /// <summary>A win-back offer to customers who entered a lost class of the lost model in the latest finished run.</summary>
    WinBack,
    /// <summary>An alert to the owner (a notification, not a message) for customers who entered churn warning in the latest run.</summary>
    ChurnWarning,
}

/// <summary>
/// A daily care rule (客户关怀): who is due on a day (by <see cref="Kind"/>), the template they are sent (its channel is
/// the rule's), the quiet hours in which a run queues nothing for the rule, and a frequency cap.
/// </summary>
public sealed class CareRule
{
    public const int NameMaxLength = 120;
    public const int MaxDays = 60;
    public const int MaxCapDays = 365;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public CareRuleKind Kind { get; set; }

    /// <summary>For <see cref="CareRuleKind.Festival"/>: which one; null otherwise.</summary>
    public Festival? Festival { get; set; }

    /// <summary>Days before (birthday, festival) or after (welcome) the day; 0 for win-back and churn warning.</summary>
    public int Days { get; set; }

    /// <summary>The message; null only for <see cref="CareRuleKind.ChurnWarning"/>, which notifies the owner instead.</summary>
    public long? TemplateId { get; set; }

    /// <summary>The template's channel (null without a template).</summary>
    public MarketingChannel? Channel { get; set; }

    /// <summary>Quiet hours in the business's time zone: a run at a time from <see cref="QuietFrom"/> up to <see cref="QuietTo"/> queues nothing for this rule.</summary>
    public TimeOnly? QuietFrom { get; set; }

    public TimeOnly? QuietTo { get; set; }

    /// <summary>A customer sent anything (by any campaign or care rule) in the last this many days is not sent to; 0 = no cap.</summary>
    public int FrequencyCapDays { get; set; }

    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>True when <paramref name="local"/> falls in the quiet hours (a window may span midnight: 21:00–09:00).</summary>
    public bool IsQuiet(TimeOnly local) => QuietFrom is { } from && QuietTo is { } to && from != to
        && (from < to ? local >= from && local < to : local >= from || local < to);

    /// <summary>The day of the birthdays a birthday rule greets on <paramref name="asOf"/>.</summary>
    public static DateOnly BirthdayTarget(DateOnly asOf, int days) => asOf.AddDays(days);

    /// <summary>
    /// Whether a birthday falls on <paramref name="target"/> (month and day); a 29 February birthday falls on 28 February
    /// in a year without one.
    /// </summary>
    public static bool IsBirthday(DateOnly birthDate, DateOnly target) =>
        (birthDate.Month == target.Month && birthDate.Day == target.Day)
        || (birthDate.Month == 2 && birthDate.Day == 29 && target.Month == 2 && target.Day == 28 && !DateTime.IsLeapYear(target.Year));

    /// <summary>The festival year a festival rule greets for on <paramref name="asOf"/> (its date is <paramref name="days"/> days later), or null.</summary>
    public static int? FestivalYear(Festival festival, DateOnly asOf, int days)
    {
        var target = asOf.AddDays(days);
        if (target.Year is < Festivals.FirstYear or > Festivals.LastYear) return null;
        return Festivals.DateIn(festival, target.Year) == target ? target.Year : null;
    }
}
