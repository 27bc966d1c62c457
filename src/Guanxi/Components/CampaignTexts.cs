using System.Globalization;
using Guanxi.Domain.Marketing;

namespace Guanxi.Components;

/// <summary>The campaign pages' texts, once per language (like <see cref="MarketingTexts"/>).</summary>
public sealed class CampaignTexts
{
    public static CampaignTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Campaigns { get; init; }
    public required string NewCampaign { get; init; }
    public required string EditCampaign { get; init; }
    public required string NoCampaigns { get; init; }
    public required string Back { get; init; }
    public required string StepAudience { get; init; }
    public required string StepTemplate { get; init; }
    public required string StepSettings { get; init; }
    public required string StepReview { get; init; }
    public required string Next { get; init; }
    public required string Previous { get; init; }
    public required string MatchAll { get; init; }
    public required string MatchAny { get; init; }
    public required string AddCondition { get; init; }
    public required string Remove { get; init; }
    public required string Kind { get; init; }
    public required string KindModel { get; init; }
    public required string KindRfm { get; init; }
    public required string KindTag { get; init; }
    public required string KindGroup { get; init; }
    public required string KindView { get; init; }
    public required string KindCustom { get; init; }
    public required string View { get; init; }
    public required string SharedView { get; init; }
    public required string Model { get; init; }
    public required string Class { get; init; }
    public required string Value { get; init; }
    public required string Exclude { get; init; }
    public required string AudienceJson { get; init; }
    public required string AudienceJsonHint { get; init; }
    public required string Template { get; init; }
    public required string VariantTemplate { get; init; }
    public required string VariantNone { get; init; }
    public required string VariantHint { get; init; }
    public required string VariantPercent { get; init; }
    public required string VariantPercentHint { get; init; }
    public required string VariantBQueued { get; init; }
    public required string Variants { get; init; }
    public required string Variant { get; init; }
    public required string Winner { get; init; }
    public required string NoWinner { get; init; }
    public required string BMinusA { get; init; }
    public required string ControlPercent { get; init; }
    public required string ControlHint { get; init; }
    public required string FrequencyCap { get; init; }
    public required string FrequencyCapHint { get; init; }
    public required string AttributionDays { get; init; }
    public required string AttributionHint { get; init; }
    public required string SaveAndPreview { get; init; }
    public required string Audience { get; init; }
    public required string Queued { get; init; }
    public required string Excluded { get; init; }
    public required string NoConsent { get; init; }
    public required string Unsubscribed { get; init; }
    public required string NoAddress { get; init; }
    public required string Capped { get; init; }
    public required string Control { get; init; }
    public required string Sample { get; init; }
    public required string Send { get; init; }
    public required string SendConfirm { get; init; }
    public required string SentMessage { get; init; }
    public required string Results { get; init; }
    public required string Status { get; init; }
    public required string SentAt { get; init; }
    public required string NotFound { get; init; }
    public required string ReadOnly { get; init; }
    public required string NotSentYet { get; init; }
    public required string Messages { get; init; }
    public required string Delivered { get; init; }
    public required string Failed { get; init; }
    public required string Waiting { get; init; }
    public required string SentGroup { get; init; }
    public required string ControlGroup { get; init; }
    public required string Customers { get; init; }
    public required string Converted { get; init; }
    public required string ConversionRate { get; init; }
    public required string Orders { get; init; }
    public required string Revenue { get; init; }
    public required string RevenuePerCustomer { get; init; }
    public required string Uplift { get; init; }
    public required string Interval { get; init; }
    public required string NoInterval { get; init; }
    public required string ByLayer { get; init; }
    public required string Layer { get; init; }
    public required string Window { get; init; }
    public required string ResultsHint { get; init; }

    public string StatusName(string status) => status switch
    {
        "sending" => Chinese ? "发送中" : "Sending",
        "sent" => Chinese ? "已发送" : "Sent",
        _ => Chinese ? "草稿" : "Draft",
    };

    public string StatusName(CampaignStatus status) => StatusName(status.ToString().ToLowerInvariant());

