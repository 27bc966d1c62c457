using System.Globalization;

namespace Guanxi.Components;

/// <summary>The quick entry of a contact and the history filter on the customer page, once per language.</summary>
public sealed class ContactLogTexts
{
    public static ContactLogTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string When { get; init; }
    public required string ContactPerson { get; init; }
    public required string NoContactPerson { get; init; }
    public required string Outcome { get; init; }
    public required string NoOutcome { get; init; }
    public required string RemindMe { get; init; }
    public required string RemindHow { get; init; }
    public required string RemindAt { get; init; }
    public required string LoggedWithReminder { get; init; }
    public required string ShowHistory { get; init; }
    public required string AllHistory { get; init; }
    public required string OrdersOnly { get; init; }
    public required string NothingOfThisKind { get; init; }
    public required Func<string, string> With { get; init; }

    public static readonly ContactLogTexts En = new()
    {
        When = "When",
        ContactPerson = "Contact person",
        NoContactPerson = "Not named",
        Outcome = "Outcome",
        NoOutcome = "Not recorded",
        RemindMe = "Remind me",
        RemindHow = "Follow up by",
        RemindAt = "Remind me at",
        LoggedWithReminder = "Logged; the reminder is in your tasks.",
        ShowHistory = "Show",
        AllHistory = "All",
        OrdersOnly = "Orders",
        NothingOfThisKind = "Nothing of this kind yet.",
        With = name => "with " + name,
    };

    public static readonly ContactLogTexts Zh = new()
    {
        When = "时间",
        ContactPerson = "联系人",
        NoContactPerson = "未指定",
        Outcome = "结果",
        NoOutcome = "未记录",
        RemindMe = "提醒我跟进",
        RemindHow = "跟进方式",
        RemindAt = "提醒时间",
        LoggedWithReminder = "已记录；提醒已加入你的任务。",
        ShowHistory = "显示",
        AllHistory = "全部",
        OrdersOnly = "订单",
        NothingOfThisKind = "暂无此类记录。",
        With = name => "联系人：" + name,
    };
}
