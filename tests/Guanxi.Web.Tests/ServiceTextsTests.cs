using Guanxi.Components;
using Guanxi.Domain.Service;

namespace Guanxi.Web.Tests;

public sealed class ServiceTextsTests
{
    [Fact]
    public void Every_service_text_and_name_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(ServiceTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(ServiceTexts.En)!, Zh: (string)p.GetValue(ServiceTexts.Zh)!)).ToList();
        Assert.True(strings.Count > 40);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        foreach (var texts in new[] { ServiceTexts.En, ServiceTexts.Zh })
        {
            var names = Enum.GetValues<ServiceRequestType>().Select(texts.TypeName)
                .Concat(Enum.GetValues<ServiceChannel>().Select(texts.ChannelName))
                .Concat(Enum.GetValues<ServicePriority>().Select(texts.PriorityName))
                .Concat(Enum.GetValues<ServiceStatus>().Select(texts.StatusName))
                .Concat(Enum.GetValues<ServiceStatus>().Select(texts.MoveTo))
                .Concat(Enum.GetValues<ComplaintStep>().Select(texts.StepName))
                .Concat(Enum.GetValues<ComplaintVerdict>().Select(texts.VerdictName)).ToList();
            Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
            Assert.Equal(Enum.GetValues<ServiceStatus>().Length, Enum.GetValues<ServiceStatus>().Select(texts.StatusName).Distinct().Count());
        }
        Assert.Equal("In progress", ServiceTexts.En.StatusName("in-progress"));
        Assert.Equal("已超时 2 小时 5 分", ServiceTexts.Zh.Left(TimeSpan.FromMinutes(-125)));
        Assert.Equal("45 min", ServiceTexts.En.Left(TimeSpan.FromMinutes(45)));
    }
}
