using System.Globalization;
using Guanxi.Components;
using Guanxi.Domain.Maintenance;
using Guanxi.Maintenance;

namespace Guanxi.Web.Tests;

public sealed class TaskTextsTests
{
    private static IEnumerable<(string Name, string En, string Zh)> Strings() =>
        typeof(TaskTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, (string)p.GetValue(TaskTexts.En)!, (string)p.GetValue(TaskTexts.Zh)!));

    [Fact]
    public void Every_task_text_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        Assert.NotEmpty(Strings());
        foreach (var (name, en, zh) in Strings())
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
    }

    [Fact]
    public void Every_kind_outcome_origin_priority_and_notification_has_a_name_in_both_languages()
    {
        foreach (var texts in new[] { TaskTexts.En, TaskTexts.Zh })
        {
            var names = Enum.GetValues<TaskKind>().Select(texts.KindName)
                .Concat(Enum.GetValues<ContactOutcome>().Select(texts.OutcomeName))
                .Concat(Enum.GetValues<TaskOrigin>().Select(texts.OriginName))
                .Concat(Enum.GetValues<TaskPriority>().Select(texts.PriorityName))
                .Concat(Enum.GetValues<NotificationKind>().Select(texts.NotificationText)).ToList();
            Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        }
        Assert.Equal(Enum.GetValues<ContactOutcome>().Length, Enum.GetValues<ContactOutcome>().Select(TaskTexts.Zh.OutcomeName).Distinct().Count());
    }

    [Fact]
    public void The_contact_rhythm_reads_in_plain_words()
    {
        Assert.Equal("Last contact 45 days ago — playbook asks every 30 days", TaskTexts.En.LastContact(45, 30));
        Assert.Equal("上次联系在 45 天前——维护策略要求每 30 天联系一次", TaskTexts.Zh.LastContact(45, 30));
        Assert.Equal("Never contacted", TaskTexts.En.LastContact(null, null));
        Assert.Equal("Last contact today", TaskTexts.En.LastContact(0, null));
        Assert.Equal("昨天联系过", TaskTexts.Zh.LastContact(1, null));
        Assert.NotEmpty(TaskTexts.Zh.LayerMeaning("key"));
    }

    [Fact]
    public void The_culture_picks_the_language()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Same(TaskTexts.Zh, TaskTexts.Current);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Same(TaskTexts.En, TaskTexts.Current);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Theory]
    [InlineData(45, 30, true)]
    [InlineData(30, 30, false)]
    [InlineData(null, 30, true)]
    [InlineData(45, null, false)]
    public void Contact_is_overdue_past_the_strictest_cadence_or_when_there_was_none(int? days, int? cadence, bool overdue)
    {
        var data = new CustomerActionData(1, null, null, null, [], [], false, null, days, cadence);
        Assert.Equal(overdue, data.ContactOverdue);
    }
}
