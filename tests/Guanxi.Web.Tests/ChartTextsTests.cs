using Guanxi.Components;
using Guanxi.Components.Shared;

namespace Guanxi.Web.Tests;

[Trait("Clock", "Independent")]
public sealed class ChartTextsTests
{
    [Fact]
    public void Every_chart_text_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(ChartTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(ChartTexts.En)!, Zh: (string)p.GetValue(ChartTexts.Zh)!)).ToList();
        Assert.True(strings.Count > 10);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        Assert.Equal("2026-02", ChartTexts.Zh.Month(2026, 2));
        Assert.Equal("Feb 2026", ChartTexts.En.Month(2026, 2));
        Assert.Equal("从「关键客户」移到「重要客户」的客户", ChartTexts.Zh.Moved("关键客户", "重要客户"));
    }

    [Fact]
    public void A_heat_cell_is_unshaded_when_empty_and_darkest_at_the_largest_count()
    {
        Assert.Equal("", HeatShade.Style(0, 10));
        Assert.Equal("background:rgba(179,38,30,0.90);color:#fff;", HeatShade.Style(10, 10));
        Assert.Equal("background:rgba(179,38,30,0.34);", HeatShade.Style(1, 10));
    }
}
