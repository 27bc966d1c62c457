using System.Globalization;
using Guanxi.Domain.Sales;

namespace Guanxi.Components;

/// <summary>The sales pages' texts, once per language (like <see cref="ServiceTexts"/>).</summary>
public sealed class SalesTexts
{
    public static SalesTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Opportunities { get; init; }
    public required string Board { get; init; }
    public required string List { get; init; }
    public required string NewOpportunity { get; init; }
    public required string Title { get; init; }
    public required string Customer { get; init; }
    public required string SearchCustomer { get; init; }
    public required string SearchOpportunities { get; init; }
    public required string Source { get; init; }
    public required string Channel { get; init; }
    public required string Heat { get; init; }
    public required string Amount { get; init; }
    public required string Currency { get; init; }
    public required string Pipeline { get; init; }
    public required string Stage { get; init; }
    public required string Probability { get; init; }
    public required string ExpectedClose { get; init; }
    public required string CloseFrom { get; init; }
    public required string CloseTo { get; init; }
    public required string Owner { get; init; }
    public required string Mine { get; init; }
    public required string Everyone { get; init; }
    public required string NextStep { get; init; }
    public required string Status { get; init; }
    public required string AnyStatus { get; init; }
    public required string AnyStage { get; init; }
    public required string Competitors { get; init; }
    public required string Competitor { get; init; }
    public required string Price { get; init; }
    public required string Strengths { get; init; }
    public required string AddCompetitor { get; init; }
    public required string NoCompetitors { get; init; }
    public required string Timeline { get; init; }
    public required string Created { get; init; }
    public required string Won { get; init; }
    public required string Lost { get; init; }
    public required string MarkWon { get; init; }
    public required string MarkLost { get; init; }
    public required string Reopen { get; init; }
    public required string Reason { get; init; }
    public required string Save { get; init; }
    public required string Create { get; init; }
    public required string Saved { get; init; }
    public required string NoOpportunities { get; init; }
    public required string More { get; init; }
    public required string Weighted { get; init; }
    public required string Count { get; init; }
    public required string DragHint { get; init; }
    public required string MoreCards { get; init; }
    public required string Views { get; init; }
    public required string ViewName { get; init; }
    public required string SaveView { get; init; }
    public required string Grade { get; init; }
    public required string NotGraded { get; init; }
    public required string SetGrade { get; init; }
    public required string GradeHistory { get; init; }
    public required string ConvertLead { get; init; }
    public required string ConvertReason { get; init; }
    public required string ConvertHint { get; init; }
    public required string ConvertedOn { get; init; }
    public required string Converted { get; init; }
    public required string NextSteps { get; init; }
    public required string FollowUpEvery { get; init; }
    public required string Cancel { get; init; }
    public required string NotFound { get; init; }

    public string SourceName(OpportunitySource source) => source switch
    {
        OpportunitySource.Referral => Chinese ? "转介绍" : "Referral",
        OpportunitySource.Campaign => Chinese ? "营销活动" : "Campaign",
        OpportunitySource.Website => Chinese ? "网站" : "Website",
        OpportunitySource.TradeShow => Chinese ? "展会" : "Trade show",
        OpportunitySource.ColdCall => Chinese ? "陌生拜访" : "Cold call",
        OpportunitySource.ExistingCustomer => Chinese ? "老客户" : "Existing customer",
        _ => Chinese ? "其他" : "Other",
    };

    public string HeatName(OpportunityHeat heat) => heat switch
    {
        OpportunityHeat.Hot => Chinese ? "热" : "Hot",
        OpportunityHeat.Warm => Chinese ? "温" : "Warm",
        _ => Chinese ? "冷" : "Cold",
    };

    public string StatusName(string status) => status switch
    {
        "won" => Won,
        "lost" => Lost,
        _ => Chinese ? "进行中" : "Open",
    };

    /// <summary>"every 3 days" / "每 3 天".</summary>
    public string Every(int days) => Chinese ? $"每 {days} 天" : days == 1 ? "every day" : $"every {days} days";

