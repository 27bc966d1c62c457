using Guanxi.Domain.Care;
using Guanxi.Domain.Marketing;

namespace Guanxi.Marketing;

/// <summary>
/// A care rule as the API and pages show it: kind birthday, festival, welcome, win_back or churn_warning; festival one of
/// <see cref="CareNames.FestivalKeys"/>; quiet hours as HH:mm in the business's time zone.
/// </summary>
public sealed record CareRuleDto(
    long Id, string Name, string Kind, string? Festival, int Days, long? TemplateId, string? Channel, string? QuietFrom, string? QuietTo,
    int FrequencyCapDays, bool Active, DateTime CreatedAt, DateTime UpdatedAt, long Version);

/// <summary>What a care rule is made of; days default to 0, the cap to none (0), active to true.</summary>
public sealed record CareRuleInput(
    string? Name, string? Kind, string? Festival, int? Days, long? TemplateId, string? QuietFrom, string? QuietTo, int? FrequencyCapDays, bool? Active);

/// <summary>What a run did for one rule: messages queued (alerts for churn warning), excluded and capped; or why it was skipped.</summary>
public sealed record CareRuleRunDto(long RuleId, string Name, int Queued, int Excluded, int Capped, string? Skipped)
{
    /// <summary>The CLI's line for the rule (a contract: <c>&lt;rule name&gt;: queued N, excluded N, capped N</c>).</summary>
    public string Line => $"{Name}: queued {Queued}, excluded {Excluded}, capped {Capped}" + (Skipped is null ? "" : $" ({Skipped})");
}

/// <summary>What <c>guanxi care run</c> did on a day, rule by rule.</summary>
public sealed record CareRunDto(DateOnly AsOf, IReadOnlyList<CareRuleRunDto> Rules)
{
    public int Queued => Rules.Sum(r => r.Queued);
    public int Excluded => Rules.Sum(r => r.Excluded);
    public int Capped => Rules.Sum(r => r.Capped);

    /// <summary>The CLI's last line.</summary>
    public string TotalLine => $"total: queued {Queued}, excluded {Excluded}, capped {Capped}";
}

/// <summary>The API's names of care rule kinds and festivals.</summary>
public static class CareNames
{
    public static readonly IReadOnlyList<string> KindKeys = ["birthday", "festival", "welcome", "win_back", "churn_warning"];

    public static readonly IReadOnlyList<string> FestivalKeys =
        ["new_year", "spring_festival", "lantern", "womens_day", "qingming", "dragon_boat", "mid_autumn", "national_day", "double_ninth"];

    public static string KindKey(CareRuleKind k) => KindKeys[(int)k];

    public static CareRuleKind? ParseKind(string? key)
    {
        int i = IndexOf(KindKeys, key);
        return i < 0 ? null : (CareRuleKind)i;
    }

    public static string FestivalKey(Festival f) => FestivalKeys[(int)f];

    public static Festival? ParseFestival(string? key)
    {
        int i = IndexOf(FestivalKeys, key);
        return i < 0 ? null : (Festival)i;
    }

    private static int IndexOf(IReadOnlyList<string> keys, string? key)
    {
        var k = key?.Trim();
        for (int i = 0; i < keys.Count; i++)
            if (string.Equals(keys[i], k, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
