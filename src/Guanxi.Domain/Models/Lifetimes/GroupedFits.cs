using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Guanxi.Domain.Models.Lifetimes;

/// <summary>
/// The maximum-likelihood fits behind <see cref="BgNbd.Fit"/> and <see cref="GammaGamma.Fit"/>, with the
/// likelihood regrouped for speed: identical (x, t_x, T) histories are counted once with a weight, and the
/// log-gamma and digamma terms, which depend on x only, are computed once per distinct x. In daily data this
/// turns about a hundred thousand log-gamma calls per likelihood into a few hundred.
/// <para>
/// The fits do not depend on the units of the data: times are divided by the mean age T and amounts by the
/// median spend before fitting, so that every parameter is of order 1 whatever the unit, and α and γ are scaled
/// back afterwards. Several data-driven starts are tried (<see cref="LogLikelihoodMaximizer"/>) and the result
/// carries a <see cref="FitVerdict"/>: whether it is a maximum, and which parameters the data leave flat.
/// </para>
/// </summary>
public static class GroupedFits
{
    public static BgNbdFit FitBgNbd(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        if (frequency.Length == 0 || recency.Length != frequency.Length || age.Length != frequency.Length)
        {
            throw new ArgumentException("Frequency, recency and age must be non-empty and of equal length.");
        }

        var data = BgNbdData.Group(frequency, recency, age);
        if (data.RepeatPurchases <= 0)
        {
            var nothing = new BgNbdParameters(double.NaN, double.NaN, double.NaN, double.NaN);
            return new BgNbdFit(nothing, double.NaN)
            {
                Verdict = new FitVerdict { Warning = "BG/NBD: nobody made a repeat purchase, so the purchase rate cannot be estimated." },
            };
        }

        // Starts in the scaled unit (mean age = 1): purchase rates r/α around the observed mean rate, and drop-out
        // probabilities a/(a+b) from 1 % to 50 % with more or less heterogeneity; plus the classic (1, 1, 1, 1).
        double rate = data.RepeatPurchases / data.Customers / data.MeanAge;
        var starts = new List<double[]> { new double[4] };
        foreach (double r in new[] { 0.25, 1, 4 })
        {
            foreach (var (a, b) in new[] { (1.0, 3.0), (0.5, 5.0), (2.0, 2.0), (0.2, 20.0) })
            {
                starts.Add([Math.Log(r), Math.Log(r / rate), Math.Log(a), Math.Log(b)]);
            }
        }

        var check = LogLikelihoodMaximizer.Maximize(data.MeanLogLikelihood, starts, data.Customers);
        var fitted = new BgNbdParameters(
            Math.Exp(check.LogTheta[0]), Math.Exp(check.LogTheta[1]) * data.TimeScale, Math.Exp(check.LogTheta[2]), Math.Exp(check.LogTheta[3]));

        // The likelihood in the data's own unit: each purchase time's density carries a factor 1/scale.
        double logLikelihood = (check.MeanLogLikelihood * data.Customers) - (data.RepeatPurchases * Math.Log(data.TimeScale));
        return new BgNbdFit(fitted, logLikelihood) { Verdict = BgNbdVerdict(check, fitted) };
    }

    /// <summary>Gamma-Gamma on the customers with frequency &gt; 0 and a positive mean order value.</summary>
    public static GammaGammaFit FitGammaGamma(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue)
    {
        if (monetaryValue.Length != frequency.Length)
        {
            throw new ArgumentException("Frequency and monetary value must be of equal length.");
        }

        var data = GammaGammaData.Select(frequency, monetaryValue);
        if (data.Customers == 0)
        {
            throw new ArgumentException("Gamma-Gamma needs at least one customer with a repeat purchase.");
        }

        // Starts in the scaled unit (median spend = 1): shapes p and q on a small grid with γ set so that the
        // population mean pγ/(q−1) equals the observed mean, the method-of-moments point, and the classic (1, 1, 1).
        var starts = new List<double[]> { new double[3] };
        foreach (double p in new[] { 0.5, 2, 8 })
        {
            foreach (double q in new[] { 1.5, 3, 10 })
            {
                starts.Add([Math.Log(p), Math.Log(q), Math.Log(data.MeanSpend * (q - 1) / p)]);
            }
        }

        if (data.MomentsStart() is { } moments)
        {
            starts.Add(moments);
        }

        var check = LogLikelihoodMaximizer.Maximize(data.MeanLogLikelihood, starts, data.Customers);
        var fitted = new GammaGammaParameters(
            Math.Exp(check.LogTheta[0]), Math.Exp(check.LogTheta[1]), Math.Exp(check.LogTheta[2]) * data.MoneyScale);

        // The density of a mean spend carries a factor 1/scale per customer.
        double logLikelihood = (check.MeanLogLikelihood * data.Customers) - (data.Customers * Math.Log(data.MoneyScale));
        return new GammaGammaFit(fitted, logLikelihood) { Verdict = GammaGammaVerdict(check, fitted) };
    }