    /// <summary>The caption under the results when some window orders had no rate for their month.</summary>
    public string Unconverted(long count, string orders) => Chinese
        ? $"窗口内有 {orders} 笔外币订单缺少当月汇率：计入订单数和转化，未计入收入（见汇率页）。"
        : count == 1
            ? "1 order in the window is in a currency without a rate for its month: it counts as an order and a conversion, not in revenue (see the rates page)."
            : $"{orders} orders in the window are in currencies without a rate for their month: they count as orders and conversions, not in revenue (see the rates page).";

    public static readonly CampaignTexts Zh = new()
    {
        Campaigns = "营销活动",
        NewCampaign = "新建活动",
        EditCampaign = "编辑活动",
        NoCampaigns = "还没有营销活动。",
        Back = "返回活动列表",
        StepAudience = "1. 目标客户",
        StepTemplate = "2. 消息模板",
        StepSettings = "3. 对照组与频次",
        StepReview = "4. 预览并发送",
        Next = "下一步",
        Previous = "上一步",
        MatchAll = "满足全部条件",
        MatchAny = "满足任一条件",
        AddCondition = "添加条件",
        Remove = "移除",
        Kind = "条件类型",
        KindModel = "模型分类",
        KindRfm = "RFM 分层",
        KindTag = "标签",
        KindGroup = "客户组",
        KindView = "已保存的客户视图",
        KindCustom = "自定义模型",
        View = "视图",
        SharedView = "团队共享",
        Model = "模型",
        Class = "分类",
        Value = "取值",
        Exclude = "排除（不属于）",
        AudienceJson = "目标客户表达式（JSON）",
        AudienceJsonHint = "由上面的条件生成；也可直接编辑，支持 and、or、not 嵌套。",
        Template = "模板",
        VariantTemplate = "B 版本模板（A/B 测试，可选）",
        VariantNone = "不做 A/B 测试",
        VariantHint = "同一渠道的另一个模板；发送组随机分成 A、B 两部分，各自与对照组比较。",
        VariantPercent = "B 版本占发送组的比例（%）",
        VariantPercentHint = "1 到 99，默认 50。",
        VariantBQueued = "其中收到 B 版本",
        Variants = "A/B 版本",
        Variant = "版本",
        Winner = "胜出版本",
        NoWinner = "尚无定论（差值的置信区间包含 0）",
        BMinusA = "B − A（差值）",
        ControlPercent = "对照组比例（%）",
        ControlHint = "随机留出不发送的客户，用来衡量活动真正带来的收入；0 到 50，默认 10。",
        FrequencyCap = "频次上限（天）",
        FrequencyCapHint = "最近这些天内已收到任何活动或关怀消息的客户不再发送；0 表示不限制。",
        AttributionDays = "归因窗口（天）",
        AttributionHint = "发送后这些天内的订单计入活动效果。",
        SaveAndPreview = "保存并预览",
        Audience = "目标客户",
        Queued = "将发送",
        Excluded = "已排除",
        NoConsent = "未授权",
        Unsubscribed = "已退订",
        NoAddress = "无联系地址",
        Capped = "超出频次",
        Control = "对照组",
        Sample = "样例客户",
        Send = "发送",
        SendConfirm = "发送后活动不能再修改，确定发送吗？",
        SentMessage = "已进入发件箱。",
        Results = "活动效果",
        Status = "状态",
        SentAt = "发送时间",
        NotFound = "找不到该活动。",
        ReadOnly = "您的角色只能查看活动。",
        NotSentYet = "活动尚未发送，暂无效果数据。",
        Messages = "消息",
        Delivered = "已送达",
        Failed = "失败",
        Waiting = "排队中",
        SentGroup = "发送组",
        ControlGroup = "对照组",
        Customers = "客户数",
        Converted = "下单客户",
        ConversionRate = "转化率",
        Orders = "订单数",
        Revenue = "收入",
        RevenuePerCustomer = "人均收入",
        Uplift = "提升（发送组 − 对照组）",
        Interval = "95% 置信区间",
        NoInterval = "样本太少，无法计算",
        ByLayer = "按价值分层",
        Layer = "分层",
        Window = "归因窗口",
        ResultsHint = "分层按发送时客户在最近一次模型运行中的价值分类。收入按本位币计：外币订单按下单当月汇率折算。",
    };

