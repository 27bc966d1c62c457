using System.Globalization;
using Guanxi.Domain.Maintenance;

namespace Guanxi.Components;

/// <summary>The tasks, calendar, notification and action-panel texts, once per language (apart from <see cref="Texts"/>, like <see cref="ModelTexts"/>).</summary>
public sealed class TaskTexts
{
    public static TaskTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Tasks { get; init; }
    public required string MyTasks { get; init; }
    public required string TeamTasks { get; init; }
    public required string Mine { get; init; }
    public required string Team { get; init; }
    public required string Today { get; init; }
    public required string Overdue { get; init; }
    public required string ThisWeek { get; init; }
    public required string AllOpen { get; init; }
    public required string Unassigned { get; init; }
    public required string Due { get; init; }
    public required string Customer { get; init; }
    public required string Kind { get; init; }
    public required string Priority { get; init; }
    public required string Title { get; init; }
    public required string Origin { get; init; }
    public required string Assignee { get; init; }
    public required string Notes { get; init; }
    public required string Actions { get; init; }
    public required string Complete { get; init; }
    public required string CompleteTask { get; init; }
    public required string Snooze { get; init; }
    public required string SnoozeTask { get; init; }
    public required string SnoozeTo { get; init; }
    public required string TomorrowMorning { get; init; }
    public required string NewTask { get; init; }
    public required string Reassign { get; init; }
    public required string ReassignTask { get; init; }
    public required string AssignTo { get; init; }
    public required string Outcome { get; init; }
    public required string Note { get; init; }
    public required string ScheduleNext { get; init; }
    public required string NextKind { get; init; }
    public required string NextTitle { get; init; }
    public required string NextDue { get; init; }
    public required string DueDate { get; init; }
    public required string SearchCustomer { get; init; }
    public required string Create { get; init; }
    public required string Cancel { get; init; }
    public required string NoTasks { get; init; }
    public required string MoreTasks { get; init; }
    public required string Completed { get; init; }
    public required string Snoozed { get; init; }
    public required string Created { get; init; }
    public required string Reassigned { get; init; }
    public required string Calendar { get; init; }
    public required string Day { get; init; }
    public required string Week { get; init; }
    public required string Month { get; init; }
    public required string Previous { get; init; }
    public required string Next { get; init; }
    public required string GoToday { get; init; }
    public required string CalendarFeed { get; init; }
    public required string CalendarFeedIntro { get; init; }
    public required string CreateFeed { get; init; }
    public required string RevokeFeeds { get; init; }
    public required string FeedShownOnce { get; init; }
    public required string Copy { get; init; }
    public required string Copied { get; init; }
    public required string Notifications { get; init; }
    public required string MarkAllRead { get; init; }
    public required string NoNotifications { get; init; }

    /// <summary>After an SLA notice that stands for many requests (it opens the queue's view of them).</summary>
    public required string SeveralRequests { get; init; }
    public required string TodaysWork { get; init; }
    public required string DueToday { get; init; }
    public required string OpenMyTasks { get; init; }
    public required string WhatToDo { get; init; }
    public required string Layer { get; init; }
    public required string ChurnState { get; init; }
    public required string NoModelRun { get; init; }
    public required string Playbook { get; init; }
    public required string NoPlaybook { get; init; }
    public required string OpenTasks { get; init; }
    public required string NoOpenTasks { get; init; }
    public required string NextDueTask { get; init; }
    public required string LogContact { get; init; }
    public required string NeverContacted { get; init; }

    public string Snoozes(string until) => Chinese ? $"已推迟到 {until}。" : $"Snoozed to {until}.";

    public string FeedsRevoked(int n) => Chinese ? $"已撤销 {n} 个链接。" : $"{n} link(s) revoked.";

    public string LastContact(int? days, int? cadence)
    {
        string last = days switch
        {
            null => NeverContacted,
            0 => Chinese ? "今天联系过" : "Last contact today",
            1 => Chinese ? "昨天联系过" : "Last contact yesterday",
            _ => Chinese ? $"上次联系在 {days} 天前" : $"Last contact {days} days ago",
        };
        if (cadence is not { } c) return last;
        return Chinese ? $"{last}——维护策略要求每 {c} 天联系一次" : $"{last} — playbook asks every {c} days";
    }

    public string CadenceAndLevel(int cadence, string channels) =>
        Chinese ? $"每 {cadence} 天联系一次；渠道：{channels}" : $"Contact every {cadence} days; channels: {channels}";

