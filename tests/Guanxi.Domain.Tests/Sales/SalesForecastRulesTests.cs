using Guanxi.Domain.Sales;

namespace Guanxi.Domain.Tests.Sales;

public class SalesForecastRulesTests
{
    [Theory]
    [InlineData("2027-01", 2027, 1, false, "2027-01-01", "2027-01-31")]
    [InlineData("2027-Q1", 2027, 1, true, "2027-01-01", "2027-03-31")]
    [InlineData(" 2028-q4 ", 2028, 10, true, "2028-10-01", "2028-12-31")]
    [InlineData("2028-02", 2028, 2, false, "2028-02-01", "2028-02-29")]
    public void A_period_is_a_month_or_a_quarter_with_its_first_and_last_day(string text, int year, int month, bool quarter, string first, string last)
    {
        Assert.True(SalesPeriod.TryParse(text, out var p));
        Assert.Equal((year, month, quarter), (p.Year, p.Month, p.IsQuarter));
        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (p.First, p.Last));
        Assert.Equal(text.Trim().ToUpperInvariant(), p.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2027")]
    [InlineData("2027-13")]
    [InlineData("2027-00")]
    [InlineData("2027-Q5")]
    [InlineData("2027-Q0")]
    [InlineData("1999-Q1")]
    [InlineData("2101-01")]
    [InlineData("27-Q1-")]
    [InlineData("2027/01")]
    [InlineData("2027-1 ")]
    public void Anything_else_is_not_a_period(string? text) => Assert.False(SalesPeriod.TryParse(text, out _));

    [Fact]
    public void The_period_before_and_after_cross_the_year_and_a_day_lies_in_its_quarter()
    {
        Assert.Equal("2026-Q4", SalesPeriod.QuarterOf(new DateOnly(2027, 1, 1)).Previous().ToString());
        Assert.Equal("2027-Q1", SalesPeriod.QuarterOf(new DateOnly(2026, 12, 31)).Next().ToString());
        Assert.Equal("2026-12", SalesPeriod.MonthOf(new DateOnly(2027, 1, 15)).Previous().ToString());
        Assert.Equal("2028-Q1", SalesPeriod.QuarterOf(new DateOnly(2028, 2, 29)).ToString());
        Assert.True(SalesPeriod.QuarterOf(new DateOnly(2028, 2, 29)).Contains(new DateOnly(2028, 3, 31)));
        Assert.False(SalesPeriod.QuarterOf(new DateOnly(2028, 2, 29)).Contains(new DateOnly(2028, 4, 1)));
    }

    [Fact]
    public void Age_buckets_split_at_14_45_and_120_days()
    {
        Assert.Equal([0, 1, 1, 2, 3], new[] { 13.9, 14, 44.9, 45, 120 }.Select(StageForecast.AgeBucket));
    }

    [Fact]
    public void A_stage_rate_counts_those_that_stayed_at_least_as_long_pulled_towards_the_stage_default()
    {
        var defaults = new Dictionary<long, int> { [1] = 10, [2] = 50 };
        // Stage 1: quick ones mostly won, those that lingered (bucket 2) mostly lost.
        var model = StageForecast.Learn(
        [
            new StageOutcome(1, 0, Won: 8, Lost: 2),
            new StageOutcome(1, 2, Won: 1, Lost: 9),
        ], defaults);
        // Bucket 0: all 20 stayed at least that long: (9 + 5 × 0.1) / (20 + 5).
        Assert.Equal(9.5 / 25, model.Rate(1, 0), 10);
        // Buckets 1 and 2: only the lingering 10: (1 + 0.5) / (10 + 5); bucket 3 none left: the default.
        Assert.Equal(1.5 / 15, model.Rate(1, 1), 10);
        Assert.Equal(1.5 / 15, model.Rate(1, 2), 10);
        Assert.Equal(0.5 / 5, model.Rate(1, 3), 10);
        // A stage without history, or an unknown one: its default, else 0.
        Assert.Equal(0.5, model.Rate(2, 0));
        Assert.Equal(0, model.Rate(99, 0));
        // The expected amount in cents, rounded half away from zero: 1,000.01 × 0.38.
        Assert.Equal(38000L, model.ExpectedCents(1, 0, 100_001));
    }

    [Fact]
    public void The_error_is_the_mean_absolute_percentage_over_periods_with_something_won_and_attainment_needs_a_target()
    {
        Assert.Equal(25.0m, StageForecast.MeanAbsolutePercentageError([(70m, 100m), (60m, 50m), (10m, 0m)]));
        Assert.Null(StageForecast.MeanAbsolutePercentageError([(10m, 0m)]));
        Assert.Equal(0.3m, StageForecast.Attainment(30_000, 100_000));
        Assert.Null(StageForecast.Attainment(30_000, null));
        Assert.Null(StageForecast.Attainment(30_000, 0));
    }
}
