using System.Globalization;

namespace Guanxi.Components;

/// <summary>The home and models charts' texts, once per language (like <see cref="SalesChartTexts"/>).</summary>
public sealed class ChartTexts
{
    public static ChartTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string RevenueTrend { get; init; }
    public required string NewCustomersTrend { get; init; }
    public required string NewCustomersHint { get; init; }

    /// <summary>Before the row of month links under a monthly chart (each opens the month's customers).</summary>
    public required string OpenMonth { get; init; }
    public required string Revenue { get; init; }
    public required string NewCustomers { get; init; }
    public required string Layers { get; init; }
    public required string ChurnAlerts { get; init; }
    public required string NoChurnAlerts { get; init; }
    public required string RfmGrid { get; init; }
    public required string RfmGridIntro { get; init; }
    public required string Recency { get; init; }
    public required string Frequency { get; init; }
    public required string NotScored { get; init; }
    public required string Trend { get; init; }
    public required string TrendIntro { get; init; }
    public required string MigrationCellHint { get; init; }

    /// <summary>A month on a chart axis: "2026-12" in Chinese, "Dec 2026" in English.</summary>
    public string Month(int year, int month) => Chinese
        ? string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}")
        : new DateTime(year, month, 1).ToString("MMM yyyy", CultureInfo.GetCultureInfo("en"));

    /// <summary>The caption of one RFM grid cell's customer list.</summary>
    public string RfmCell(int r, int f) => Chinese
        ? string.Create(CultureInfo.InvariantCulture, $"最近购买得分 R={r}，购买频次得分 F={f} 的客户")
        : string.Create(CultureInfo.InvariantCulture, $"Customers with recency score R={r} and frequency score F={f}");

    /// <summary>The caption of one migration cell's customer list.</summary>
    public string Moved(string from, string to) => Chinese ? $"从「{from}」移到「{to}」的客户" : $"Customers who moved from “{from}” to “{to}”";

    /// <summary>A cell's accessible name: how many customers it holds.</summary>
    public string CellLabel(string count) => Chinese ? $"{count} 位客户，点击查看" : $"{count} customers, open the list";

    public static readonly ChartTexts En = new()
    {
        RevenueTrend = "Revenue by month",
        NewCustomersTrend = "New customers by month",
        NewCustomersHint = "Customers whose first purchase fell in the month.",
        OpenMonth = "Customers of a month:",
        Revenue = "Revenue",
        NewCustomers = "New customers",
        Layers = "Customer layers (value)",
        ChurnAlerts = "Churn alerts",
        NoChurnAlerts = "No customer is lost or about to leave.",
        RfmGrid = "RFM grid",
        RfmGridIntro = "Rows: how recently they bought (R, 5 = most recent). Columns: how often (F, 5 = most often). Darker cells hold more customers; click one to see them.",
        Recency = "Recency R",
        Frequency = "Frequency F",
        NotScored = "Not scored (no purchase)",
        Trend = "Across runs",
        TrendIntro = "How many customers each class held in the recent runs; click a class in the legend to list its customers.",
        MigrationCellHint = "Darker cells hold more customers; click a number to see who moved.",
    };

    public static readonly ChartTexts Zh = new()
    {
        RevenueTrend = "月度销售额",
        NewCustomersTrend = "月度新客户",
        NewCustomersHint = "首次购买发生在该月的客户。",
        OpenMonth = "查看某月的客户：",
        Revenue = "销售额",
        NewCustomers = "新客户",
        Layers = "客户分层（价值）",
        ChurnAlerts = "流失预警",
        NoChurnAlerts = "暂无流失或即将流失的客户。",
        RfmGrid = "RFM 网格",
        RfmGridIntro = "行：最近一次购买有多近（R，5 为最近）；列：购买有多频繁（F，5 为最频繁）。颜色越深客户越多，点击格子查看客户。",
        Recency = "最近购买 R",
        Frequency = "购买频次 F",
        NotScored = "未评分（无购买）",
        Trend = "历次运行趋势",
        TrendIntro = "最近几次运行中各类别的客户数；点击图例中的类别查看客户。",
        MigrationCellHint = "颜色越深客户越多；点击数字查看迁移的客户。",
    };
}
