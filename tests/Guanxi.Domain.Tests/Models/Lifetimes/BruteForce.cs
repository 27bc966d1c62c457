using Guanxi.Domain.Models.Lifetimes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Guanxi.Domain.Tests.Models.Lifetimes;

/// <summary>
/// A slow reference maximum: Nelder-Mead, restarted until it stops improving, on the plain per-customer
/// log-likelihoods (<see cref="BgNbd.LogLikelihood(BgNbdParameters, double, double, double)"/>,
/// <see cref="GammaGamma.LogLikelihood"/>), from the true parameters and from random points around them.
/// Nothing of the production search is shared: not the grouping, the scaling, the gradients nor the starts.
/// </summary>
internal static class BruteForce
{
    public static double BgNbdMaximum(SimulatedBase data, BgNbdParameters truth, int seed, int randomStarts = 2)
    {
        // The distinct customers with their counts: the same sum, evaluated faster.
        var groups = Enumerable.Range(0, data.Frequency.Length)
            .GroupBy(i => (data.Frequency[i], data.Recency[i], data.Age[i]))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, Count: (double)g.Count()))
            .ToArray();
        double LogLikelihood(Vector<double> v)
        {
            var p = new BgNbdParameters(Math.Exp(v[0]), Math.Exp(v[1]), Math.Exp(v[2]), Math.Exp(v[3]));
            double sum = 0;
            foreach (var (x, tx, t, count) in groups)
            {
                sum += count * BgNbd.LogLikelihood(p, x, tx, t);
            }

            return sum;
        }

        double[] start = [Math.Log(truth.R), Math.Log(truth.Alpha), Math.Log(truth.A), Math.Log(truth.B)];
        return Maximum(LogLikelihood, start, seed, randomStarts);
    }

    public static double GammaGammaMaximum(SimulatedBase data, GammaGammaParameters truth, int seed, int randomStarts = 2)
    {
        var buyers = Enumerable.Range(0, data.Frequency.Length).Where(i => data.Frequency[i] > 0 && data.MonetaryValue[i] > 0).ToArray();
        double LogLikelihood(Vector<double> v)
        {
            var p = new GammaGammaParameters(Math.Exp(v[0]), Math.Exp(v[1]), Math.Exp(v[2]));
            double sum = 0;
            foreach (int i in buyers)
            {
                sum += GammaGamma.LogLikelihood(p, data.Frequency[i], data.MonetaryValue[i]);
            }

            return sum;
        }

        double[] start = [Math.Log(truth.P), Math.Log(truth.Q), Math.Log(truth.Gamma)];
        return Maximum(LogLikelihood, start, seed, randomStarts);
    }

    private static double Maximum(Func<Vector<double>, double> logLikelihood, double[] truth, int seed, int randomStarts)
    {
        var rng = new Random(seed);
        double best = double.NegativeInfinity;
        for (int s = 0; s <= randomStarts; s++)
        {
            // Random starts up to a factor e^1.5 away from the truth in every parameter.
            var point = Vector<double>.Build.DenseOfArray(truth.Select(v => s == 0 ? v : v + (3 * (rng.NextDouble() - 0.5))).ToArray());
            double previous = double.NegativeInfinity;
            for (int round = 0; round < 8; round++)
            {
                MinimizationResult result;
                try
                {
                    result = new NelderMeadSimplex(1e-10, 20_000).FindMinimum(
                        ObjectiveFunction.Value(v => logLikelihood(v) is var ll && double.IsFinite(ll) ? -ll : double.MaxValue), point);
                }
                catch (MaximumIterationsException)
                {
                    // A simplex crawling along a ridge: this start gives up, the others still count.
                    break;
                }

                point = result.MinimizingPoint;
                double value = -result.FunctionInfoAtMinimum.Value;
                if (value - previous < 1e-6)
                {
                    break;
                }

                previous = value;
            }

            best = Math.Max(best, logLikelihood(point));
        }

        return best;
    }
}