    private static readonly string[] BgNbdNames = ["r", "alpha", "a", "b"];
    private static readonly string[] GammaGammaNames = ["p", "q", "gamma"];

    private static FitVerdict BgNbdVerdict(MaximumCheck check, BgNbdParameters p)
    {
        var common = Common(check, BgNbdNames);

        // r and α carry the purchase rate: one running off means there is no maximum to report.
        if (RunningOff(check, BgNbdNames, 0, 1) is { } running)
        {
            return common with { Converged = false, Warning = $"BG/NBD did not converge: {running} (no maximum inside the parameter space)." };
        }

        if (LogLikelihoodMaximizer.SearchProblem(check) is { } problem)
        {
            return common with { Converged = false, Warning = $"BG/NBD did not converge: {problem}." };
        }

        // a and b carry the drop-out. When almost nobody drops out the likelihood flattens along them (or they run off
        // towards a/(a+b) → 0): every prediction is that of a base without drop-out, but a and b themselves are arbitrary.
        var flat = common.NotIdentified;
        if (flat.Count == 0)
        {
            return common with { Converged = true };
        }

        double dropOut = p.A / (p.A + p.B);
        string names = string.Join(" and ", flat);
        string why = flat.Contains("a") || flat.Contains("b")
            ? (dropOut < 0.05
                ? string.Create(CultureInfo.InvariantCulture, $"almost nobody appears to drop out, a/(a+b) = {dropOut:G2}, so P(alive) stays near 1")
                : "the data say little about drop-out")
            : "the data say little about them";
        return common with
        {
            Converged = true,
            Warning = $"BG/NBD: {names} not identified (the likelihood is flat along them): {why}; the values of {names} are arbitrary.",
        };
    }

    private static FitVerdict GammaGammaVerdict(MaximumCheck check, GammaGammaParameters p)
    {
        var common = Common(check, GammaGammaNames);
        if (RunningOff(check, GammaGammaNames, 0, 1, 2) is { } running)
        {
            return common with { Converged = false, Warning = $"Gamma-Gamma did not converge: {running} (no maximum inside the parameter space)." };
        }

        if (LogLikelihoodMaximizer.SearchProblem(check) is { } problem)
        {
            return common with { Converged = false, Warning = $"Gamma-Gamma did not converge: {problem}." };
        }

        var notes = new List<string>();
        if (common.NotIdentified.Count > 0)
        {
            string names = string.Join(" and ", common.NotIdentified);
            notes.Add($"{names} not identified (the likelihood is flat along them): the values of {names} are arbitrary");
        }

        if (!(p.Q > 1))
        {
            notes.Add("q ≤ 1: the population has no finite mean spend per purchase");
        }

        return common with { Converged = true, Warning = notes.Count == 0 ? null : "Gamma-Gamma: " + string.Join("; ", notes) + "." };
    }

    private static FitVerdict Common(MaximumCheck check, string[] names) => new()
    {
        Gradient = check.Gradient,
        Starts = check.Starts,
        StartsAgreeing = check.StartsAgreeing,
        NotIdentified = names.Where((_, i) => check.Flat[i] || check.AtBound[i]).ToArray(),
    };

    private static string? RunningOff(MaximumCheck check, string[] names, params int[] which)
    {
        var off = which.Where(i => check.AtBound[i])
            .Select(i => $"{names[i]} runs off towards {(check.LogTheta[i] > 0 ? "∞" : "0")}")
            .ToList();
        return off.Count == 0 ? null : string.Join(" and ", off);
    }

    /// <summary>Distinct BG/NBD histories in the scaled time unit, with the likelihood and its gradient.</summary>
    private sealed class BgNbdData
    {
        public required double[] X { get; init; }

        /// <summary>Distinct scaled times (ages and recencies together): their logarithms are computed once each.</summary>
        public required double[] Times { get; init; }
        public required int[] TxIndex { get; init; }
        public required int[] TIndex { get; init; }
        public required double[] Weight { get; init; }
        public required double[] XValues { get; init; }
        public required int[] SlotOf { get; init; }
        public double Customers { get; init; }
        public double RepeatPurchases { get; init; }
        public double TimeScale { get; init; }