    public static readonly SalesTexts Zh = new()
    {
        Opportunities = "销售机会",
        Board = "看板",
        List = "列表",
        NewOpportunity = "新建销售机会",
        Title = "名称",
        Customer = "客户",
        SearchCustomer = "搜索客户（名称、编号、电话）",
        SearchOpportunities = "搜索标题或客户（名称、拼音、编号、电话）",
        Source = "来源",
        Channel = "产生途径",
        Heat = "热度",
        Amount = "金额",
        Currency = "币种",
        Pipeline = "销售流程",
        Stage = "阶段",
        Probability = "赢单概率 (%)",
        ExpectedClose = "预计成交日期",
        CloseFrom = "预计成交从",
        CloseTo = "预计成交至",
        Owner = "负责人",
        Mine = "我的",
        Everyone = "全部",
        NextStep = "下一步",
        Status = "状态",
        AnyStatus = "全部状态",
        AnyStage = "全部阶段",
        Competitors = "竞争对手",
        Competitor = "对手",
        Price = "报价",
        Strengths = "优势",
        AddCompetitor = "添加竞争对手",
        NoCompetitors = "尚未记录竞争对手。",
        Timeline = "阶段变更记录",
        Created = "创建",
        Won = "赢单",
        Lost = "丢单",
        MarkWon = "标记赢单",
        MarkLost = "标记丢单",
        Reopen = "重新打开",
        Reason = "原因",
        Save = "保存",
        Create = "创建",
        Saved = "已保存。",
        NoOpportunities = "没有销售机会。",
        More = "加载更多",
        Weighted = "加权",
        Count = "数量",
        DragHint = "拖动卡片到其他阶段即可推进。",
        MoreCards = "仅显示最新的卡片，完整列表见列表视图。",
        Views = "已保存的视图",
        ViewName = "视图名称",
        SaveView = "保存当前筛选为视图",
        Grade = "线索等级",
        NotGraded = "未评级",
        SetGrade = "设置等级",
        GradeHistory = "等级变更",
        ConvertLead = "转为正式客户",
        ConvertReason = "转化原因（如首单签约）",
        ConvertHint = "线索等级结束，跟进提醒取消；客户档案及其全部历史保持不变。",
        ConvertedOn = "转化于",
        Converted = "已转为客户",
        NextSteps = "下一步建议",
        FollowUpEvery = "跟进频率",
        Cancel = "取消",
        NotFound = "找不到该销售机会。",
    };

    public static readonly SalesTexts En = new()
    {
        Opportunities = "Opportunities",
        Board = "Board",
        List = "List",
        NewOpportunity = "New opportunity",
        Title = "Title",
        Customer = "Customer",
        SearchCustomer = "Search customers (name, code, phone)",
        SearchOpportunities = "Search titles or customers (name, pinyin, code, phone)",
        Source = "Source",
        Channel = "Channel",
        Heat = "Heat",
        Amount = "Amount",
        Currency = "Currency",
        Pipeline = "Pipeline",
        Stage = "Stage",
        Probability = "Probability (%)",
        ExpectedClose = "Expected close",
        CloseFrom = "Close from",
        CloseTo = "Close to",
        Owner = "Owner",
        Mine = "Mine",
        Everyone = "Everyone",
        NextStep = "Next step",
        Status = "Status",
        AnyStatus = "Any status",
        AnyStage = "Any stage",
        Competitors = "Competitors",
        Competitor = "Competitor",
        Price = "Price",
        Strengths = "Strengths",
        AddCompetitor = "Add competitor",
        NoCompetitors = "No competitors recorded yet.",
        Timeline = "Stage changes",
        Created = "Created",
        Won = "Won",
        Lost = "Lost",
        MarkWon = "Mark won",
        MarkLost = "Mark lost",
        Reopen = "Reopen",
        Reason = "Reason",
        Save = "Save",
        Create = "Create",
        Saved = "Saved.",
        NoOpportunities = "No opportunities.",
        More = "Load more",
        Weighted = "Weighted",
        Count = "Count",
        DragHint = "Drag a card to another stage to move it.",
        MoreCards = "Only the newest cards are shown; the list view has them all.",
        Views = "Saved views",
        ViewName = "View name",
        SaveView = "Save these filters as a view",
        Grade = "Lead grade",
        NotGraded = "Not graded",
        SetGrade = "Set grade",
        GradeHistory = "Grade changes",
        ConvertLead = "Convert to customer",
        ConvertReason = "Why (e.g. first contract signed)",
        ConvertHint = "The lead's grade ends and its follow-ups are cancelled; the record and all its history stay.",
        ConvertedOn = "Converted",
        Converted = "converted to customer",
        NextSteps = "Next steps",
        FollowUpEvery = "Follow up",
        Cancel = "Cancel",
        NotFound = "This opportunity was not found.",
    };
}
