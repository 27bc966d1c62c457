using MathNet.Numerics.LinearAlgebra;

namespace Guanxi.Domain.Models.Lifetimes;

/// <summary>
/// The mean log-likelihood per customer as a function of the logarithms of the parameters (which keeps them
/// positive without constraints). Returns the value and, when <c>gradient</c> is not null, fills it with the
/// derivatives with respect to the log-parameters. Non-finite where the likelihood cannot be evaluated.
/// </summary>
internal delegate double MeanLogLikelihood(ReadOnlySpan<double> logTheta, Span<double> gradient);

/// <summary>What the multi-start search found, before a model turns it into a <see cref="FitVerdict"/>.</summary>
internal sealed record MaximumCheck(
    double[] LogTheta,
    double MeanLogLikelihood,
    double Gradient,
    int Starts,
    int StartsAgreeing,
    bool[] AtBound,
    bool[] Flat);

/// <summary>
/// Multi-start maximum likelihood: every candidate start is evaluated, quasi-Newton (BFGS with a backtracking
/// line search, on analytic gradients) runs from the best few until two agree, the best result is polished by a fresh restart
/// and then checked: numerical gradient, agreement of the starts, parameters running off to a bound, and
/// flat directions of the Hessian (a standard error of a log-parameter above about 2, i.e. a factor of e²).
/// </summary>
internal static class LogLikelihoodMaximizer
{
    /// <summary>|ln θ| beyond this (on data scaled to typical values of 1) is a parameter running off to 0 or ∞.</summary>
    public const double BoundLogParameter = 12;

    // The search box: far enough beyond the bound to see a parameter run, close enough for log-gamma differences to keep their digits.
    private const double Box = 16;

    // Optimised starts; the remaining candidates are only evaluated.
    private const int OptimisedStarts = 4;

    // Largest acceptable |∂ mean log-likelihood / ∂ ln θ|: far above what BFGS leaves at a maximum, far below a stalled search.
    private const double GradientLimit = 1e-4;

    // An eigenvalue of the total log-likelihood's negative Hessian below this is a standard error above 2 along its direction.
    private const double FlatCurvature = 0.25;

    public static MaximumCheck Maximize(MeanLogLikelihood f, IReadOnlyList<double[]> candidates, double customers)
    {
        int dim = candidates[0].Length;
        var ranked = candidates
            .Select(c => (Start: c.Select(v => Math.Clamp(v, -Box, Box)).ToArray(), Value: f(c, default)))
            .Where(c => double.IsFinite(c.Value))
            .OrderByDescending(c => c.Value)
            .Take(OptimisedStarts)
            .ToList();
        if (ranked.Count == 0)
        {
            return new MaximumCheck(candidates[0], double.NaN, double.NaN, 0, 0, new bool[dim], new bool[dim]);
        }

        // Climb from the best-looking starts in turn; two that reach the same maximum settle it, and the rest are skipped.
        double tolerance = (0.01 + (1e-8 * customers)) / customers;
        var results = new List<(double[] Point, double Value)>();
        foreach (var (start, _) in ranked)
        {
            results.Add(Climb(f, start));
            double top = results.Max(r => r.Value);
            if (results.Count(r => r.Value >= top - tolerance) >= 2)
            {
                break;
            }
        }

        var best = results.MaxBy(r => r.Value);

        // A fresh restart from the best point resets BFGS's curvature estimate: it either confirms or improves it.
        var polished = Climb(f, best.Point);
        if (polished.Value >= best.Value)
        {
            best = polished;
        }

        int agreeing = results.Count(r => r.Value >= best.Value - tolerance);
        if (agreeing < 2)
        {
            // Only one start found the best value: restart from points around it to see whether they come back.
            foreach (double shift in new[] { 0.5, -0.5 })
            {
                var around = Climb(f, best.Point.Select((v, i) => v + (i % 2 == 0 ? shift : -shift)).ToArray());
                if (around.Value > best.Value)
                {
                    best = around;
                }

                results.Add(around);
            }

            agreeing = results.Count(r => r.Value >= best.Value - tolerance);
        }

        var atBound = best.Point.Select(v => Math.Abs(v) > BoundLogParameter).ToArray();
        return new MaximumCheck(
            best.Point, best.Value, NumericalGradient(f, best.Point, atBound), results.Count, agreeing, atBound,
            FlatDirections(f, best.Point, customers));
    }