        /// <summary>Mean age in the scaled unit: 1 unless every age is 0.</summary>
        public double MeanAge { get; init; }

        public static BgNbdData Group(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
        {
            double sumAge = 0;
            double sumX = 0;
            for (int i = 0; i < age.Length; i++)
            {
                sumAge += age[i];
                sumX += frequency[i];
            }

            double scale = sumAge > 0 ? sumAge / age.Length : 1;
            var index = new Dictionary<(double, double, double), int>();
            var xs = new List<double>();
            var txs = new List<double>();
            var ts = new List<double>();
            var weights = new List<double>();
            for (int i = 0; i < frequency.Length; i++)
            {
                var key = (frequency[i], recency[i], age[i]);
                if (index.TryGetValue(key, out int k))
                {
                    weights[k]++;
                }
                else
                {
                    index.Add(key, xs.Count);
                    xs.Add(key.Item1);
                    txs.Add(key.Item2 / scale);
                    ts.Add(key.Item3 / scale);
                    weights.Add(1);
                }
            }

            var xValues = xs.Distinct().ToArray();
            var xSlot = new Dictionary<double, int>();
            for (int k = 0; k < xValues.Length; k++)
            {
                xSlot[xValues[k]] = k;
            }

            var times = txs.Concat(ts).Distinct().ToArray();
            var timeSlot = new Dictionary<double, int>();
            for (int k = 0; k < times.Length; k++)
            {
                timeSlot[times[k]] = k;
            }

            return new BgNbdData
            {
                X = xs.ToArray(),
                Times = times,
                TxIndex = txs.Select(v => timeSlot[v]).ToArray(),
                TIndex = ts.Select(v => timeSlot[v]).ToArray(),
                Weight = weights.ToArray(),
                XValues = xValues,
                SlotOf = xs.Select(x => xSlot[x]).ToArray(),
                Customers = frequency.Length,
                RepeatPurchases = sumX,
                TimeScale = scale,
                MeanAge = sumAge > 0 ? 1 : 0,
            };
        }

        public double MeanLogLikelihood(ReadOnlySpan<double> logTheta, Span<double> gradient)
        {
            double r = Math.Exp(logTheta[0]);
            double alpha = Math.Exp(logTheta[1]);
            double a = Math.Exp(logTheta[2]);
            double b = Math.Exp(logTheta[3]);
            bool wantGradient = !gradient.IsEmpty;
            int distinct = XValues.Length;
            var perX = new double[distinct];
            var dR = new double[distinct];
            var dA = new double[distinct];
            var dB = new double[distinct];
            var a4Constant = new double[distinct];
            double lnGammaR = SpecialFunctions.GammaLn(r);
            double lnGammaAB = SpecialFunctions.GammaLn(a + b);
            double lnGammaB = SpecialFunctions.GammaLn(b);
            double lnAlpha = Math.Log(alpha);
            double lnA = Math.Log(a);
            double psiR = wantGradient ? SpecialFunctions.DiGamma(r) : 0;
            double psiAB = wantGradient ? SpecialFunctions.DiGamma(a + b) : 0;
            double psiB = wantGradient ? SpecialFunctions.DiGamma(b) : 0;
            for (int k = 0; k < distinct; k++)
            {
                double xv = XValues[k];
                // Log-gammas pair up into small differences before they meet the r terms: with b in the millions
                // (nobody drops out) the single terms are huge and would swamp the r terms' last digits.
                perX[k] = (SpecialFunctions.GammaLn(r + xv) - lnGammaR + (r * lnAlpha))
                    + ((lnGammaAB - SpecialFunctions.GammaLn(a + b + xv)) + (SpecialFunctions.GammaLn(b + xv) - lnGammaB));
                a4Constant[k] = xv > 0 ? lnA - Math.Log(b + xv - 1) : 0;
                if (wantGradient)
                {
                    double psiABX = SpecialFunctions.DiGamma(a + b + xv);
                    dR[k] = SpecialFunctions.DiGamma(r + xv) - psiR + lnAlpha;
                    dA[k] = psiAB - psiABX;
                    dB[k] = psiAB + SpecialFunctions.DiGamma(b + xv) - psiB - psiABX;
                }
            }

            // ln(α + t) and 1/(α + t) once per distinct time.
            var lnTime = new double[Times.Length];
            var inverseTime = new double[Times.Length];
            for (int j = 0; j < Times.Length; j++)
            {
                lnTime[j] = Math.Log(alpha + Times[j]);
                inverseTime[j] = 1 / (alpha + Times[j]);
            }

            var x = X;
            var tIndex = TIndex;
            var txIndex = TxIndex;
            var w = Weight;
            var slotOf = SlotOf;
            Span<double> sums = stackalloc double[5];
            ChunkedSums(x.Length, sums, (from, to, acc) =>
            {
                double sum = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
                for (int k = from; k < to; k++)
                {
                    int s = slotOf[k];
                    double rx = r + x[k];
                    int ti = tIndex[k];
                    double a3 = -rx * lnTime[ti];
                    double ll;
                    double w4 = 0;
                    int txi = txIndex[k];
                    if (x[k] <= 0)
                    {
                        ll = a3;
                    }
                    else
                    {
                        // ln(e^a3 + e^a4) and the share of e^a4 in it, with one exp and one log1p.
                        double a4 = a4Constant[s] - (rx * lnTime[txi]);
                        double e = Math.Exp(-Math.Abs(a3 - a4));
                        ll = Math.Max(a3, a4) + Math.Log(1 + e);
                        w4 = a4 >= a3 ? 1 / (1 + e) : e / (1 + e);
                    }

                    double wk = w[k];
                    sum += wk * (perX[s] + ll);
                    if (wantGradient)
                    {
                        double w3 = 1 - w4;
                        gr += wk * (dR[s] - (w3 * lnTime[ti]) - (w4 * lnTime[txi]));
                        gAlpha += wk * ((r / alpha) - (rx * ((w3 * inverseTime[ti]) + (w4 * inverseTime[txi]))));
                        ga += wk * (dA[s] + (w4 / a));
                        gb += wk * (dB[s] - (x[k] > 0 ? w4 / (b + x[k] - 1) : 0));
                    }
                }

                acc[0] = sum;
                acc[1] = gr;
                acc[2] = gAlpha;
                acc[3] = ga;
                acc[4] = gb;
            });

            double n = Customers;
            if (wantGradient)
            {
                gradient[0] = sums[1] * r / n;
                gradient[1] = sums[2] * alpha / n;
                gradient[2] = sums[3] * a / n;
                gradient[3] = sums[4] * b / n;
            }

            return sums[0] / n;
        }
    }

