using Guanxi.Domain.Models.Lifetimes;
using Guanxi.Domain.Tests.Models.Lifetimes;

namespace Guanxi.Domain.Tests.Models;

/// <summary>The regrouped fits the model engine uses must reproduce the published CDNOW estimates too.</summary>
public class GroupedFitsTests
{
    private static void AssertWithin1Percent(double expected, double actual) =>
        Assert.InRange(actual, expected - (Math.Abs(expected) * 0.01), expected + (Math.Abs(expected) * 0.01));

    [Fact]
    public void Grouped_bg_nbd_fit_reproduces_the_published_cdnow_estimates()
    {
        var data = CdnowSummary.Load();
        var fit = GroupedFits.FitBgNbd(data.Frequency, data.Recency, data.Age);
        AssertWithin1Percent(0.243, fit.Parameters.R);
        AssertWithin1Percent(4.414, fit.Parameters.Alpha);
        AssertWithin1Percent(0.793, fit.Parameters.A);
        AssertWithin1Percent(2.426, fit.Parameters.B);
        Assert.Equal(BgNbd.LogLikelihood(fit.Parameters, data.Frequency, data.Recency, data.Age), fit.LogLikelihood, 6);
    }

    [Fact]
    public void Grouped_gamma_gamma_fit_reproduces_the_published_cdnow_estimates()
    {
        var data = CdnowSummary.Load();
        var fit = GroupedFits.FitGammaGamma(data.Frequency, data.MonetaryValue);
        AssertWithin1Percent(6.25, fit.Parameters.P);
        AssertWithin1Percent(3.74, fit.Parameters.Q);
        AssertWithin1Percent(15.44, fit.Parameters.Gamma);
    }
}
