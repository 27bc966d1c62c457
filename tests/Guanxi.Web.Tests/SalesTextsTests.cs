using Guanxi.Common;
using Guanxi.Components;
using Guanxi.Domain.Sales;

namespace Guanxi.Web.Tests;

public sealed class SalesTextsTests
{
    [Fact]
    public void Every_sales_text_and_name_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(SalesTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(SalesTexts.En)!, Zh: (string)p.GetValue(SalesTexts.Zh)!)).ToList();
        Assert.True(strings.Count > 40);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        foreach (var texts in new[] { SalesTexts.En, SalesTexts.Zh })
        {
            Assert.Equal(Enum.GetValues<OpportunitySource>().Length, Enum.GetValues<OpportunitySource>().Select(texts.SourceName).Distinct().Count());
            Assert.Equal(Enum.GetValues<OpportunityHeat>().Length, Enum.GetValues<OpportunityHeat>().Select(texts.HeatName).Distinct().Count());
            Assert.Equal(3, new[] { "open", "won", "lost" }.Select(texts.StatusName).Distinct().Count());
        }
        Assert.Equal("每 3 天", SalesTexts.Zh.Every(3));
        Assert.Equal("every day", SalesTexts.En.Every(1));
        var us = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        Assert.Equal("¥1,200.50", Formats.Amount(1200.50m, "CNY", us));
        Assert.Equal("USD 1,200.50", Formats.Amount(1200.50m, "USD", us));
    }
}

public sealed class SalesChartTextsTests
{
    [Fact]
    public void Every_funnel_and_forecast_text_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(SalesChartTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(SalesChartTexts.En)!, Zh: (string)p.GetValue(SalesChartTexts.Zh)!)).ToList();
        Assert.True(strings.Count > 40);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        Assert.Equal("5 个中赢 3 个", SalesChartTexts.Zh.OutOf(3, 5));
        Assert.Equal("won 3 of 5", SalesChartTexts.En.OutOf(3, 5));
    }
}