    /// <summary>Repeat buyers' (x, m̄) with m̄ divided by the median, with the likelihood and its gradient.</summary>
    private sealed class GammaGammaData
    {
        public required double[] X { get; init; }
        public required double[] M { get; init; }
        public required double[] LnM { get; init; }
        public required double[] XValues { get; init; }
        public required int[] SlotOf { get; init; }
        public double Customers => X.Length;
        public double MoneyScale { get; init; }
        public double MeanSpend { get; init; }

        public static GammaGammaData Select(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue)
        {
            var xs = new List<double>();
            var ms = new List<double>();
            for (int i = 0; i < frequency.Length; i++)
            {
                if (frequency[i] > 0 && monetaryValue[i] > 0 && double.IsFinite(monetaryValue[i]))
                {
                    xs.Add(frequency[i]);
                    ms.Add(monetaryValue[i]);
                }
            }

            var sorted = ms.Order().ToArray();
            double scale = sorted.Length == 0 ? 1 : sorted[sorted.Length / 2];
            var m = ms.Select(v => v / scale).ToArray();
            var xValues = xs.Distinct().ToArray();
            var xSlot = new Dictionary<double, int>();
            for (int k = 0; k < xValues.Length; k++)
            {
                xSlot[xValues[k]] = k;
            }

            return new GammaGammaData
            {
                X = xs.ToArray(),
                M = m,
                LnM = m.Select(v => Math.Log(v)).ToArray(),
                XValues = xValues,
                SlotOf = xs.Select(x => xSlot[x]).ToArray(),
                MoneyScale = scale,
                MeanSpend = m.Length == 0 ? 1 : m.Average(),
            };
        }

