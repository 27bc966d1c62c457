namespace Guanxi.Domain.Models;

/// <summary>
/// Per-customer figures derived from <see cref="CustomerMetrics"/> alone. The engine and the explanations
/// both use these, so a stored class can be explained with the same numbers that produced it.
/// </summary>
internal static class DerivedMetrics
{
    /// <summary>Mean days between distinct order days, NaN with fewer than two order days.</summary>
    public static double MeanIntervalDays(CustomerMetrics m, int i) =>
        m.DistinctOrderDays[i] >= 2
            ? (m.LastOrderDay[i] - m.FirstOrderDay[i]) / (double)(m.DistinctOrderDays[i] - 1)
            : double.NaN;

    /// <summary>
    /// Coefficient of variation of the inter-purchase gaps (0 = clockwork). Uses the standard deviation when the
    /// data layer supplies it; otherwise the latest gap's relative distance from the mean gap. NaN when unknown
    /// (fewer than two gaps), which counts as irregular.
    /// </summary>
    public static double IntervalVariation(CustomerMetrics m, int i)
    {
        double mean = MeanIntervalDays(m, i);
        if (double.IsNaN(mean) || mean <= 0 || m.DistinctOrderDays[i] < 3)
        {
            return double.NaN;
        }

        float sd = m.OrderIntervalStdDevDays[i];
        if (!float.IsNaN(sd))
        {
            return sd / mean;
        }

        if (m.PreviousOrderDay[i] == CustomerMetrics.NoDay)
        {
            return double.NaN;
        }

        double latest = m.LastOrderDay[i] - m.PreviousOrderDay[i];
        return Math.Abs(latest - mean) / mean;
    }

    /// <summary>
    /// The customer's own rhythm (mean gap), or the base's median interval for a one-time buyer; with a single gap,
    /// the longer of that gap and the median.
    /// </summary>
    public static double RhythmDays(CustomerMetrics m, int i, PopulationCutoffs cutoffs)
    {
        double own = MeanIntervalDays(m, i);
        double median = Math.Max(1, cutoffs.MedianIntervalDays);
        if (double.IsNaN(own) || own < 1)
        {
            return median;
        }

        // One gap is one observation: two orders three days apart are not a three-day rhythm, and would make the
        // customer "lost" nine days later while BG/NBD still sees them alive. A single gap counts only when it is the longer.
        return HasOwnRhythm(m, i) ? own : Math.Max(own, median);
    }

    /// <summary>Whether the customer's own mean gap is their rhythm: at least two gaps (three order days).</summary>
    public static bool HasOwnRhythm(CustomerMetrics m, int i) => m.DistinctOrderDays[i] >= 3;

    /// <summary>
    /// Predicted value over the horizon, in yuan: the CLV when the fit is available, otherwise the run rate of
    /// the last 90 days annualised (the simplest forecast that still sees a customer speeding up).
    /// </summary>
    public static double PredictedValueYuan(CustomerMetrics m, int i, double clv) =>
        double.IsNaN(clv) ? m.Amount90dCents[i] / 100.0 * 365.0 / 90.0 : clv;

    /// <summary>Average yearly spend over the customer's buying life: what is lost if the customer leaves.</summary>
    public static double AnnualValueCents(CustomerMetrics m, int i)
    {
        if (!m.HasOrders(i))
        {
            return 0;
        }

        double years = Math.Max(1.0, (m.AsOfDay - m.FirstOrderDay[i]) / 365.0);
        return m.TotalCents[i] / years;
    }

    public static double Clamp01(double v) => v < 0 ? 0 : v > 1 ? 1 : v;
}
