using MathNet.Numerics;

namespace Guanxi.Domain.Models.Lifetimes;

/// <summary>Gamma-Gamma spend parameters (Fader &amp; Hardie 2013): p, q and γ (scale).</summary>
public readonly record struct GammaGammaParameters(double P, double Q, double Gamma);

/// <summary>A Gamma-Gamma fit, its total log-likelihood, and whether to trust it.</summary>
public readonly record struct GammaGammaFit(GammaGammaParameters Parameters, double LogLikelihood)
{
    public FitVerdict Verdict { get; init; } = FitVerdict.Unchecked;

    public bool Converged => Verdict.Converged;
}

/// <summary>
/// The Gamma-Gamma model of average order value, fitted on customers with at least one repeat purchase.
/// Model outputs are expectations in doubles, not booked money; amounts stay exact decimals elsewhere.
/// </summary>
public static class GammaGamma
{
    /// <summary>Log-likelihood of one customer with x repeat purchases of mean value m (x &gt; 0, m &gt; 0).</summary>
    public static double LogLikelihood(GammaGammaParameters p, double x, double m)
    {
        double px = p.P * x;
        return SpecialFunctions.GammaLn(px + p.Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(p.Q)
            + (p.Q * Math.Log(p.Gamma)) + ((px - 1) * Math.Log(m)) + (px * Math.Log(x))
            - ((px + p.Q) * Math.Log((x * m) + p.Gamma));
    }

    /// <summary>
    /// Fit on the customers with frequency &gt; 0 (the others carry no spend information), in the data's money unit
    /// whatever it is (see <see cref="GroupedFits"/>). Check <see cref="GammaGammaFit.Verdict"/> before using it.
    /// </summary>
    public static GammaGammaFit Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue) =>
        GroupedFits.FitGammaGamma(frequency, monetaryValue);

    /// <summary>E(M | x, m̄): the customer's mean pulled towards the population mean, more so with few purchases.</summary>
    public static double ConditionalExpectedAverageValue(GammaGammaParameters p, double x, double m)
    {
        double populationMean = p.Gamma * p.P / (p.Q - 1);
        if (x <= 0)
        {
            return populationMean;
        }

        double weight = p.P * x / ((p.P * x) + p.Q - 1);
        return ((1 - weight) * populationMean) + (weight * m);
    }

    /// <summary>
    /// Discounted CLV over <paramref name="months"/> months, as lifetimes computes it: for each month the
    /// expected purchases in that month times the expected order value, discounted by (1 + rate)^month.
    /// <paramref name="periodsPerMonth"/> converts months to the data's unit (4.345 for weeks, 30 for days).
    /// </summary>
    public static double CustomerLifetimeValue(
        BgNbdParameters transactions,
        GammaGammaParameters spend,
        double x,
        double tx,
        double t,
        double monetaryValue,
        int months,
        double monthlyDiscountRate,
        double periodsPerMonth)
    {
        double value = ConditionalExpectedAverageValue(spend, x, monetaryValue);
        double clv = 0;
        double before = 0;
        for (int month = 1; month <= months; month++)
        {
            double upTo = BgNbd.ConditionalExpectedPurchases(transactions, month * periodsPerMonth, x, tx, t);
            clv += value * (upTo - before) / Math.Pow(1 + monthlyDiscountRate, month);
            before = upTo;
        }

        return clv;
    }
}
