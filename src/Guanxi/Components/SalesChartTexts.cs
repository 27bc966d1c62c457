using System.Globalization;

namespace Guanxi.Components;

/// <summary>The funnel and forecast pages' texts, once per language (like <see cref="SalesTexts"/>).</summary>
public sealed class SalesChartTexts
{
    public static SalesChartTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Funnel { get; init; }
    public required string FunnelIntro { get; init; }
    public required string Forecast { get; init; }
    public required string ForecastIntro { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Show { get; init; }
    public required string Period { get; init; }
    public required string Created { get; init; }
    public required string Won { get; init; }
    public required string Lost { get; init; }
    public required string Reached { get; init; }
    public required string Conversion { get; init; }
    public required string ConversionToNext { get; init; }
    public required string AverageDays { get; init; }
    public required string DaysPerStage { get; init; }
    public required string WinRate { get; init; }
    public required string WinRateBy { get; init; }
    public required string BySource { get; init; }
    public required string ByChannel { get; init; }
    public required string ByHeat { get; init; }
    public required string ByOwner { get; init; }
    public required string ByTeam { get; init; }
    public required string NoTeam { get; init; }
    public required string Stage { get; init; }
    public required string NoOwner { get; init; }
    public required string NoData { get; init; }
    public required string Owner { get; init; }
    public required string Team { get; init; }
    public required string Teams { get; init; }
    public required string Total { get; init; }
    public required string Open { get; init; }
    public required string Weighted { get; init; }
    public required string Model { get; init; }
    public required string Committed { get; init; }
    public required string Target { get; init; }
    public required string Attainment { get; init; }
    public required string PerOwner { get; init; }
    public required string ModelIntro { get; init; }
    public required string SetTarget { get; init; }
    public required string Rep { get; init; }
    public required string Amount { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string MyCommitment { get; init; }
    public required string Commit { get; init; }
    public required string Note { get; init; }
    public required string Quarter { get; init; }
    public required string Month { get; init; }

    /// <summary>"Won 3 of 5" under a win rate.</summary>
    public string OutOf(int won, int all) => Chinese ? $"{all} 个中赢 {won} 个" : $"won {won} of {all}";

    public static readonly SalesChartTexts Zh = new()
    {
        Funnel = "销售漏斗",
        FunnelIntro = "所选期间新建商机在各阶段的转化、各阶段平均停留天数，以及期间内结单商机按来源、渠道、热度、负责人和团队的赢单率（仅统计您可见的客户）。",
        Forecast = "销售预测",
        ForecastIntro = "所选期间预计成交的进行中商机：按概率加权的金额、按历史阶段赢单率和阶段停留时长估算的模型预测（含已赢单），以及承诺、目标与完成率。",
        From = "开始日期",
        To = "结束日期",
        Show = "查看",
        Period = "期间",
        Created = "新建商机",
        Won = "赢单",
        Lost = "丢单",
        Reached = "到达数",
        Conversion = "阶段转化",
        ConversionToNext = "进入下一阶段",
        AverageDays = "平均天数",
        DaysPerStage = "各阶段平均停留天数",
        WinRate = "赢单率",
        WinRateBy = "赢单率",
        BySource = "按来源",
        ByChannel = "按渠道",
        ByHeat = "按热度",
        ByOwner = "按负责人",
        ByTeam = "按团队",
        NoTeam = "（无团队）",
        Stage = "阶段",
        NoOwner = "（无负责人）",
        NoData = "该期间没有数据。",
        Owner = "负责人",
        Team = "团队",
        Teams = "各团队",
        Total = "合计",
        Open = "进行中",
        Weighted = "加权金额",
        Model = "模型预测",
        Committed = "承诺",
        Target = "目标",
        Attainment = "完成率",
        PerOwner = "各负责人：已赢单、加权、模型、承诺与目标",
        ModelIntro = "模型：每个阶段按停留时长分组的历史赢单率（向阶段默认概率收敛），乘以进行中商机金额，再加上本期已赢单金额。",
        SetTarget = "设置目标",
        Rep = "销售",
        Amount = "金额",
        Save = "保存",
        Saved = "已保存",
        MyCommitment = "我的承诺",
        Commit = "提交承诺",
        Note = "备注",
        Quarter = "季度",
        Month = "月份",
    };

    public static readonly SalesChartTexts En = new()
    {
        Funnel = "Sales funnel",
        FunnelIntro = "Conversion between the stages for the opportunities created in the period, average days in each stage, and win rates by source, channel, heat, owner and team among those closed in it (customers in your reach).",
        Forecast = "Sales forecast",
        ForecastIntro = "Open opportunities expected to close in the period: probability-weighted, the model's forecast from historical stage-to-won rates by stage age (plus what is won), commitments, targets and attainment.",
        From = "From",
        To = "To",
        Show = "Show",
        Period = "Period",
        Created = "Created",
        Won = "Won",
        Lost = "Lost",
        Reached = "Reached",
        Conversion = "Stage conversion",
        ConversionToNext = "On to the next stage",
        AverageDays = "Average days",
        DaysPerStage = "Average days in each stage",
        WinRate = "Win rate",
        WinRateBy = "Win rate",
        BySource = "by source",
        ByChannel = "by channel",
        ByHeat = "by heat",
        ByOwner = "by owner",
        ByTeam = "by team",
        NoTeam = "(no team)",
        Stage = "Stage",
        NoOwner = "(no owner)",
        NoData = "Nothing in this period.",
        Owner = "Owner",
        Team = "Team",
        Teams = "Teams",
        Total = "Total",
        Open = "Open",
        Weighted = "Weighted",
        Model = "Model",
        Committed = "Committed",
        Target = "Target",
        Attainment = "Attainment",
        PerOwner = "Per owner: won, weighted, model, committed and target",
        ModelIntro = "Model: each stage's historical win rate by time spent in it (pulled towards the stage's default probability) times the open amounts, plus what is already won in the period.",
        SetTarget = "Set a target",
        Rep = "Rep",
        Amount = "Amount",
        Save = "Save",
        Saved = "Saved",
        MyCommitment = "My commitment",
        Commit = "Commit",
        Note = "Note",
        Quarter = "Quarter",
        Month = "Month",
    };
}
