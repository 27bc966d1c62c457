using Guanxi.Components;
using Guanxi.Domain.Marketing;

namespace Guanxi.Web.Tests;

public sealed class MarketingTextsTests
{
    [Fact]
    public void Every_marketing_text_and_name_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(MarketingTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(MarketingTexts.En)!, Zh: (string)p.GetValue(MarketingTexts.Zh)!)).ToList();
        Assert.True(strings.Count > 20);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        foreach (var texts in new[] { MarketingTexts.En, MarketingTexts.Zh })
        {
            Assert.Equal(3, Enum.GetValues<MarketingChannel>().Select(texts.ChannelName).Distinct().Count());
            Assert.Equal(2, MessageTemplate.Languages.Select(texts.LanguageName).Distinct().Count());
        }
        Assert.Equal("微信", MarketingTexts.Zh.ChannelName("wechat"));
        Assert.Equal(Guanxi.Marketing.TemplateService.Placeholders(false).Select(p => p.Name), TemplateFields.All);
        Assert.Equal(Guanxi.Marketing.TemplateService.Placeholders(true).Select(p => p.Name), TemplateFields.All);
    }

    [Fact]
    public void Every_campaign_text_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(CampaignTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(CampaignTexts.En)!, Zh: (string)p.GetValue(CampaignTexts.Zh)!)).ToList();
        Assert.True(strings.Count > 50);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        Assert.Equal(3, Enum.GetValues<CampaignStatus>().Select(CampaignTexts.Zh.StatusName).Distinct().Count());
        Assert.Equal("Sent", CampaignTexts.En.StatusName("sent"));
        Assert.StartsWith("1 order in the window is", CampaignTexts.En.Unconverted(1, "1"), StringComparison.Ordinal);
        Assert.StartsWith("1,200 orders in the window are", CampaignTexts.En.Unconverted(1200, "1,200"), StringComparison.Ordinal);
        Assert.Contains("3 笔外币订单", CampaignTexts.Zh.Unconverted(3, "3"), StringComparison.Ordinal);
    }
}
