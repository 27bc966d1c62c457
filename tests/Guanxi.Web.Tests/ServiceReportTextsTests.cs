using Guanxi.Components;

namespace Guanxi.Web.Tests;

public sealed class ServiceReportTextsTests
{
    private static List<(string Name, string En, string Zh)> Strings<T>(T en, T zh) =>
        [.. typeof(T).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, (string)p.GetValue(en)!, (string)p.GetValue(zh)!))];

    [Fact]
    public void The_reports_and_attachments_texts_are_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = Strings(ServiceReportTexts.En, ServiceReportTexts.Zh).Concat(Strings(ServiceAttachmentTexts.En, ServiceAttachmentTexts.Zh)).ToList();
        Assert.True(strings.Count > 25);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        Assert.Equal("2 h 5 min", ServiceReportTexts.En.Duration(125));
        Assert.Equal("45 分钟", ServiceReportTexts.Zh.Duration(45));
        Assert.Equal("—", ServiceReportTexts.En.Duration(null));
        Assert.Equal("3 of 5", ServiceReportTexts.En.OutOf(3, 5));
        Assert.Contains("10 MB", ServiceAttachmentTexts.En.Accepted(10), StringComparison.Ordinal);
        Assert.Equal("1.5 MB", ServiceAttachmentTexts.En.Size(1536 * 1024));
        Assert.Equal("2 KB", ServiceAttachmentTexts.Zh.Size(2048));
    }
}
