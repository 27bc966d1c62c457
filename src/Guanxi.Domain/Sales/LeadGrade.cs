namespace Guanxi.Domain.Sales;

/// <summary>How promising a lead is: S the closest to buying, D the furthest.</summary>
public enum LeadGrade
{
    S = 0,
    A = 1,
    B = 2,
    C = 3,
    D = 4,
}

/// <summary>
/// A grade's follow-up cadence and playbook of next steps (company-wide, editable). <see cref="CadenceDays"/> is the
/// days from setting the grade (or completing the last follow-up) to the next follow-up task.
/// </summary>
public sealed class LeadGradeRule
{
    public LeadGrade Grade { get; set; }
    public int CadenceDays { get; set; }

    /// <summary>True when the cadence runs only while the lead has an open opportunity (S: daily until won or lost).</summary>
    public bool UntilClosed { get; set; }

    /// <summary>The next steps, one a line.</summary>
    public string NextSteps { get; set; } = "";

    public long Version { get; set; }

    public const int NextStepsMaxLength = 2000;
    public const int MaxCadenceDays = 365;
}

/// <summary>A grade as it was set on a customer: the history behind the customer's current grade.</summary>
public sealed class CustomerGradeChange
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public LeadGrade? FromGrade { get; set; }
    /// <summary>The new grade; null when the lead was converted into a customer and its grade ended.</summary>
    public LeadGrade? ToGrade { get; set; }
    public string Reason { get; set; } = "";
    public long? ById { get; set; }
    public DateTime At { get; set; }

    public const int ReasonMaxLength = 1000;
}

public static class LeadGrades
{
    /// <summary>
    /// The defaults, after the seed's education example written in neutral terms: S daily until won or lost; A get a
    /// meeting, learn the pain points and the competitor compared, aim for S; B build the relationship, invite to trial
    /// events; C and D nurture.
    /// </summary>
    public static IReadOnlyList<LeadGradeRule> Defaults { get; } =
    [
        new() { Grade = LeadGrade.S, CadenceDays = 1, UntilClosed = true, NextSteps = "每天跟进，直到成交或丢单 / Follow up every day until won or lost", Version = 1 },
        new() { Grade = LeadGrade.A, CadenceDays = 3, NextSteps = "约见面谈 / Arrange a meeting\n了解痛点 / Learn the pain points\n了解对比的竞争对手 / Find out which competitor they compare with\n推进到 S 级 / Move them to S", Version = 1 },
        new() { Grade = LeadGrade.B, CadenceDays = 7, NextSteps = "建立关系 / Build the relationship\n邀请参加体验活动 / Invite to trial events", Version = 1 },
        new() { Grade = LeadGrade.C, CadenceDays = 30, NextSteps = "培育：定期分享有用信息 / Nurture: share useful information regularly", Version = 1 },
        new() { Grade = LeadGrade.D, CadenceDays = 90, NextSteps = "培育：保持低频联系 / Nurture: keep in touch now and then", Version = 1 },
    ];

    /// <summary>S, A, B, C or D (any case); null for anything else, digits included.</summary>
    public static LeadGrade? Parse(string? text) =>
        text?.Trim().ToUpperInvariant() switch
        {
            "S" => LeadGrade.S,
            "A" => LeadGrade.A,
            "B" => LeadGrade.B,
            "C" => LeadGrade.C,
            "D" => LeadGrade.D,
            _ => null,
        };

    /// <summary>The day the next follow-up of a lead graded <paramref name="rule"/> falls due, counted from <paramref name="from"/>.</summary>
    public static DateOnly NextFollowUp(LeadGradeRule rule, DateOnly from) => from.AddDays(Math.Max(1, rule.CadenceDays));

    /// <summary>Whether a grade's cadence still asks for a follow-up: an until-closed grade stops when no opportunity is open.</summary>
    public static bool CadenceRuns(LeadGradeRule rule, bool hasOpenOpportunity) => !rule.UntilClosed || hasOpenOpportunity;
}