    public string KindName(TaskKind kind) => kind switch
    {
        TaskKind.Call => Chinese ? "电话" : "Call",
        TaskKind.Visit => Chinese ? "拜访" : "Visit",
        TaskKind.WeChat => Chinese ? "微信" : "WeChat",
        TaskKind.Email => Chinese ? "邮件" : "Email",
        TaskKind.Gift => Chinese ? "送礼" : "Gift",
        TaskKind.Meeting => Chinese ? "会面" : "Meeting",
        _ => Chinese ? "其他" : "Other",
    };

    public string PriorityName(TaskPriority priority) => priority switch
    {
        TaskPriority.Low => Chinese ? "低" : "Low",
        TaskPriority.High => Chinese ? "高" : "High",
        TaskPriority.Urgent => Chinese ? "紧急" : "Urgent",
        _ => Chinese ? "普通" : "Normal",
    };

    public string OriginName(TaskOrigin origin) => origin switch
    {
        TaskOrigin.Playbook => Chinese ? "维护策略" : "Playbook",
        TaskOrigin.ChurnAlert => Chinese ? "流失预警" : "Churn alert",
        TaskOrigin.Complaint => Chinese ? "投诉" : "Complaint",
        TaskOrigin.SalesFollowUp => Chinese ? "销售跟进" : "Sales follow-up",
        TaskOrigin.WinBack => Chinese ? "挽回" : "Win-back",
        TaskOrigin.ServiceFollowUp => Chinese ? "服务回访" : "Service follow-up",
        _ => Chinese ? "手动" : "Manual",
    };

    public string OutcomeName(ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Reached => Chinese ? "已联系上" : "Reached",
        ContactOutcome.NoAnswer => Chinese ? "无人接听" : "No answer",
        ContactOutcome.Interested => Chinese ? "有意向" : "Interested",
        ContactOutcome.Refused => Chinese ? "拒绝" : "Refused",
        ContactOutcome.CallBackLater => Chinese ? "稍后再联系" : "Call back later",
        ContactOutcome.WrongNumber => Chinese ? "号码有误" : "Wrong number",
        _ => Chinese ? "其他" : "Other",
    };

    public string NotificationText(NotificationKind kind) => kind switch
    {
        NotificationKind.TaskAssigned => Chinese ? "新任务分配给你" : "New task for you",
        NotificationKind.TaskReassigned => Chinese ? "任务改派给你" : "Task reassigned to you",
        NotificationKind.ChurnAlert => Chinese ? "流失预警" : "Churn warning",
        NotificationKind.WinBackOpened => Chinese ? "已开启挽回" : "Win-back case opened",
        NotificationKind.ServiceRequestAssigned => Chinese ? "服务请求分配给你" : "Service request for you",
        NotificationKind.SlaWarning => Chinese ? "服务请求即将超时" : "Service request due within the hour",
        NotificationKind.SlaBreached => Chinese ? "服务请求已超时" : "Service request overdue",
        _ => kind.ToString(),
    };

    /// <summary>What a comprehensive layer means for the work, in plain words.</summary>
    public string LayerMeaning(string classKey) => classKey switch
    {
        "key" => Chinese ? "关键客户：少数贡献大部分利润的客户。专人负责，经常、亲自联系。" : "A key customer: one of the few who bring most of the profit. Serve them personally and often.",
        "important" => Chinese ? "重要客户：贡献大且稳定。定期主动联系，保持紧密关系。" : "An important customer: a large, steady contribution. Keep close with regular, proactive contact.",
        "ordinary" => Chinese ? "普通客户：贡献一般。以较低成本保持联系，留意成长机会。" : "An ordinary customer: a modest contribution. Keep in touch at low cost and watch for growth.",
        "low" => Chinese ? "低贡献客户：目前利润很少。通过低成本渠道高效服务。" : "A low-contribution customer: little profit so far. Serve efficiently through low-cost channels.",
        _ => "",
    };

