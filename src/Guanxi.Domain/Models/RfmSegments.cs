namespace Guanxi.Domain.Models;

/// <summary>The 11 named R×F segments of the bench README's grid (m plays no part).</summary>
public enum RfmSegment : byte
{
    Champions,
    LoyalCustomers,
    PotentialLoyalist,
    NewCustomers,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

public static class RfmSegments
{
    public const int Count = 11;

    // Rows r = 1..5, columns f = 1..5, exactly the README table read bottom-up.
    private static readonly RfmSegment[] Grid =
    [
        // r = 1
        RfmSegment.Lost, RfmSegment.Hibernating, RfmSegment.AtRisk, RfmSegment.AtRisk, RfmSegment.CantLoseThem,
        // r = 2
        RfmSegment.Hibernating, RfmSegment.Hibernating, RfmSegment.AtRisk, RfmSegment.AtRisk, RfmSegment.CantLoseThem,
        // r = 3
        RfmSegment.AboutToSleep, RfmSegment.AboutToSleep, RfmSegment.NeedAttention, RfmSegment.LoyalCustomers, RfmSegment.LoyalCustomers,
        // r = 4
        RfmSegment.Promising, RfmSegment.PotentialLoyalist, RfmSegment.PotentialLoyalist, RfmSegment.LoyalCustomers, RfmSegment.LoyalCustomers,
        // r = 5
        RfmSegment.NewCustomers, RfmSegment.PotentialLoyalist, RfmSegment.PotentialLoyalist, RfmSegment.Champions, RfmSegment.Champions,
    ];

    private static readonly string[] EnglishNames =
    [
        "Champions", "Loyal Customers", "Potential Loyalist", "New Customers", "Promising", "Need Attention",
        "About to Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost",
    ];

    private static readonly string[] ChineseNames =
    [
        "冠军客户", "忠诚客户", "潜在忠诚客户", "新客户", "有潜力客户", "需要关注",
        "即将沉睡", "有风险客户", "不能失去的客户", "休眠客户", "流失客户",
    ];

    /// <summary>The segment of scores r and f, each 1 to 5.</summary>
    public static RfmSegment Of(int r, int f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(r, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(f, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(f, 5);
        return Grid[((r - 1) * 5) + (f - 1)];
    }

    /// <summary>The exact English text written to RFM files (ASCII apostrophe in "Can't Lose Them").</summary>
    public static string EnglishName(RfmSegment segment) => EnglishNames[(int)segment];

    /// <summary>The zh-CN display name.</summary>
    public static string ChineseName(RfmSegment segment) => ChineseNames[(int)segment];
}
