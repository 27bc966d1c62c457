using MathNet.Numerics;

namespace Guanxi.Domain.Models.Lifetimes;

/// <summary>BG/NBD parameters (Fader, Hardie &amp; Lee 2005), in the time unit of the data they were fitted on.</summary>
public readonly record struct BgNbdParameters(double R, double Alpha, double A, double B);

/// <summary>A maximum-likelihood fit: the parameters, the total log-likelihood at them, and whether to trust them.</summary>
public readonly record struct BgNbdFit(BgNbdParameters Parameters, double LogLikelihood)
{
    public FitVerdict Verdict { get; init; } = FitVerdict.Unchecked;

    public bool Converged => Verdict.Converged;
}

/// <summary>
/// The BG/NBD model on recency/frequency summaries: x = repeat purchases, t_x = time of the last repeat
/// purchase since the first, T = age since the first purchase. Formulas follow the lifetimes library.
/// </summary>
public static class BgNbd
{
    /// <summary>Log-likelihood of one customer.</summary>
    public static double LogLikelihood(BgNbdParameters p, double x, double tx, double t)
    {
        double a1 = SpecialFunctions.GammaLn(p.R + x) - SpecialFunctions.GammaLn(p.R) + (p.R * Math.Log(p.Alpha));
        double a2 = SpecialFunctions.GammaLn(p.A + p.B) + SpecialFunctions.GammaLn(p.B + x)
            - SpecialFunctions.GammaLn(p.B) - SpecialFunctions.GammaLn(p.A + p.B + x);
        double a3 = -(p.R + x) * Math.Log(p.Alpha + t);
        if (x <= 0)
        {
            return a1 + a2 + a3;
        }

        double a4 = Math.Log(p.A) - Math.Log(p.B + x - 1) - ((p.R + x) * Math.Log(p.Alpha + tx));

        // log(e^a3 + e^a4) without overflow.
        double max = Math.Max(a3, a4);
        return a1 + a2 + max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
    }

    /// <summary>Total log-likelihood of a customer base.</summary>
    public static double LogLikelihood(BgNbdParameters p, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        double sum = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            sum += LogLikelihood(p, frequency[i], recency[i], age[i]);
        }

        return sum;
    }

    /// <summary>
    /// Maximum-likelihood fit, in the data's time unit whatever it is (see <see cref="GroupedFits"/>). Check
    /// <see cref="BgNbdFit.Verdict"/> before using the parameters.
    /// </summary>
    public static BgNbdFit Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        if (frequency.Length == 0 || recency.Length != frequency.Length || age.Length != frequency.Length)
        {
            throw new ArgumentException("Frequency, recency and age must be non-empty and of equal length.");
        }

        // One implementation of the likelihood: the grouped one (log-gamma terms once per distinct count).
        return GroupedFits.FitBgNbd(frequency, recency, age);
    }

    /// <summary>P(alive) of a customer with history (x, t_x, T).</summary>
    public static double ProbabilityAlive(BgNbdParameters p, double x, double tx, double t)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        double logRatio = ((p.R + x) * Math.Log((p.Alpha + t) / (p.Alpha + tx))) + Math.Log(p.A / (p.B + x - 1));
        return 1.0 / (1.0 + Math.Exp(logRatio));
    }

    /// <summary>Expected purchases in the next <paramref name="periods"/> of a customer with history (x, t_x, T).</summary>
    public static double ConditionalExpectedPurchases(BgNbdParameters p, double periods, double x, double tx, double t)
    {
        if (periods <= 0)
        {
            return 0;
        }

        double ha = p.R + x;
        double hb = p.B + x;
        double hc = p.A + p.B + x - 1;
        double z = periods / (p.Alpha + t + periods);
        double lnHyp = Hypergeometric.LogHyp2F1(ha, hb, hc, z);
        double first = (p.A + p.B + x - 1) / (p.A - 1);
        double second = 1 - Math.Exp(lnHyp + ((p.R + x) * Math.Log((p.Alpha + t) / (p.Alpha + periods + t))));
        double denominator = 1;
        if (x > 0)
        {
            denominator += p.A / (p.B + x - 1) * Math.Pow((p.Alpha + t) / (p.Alpha + tx), p.R + x);
        }

        return first * second / denominator;
    }

    /// <summary>Expected purchases of a new customer in a period of length <paramref name="periods"/>.</summary>
    public static double ExpectedPurchases(BgNbdParameters p, double periods)
    {
        double z = periods / (p.Alpha + periods);
        double hyp = Math.Exp(Hypergeometric.LogHyp2F1(p.R, p.B, p.A + p.B - 1, z));
        return (p.A + p.B - 1) / (p.A - 1) * (1 - (Math.Pow(p.Alpha / (p.Alpha + periods), p.R) * hyp));
    }
}
