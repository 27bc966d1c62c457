using System.Globalization;

namespace Guanxi.Components;

/// <summary>The service reports page's texts, once per language (like <see cref="ServiceTexts"/>).</summary>
public sealed class ServiceReportTexts
{
    public static ServiceReportTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Show { get; init; }
    public required string Export { get; init; }
    public required string Created { get; init; }
    public required string OpenNow { get; init; }
    public required string Resolved { get; init; }
    public required string FirstResponseSla { get; init; }
    public required string ResolutionSla { get; init; }
    public required string Met { get; init; }
    public required string Breached { get; init; }
    public required string Pending { get; init; }
    public required string ByType { get; init; }
    public required string ByChannel { get; init; }
    public required string ByLayer { get; init; }
    public required string NotClassified { get; init; }
    public required string FirstResponseTime { get; init; }
    public required string ResolutionTime { get; init; }
    public required string Median { get; init; }
    public required string P90 { get; init; }
    public required string TimesIntro { get; init; }
    public required string NoRequests { get; init; }
    public required string SatisfactionTrend { get; init; }
    public required string SatisfactionIntro { get; init; }
    public required string CsatTrend { get; init; }
    public required string NpsTrend { get; init; }

    /// <summary>"12 answers" under a period's bar.</summary>
    public string Answers(int n) => Chinese ? $"{n} 份回答" : n == 1 ? "1 answer" : $"{n} answers";

    /// <summary>Elapsed minutes as hours and minutes.</summary>
    public string Duration(int? minutes) => minutes is not { } m ? "—"
        : m >= 60 ? (Chinese ? $"{m / 60} 小时 {m % 60} 分" : $"{m / 60} h {m % 60} min")
        : (Chinese ? $"{m} 分钟" : $"{m} min");

    /// <summary>"12 of 15" for the met share of the decided deadlines.</summary>
    public string OutOf(int met, int all) => Chinese ? $"{all} 个中 {met} 个" : $"{met} of {all}";

    public static readonly ServiceReportTexts En = new()
    {
        Title = "Service reports",
        Intro = "Requests made in the range (days in the service desk's time zone), counted among the customers you can see. Each bar opens the queue where it can filter by it.",
        From = "From",
        To = "To",
        Show = "Show",
        Export = "Export XLSX",
        Created = "Requests made",
        OpenNow = "Still open",
        Resolved = "Resolved",
        FirstResponseSla = "First response within SLA",
        ResolutionSla = "Resolution within SLA",
        Met = "Met",
        Breached = "Breached",
        Pending = "Not yet due",
        ByType = "By type",
        ByChannel = "By channel",
        ByLayer = "By customer layer (comprehensive model)",
        NotClassified = "Not classified",
        FirstResponseTime = "Time to first response",
        ResolutionTime = "Time to resolution",
        Median = "Median",
        P90 = "90th percentile",
        TimesIntro = "Elapsed time from the request to the first response or the resolution (calendar time, not business hours).",
        NoRequests = "No requests were made in this range.",
        SatisfactionTrend = "Satisfaction trend",
        SatisfactionIntro = "Surveys answered in each period (weeks for a range up to two months, else months), among the customers you can see.",
        CsatTrend = "CSAT: average score (1–5)",
        NpsTrend = "NPS: % promoters (9–10) minus % detractors (0–6)",
    };

    public static readonly ServiceReportTexts Zh = new()
    {
        Title = "服务报表",
        Intro = "统计所选日期范围内（按服务台时区）提交的服务请求，仅包含你能查看的客户。点击条形可在队列中按该项筛选（如队列支持）。",
        From = "开始日期",
        To = "结束日期",
        Show = "查看",
        Export = "导出 XLSX",
        Created = "提交的请求",
        OpenNow = "仍未解决",
        Resolved = "已解决",
        FirstResponseSla = "首次响应达标",
        ResolutionSla = "解决时限达标",
        Met = "达标",
        Breached = "超时",
        Pending = "未到期",
        ByType = "按类型",
        ByChannel = "按渠道",
        ByLayer = "按客户层级（综合模型）",
        NotClassified = "未分类",
        FirstResponseTime = "首次响应用时",
        ResolutionTime = "解决用时",
        Median = "中位数",
        P90 = "90 分位",
        TimesIntro = "从提交到首次响应或解决所经过的时间（自然时间，非工作时间）。",
        NoRequests = "此日期范围内没有服务请求。",
        SatisfactionTrend = "满意度趋势",
        SatisfactionIntro = "各时段内回答的调查（两个月以内按周，否则按月），仅包含你能查看的客户。",
        CsatTrend = "CSAT：平均分（1–5）",
        NpsTrend = "NPS：推荐者（9–10）占比减贬损者（0–6）占比",
    };
}