        /// <summary>
        /// Method of moments on the scaled means: E m̄ = μ = pγ/(q−1) and E[(m̄/μ − 1)² | x] = 1/(q−2) + (q−1)/(p(q−2)) · 1/x,
        /// a straight line in 1/x whose intercept gives q and slope p. Null when the line does not fit a valid model.
        /// </summary>
        public double[]? MomentsStart()
        {
            double mu = MeanSpend;
            int n = X.Length;
            double sumU = 0, sumD = 0, sumUU = 0, sumUD = 0;
            for (int i = 0; i < n; i++)
            {
                double u = 1 / X[i];
                double d = ((M[i] / mu) - 1) * ((M[i] / mu) - 1);
                sumU += u;
                sumD += d;
                sumUU += u * u;
                sumUD += u * d;
            }

            double denominator = (n * sumUU) - (sumU * sumU);
            if (n < 3 || !(Math.Abs(denominator) > 1e-12))
            {
                return null;
            }

            double slope = ((n * sumUD) - (sumU * sumD)) / denominator;
            double intercept = (sumD - (slope * sumU)) / n;
            if (!(intercept > 0) || !(slope > 0))
            {
                return null;
            }

            double q = 2 + (1 / intercept);
            double p = (q - 1) * intercept / slope;
            double gamma = mu * (q - 1) / p;
            return double.IsFinite(p) && double.IsFinite(gamma) && p > 0 && gamma > 0 ? [Math.Log(p), Math.Log(q), Math.Log(gamma)] : null;
        }

        public double MeanLogLikelihood(ReadOnlySpan<double> logTheta, Span<double> gradient)
        {
            double p = Math.Exp(logTheta[0]);
            double q = Math.Exp(logTheta[1]);
            double gamma = Math.Exp(logTheta[2]);
            bool wantGradient = !gradient.IsEmpty;
            int distinct = XValues.Length;
            var perX = new double[distinct];
            var dP = new double[distinct];
            var psiPxQ = new double[distinct];
            double lnGamma = Math.Log(gamma);
            double constant = -SpecialFunctions.GammaLn(q) + (q * lnGamma);
            for (int k = 0; k < distinct; k++)
            {
                double xv = XValues[k];
                double px = p * xv;
                perX[k] = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) + (px * Math.Log(xv)) + constant;
                if (wantGradient)
                {
                    psiPxQ[k] = SpecialFunctions.DiGamma(px + q);
                    dP[k] = xv * (psiPxQ[k] - SpecialFunctions.DiGamma(px) + Math.Log(xv));
                }
            }

            double psiQ = wantGradient ? SpecialFunctions.DiGamma(q) : 0;
            var x = X;
            var m = M;
            var lnM = LnM;
            var slotOf = SlotOf;
            Span<double> sums = stackalloc double[4];
            ChunkedSums(x.Length, sums, (from, to, acc) =>
            {
                double sum = 0, gp = 0, gq = 0, gg = 0;
                for (int k = from; k < to; k++)
                {
                    int s = slotOf[k];
                    double px = p * x[k];
                    double spend = (x[k] * m[k]) + gamma;
                    double lnSpend = Math.Log(spend);
                    sum += perX[s] + ((px - 1) * lnM[k]) - ((px + q) * lnSpend);
                    if (wantGradient)
                    {
                        gp += dP[s] + (x[k] * (lnM[k] - lnSpend));
                        gq += psiPxQ[s] - psiQ + lnGamma - lnSpend;
                        gg += (q / gamma) - ((px + q) / spend);
                    }
                }

                acc[0] = sum;
                acc[1] = gp;
                acc[2] = gq;
                acc[3] = gg;
            });

            double n = Customers;
            if (wantGradient)
            {
                gradient[0] = sums[1] * p / n;
                gradient[1] = sums[2] * q / n;
                gradient[2] = sums[3] * gamma / n;
            }

            return sums[0] / n;
        }
    }

    private delegate void RangeSums(int from, int to, double[] accumulator);

    // A fixed number of chunks, added in a fixed order: the sum, and so the fit, is the same on any machine.
    private const int Chunks = 4;

    // Below this many terms a likelihood costs less than starting tasks.
    private const int ParallelThreshold = 4_000;

    private static void ChunkedSums(int count, Span<double> totals, RangeSums sumRange)
    {
        int width = totals.Length;
        totals.Clear();
        if (count < ParallelThreshold)
        {
            var single = new double[width];
            sumRange(0, count, single);
            single.CopyTo(totals);
            return;
        }

        var partial = new double[Chunks][];
        Parallel.For(0, Chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c) =>
        {
            partial[c] = new double[width];
            sumRange(count * c / Chunks, count * (c + 1) / Chunks, partial[c]);
        });
        foreach (var part in partial)
        {
            for (int j = 0; j < width; j++)
            {
                totals[j] += part[j];
            }
        }
    }
}
