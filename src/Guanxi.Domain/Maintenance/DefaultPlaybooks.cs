using Guanxi.Domain.Models;

namespace Guanxi.Domain.Maintenance;

/// <summary>
/// The playbooks a new database starts with, written from the seeds (docs/playbooks.md explains each): one per layer of the
/// comprehensive model (000: 针对不同层次的客户制定不同的策略; 001: 根据利润大小来分配工作时间), and for churn warning,
/// high-value lost (003: 流失预警 → 诚恳道歉 → 补救措施 → 跟踪回访), first purchase and potential customers.
/// </summary>
public static class DefaultPlaybooks
{
    public static IReadOnlyList<Playbook> All() =>
    [
        New("关键客户维护", ModelKeys.Comprehensive, "key", 14, [TaskKind.Visit, TaskKind.Call, TaskKind.WeChat], ServiceLevel.Vip, "partnership",
            "关键客户贡献了大部分利润：专人负责、高层互访、定制方案，每两周至少联系一次。",
            "专属客户经理；定制产品与方案；优先供货与账期",
            "节日上门拜访；生日礼品；年度答谢会",
            Step(TaskKind.Visit, "拜访关键客户：了解需求与满意度", StepAssignee.Owner, 7, TaskPriority.High),
            Step(TaskKind.Meeting, "经理面谈：商定年度合作计划", StepAssignee.OwnerManager, 30, TaskPriority.Normal)),
        New("重要客户维护", ModelKeys.Comprehensive, "important", 30, [TaskKind.Call, TaskKind.WeChat, TaskKind.Email], ServiceLevel.Priority, "proactive",
            "重要客户有成长为关键客户的潜力：主动联系，推荐合适的产品，每月联系一次。",
            "会员专享价；新品优先试用",
            "节日问候；生日祝福",
            Step(TaskKind.Call, "电话回访重要客户：介绍新品与专享优惠", StepAssignee.Owner, 7, TaskPriority.Normal)),
        New("普通客户维护", ModelKeys.Comprehensive, "ordinary", 90, [TaskKind.WeChat, TaskKind.Email], ServiceLevel.Standard, "accountable",
            "普通客户数量多、单个贡献有限：以微信、邮件等低成本渠道为主，每季度联系一次。",
            "满额优惠券",
            "节日群发问候",
            Step(TaskKind.WeChat, "微信问候普通客户并推送优惠", StepAssignee.Owner, 14, TaskPriority.Low)),
        New("低贡献客户维护", ModelKeys.Comprehensive, "low", 180, [TaskKind.Email], ServiceLevel.Basic, "reactive",
            "低贡献客户：保持基本联系、控制服务成本，每半年一次邮件。",
            null, "节日邮件问候"),
        New("流失预警处理", ModelKeys.Lost, LostClasses.ChurnWarning, 7, [TaskKind.Call, TaskKind.Visit], ServiceLevel.Priority, "accountable",
            "客户出现流失迹象：尽快了解原因、诚恳道歉、采取补救措施并跟踪回访（003）。",
            "补偿优惠；问题优先处理",
            "客户经理亲自致电",
            Step(TaskKind.Call, "流失预警：电话了解原因并诚恳道歉", StepAssignee.Owner, 2, TaskPriority.Urgent),
            Step(TaskKind.Call, "跟踪回访：补救措施是否见效", StepAssignee.Owner, 14, TaskPriority.High)),
        New("高价值流失挽回", ModelKeys.Lost, LostClasses.HighValue, 14, [TaskKind.Visit, TaskKind.Call], ServiceLevel.Vip, "proactive",
            "高价值客户已流失：由客户经理上门、经理跟进，提出补救措施，争取在挽回期内再次购买。",
            "专属补偿方案；免费服务一次",
            "上门拜访致歉",
            Step(TaskKind.Visit, "上门拜访：诚恳道歉并提出补救措施", StepAssignee.Owner, 3, TaskPriority.Urgent),
            Step(TaskKind.Call, "经理致电：确认补救方案", StepAssignee.OwnerManager, 7, TaskPriority.High)),
        New("首购客户培育", ModelKeys.FirstPurchase, "promising", 30, [TaskKind.Call, TaskKind.WeChat], ServiceLevel.Standard, "accountable",
            "首次购买且金额较大的客户最可能回购：及时感谢、了解使用体验，推动第二次购买。",
            "二次购买优惠券",
            "首购感谢短信",
            Step(TaskKind.Call, "首购回访：感谢并了解使用体验", StepAssignee.Owner, 3, TaskPriority.Normal)),
        New("潜在客户开发", ModelKeys.Potential, "high_likelihood", 30, [TaskKind.Call, TaskKind.WeChat], ServiceLevel.Standard, "reactive",
            "购买可能性高的潜在客户：介绍产品与优惠，争取首单。",
            "首单优惠",
            null,
            Step(TaskKind.Call, "潜在客户跟进：介绍产品与首单优惠", StepAssignee.Owner, 7, TaskPriority.Normal)),
    ];

    private static PlaybookStep Step(TaskKind kind, string title, StepAssignee to, int dueAfterDays, TaskPriority priority) =>
        new() { Kind = kind, Title = title, AssignTo = to, DueAfterDays = dueAfterDays, Priority = priority };

    private static Playbook New(string name, string model, string cls, int cadence, List<TaskKind> channels, ServiceLevel level, string target,
        string description, string? offers, string? care, params PlaybookStep[] steps) => new()
    {
        Name = name,
        ModelKey = model,
        ClassKey = cls,
        CadenceDays = cadence,
        Channels = channels,
        ServiceLevel = level,
        TargetRelationship = target,
        Description = description,
        Offers = offers,
        CareActions = care,
        Steps = [.. steps],
        Active = true,
        Version = 1,
    };
}
