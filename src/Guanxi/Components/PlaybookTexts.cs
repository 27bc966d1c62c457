using System.Globalization;
using Guanxi.Domain.Maintenance;

namespace Guanxi.Components;

/// <summary>The playbook, evaluation and win-back pages' texts, once per language.</summary>
public sealed class PlaybookTexts
{
    public static PlaybookTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string NewPlaybook { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Layer { get; init; }
    public required string Model { get; init; }
    public required string Class { get; init; }
    public required string Cadence { get; init; }
    public required string EveryDays { get; init; }
    public required string Channels { get; init; }
    public required string ServiceLevel { get; init; }
    public required string TargetRelationship { get; init; }
    public required string Offers { get; init; }
    public required string CareActions { get; init; }
    public required string Steps { get; init; }
    public required string AddStep { get; init; }
    public required string StepTitle { get; init; }
    public required string AssignTo { get; init; }
    public required string DueAfterDays { get; init; }
    public required string Priority { get; init; }
    public required string Kind { get; init; }
    public required string ValidFrom { get; init; }
    public required string ValidTo { get; init; }
    public required string Active { get; init; }
    public required string Inactive { get; init; }
    public required string Version { get; init; }
    public required string Versions { get; init; }
    public required string StartedOn { get; init; }
    public required string Edit { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string Delete { get; init; }
    public required string Cancel { get; init; }
    public required string Preview { get; init; }
    public required string PreviewIntro { get; init; }
    public required string WouldCreate { get; init; }
    public required string AlreadyOpen { get; init; }
    public required string ApplyNow { get; init; }
    public required string Applied { get; init; }
    public required string Evaluation { get; init; }
    public required string EvaluationIntro { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Show { get; init; }
    public required string NoFlowsYet { get; init; }
    public required string Customers { get; init; }
    public required string Retention { get; init; }
    public required string RepurchaseRate { get; init; }
    public required string RevenuePerCustomer { get; init; }
    public required string MovedUp { get; init; }
    public required string Stayed { get; init; }
    public required string MovedDown { get; init; }
    public required string Entered { get; init; }
    public required string TaskCompletion { get; init; }
    public required string OnTime { get; init; }
    public required string CadenceAdherence { get; init; }
    public required string WinBackRate { get; init; }
    public required string LayerOverRuns { get; init; }
    public required string MovementPerRun { get; init; }
    public required string Flow { get; init; }
    public required string FlowIntro { get; init; }
    public required string CameFrom { get; init; }
    public required string WentTo { get; init; }
    public required string NoClass { get; init; }
    public required string BeforeAfter { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string Tasks { get; init; }
    public required string WinBack { get; init; }
    public required string WinBackIntro { get; init; }
    public required string Customer { get; init; }
    public required string State { get; init; }
    public required string Reason { get; init; }
    public required string Apology { get; init; }
    public required string Remedy { get; init; }
    public required string Opened { get; init; }
    public required string WindowEnds { get; init; }
    public required string OpenCases { get; init; }
    public required string ClosedCases { get; init; }
    public required string MarkApologised { get; init; }
    public required string OfferRemedy { get; init; }
    public required string FollowUpInDays { get; init; }
    public required string CloseLost { get; init; }
    public required string MarkWonBack { get; init; }
    public required string NoCases { get; init; }
    public required string Strategy { get; init; }
    public required string NoPlaybooks { get; init; }
    public required Func<TaskKind, string> KindName { get; init; }
    public required Func<Domain.Maintenance.ServiceLevel, string> LevelName { get; init; }
    public required Func<StepAssignee, string> AssigneeName { get; init; }
    public required Func<TaskPriority, string> PriorityName { get; init; }
    public required Func<WinBackState, string> StateName { get; init; }

    public static readonly PlaybookTexts En = new()
    {
        Title = "Playbooks",
        Intro = "A maintenance strategy per customer layer: how often to contact, on which channels, at which service level, towards which relationship, and the tasks a customer entering the layer gets. They are applied after every model run.",
        NewPlaybook = "New playbook",
        Name = "Name",
        Description = "What this layer needs",
        Layer = "Layer",
        Model = "Model",
        Class = "Class",
        Cadence = "Contact cadence",
        EveryDays = "every {0} days",
        Channels = "Preferred channels",
        ServiceLevel = "Service level",
        TargetRelationship = "Target relationship level",
        Offers = "Offers",
        CareActions = "Care actions",
        Steps = "Tasks for customers entering the layer",
        AddStep = "Add task",
        StepTitle = "Task",
        AssignTo = "Assign to",
        DueAfterDays = "Due after (days)",
        Priority = "Priority",
        Kind = "Kind",
        ValidFrom = "Valid from",
        ValidTo = "Valid until",
        Active = "Active",
        Inactive = "Inactive",
        Version = "Version",
        Versions = "Versions",
        StartedOn = "In force from",
        Edit = "Edit",
        Save = "Save",
        Saved = "Saved as a new version.",
        Delete = "Delete",
        Cancel = "Cancel",
        Preview = "Preview",
        PreviewIntro = "The tasks this playbook would create now, from the latest model run.",
        WouldCreate = "would be created",
        AlreadyOpen = "already open",
        ApplyNow = "Apply all playbooks now",
        Applied = "Applied: {0}",
        Evaluation = "Evaluation",
        EvaluationIntro = "How the layer fared run by run: who stayed, who moved up or down, who bought again, and how the playbook's tasks were carried out.",
        From = "From",
        To = "To",
        Show = "Show",
        NoFlowsYet = "No model run has been evaluated for this layer in the period yet.",
        Customers = "Customers",
        Retention = "Retention",
        RepurchaseRate = "Repurchase rate",
        RevenuePerCustomer = "Revenue per customer",
        MovedUp = "Moved up",
        Stayed = "Stayed",
        MovedDown = "Moved down",
        Entered = "Entered",
        TaskCompletion = "Tasks completed",
        OnTime = "On time",
        CadenceAdherence = "Contacted within cadence",
        WinBackRate = "Win-back rate",
        LayerOverRuns = "The layer over the runs",
        MovementPerRun = "Movement per run",
        Flow = "Layer-to-layer flow",
        FlowIntro = "Where the layer's customers came from and went to over the period.",
        CameFrom = "Came from",
        WentTo = "Went to",
        NoClass = "(no class)",
        BeforeAfter = "Before and after each version",
        Before = "Before",
        After = "After",
        Tasks = "Tasks",
        WinBack = "Win-back",
        WinBackIntro = "High-value customers classed lost: apologise, offer a remedy, follow up; a purchase within the window wins them back.",
        Customer = "Customer",
        State = "State",
        Reason = "Reason",
        Apology = "Apology",
        Remedy = "Remedy",
        Opened = "Opened",
        WindowEnds = "Window ends",
        OpenCases = "Open",
        ClosedCases = "Closed",
        MarkApologised = "Apologised",
        OfferRemedy = "Offer remedy",
        FollowUpInDays = "Follow-up visit in (days)",
        CloseLost = "Lost for good",
        MarkWonBack = "Won back",
        NoCases = "No cases.",
        Strategy = "Strategy",
        NoPlaybooks = "No playbooks yet.",
        KindName = k => k switch
        {
            TaskKind.Call => "Call", TaskKind.Visit => "Visit", TaskKind.WeChat => "WeChat", TaskKind.Email => "Email",
            TaskKind.Gift => "Gift", TaskKind.Meeting => "Meeting", _ => "Other",
        },
        LevelName = l => l switch { Domain.Maintenance.ServiceLevel.Vip => "VIP", Domain.Maintenance.ServiceLevel.Priority => "Priority", Domain.Maintenance.ServiceLevel.Standard => "Standard", _ => "Basic" },
        AssigneeName = a => a switch { StepAssignee.OwnerManager => "Owner's manager", StepAssignee.Team => "A team", _ => "Owner" },
        PriorityName = p => p switch { TaskPriority.Urgent => "Urgent", TaskPriority.High => "High", TaskPriority.Low => "Low", _ => "Normal" },
        StateName = s => s switch
        {
            WinBackState.Apologised => "Apologised", WinBackState.RemedyOffered => "Remedy offered", WinBackState.WonBack => "Won back",
            WinBackState.LostForGood => "Lost for good", _ => "Open",
        },
    };

    public static readonly PlaybookTexts Zh = new()
    {
        Title = "维护策略",
        Intro = "按客户层次制定的维护策略：联系频率、首选渠道、服务等级、目标关系类型，以及客户进入该层次时要做的任务。每次模型运行后自动执行。",
        NewPlaybook = "新建策略",
        Name = "名称",
        Description = "该层次客户的需要",
        Layer = "客户层次",
        Model = "模型",
        Class = "类别",
        Cadence = "联系频率",
        EveryDays = "每 {0} 天",
        Channels = "首选渠道",
        ServiceLevel = "服务等级",
        TargetRelationship = "目标关系类型",
        Offers = "优惠",
        CareActions = "关怀行动",
        Steps = "客户进入该层次时的任务",
        AddStep = "添加任务",
        StepTitle = "任务",
        AssignTo = "负责人",
        DueAfterDays = "几天内完成",
        Priority = "优先级",
        Kind = "方式",
        ValidFrom = "生效日期",
        ValidTo = "截止日期",
        Active = "启用",
        Inactive = "停用",
        Version = "版本",
        Versions = "版本记录",
        StartedOn = "生效于",
        Edit = "编辑",
        Save = "保存",
        Saved = "已保存为新版本。",
        Delete = "删除",
        Cancel = "取消",
        Preview = "预览",
        PreviewIntro = "按最近一次模型运行，此策略现在会创建的任务。",
        WouldCreate = "将创建",
        AlreadyOpen = "已有未完成",
        ApplyNow = "立即执行全部策略",
        Applied = "已执行：{0}",
        Evaluation = "效果评估",
        EvaluationIntro = "逐次模型运行看该层次：谁留下、谁升级或降级、谁再次购买，以及策略任务的执行情况（持续的客户关系评估）。",
        From = "从",
        To = "到",
        Show = "查看",
        NoFlowsYet = "该期间内还没有对该层次评估过的模型运行。",
        Customers = "客户数",
        Retention = "保持率",
        RepurchaseRate = "复购率",
        RevenuePerCustomer = "客均收入",
        MovedUp = "升级",
        Stayed = "保持",
        MovedDown = "降级",
        Entered = "新进入",
        TaskCompletion = "任务完成率",
        OnTime = "按时完成",
        CadenceAdherence = "按频率联系",
        WinBackRate = "挽回率",
        LayerOverRuns = "各次运行中的该层次",
        MovementPerRun = "每次运行的迁移",
        Flow = "层次间流动",
        FlowIntro = "期间内该层次客户从哪里来、到哪里去。",
        CameFrom = "来自",
        WentTo = "去向",
        NoClass = "（无类别）",
        BeforeAfter = "各版本前后对比",
        Before = "之前",
        After = "之后",
        Tasks = "任务",
        WinBack = "客户挽回",
        WinBackIntro = "被归为流失的高价值客户：诚恳道歉、提出补救措施、跟踪回访；挽回期内再次购买即挽回成功。",
        Customer = "客户",
        State = "状态",
        Reason = "原因",
        Apology = "道歉",
        Remedy = "补救措施",
        Opened = "开启",
        WindowEnds = "挽回期至",
        OpenCases = "进行中",
        ClosedCases = "已结束",
        MarkApologised = "已道歉",
        OfferRemedy = "提出补救",
        FollowUpInDays = "几天后回访",
        CloseLost = "确认流失",
        MarkWonBack = "挽回成功",
        NoCases = "没有案例。",
        Strategy = "策略",
        NoPlaybooks = "还没有维护策略。",
        KindName = k => k switch
        {
            TaskKind.Call => "电话", TaskKind.Visit => "拜访", TaskKind.WeChat => "微信", TaskKind.Email => "邮件",
            TaskKind.Gift => "礼品", TaskKind.Meeting => "会面", _ => "其他",
        },
        LevelName = l => l switch { Domain.Maintenance.ServiceLevel.Vip => "贵宾", Domain.Maintenance.ServiceLevel.Priority => "优先", Domain.Maintenance.ServiceLevel.Standard => "标准", _ => "基础" },
        AssigneeName = a => a switch { StepAssignee.OwnerManager => "负责人的经理", StepAssignee.Team => "指定团队", _ => "客户负责人" },
        PriorityName = p => p switch { TaskPriority.Urgent => "紧急", TaskPriority.High => "高", TaskPriority.Low => "低", _ => "普通" },
        StateName = s => s switch
        {
            WinBackState.Apologised => "已道歉", WinBackState.RemedyOffered => "已提出补救", WinBackState.WonBack => "挽回成功",
            WinBackState.LostForGood => "确认流失", _ => "待处理",
        },
    };
}
