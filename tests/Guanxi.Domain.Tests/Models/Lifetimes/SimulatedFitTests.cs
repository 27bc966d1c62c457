using Guanxi.Domain.Models.Lifetimes;
using Xunit.Abstractions;

namespace Guanxi.Domain.Tests.Models.Lifetimes;

/// <summary>
/// The fits on bases drawn from the models with known parameters, at money scales from ×0.01 to ×10,000 and
/// time units from hours to years: they converge, recover the truth within sampling error (likelihood-ratio test),
/// reach at least the maximum a slow brute-force search finds, and do not depend on the units.
/// </summary>
[Trait("Clock", "Independent")] // simulated data with fixed seeds: scripts/test.sh runs it on the first day only
public class SimulatedFitTests(ITestOutputHelper output)
{
    private const int Customers = 3_000;

    // χ² quantiles at 0.9999 with 4 and 3 degrees of freedom: 2·(maximum − log-likelihood at the truth) stays below
    // them. (At 0.999 one of the forty bases, a heavy-tailed spend with q = 3.5, lands just beyond: 17.9 against 16.3,
    // with the brute force agreeing that it is the maximum; 40 draws make such a 1-in-1000 event likely enough.)
    private const double ChiSquare4 = 23.51;
    private const double ChiSquare3 = 21.11;

    private static readonly double[] MoneyScales = [0.01, 0.1, 1, 10, 100, 1_000, 10_000];

    // Days divided by these: hours, days, weeks, years.
    private static readonly double[] TimeUnits = [1.0 / 24, 1, 7, 365];