    /// <summary>Why the search itself cannot be trusted (no finite value, gradient not zero, a lone best start), or null.</summary>
    public static string? SearchProblem(MaximumCheck check)
    {
        if (!double.IsFinite(check.MeanLogLikelihood))
        {
            return "the log-likelihood cannot be evaluated at any starting point";
        }

        if (!(check.Gradient <= GradientLimit))
        {
            return FormattableString.Invariant($"the search stopped where the gradient is not zero ({check.Gradient:G3} per customer)");
        }

        return check.StartsAgreeing < 2
            ? FormattableString.Invariant($"only one of {check.Starts} starting points reached the best log-likelihood")
            : null;
    }

    /// <summary>Central differences of the mean log-likelihood; coordinates beyond the bound are left out.</summary>
    private static double NumericalGradient(MeanLogLikelihood f, double[] point, bool[] atBound)
    {
        const double h = 1e-5;
        double largest = 0;
        var probe = (double[])point.Clone();
        for (int i = 0; i < point.Length; i++)
        {
            // A parameter running off is judged by the bound rule; out there, differences of log-gammas of numbers in
            // the millions keep too few digits for a numerical derivative anyway.
            if (atBound[i])
            {
                continue;
            }

            probe[i] = point[i] + h;
            double up = f(probe, default);
            probe[i] = point[i] - h;
            double down = f(probe, default);
            probe[i] = point[i];
            double g = (up - down) / (2 * h);
            largest = double.IsFinite(g) ? Math.Max(largest, Math.Abs(g)) : double.PositiveInfinity;
        }

        return largest;
    }

    /// <summary>
    /// Parameters with a large share in a direction of (near) zero curvature of the total log-likelihood: along it the
    /// likelihood changes by less than half a unit over a factor of e² in the parameters.
    /// </summary>
    private static bool[] FlatDirections(MeanLogLikelihood f, double[] point, double customers)
    {
        const double h = 1e-4;
        int dim = point.Length;
        var hessian = Matrix<double>.Build.Dense(dim, dim);
        var up = new double[dim];
        var down = new double[dim];
        var probe = (double[])point.Clone();
        for (int j = 0; j < dim; j++)
        {
            probe[j] = point[j] + h;
            f(probe, up);
            probe[j] = point[j] - h;
            f(probe, down);
            probe[j] = point[j];
            for (int i = 0; i < dim; i++)
            {
                hessian[i, j] = -(up[i] - down[i]) / (2 * h) * customers;
            }
        }

        var flat = new bool[dim];
        var symmetric = (hessian + hessian.Transpose()) / 2;
        if (!symmetric.Enumerate().All(double.IsFinite))
        {
            return flat;
        }

        var evd = symmetric.Evd(Symmetricity.Symmetric);
        for (int k = 0; k < dim; k++)
        {
            if (evd.EigenValues[k].Real >= FlatCurvature)
            {
                continue;
            }

            for (int i = 0; i < dim; i++)
            {
                flat[i] |= Math.Abs(evd.EigenVectors[i, k]) >= 0.3;
            }
        }

        return flat;
    }

