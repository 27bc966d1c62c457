using System.Globalization;

namespace Guanxi.Components;

/// <summary>The customer list's columns, count, saved views and the top bar's search, once per language.</summary>
public sealed class CustomerListTexts
{
    public static CustomerListTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string Spend { get; init; }
    public required string Orders { get; init; }
    public required string LastPurchase { get; init; }
    public required string LastContact { get; init; }
    public required string Tags { get; init; }
    public required string RfmSegment { get; init; }
    public required string ValueClass { get; init; }
    public required string MemberTier { get; init; }
    public required string Pinyin { get; init; }
    public required string ClearAll { get; init; }
    public required string Views { get; init; }
    public required string NoViews { get; init; }
    public required string SaveView { get; init; }
    public required string ViewName { get; init; }
    public required string ShareWithTeam { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string DeleteView { get; init; }
    public required string SharedView { get; init; }
    public required string ViewSaved { get; init; }
    public required string ViewNotFound { get; init; }
    public required string GlobalSearch { get; init; }
    public required string SeeAllResults { get; init; }
    public required string SortedBy { get; init; }
    public required string Call { get; init; }
    public required Func<long, bool, string> Total { get; init; }

    /// <summary>The month filters the home page's charts open (a month as yyyy-MM).</summary>
    public required Func<string, string> BoughtIn { get; init; }

    public required Func<string, string> FirstBoughtIn { get; init; }

    public static readonly CustomerListTexts En = new()
    {
        Spend = "Spend",
        Orders = "Orders",
        LastPurchase = "Last purchase",
        LastContact = "Last contact",
        Tags = "Tags",
        RfmSegment = "RFM segment",
        ValueClass = "Value",
        MemberTier = "Member tier",
        Pinyin = "Pinyin",
        ClearAll = "Clear",
        Views = "Views",
        NoViews = "No saved views yet",
        SaveView = "Save view",
        ViewName = "View name",
        ShareWithTeam = "Share with my team",
        Save = "Save",
        Cancel = "Cancel",
        DeleteView = "Delete this view",
        SharedView = "shared",
        ViewSaved = "View saved",
        ViewNotFound = "That view no longer exists or is not shared with you.",
        GlobalSearch = "Search customers",
        SeeAllResults = "All results",
        SortedBy = "Sort by this column",
        Call = "Call",
        BoughtIn = m => $"Bought in {m}",
        FirstBoughtIn = m => $"First purchase in {m}",
        Total = (n, capped) => capped
            ? $"{n.ToString("N0", CultureInfo.InvariantCulture)}+ customers"
            : n == 1 ? "1 customer" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} customers",
    };

    public static readonly CustomerListTexts Zh = new()
    {
        Spend = "消费金额",
        Orders = "订单数",
        LastPurchase = "最近购买",
        LastContact = "最近联系",
        Tags = "标签",
        RfmSegment = "RFM 分层",
        ValueClass = "价值",
        MemberTier = "会员等级",
        Pinyin = "拼音",
        ClearAll = "清除",
        Views = "视图",
        NoViews = "还没有保存的视图",
        SaveView = "保存视图",
        ViewName = "视图名称",
        ShareWithTeam = "与我的团队共享",
        Save = "保存",
        Cancel = "取消",
        DeleteView = "删除此视图",
        SharedView = "共享",
        ViewSaved = "视图已保存",
        ViewNotFound = "该视图已不存在或未与你共享。",
        GlobalSearch = "搜索客户",
        SeeAllResults = "全部结果",
        SortedBy = "按此列排序",
        Call = "拨打",
        BoughtIn = m => $"{m} 有购买",
        FirstBoughtIn = m => $"{m} 首次购买",
        Total = (n, capped) => capped ? $"共 {n.ToString(CultureInfo.InvariantCulture)}+ 条" : $"共 {n.ToString(CultureInfo.InvariantCulture)} 条",
    };
}
