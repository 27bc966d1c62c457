namespace Guanxi.Domain.Models.Lifetimes;

/// <summary>The Gauss hypergeometric function 2F1 for the BG/NBD's arguments (a, b, c &gt; 0, 0 ≤ z &lt; 1).</summary>
public static class Hypergeometric
{
    /// <summary>ln 2F1(a, b; c; z) by the power series, summed in log space to survive large terms.</summary>
    public static double LogHyp2F1(double a, double b, double c, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, 1.0);

        // Near z = 1 the series converges slowly; Euler's transformation
        // 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) gives the same value with smaller terms when c-a-b < 0.
        if (z > 0.5 && c - a - b < 0 && c - a > 0 && c - b > 0)
        {
            return ((c - a - b) * Math.Log(1 - z)) + LogSeries(c - a, c - b, c, z);
        }

        return LogSeries(a, b, c, z);
    }

    private static double LogSeries(double a, double b, double c, double z)
    {
        // Terms are scaled by a running factor so that sums of huge terms do not overflow.
        double logScale = 0;
        double term = 1;
        double sum = 1;
        for (int k = 0; k < 1_000_000; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum))
            {
                break;
            }

            if (Math.Abs(sum) > 1e250)
            {
                logScale += Math.Log(Math.Abs(sum));
                term /= Math.Abs(sum);
                sum /= Math.Abs(sum);
            }
        }

        return logScale + Math.Log(sum);
    }
}