    /// <summary>BFGS uphill on the mean log-likelihood inside the box |ln θ| ≤ 16; coordinates pressed against the box are held there.</summary>
    private static (double[] Point, double Value) Climb(MeanLogLikelihood f, double[] start)
    {
        int dim = start.Length;
        var x = start.Select(v => Math.Clamp(v, -Box, Box)).ToArray();
        var g = new double[dim];
        double value = f(x, g);
        if (!double.IsFinite(value))
        {
            return (x, double.NegativeInfinity);
        }

        var inverse = Identity(dim);
        var held = new bool[dim];
        var next = new double[dim];
        var gNext = new double[dim];
        var direction = new double[dim];
        int stalled = 0;
        for (int iteration = 0; iteration < 500; iteration++)
        {
            // Hold a coordinate at the box while the likelihood still rises outwards; release it when it turns.
            bool changed = false;
            for (int i = 0; i < dim; i++)
            {
                bool hold = (x[i] >= Box && g[i] > 0) || (x[i] <= -Box && g[i] < 0);
                changed |= hold != held[i];
                held[i] = hold;
            }

            if (changed)
            {
                inverse = Identity(dim);
            }

            double largest = 0;
            for (int i = 0; i < dim; i++)
            {
                largest = held[i] ? largest : Math.Max(largest, Math.Abs(g[i]));
            }

            if (largest < 1e-10)
            {
                break;
            }

            // Ascent direction H·g on the free coordinates; steepest ascent when curvature information points downhill.
            double slope = 0;
            for (int i = 0; i < dim; i++)
            {
                double d = 0;
                for (int j = 0; j < dim; j++)
                {
                    d += held[j] ? 0 : inverse[i, j] * g[j];
                }

                direction[i] = held[i] ? 0 : d;
                slope += direction[i] * g[i];
            }

            if (!(slope > 0))
            {
                inverse = Identity(dim);
                slope = 0;
                for (int i = 0; i < dim; i++)
                {
                    direction[i] = held[i] ? 0 : g[i];
                    slope += direction[i] * g[i];
                }
            }

            // At most 2 in any log-parameter per step (a factor of e²): no leap into overflow.
            double longest = direction.Max(Math.Abs);
            double step = longest > 2 ? 2 / longest : 1;
            double nextValue = double.NegativeInfinity;
            bool accepted = false;
            for (int halving = 0; halving < 60; halving++)
            {
                for (int i = 0; i < dim; i++)
                {
                    next[i] = Math.Clamp(x[i] + (step * direction[i]), -Box, Box);
                }

                nextValue = f(next, gNext);
                double rise = 0;
                for (int i = 0; i < dim; i++)
                {
                    rise += (next[i] - x[i]) * g[i];
                }

                if (double.IsFinite(nextValue) && nextValue >= value + (1e-4 * rise))
                {
                    accepted = true;
                    break;
                }

                step /= 2;
            }

            if (!accepted)
            {
                break;
            }

            // BFGS update of the inverse Hessian of -f from s = Δx, y = -Δg.
            var s = new double[dim];
            var y = new double[dim];
            double sy = 0;
            for (int i = 0; i < dim; i++)
            {
                s[i] = next[i] - x[i];
                y[i] = g[i] - gNext[i];
                sy += s[i] * y[i];
            }

            if (sy > 1e-14)
            {
                Update(inverse, s, y, sy);
            }

            stalled = nextValue - value < 1e-15 * (1 + Math.Abs(value)) ? stalled + 1 : 0;
            Array.Copy(next, x, dim);
            Array.Copy(gNext, g, dim);
            value = nextValue;
            if (stalled >= 3)
            {
                break;
            }
        }

        return (x, value);
    }

    private static double[,] Identity(int dim)
    {
        var m = new double[dim, dim];
        for (int i = 0; i < dim; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }

    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        int dim = s.Length;
        double rho = 1 / sy;
        var hy = new double[dim];
        double yhy = 0;
        for (int i = 0; i < dim; i++)
        {
            for (int j = 0; j < dim; j++)
            {
                hy[i] += h[i, j] * y[j];
            }

            yhy += y[i] * hy[i];
        }

        // H' = H - ρ(H y sᵀ + s yᵀ H) + (ρ² yᵀHy + ρ) s sᵀ
        for (int i = 0; i < dim; i++)
        {
            for (int j = 0; j < dim; j++)
            {
                h[i, j] += (-rho * ((hy[i] * s[j]) + (s[i] * hy[j]))) + (((rho * rho * yhy) + rho) * s[i] * s[j]);
            }
        }
    }
}
