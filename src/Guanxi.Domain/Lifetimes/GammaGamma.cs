using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Guanxi.Domain.Lifetimes;

/// <summary>Gamma-Gamma spend parameters (Fader &amp; Hardie 2013): p, q and γ (scale).</summary>
public readonly record struct GammaGammaParameters(double P, double Q, double Gamma);

/// <summary>A Gamma-Gamma fit and its total log-likelihood.</summary>
public readonly record struct GammaGammaFit(GammaGammaParameters Parameters, double LogLikelihood);

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

    /// <summary>Fit on the customers with frequency &gt; 0 (the others carry no spend information).</summary>
    public static GammaGammaFit Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue)
    {
        if (monetaryValue.Length != frequency.Length)
        {
            throw new ArgumentException("Frequency and monetary value must be of equal length.");
        }

        var xs = new List<double>();
        var ms = new List<double>();
        for (int i = 0; i < frequency.Length; i++)
        {
            if (frequency[i] > 0 && monetaryValue[i] > 0)
            {
                xs.Add(frequency[i]);
                ms.Add(monetaryValue[i]);
            }
        }

        if (xs.Count == 0)
        {
            throw new ArgumentException("Gamma-Gamma needs at least one customer with a repeat purchase.");
        }

        // ln m and x·m do not depend on the parameters, and the log-gammas only on x: computed once, not per evaluation.
        var groups = new FrequencyGroups(xs);
        var lnM = ms.Select(m => Math.Log(m)).ToArray();
        var xm = xs.Select((x, i) => x * ms[i]).ToArray();
        var lnX = xs.Select(x => Math.Log(x)).ToArray();
        var perCount = new double[groups.Values.Length];
        double Total(GammaGammaParameters p)
        {
            double lnGammaQ = SpecialFunctions.GammaLn(p.Q);
            double qLnGamma = p.Q * Math.Log(p.Gamma);
            for (int g = 0; g < perCount.Length; g++)
            {
                double px = p.P * groups.Values[g];
                perCount[g] = SpecialFunctions.GammaLn(px + p.Q) - SpecialFunctions.GammaLn(px) - lnGammaQ + qLnGamma;
            }

            double sum = 0;
            for (int i = 0; i < xs.Count; i++)
            {
                double px = p.P * xs[i];
                sum += perCount[groups.Group[i]] + ((px - 1) * lnM[i]) + (px * lnX[i]) - ((px + p.Q) * Math.Log(xm[i] + p.Gamma));
            }

            return sum;
        }

        double Objective(Vector<double> v)
        {
            double ll = Total(new GammaGammaParameters(Math.Exp(v[0]), Math.Exp(v[1]), Math.Exp(v[2]))) / xs.Count;
            return double.IsFinite(ll) ? -ll : double.MaxValue;
        }

        var best = LogParameterMinimizer.Minimize(Objective, Vector<double>.Build.Dense(3, 0.0));
        var fitted = new GammaGammaParameters(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]));
        return new GammaGammaFit(fitted, Total(fitted));
    }

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
