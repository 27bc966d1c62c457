namespace Guanxi.Domain.Marketing;

/// <summary>What one group of a campaign (sent or control) did in the attribution window, summed per customer.</summary>
/// <param name="Customers">Customers in the group.</param>
/// <param name="Converted">Customers with at least one order in the window.</param>
/// <param name="Orders">Orders in the window.</param>
/// <param name="Revenue">Sum over customers of their revenue in the window.</param>
/// <param name="RevenueSquares">Sum over customers of the square of their revenue in the window (for the variance).</param>
public sealed record GroupOutcome(long Customers, long Converted, long Orders, decimal Revenue, double RevenueSquares)
{
    public double ConversionRate => Customers == 0 ? 0 : (double)Converted / Customers;
    public double RevenuePerCustomer => Customers == 0 ? 0 : (double)Revenue / Customers;
    public double OrdersPerCustomer => Customers == 0 ? 0 : (double)Orders / Customers;

    /// <summary>The sample variance of revenue per customer (n − 1), or null below two customers.</summary>
    public double? RevenueVariance => Customers < 2 ? null
        : Math.Max(0, (RevenueSquares - Customers * RevenuePerCustomer * RevenuePerCustomer) / (Customers - 1));
}

/// <summary>A difference sent − control with its 95 % confidence interval (null when a group is too small to have one).</summary>
public sealed record Difference(double Value, double? Low, double? High);

/// <summary>
/// The uplift of a campaign: sent minus control, with 95 % confidence intervals from the normal approximation —
/// for the conversion rate the unpooled standard error √(p₁(1−p₁)/n₁ + p₀(1−p₀)/n₀), for revenue per customer
/// Welch's √(s₁²/n₁ + s₀²/n₀).
/// </summary>
public static class Uplift
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    public static Difference Conversion(GroupOutcome sent, GroupOutcome control)
    {
        var d = sent.ConversionRate - control.ConversionRate;
        if (sent.Customers == 0 || control.Customers == 0) return new Difference(d, null, null);
        double p1 = sent.ConversionRate, p0 = control.ConversionRate;
        var se = Math.Sqrt(p1 * (1 - p1) / sent.Customers + p0 * (1 - p0) / control.Customers);
        return new Difference(d, d - Z95 * se, d + Z95 * se);
    }

    public static Difference RevenuePerCustomer(GroupOutcome sent, GroupOutcome control)
    {
        var d = sent.RevenuePerCustomer - control.RevenuePerCustomer;
        if (sent.RevenueVariance is not { } v1 || control.RevenueVariance is not { } v0) return new Difference(d, null, null);
        var se = Math.Sqrt(v1 / sent.Customers + v0 / control.Customers);
        return new Difference(d, d - Z95 * se, d + Z95 * se);
    }

    /// <summary>
    /// The winner of an A/B test from B − A: the variant ahead on revenue per customer when that interval excludes 0,
    /// else the one ahead on conversion when that interval excludes 0, else null (the data cannot tell them apart yet).
    /// </summary>
    public static string? Winner(Difference revenueBMinusA, Difference conversionBMinusA)
    {
        static string? Clear(Difference d) => d.Low > 0 ? VariantSplit.B : d.High < 0 ? VariantSplit.A : null;
        return Clear(revenueBMinusA) ?? Clear(conversionBMinusA);
    }
}
