using Guanxi.Domain.Models.Lifetimes;

namespace Guanxi.Domain.Tests.Models.Lifetimes;

public class CdnowReproductionTests
{
    private static readonly Lazy<(BgNbdFit BgNbd, GammaGammaFit GammaGamma)> Fits = new(() =>
    {
        var data = CdnowSummary.Load();
        return (BgNbd.Fit(data.Frequency, data.Recency, data.Age), GammaGamma.Fit(data.Frequency, data.MonetaryValue));
    });

    private static void AssertWithin1Percent(double expected, double actual) =>
        Assert.InRange(actual, expected - (Math.Abs(expected) * 0.01), expected + (Math.Abs(expected) * 0.01));

    [Fact]
    public void BgNbd_fit_reproduces_the_published_cdnow_estimates()
    {
        var fit = Fits.Value.BgNbd;
        AssertWithin1Percent(0.243, fit.Parameters.R);
        AssertWithin1Percent(4.414, fit.Parameters.Alpha);
        AssertWithin1Percent(0.793, fit.Parameters.A);
        AssertWithin1Percent(2.426, fit.Parameters.B);
        AssertWithin1Percent(-9582.4, fit.LogLikelihood);
    }

    [Fact]
    public void BgNbd_log_likelihood_at_the_published_btyd_fit_is_the_published_value()
    {
        var data = CdnowSummary.Load();
        var btyd = new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258972);
        Assert.Equal(-9582.429, BgNbd.LogLikelihood(btyd, data.Frequency, data.Recency, data.Age), 1);
    }

    [Fact]
    public void GammaGamma_fit_reproduces_the_published_cdnow_estimates()
    {
        var fit = Fits.Value.GammaGamma;
        AssertWithin1Percent(6.25, fit.Parameters.P);
        AssertWithin1Percent(3.74, fit.Parameters.Q);
        AssertWithin1Percent(15.44, fit.Parameters.Gamma);
    }

    [Fact]
    public void Customer_with_two_repeat_purchases_expects_1_226_purchases_in_39_weeks()
    {
        var published = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        Assert.Equal(1.226, BgNbd.ConditionalExpectedPurchases(published, 39, 2, 30.43, 38.86), 3);

        // The same prediction from our own fit stays within 1%.
        AssertWithin1Percent(1.226, BgNbd.ConditionalExpectedPurchases(Fits.Value.BgNbd.Parameters, 39, 2, 30.43, 38.86));
    }

    [Fact]
    public void Customer_1516_is_almost_surely_alive_and_expects_about_25_8_purchases_in_a_year()
    {
        // BTYD's figures come from its exact-weeks fit; ours is on the 2-decimal summary, so allow 0.5% / 1%.
        var fit = Fits.Value.BgNbd.Parameters;
        Assert.InRange(BgNbd.ProbabilityAlive(fit, 26, 30.85714, 31), 0.9688523 * 0.995, 0.9688523 * 1.005);
        AssertWithin1Percent(25.75659, BgNbd.ConditionalExpectedPurchases(fit, 52, 26, 30.85714, 31));
    }

    [Fact]
    public void New_customer_never_purchased_again_is_alive_by_definition()
    {
        Assert.Equal(1.0, BgNbd.ProbabilityAlive(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), 0, 0, 38.86));
    }

    [Fact]
    public void Expected_average_value_shrinks_towards_the_population_mean()
    {
        var gg = Fits.Value.GammaGamma.Parameters;
        double population = gg.Gamma * gg.P / (gg.Q - 1);
        Assert.Equal(population, GammaGamma.ConditionalExpectedAverageValue(gg, 0, 0), 10);
        double one = GammaGamma.ConditionalExpectedAverageValue(gg, 1, 100);
        double ten = GammaGamma.ConditionalExpectedAverageValue(gg, 10, 100);
        Assert.True(population < one && one < ten && ten < 100);
    }

    [Fact]
    public void Clv_is_positive_discounted_and_grows_with_the_horizon()
    {
        var (bg, gg) = Fits.Value;
        double year = GammaGamma.CustomerLifetimeValue(bg.Parameters, gg.Parameters, 2, 30.43, 38.86, 22.35, 12, 0.01, 4.345);
        double twoYears = GammaGamma.CustomerLifetimeValue(bg.Parameters, gg.Parameters, 2, 30.43, 38.86, 22.35, 24, 0.01, 4.345);
        double undiscounted = GammaGamma.CustomerLifetimeValue(bg.Parameters, gg.Parameters, 2, 30.43, 38.86, 22.35, 12, 0.0, 4.345);
        Assert.True(year > 0 && twoYears > year && undiscounted > year);

        // Undiscounted CLV telescopes to expected purchases over the horizon times expected value.
        double expected = BgNbd.ConditionalExpectedPurchases(bg.Parameters, 12 * 4.345, 2, 30.43, 38.86)
            * GammaGamma.ConditionalExpectedAverageValue(gg.Parameters, 2, 22.35);
        Assert.Equal(expected, undiscounted, 9);
    }

    [Fact]
    public void Hypergeometric_matches_closed_forms()
    {
        // 2F1(1,1;2;z) = -ln(1-z)/z and 2F1(a,b;b;z) = (1-z)^-a.
        Assert.Equal(Math.Log(-Math.Log(1 - 0.3) / 0.3), Hypergeometric.LogHyp2F1(1, 1, 2, 0.3), 12);
        Assert.Equal(-2.5 * Math.Log(1 - 0.9), Hypergeometric.LogHyp2F1(2.5, 1.5, 1.5, 0.9), 9);
    }
}
