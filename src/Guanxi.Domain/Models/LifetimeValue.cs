using System.Runtime.CompilerServices;
using Guanxi.Domain.Models.Lifetimes;

namespace Guanxi.Domain.Models;

/// <summary>
/// BG/NBD and Gamma-Gamma in days over the buyers of a <see cref="CustomerMetrics"/>: fitted on a seeded
/// sample (the likelihood of 20,000 buyers pins four parameters down as well as a million do, at a
/// fiftieth of the cost), then applied to every buyer. A failed, non-converged or impossible fit leaves the
/// figures NaN and says so in <see cref="LifetimeFitSummary.Warning"/>, which the run stores and shows; the models
/// then fall back to their rules. Nothing here throws on data.
/// </summary>
internal static class LifetimeValue
{
    // lifetimes' convention for daily data: a month is 30 periods.
    internal const double DaysPerMonth = 30;

    public static LifetimeFitSummary Fit(CustomerMetrics metrics, IReadOnlyList<int> buyers, LifetimeSettings settings)
    {
        var summary = new LifetimeFitSummary { HorizonMonths = settings.HorizonMonths, MonthlyDiscountRate = settings.MonthlyDiscountRate };
        if (buyers.Count < settings.MinimumBuyers)
        {
            string message = $"Only {buyers.Count} buyers; the lifetime fit needs at least {settings.MinimumBuyers}.";

            // Without buyers there is nothing to leave empty, and nothing to warn about.
            return summary with { Message = message, Warning = buyers.Count == 0 ? null : message + NoTransactions };
        }

        int[] sample = Sample(buyers, settings.FitSampleSize, settings.SampleSeed);
        int n = sample.Length;
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        var monetary = new double[n];
        int repeaters = 0;
        for (int k = 0; k < n; k++)
        {
            int i = sample[k];
            (x[k], tx[k], t[k]) = History(metrics, i);
            monetary[k] = metrics.TotalCents[i] / 100.0 / metrics.OrderCount[i];
            if (x[k] > 0 && monetary[k] > 0)
            {
                repeaters++;
            }
        }

        summary = summary with { SampleSize = n, RepeatSampleSize = repeaters };

        // The spend fit does not depend on the purchase fit: it runs alongside it on another core.
        var spendFit = repeaters >= settings.MinimumRepeatBuyers ? Task.Run(() => GroupedFits.FitGammaGamma(x, monetary)) : null;
        BgNbdFit transactions;
        try
        {
            transactions = GroupedFits.FitBgNbd(x, tx, t);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return Unavailable(summary, "BG/NBD fit failed: " + e.Message, NoTransactions);
        }

        var p = transactions.Parameters;
        if (!transactions.Converged)
        {
            return Unavailable(summary, transactions.Verdict.Warning ?? "BG/NBD fit did not converge.", NoTransactions);
        }

        if (!Plausible(p.R) || !Plausible(p.Alpha) || !Plausible(p.A) || !Plausible(p.B) || !double.IsFinite(transactions.LogLikelihood))
        {
            return Unavailable(summary, "BG/NBD fit did not converge to finite positive parameters.", NoTransactions);
        }

        // A flat likelihood along a and b (almost nobody drops out) still gives usable predictions: used, and said.
        summary = summary with
        {
            TransactionsAvailable = true,
            BgNbd = p,
            BgNbdLogLikelihood = transactions.LogLikelihood,
            BgNbdNotIdentified = transactions.Verdict.NotIdentified,
            Warning = transactions.Verdict.Warning,
        };
        if (repeaters < settings.MinimumRepeatBuyers)
        {
            return Unavailable(summary, $"Only {repeaters} repeat buyers in the sample; Gamma-Gamma needs {settings.MinimumRepeatBuyers}.", NoSpend);
        }

        try
        {
            var spend = spendFit!.GetAwaiter().GetResult();
            var g = spend.Parameters;
            if (!spend.Converged)
            {
                return Unavailable(summary, spend.Verdict.Warning ?? "Gamma-Gamma fit did not converge.", NoSpend);
            }

            // q ≤ 1 has no finite population mean order value: the spend model is unusable.
            if (!Plausible(g.P) || !Plausible(g.Gamma) || !(g.Q > 1) || !double.IsFinite(g.Q))
            {
                return Unavailable(summary, "Gamma-Gamma fit gave no finite mean order value (q ≤ 1).", NoSpend);
            }

            return summary with
            {
                SpendAvailable = true,
                GammaGamma = g,
                GammaGammaLogLikelihood = spend.LogLikelihood,
                GammaGammaNotIdentified = spend.Verdict.NotIdentified,
                Warning = Join(summary.Warning, spend.Verdict.Warning),
            };
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return Unavailable(summary, "Gamma-Gamma fit failed: " + e.Message, NoSpend);
        }
    }

    private const string NoTransactions =
        " P(alive), expected purchases, expected order value and CLV are left empty for every buyer; the models decide by their rules instead.";

    private const string NoSpend =
        " Expected order value and CLV are left empty for every buyer; the value model uses the 90-day run rate instead.";

    private static LifetimeFitSummary Unavailable(LifetimeFitSummary summary, string message, string consequence) =>
        summary with { Message = message, Warning = Join(summary.Warning, message + consequence) };

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + " " + second;

