using Guanxi.Domain.Text;

namespace Guanxi.Domain.Tests.Text;

[Trait("Clock", "Independent")]
public class NameMatchTests
{
    private static string Marked(string name, string? text) =>
        string.Concat(NameMatch.Spans(name, text).Select(s => s.Matched ? "[" + s.Text + "]" : s.Text));

    [Theory]
    [InlineData("王艳明", "wym", "[王艳明]")]
    [InlineData("王艳明", "wy", "[王艳]明")]
    [InlineData("王艳明", "wangyan", "[王艳]明")]
    [InlineData("王艳明", "wangya", "[王艳]明")]
    [InlineData("雷军", "lei", "[雷]军")]
    [InlineData("曾小贤", "zeng", "[曾]小贤")]
    [InlineData("上海艳明贸易", "艳明", "上海[艳明]贸易")]
    [InlineData("ACME Trading", "trad", "ACME [Trad]ing")]
    public void Marks_the_characters_the_search_matched(string name, string text, string expected) =>
        Assert.Equal(expected, Marked(name, text));

    [Theory]
    [InlineData("王艳明", "ym")]
    [InlineData("王艳明", "lei")]
    [InlineData("王艳明", "")]
    [InlineData("王艳明", null)]
    public void Marks_nothing_when_nothing_matched(string name, string? text) => Assert.Equal(name, Marked(name, text));
}
