using System.Globalization;
using Guanxi.Common;

namespace Guanxi.Web.Tests;

public sealed class FormatsTests
{
    private static readonly CultureInfo Chinese = Guanxi.Components.UiCulture.Chinese;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void Money_is_yuan_in_both_languages()
    {
        Assert.Equal("¥1,234.50", Formats.Money(1234.5m, Chinese));
        Assert.Equal("¥1,234.50", Formats.Money(1234.5m, English));
    }

    [Fact]
    public void Negative_money_has_a_leading_minus_not_parentheses()
    {
        Assert.Equal("-¥1.00", Formats.Money(-1m, English));
        Assert.Equal("-¥1.00", Formats.Money(-1m, Chinese));
    }

    [Fact]
    public void Money_keeps_cents_exactly()
    {
        Assert.Equal("¥0.01", Formats.Money(0.01m, Chinese));
        Assert.Equal("¥9,999,999.99", Formats.Money(9_999_999.99m, English));
    }

    [Fact]
    public void Dates_follow_the_culture()
    {
        var day = new DateTime(2026, 3, 7, 14, 5, 0);
        Assert.Equal("2026-03-07", Formats.Date(day, Chinese));
        Assert.Equal("3/7/2026", Formats.Date(day, English));
        Assert.Equal("2026-03-07 14:05", Formats.DateTime(day, Chinese));
        Assert.Equal("2026-03-07", Formats.Date(DateOnly.FromDateTime(day), Chinese));
    }

    [Fact]
    public void Numbers_are_grouped()
    {
        Assert.Equal("1,000,000", Formats.Number(1_000_000, Chinese));
        Assert.Equal("1,000,000", Formats.Number(1_000_000, English));
    }
}