    /// <summary>Fills P(alive), expected purchases, expected order value and CLV of every buyer.</summary>
    public static void Apply(CustomerMetrics metrics, IReadOnlyList<int> buyers, LifetimeFitSummary fit, ModelResults results)
    {
        if (!fit.TransactionsAvailable || fit.BgNbd is not { } p)
        {
            return;
        }

        int months = fit.HorizonMonths;
        double discount = fit.MonthlyDiscountRate;

        // The hypergeometric part depends on (x, T) only, and buyers share those pairs heavily in daily data:
        // compute it once per pair.
        var slotOf = new Dictionary<long, int>();
        var keys = new List<long>();
        var slotOfBuyer = new int[buyers.Count];
        for (int k = 0; k < buyers.Count; k++)
        {
            var (x, _, t) = History(metrics, buyers[k]);
            long key = ((long)x << 32) | (uint)(int)t;
            if (!slotOf.TryGetValue(key, out int slot))
            {
                slot = keys.Count;
                slotOf.Add(key, slot);
                keys.Add(key);
            }

            slotOfBuyer[k] = slot;
        }

        // Per pair: numerators at 30, 90, 365 days and the discounted sum of monthly increments.
        var n30 = new double[keys.Count];
        var n90 = new double[keys.Count];
        var n365 = new double[keys.Count];
        var discounted = new double[keys.Count];
        Parallel.For(0, keys.Count, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s) =>
        {
            double x = keys[s] >> 32;
            double t = (int)(keys[s] & 0xFFFF_FFFF);
            n30[s] = Numerator(p, 30, x, t);
            n90[s] = Numerator(p, 90, x, t);
            n365[s] = Numerator(p, 365, x, t);
            double sum = 0;
            double before = 0;
            for (int month = 1; month <= months; month++)
            {
                double upTo = month == 1 ? n30[s] : Numerator(p, month * DaysPerMonth, x, t);
                sum += (upTo - before) / Math.Pow(1 + discount, month);
                before = upTo;
            }

            discounted[s] = sum;
        });

        var spend = fit.SpendAvailable ? fit.GammaGamma : null;
        Parallel.For(0, buyers.Count, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (k) =>
        {
            int i = buyers[k];
            var (x, tx, t) = History(metrics, i);
            double denominator = Denominator(p, x, tx, t);
            int slot = slotOfBuyer[k];
            results.PAlive[i] = Finite(1 / denominator);
            results.ExpectedPurchases30d[i] = Finite(n30[slot] / denominator);
            results.ExpectedPurchases90d[i] = Finite(n90[slot] / denominator);
            results.ExpectedPurchases365d[i] = Finite(n365[slot] / denominator);
            if (spend is { } g)
            {
                double ownMean = metrics.TotalCents[i] / 100.0 / metrics.OrderCount[i];
                double value = GammaGamma.ConditionalExpectedAverageValue(g, x, ownMean);
                results.ExpectedOrderValue[i] = Finite(value);
                results.Clv[i] = Finite(value * discounted[slot] / denominator);
            }
        });
    }

    /// <summary>BG/NBD history of a buyer in days: repeat purchase days, last minus first, age.</summary>
    public static (double X, double Tx, double T) History(CustomerMetrics metrics, int i) =>
        (Math.Max(0, metrics.DistinctOrderDays[i] - 1),
         Math.Max(0, metrics.LastOrderDay[i] - metrics.FirstOrderDay[i]),
         Math.Max(0, metrics.AsOfDay - metrics.FirstOrderDay[i]));

    /// <summary>
    /// The part of <see cref="BgNbd.ConditionalExpectedPurchases"/> that does not depend on t_x:
    /// E = Numerator / Denominator, with 1 / Denominator = P(alive).
    /// </summary>
    internal static double Numerator(BgNbdParameters p, double periods, double x, double t)
    {
        double z = periods / (p.Alpha + t + periods);
        double lnHyp = Hypergeometric.LogHyp2F1(p.R + x, p.B + x, p.A + p.B + x - 1, z);
        double first = (p.A + p.B + x - 1) / (p.A - 1);
        return first * (1 - Math.Exp(lnHyp + ((p.R + x) * Math.Log((p.Alpha + t) / (p.Alpha + periods + t)))));
    }

    internal static double Denominator(BgNbdParameters p, double x, double tx, double t) =>
        x > 0 ? 1 + (p.A / (p.B + x - 1) * Math.Pow((p.Alpha + t) / (p.Alpha + tx), p.R + x)) : 1;

    private static bool Plausible(double v) => double.IsFinite(v) && v > 0;

    private static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;

    private static int[] Sample(IReadOnlyList<int> buyers, int size, int seed)
    {
        var all = buyers.ToArray();
        if (all.Length <= size)
        {
            return all;
        }

        // Partial Fisher-Yates: the first `size` slots are a uniform sample, reproducible from the seed.
        var rng = new Random(seed);
        for (int k = 0; k < size; k++)
        {
            int j = rng.Next(k, all.Length);
            (all[k], all[j]) = (all[j], all[k]);
        }

        return all[..size];
    }
}