    public static readonly CampaignTexts En = new()
    {
        Campaigns = "Campaigns",
        NewCampaign = "New campaign",
        EditCampaign = "Edit campaign",
        NoCampaigns = "No campaigns yet.",
        Back = "Back to the campaigns",
        StepAudience = "1. Audience",
        StepTemplate = "2. Template",
        StepSettings = "3. Control group and cap",
        StepReview = "4. Review and send",
        Next = "Next",
        Previous = "Back",
        MatchAll = "Match all conditions",
        MatchAny = "Match any condition",
        AddCondition = "Add condition",
        Remove = "Remove",
        Kind = "Condition",
        KindModel = "Model class",
        KindRfm = "RFM segment",
        KindTag = "Tag",
        KindGroup = "Group",
        KindView = "Saved list view",
        KindCustom = "Custom model",
        View = "View",
        SharedView = "shared",
        Model = "Model",
        Class = "Class",
        Value = "Value",
        Exclude = "Exclude (not in)",
        AudienceJson = "Audience expression (JSON)",
        AudienceJsonHint = "Built from the conditions above; you may also edit it, with and, or and not nested.",
        Template = "Template",
        VariantTemplate = "B variant template (A/B test, optional)",
        VariantNone = "No A/B test",
        VariantHint = "Another template of the same channel; the sent group is split at random into A and B, each compared with the control group.",
        VariantPercent = "Share of the sent group getting B (%)",
        VariantPercentHint = "1 to 99, default 50.",
        VariantBQueued = "of which get variant B",
        Variants = "A/B variants",
        Variant = "Variant",
        Winner = "Winner",
        NoWinner = "No winner yet (the interval of the difference includes 0)",
        BMinusA = "B − A",
        ControlPercent = "Control group (%)",
        ControlHint = "Customers held out at random and not sent to, to measure the revenue the campaign caused; 0 to 50, default 10.",
        FrequencyCap = "Frequency cap (days)",
        FrequencyCapHint = "Customers sent any campaign or care message in the last this many days are skipped; 0 for no cap.",
        AttributionDays = "Attribution window (days)",
        AttributionHint = "Orders within this many days after the send count for the campaign.",
        SaveAndPreview = "Save and preview",
        Audience = "Audience",
        Queued = "To send",
        Excluded = "Excluded",
        NoConsent = "No consent",
        Unsubscribed = "Unsubscribed",
        NoAddress = "No address",
        Capped = "Capped",
        Control = "Control",
        Sample = "Sample customers",
        Send = "Send",
        SendConfirm = "A sent campaign cannot be changed. Send it now?",
        SentMessage = "Written to the outbox.",
        Results = "Results",
        Status = "Status",
        SentAt = "Sent",
        NotFound = "Campaign not found.",
        ReadOnly = "Your role may only read campaigns.",
        NotSentYet = "The campaign has not been sent yet: no results.",
        Messages = "Messages",
        Delivered = "Delivered",
        Failed = "Failed",
        Waiting = "Queued",
        SentGroup = "Sent",
        ControlGroup = "Control",
        Customers = "Customers",
        Converted = "Converted",
        ConversionRate = "Conversion",
        Orders = "Orders",
        Revenue = "Revenue",
        RevenuePerCustomer = "Revenue per customer",
        Uplift = "Uplift (sent − control)",
        Interval = "95 % confidence interval",
        NoInterval = "too few customers for one",
        ByLayer = "By value layer",
        Layer = "Layer",
        Window = "Attribution window",
        ResultsHint = "Layers are the customers' value class in the latest finished model run at send time. Revenue is in the base currency: orders in other currencies are converted with the rate of the month they were placed in.",
    };
}
