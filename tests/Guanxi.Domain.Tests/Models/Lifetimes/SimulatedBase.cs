using Guanxi.Domain.Models.Lifetimes;
using MathNet.Numerics.Distributions;

namespace Guanxi.Domain.Tests.Models.Lifetimes;

/// <summary>
/// A customer base drawn from the BG/NBD and Gamma-Gamma models themselves, so the true parameters are known:
/// each customer buys at a rate λ ~ Gamma(r, α) until they drop out, with probability p ~ Beta(a, b) after each
/// repeat purchase; each purchase is worth z ~ Gamma(p, ν) with ν ~ Gamma(q, γ). Times in days, amounts in the
/// money unit of γ.
/// </summary>
internal sealed class SimulatedBase
{
    public required double[] Frequency { get; init; }
    public required double[] Recency { get; init; }
    public required double[] Age { get; init; }
    public required double[] MonetaryValue { get; init; }

    public static SimulatedBase Draw(int customers, BgNbdParameters purchases, GammaGammaParameters spend, int seed, double maxAgeDays = 365)
    {
        var rng = new Random(seed);
        var frequency = new double[customers];
        var recency = new double[customers];
        var age = new double[customers];
        var monetary = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            // First purchases spread over the observation window: ages from a tenth of it to all of it, in whole days.
            double t = Math.Round(maxAgeDays * (0.1 + (0.9 * rng.NextDouble())));
            double lambda = Gamma.Sample(rng, purchases.R, purchases.Alpha);
            double dropOut = Beta.Sample(rng, purchases.A, purchases.B);
            double now = 0;
            int x = 0;
            double last = 0;
            while (true)
            {
                now += Exponential.Sample(rng, lambda);
                if (now > t)
                {
                    break;
                }

                x++;
                last = now;
                if (rng.NextDouble() < dropOut)
                {
                    break;
                }
            }

            frequency[i] = x;
            recency[i] = last;
            age[i] = t;
            if (x > 0)
            {
                // The mean of x purchases of Gamma(p, ν) each: Gamma(p·x, ν) / x.
                double nu = Gamma.Sample(rng, spend.Q, spend.Gamma);
                monetary[i] = Gamma.Sample(rng, spend.P * x, nu) / x;
            }
        }

        return new SimulatedBase { Frequency = frequency, Recency = recency, Age = age, MonetaryValue = monetary };
    }

    /// <summary>The same customers with times divided by <paramref name="time"/> and amounts multiplied by <paramref name="money"/>.</summary>
    public SimulatedBase Rescaled(double time, double money) => new()
    {
        Frequency = Frequency,
        Recency = Recency.Select(v => v / time).ToArray(),
        Age = Age.Select(v => v / time).ToArray(),
        MonetaryValue = MonetaryValue.Select(v => v * money).ToArray(),
    };
}