    // A CDNOW-like base with a mean spend of 45, and a retailer-like one with a mean spend of 400 and a heavy tail.
    private static readonly (BgNbdParameters Purchases, GammaGammaParameters Spend)[] Truths =
    [
        (new BgNbdParameters(0.25, 30, 0.8, 2.5), new GammaGammaParameters(6, 4, 22.5)),
        (new BgNbdParameters(0.8, 60, 0.5, 4), new GammaGammaParameters(2, 3.5, 500)),
    ];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 20));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Gamma_gamma_recovers_known_parameters_at_every_money_scale(int seed)
    {
        var (purchases, spend) = Truths[seed % Truths.Length];
        var data = SimulatedBase.Draw(Customers, purchases, spend, seed);
        var fits = MoneyScales.ToDictionary(scale => scale, scale =>
        {
            var scaled = data.Rescaled(1, scale);
            return (Data: scaled, Fit: GammaGamma.Fit(scaled.Frequency, scaled.MonetaryValue));
        });
        var reference = fits[1].Fit;
        Assert.Empty(reference.Verdict.NotIdentified);

        // Within sampling error: the truth is not rejected by a likelihood-ratio test, and the fit is at least as likely.
        double atTruth = LogLikelihood(data, spend);
        output.WriteLine($"seed {seed}: LR {2 * (reference.LogLikelihood - atTruth):F2}");
        Assert.InRange(2 * (reference.LogLikelihood - atTruth), -1e-6, ChiSquare3);

        foreach (var (scale, (_, fit)) in fits)
        {
            Assert.True(fit.Converged, $"×{scale}: {fit.Verdict.Warning}");
            AssertRelative(reference.Parameters.P, fit.Parameters.P, 1e-5);
            AssertRelative(reference.Parameters.Q, fit.Parameters.Q, 1e-5);
            AssertRelative(reference.Parameters.Gamma * scale, fit.Parameters.Gamma, 1e-5);
        }

        // One scale per seed (all seven over the seeds) against the slow reference search, in that scale's unit.
        double brute = MoneyScales[seed % MoneyScales.Length];
        var (bruteData, bruteFit) = fits[brute];
        double maximum = BruteForce.GammaGammaMaximum(bruteData, spend with { Gamma = spend.Gamma * brute }, seed);
        output.WriteLine($"seed {seed} ×{brute}: fit {bruteFit.LogLikelihood:F4}, brute force {maximum:F4}, {bruteFit.Parameters}");
        Assert.True(bruteFit.LogLikelihood >= maximum - 1e-3, $"fit {bruteFit.LogLikelihood} below brute force {maximum}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Bg_nbd_recovers_known_parameters_in_every_time_unit(int seed)
    {
        var (purchases, spend) = Truths[seed % Truths.Length];
        var data = SimulatedBase.Draw(Customers, purchases, spend, seed);
        var fits = TimeUnits.ToDictionary(unit => unit, unit =>
        {
            var scaled = data.Rescaled(unit, 1);
            return (Data: scaled, Fit: BgNbd.Fit(scaled.Frequency, scaled.Recency, scaled.Age));
        });
        var reference = fits[1].Fit;
        Assert.Empty(reference.Verdict.NotIdentified);
        double atTruth = BgNbd.LogLikelihood(purchases, data.Frequency, data.Recency, data.Age);
        output.WriteLine($"seed {seed}: LR {2 * (reference.LogLikelihood - atTruth):F2}");
        Assert.InRange(2 * (reference.LogLikelihood - atTruth), -1e-6, ChiSquare4);

        foreach (var (unit, (_, fit)) in fits)
        {
            Assert.True(fit.Converged, $"unit {unit}: {fit.Verdict.Warning}");
            AssertRelative(reference.Parameters.R, fit.Parameters.R, 1e-5);
            AssertRelative(reference.Parameters.Alpha / unit, fit.Parameters.Alpha, 1e-5);
            AssertRelative(reference.Parameters.A, fit.Parameters.A, 1e-5);
            AssertRelative(reference.Parameters.B, fit.Parameters.B, 1e-5);
        }

        double brute = TimeUnits[seed % TimeUnits.Length];
        var (bruteData, bruteFit) = fits[brute];
        double maximum = BruteForce.BgNbdMaximum(bruteData, purchases with { Alpha = purchases.Alpha / brute }, seed);
        output.WriteLine($"seed {seed} unit {brute}: fit {bruteFit.LogLikelihood:F4}, brute force {maximum:F4}, {bruteFit.Parameters}");
        Assert.True(bruteFit.LogLikelihood >= maximum - 1e-3, $"fit {bruteFit.LogLikelihood} below brute force {maximum}");
    }

    [Fact]
    public void The_same_spends_in_two_currencies_give_the_same_p_and_q_and_gamma_times_the_rate()
    {
        var data = CdnowSummary.Load();
        var dollars = GammaGamma.Fit(data.Frequency, data.MonetaryValue);
        var fen = GammaGamma.Fit(data.Frequency, data.MonetaryValue.Select(m => m * 720).ToArray());
        AssertRelative(dollars.Parameters.P, fen.Parameters.P, 1e-6);
        AssertRelative(dollars.Parameters.Q, fen.Parameters.Q, 1e-6);
        AssertRelative(dollars.Parameters.Gamma * 720, fen.Parameters.Gamma, 1e-6);

        // The log-likelihood of a density moves by −ln(720) per customer with the unit.
        int repeaters = data.Frequency.Count(x => x > 0);
        Assert.Equal(dollars.LogLikelihood - (repeaters * Math.Log(720)), fen.LogLikelihood, 6);
    }

    [Fact]
    public void The_same_histories_in_days_and_weeks_give_the_same_r_a_b_and_alpha_times_seven()
    {
        var data = CdnowSummary.Load();
        var weeks = BgNbd.Fit(data.Frequency, data.Recency, data.Age);
        var days = BgNbd.Fit(data.Frequency, data.Recency.Select(t => t * 7).ToArray(), data.Age.Select(t => t * 7).ToArray());
        AssertRelative(weeks.Parameters.R, days.Parameters.R, 1e-6);
        AssertRelative(weeks.Parameters.Alpha * 7, days.Parameters.Alpha, 1e-6);
        AssertRelative(weeks.Parameters.A, days.Parameters.A, 1e-6);
        AssertRelative(weeks.Parameters.B, days.Parameters.B, 1e-6);
        Assert.Equal(weeks.LogLikelihood - (data.Frequency.Sum() * Math.Log(7)), days.LogLikelihood, 6);
    }

    [Fact]
    public void When_nobody_drops_out_a_and_b_are_reported_as_not_identified()
    {
        // Drop-out probabilities around one in a hundred thousand: the data cannot tell a from b.
        var data = SimulatedBase.Draw(Customers, new BgNbdParameters(0.5, 20, 0.01, 1000), new GammaGammaParameters(6, 4, 22.5), seed: 7);
        var fit = BgNbd.Fit(data.Frequency, data.Recency, data.Age);
        output.WriteLine($"{fit.Parameters} {fit.Verdict}");
        Assert.True(fit.Converged, fit.Verdict.Warning);
        Assert.Contains(fit.Verdict.NotIdentified, name => name is "a" or "b");
        Assert.DoesNotContain("r", fit.Verdict.NotIdentified);
        Assert.Contains("drop out", fit.Verdict.Warning, StringComparison.Ordinal);

        // The purchase rate is still estimated: r/α within 10 % of the truth's 0.025 a day.
        var p = fit.Parameters;
        Assert.InRange(p.R / p.Alpha, 0.0225, 0.0275);

        // And the predictions are those of a base without drop-out (Gamma-Poisson: (r + x)/(α + T) per day), not noise.
        Assert.InRange(BgNbd.ProbabilityAlive(p, 2, 30, 100), 0.999, 1);
        Assert.Equal((p.R + 2) / (p.Alpha + 100) * 90, BgNbd.ConditionalExpectedPurchases(p, 90, 2, 30, 100), 3);
        Assert.Equal((p.R + 2) / (p.Alpha + 100) * 90, LifetimeValueNumerator(p, 90, 2, 100), 3);
    }

    [Fact]
    public void Spends_without_any_spread_do_not_converge_and_say_why()
    {
        // Every purchase worth exactly 50: the likelihood grows without bound as p and q run off.
        var data = SimulatedBase.Draw(1_000, new BgNbdParameters(0.5, 20, 0.8, 2.5), new GammaGammaParameters(6, 4, 22.5), seed: 3);
        var fit = GammaGamma.Fit(data.Frequency, data.Frequency.Select(_ => 50.0).ToArray());
        output.WriteLine($"{fit.Parameters} {fit.Verdict}");
        Assert.False(fit.Converged);
        Assert.Contains("did not converge", fit.Verdict.Warning, StringComparison.Ordinal);
        Assert.Contains("runs off", fit.Verdict.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Cdnow_fits_converge_with_every_parameter_identified()
    {
        var data = CdnowSummary.Load();
        var bg = BgNbd.Fit(data.Frequency, data.Recency, data.Age);
        var gg = GammaGamma.Fit(data.Frequency, data.MonetaryValue);
        foreach (var verdict in new[] { bg.Verdict, gg.Verdict })
        {
            Assert.True(verdict.Converged, verdict.Warning);
            Assert.Null(verdict.Warning);
            Assert.Empty(verdict.NotIdentified);
            Assert.InRange(verdict.Gradient, 0, 1e-4);
            Assert.True(verdict.StartsAgreeing >= 2);
        }
    }

    private static double LifetimeValueNumerator(BgNbdParameters p, double days, double x, double t) =>
        Guanxi.Domain.Models.LifetimeValue.Numerator(p, days, x, t);

    private static double LogLikelihood(SimulatedBase data, GammaGammaParameters p)
    {
        double sum = 0;
        for (int i = 0; i < data.Frequency.Length; i++)
        {
            if (data.Frequency[i] > 0 && data.MonetaryValue[i] > 0)
            {
                sum += GammaGamma.LogLikelihood(p, data.Frequency[i], data.MonetaryValue[i]);
            }
        }

        return sum;
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected}, got {actual}");
}
