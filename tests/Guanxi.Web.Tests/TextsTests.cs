using System.Globalization;
using Guanxi.Components;

namespace Guanxi.Web.Tests;

public sealed class TextsTests
{
    private static IEnumerable<(string Name, string En, string Zh)> Strings() =>
        typeof(Texts).GetProperties().Where(p => p.PropertyType == typeof(string))
            .Select(p => (p.Name, (string)p.GetValue(Texts.En)!, (string)p.GetValue(Texts.Zh)!));

    [Fact]
    public void Every_text_is_written_in_both_languages()
    {
        foreach (var (name, en, zh) in Strings())
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.False(string.IsNullOrWhiteSpace(zh), name);
        }
    }

    [Fact]
    public void Chinese_texts_are_chinese()
    {
        // Each Chinese text holds at least one CJK character (a forgotten copy of the English would not).
        foreach (var (name, _, zh) in Strings())
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
    }

    [Fact]
    public void The_culture_picks_the_language()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Same(Texts.Zh, Texts.Current);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Same(Texts.En, Texts.Current);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Service_messages_are_translated_and_unknown_ones_pass_through()
    {
        Assert.Equal("客户需要名称。", Texts.Zh.Translate("A customer needs a name."));
        Assert.Equal("A customer needs a name.", Texts.En.Translate("A customer needs a name."));
        Assert.Equal("Something new.", Texts.Zh.Translate("Something new."));
    }

    [Fact]
    public void Messages_naming_a_field_or_a_limit_are_translated()
    {
        Assert.Equal("“等级”为必填项。", Texts.Zh.Translate("等级 is required."));
        Assert.Equal("“预算”必须是数字。", Texts.Zh.Translate("预算 must be a number."));
        Assert.Equal("最多 200 个字符。", Texts.Zh.Translate("Must be at most 200 characters."));
        Assert.Equal("Budget must be a number.", Texts.En.Translate("Budget must be a number."));
    }

    [Fact]
    public void The_import_summary_reads_as_the_command_line_prints_it()
    {
        Assert.Equal("imported 2, updated 0, unchanged 0, rejected 1", Texts.En.ImportSummary(2, 0, 0, 1));
        Assert.Equal(new Guanxi.Import.ImportSummary(2, 0, 0, 1, false, null).Line, Texts.En.ImportSummary(2, 0, 0, 1));
    }

    [Fact]
    public void Run_statuses_and_order_channels_read_as_words()
    {
        Assert.Equal("已完成", ModelTexts.Zh.RunStatus("succeeded"));
        Assert.Equal("失败", ModelTexts.Zh.RunStatus("failed"));
        Assert.Equal("运行中", ModelTexts.Zh.RunStatus("running"));
        Assert.Equal("succeeded", ModelTexts.En.RunStatus("succeeded"));
        foreach (var channel in Guanxi.Domain.Orders.OrderChannels.Known)
        {
            Assert.NotEqual(channel, Texts.Zh.OrderChannel(channel));
            Assert.NotEqual(channel, Texts.En.OrderChannel(channel));
        }

        // A channel the file or API brought in as free text is shown as it came.
        Assert.Equal("直播", Texts.Zh.OrderChannel("直播"));
    }
}