    public static readonly TaskTexts En = new()
    {
        Tasks = "Tasks",
        MyTasks = "My tasks",
        TeamTasks = "Team tasks",
        Mine = "Mine",
        Team = "Team",
        Today = "Today",
        Overdue = "Overdue",
        ThisWeek = "This week",
        AllOpen = "All open",
        Unassigned = "Unassigned",
        Due = "Due",
        Customer = "Customer",
        Kind = "Kind",
        Priority = "Priority",
        Title = "Title",
        Origin = "Origin",
        Assignee = "Assignee",
        Notes = "Notes",
        Actions = "Actions",
        Complete = "Complete",
        CompleteTask = "Complete task",
        Snooze = "Snooze",
        SnoozeTask = "Snooze task",
        SnoozeTo = "Snooze to",
        TomorrowMorning = "Tomorrow 09:00",
        NewTask = "New task",
        Reassign = "Reassign",
        ReassignTask = "Reassign task",
        AssignTo = "Assign to",
        Outcome = "Outcome",
        Note = "Note",
        ScheduleNext = "Schedule a next task",
        NextKind = "Next task's kind",
        NextTitle = "Next task's title",
        NextDue = "Next task due",
        DueDate = "Due date",
        SearchCustomer = "Customer (type a name, code or phone)",
        Create = "Create",
        Cancel = "Cancel",
        NoTasks = "Nothing due here.",
        MoreTasks = "More",
        Completed = "Task completed.",
        Snoozed = "Task snoozed.",
        Created = "Task created.",
        Reassigned = "Task reassigned.",
        Calendar = "Calendar",
        Day = "Day",
        Week = "Week",
        Month = "Month",
        Previous = "Previous",
        Next = "Next",
        GoToday = "Today",
        CalendarFeed = "Calendar feed",
        CalendarFeedIntro = "Subscribe to your open tasks in a calendar app. The link is its own password: keep it private, revoke it if it leaks.",
        CreateFeed = "Create link",
        RevokeFeeds = "Revoke all links",
        FeedShownOnce = "Copy this link now: it is shown only once.",
        Copy = "Copy",
        Copied = "Copied.",
        Notifications = "Notifications",
        MarkAllRead = "Mark all read",
        NoNotifications = "No notifications.",
        SeveralRequests = "several requests: see the queue",
        TodaysWork = "Today's work",
        DueToday = "Due today",
        OpenMyTasks = "Open my tasks",
        WhatToDo = "What to do now",
        Layer = "Layer",
        ChurnState = "Churn state",
        NoModelRun = "No model run has classified this customer yet.",
        Playbook = "Playbook",
        NoPlaybook = "No playbook applies to this customer's classes.",
        OpenTasks = "Open tasks",
        NoOpenTasks = "No open tasks.",
        NextDueTask = "Next due",
        LogContact = "Log contact",
        NeverContacted = "Never contacted",
    };

    public static readonly TaskTexts Zh = new()
    {
        Tasks = "任务",
        MyTasks = "我的任务",
        TeamTasks = "团队任务",
        Mine = "我的",
        Team = "团队",
        Today = "今天",
        Overdue = "已逾期",
        ThisWeek = "本周",
        AllOpen = "全部未完成",
        Unassigned = "未分配",
        Due = "到期",
        Customer = "客户",
        Kind = "类型",
        Priority = "优先级",
        Title = "标题",
        Origin = "来源",
        Assignee = "负责人",
        Notes = "备注",
        Actions = "操作",
        Complete = "完成",
        CompleteTask = "完成任务",
        Snooze = "推迟",
        SnoozeTask = "推迟任务",
        SnoozeTo = "推迟到",
        TomorrowMorning = "明天 09:00",
        NewTask = "新建任务",
        Reassign = "改派",
        ReassignTask = "改派任务",
        AssignTo = "分配给",
        Outcome = "结果",
        Note = "记录",
        ScheduleNext = "安排下一个任务",
        NextKind = "下一个任务的类型",
        NextTitle = "下一个任务的标题",
        NextDue = "下一个任务的到期日",
        DueDate = "到期日",
        SearchCustomer = "客户（输入名称、编号或电话）",
        Create = "创建",
        Cancel = "取消",
        NoTasks = "这里没有待办任务。",
        MoreTasks = "更多",
        Completed = "任务已完成。",
        Snoozed = "任务已推迟。",
        Created = "任务已创建。",
        Reassigned = "任务已改派。",
        Calendar = "日历",
        Day = "日",
        Week = "周",
        Month = "月",
        Previous = "上一页",
        Next = "下一页",
        GoToday = "今天",
        CalendarFeed = "日历订阅",
        CalendarFeedIntro = "在日历应用中订阅你的未完成任务。链接本身就是密码：请勿外传，泄露后请撤销。",
        CreateFeed = "创建链接",
        RevokeFeeds = "撤销全部链接",
        FeedShownOnce = "请立即复制此链接：它只显示一次。",
        Copy = "复制",
        Copied = "已复制。",
        Notifications = "通知",
        MarkAllRead = "全部标为已读",
        NoNotifications = "暂无通知。",
        SeveralRequests = "多个请求，请查看队列",
        TodaysWork = "今日工作",
        DueToday = "今天到期",
        OpenMyTasks = "打开我的任务",
        WhatToDo = "现在该做什么",
        Layer = "客户层次",
        ChurnState = "流失状态",
        NoModelRun = "尚无模型运行为该客户分类。",
        Playbook = "维护策略",
        NoPlaybook = "该客户所在类别没有适用的维护策略。",
        OpenTasks = "未完成任务",
        NoOpenTasks = "没有未完成任务。",
        NextDueTask = "最近到期",
        LogContact = "记录联系",
        NeverContacted = "从未联系",
    };
}
