using System.Globalization;

namespace Guanxi.Components;

/// <summary>The currency rates page's texts and the captions of converted money figures, once per language.</summary>
public sealed class CurrencyTexts
{
    public static CurrencyTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Currencies { get; init; }
    public required string Intro { get; init; }
    public required string Currency { get; init; }
    public required string Month { get; init; }
    public required string Rate { get; init; }
    public required string RateHelp { get; init; }
    public required string Updated { get; init; }
    public required string AllCurrencies { get; init; }
    public required string NoRates { get; init; }
    public required string NewRate { get; init; }
    public required string EditRate { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string Edit { get; init; }
    public required string Delete { get; init; }
    public required string Saved { get; init; }
    public required string Deleted { get; init; }
    public required string Missing { get; init; }
    public required string MissingIntro { get; init; }
    public required string NoneMissing { get; init; }
    public required string Orders { get; init; }
    public required string Amount { get; init; }
    public required string SetRate { get; init; }

    /// <summary>The base currency, as the page's heading says it.</summary>
    public string BaseIs(string code) => Chinese ? $"本位币：{code}（配置项 Currency:Base）" : $"Base currency: {code} (setting Currency:Base)";

    /// <summary>"1 CNY = ? USD" the other way round: what one unit of the currency is worth in the base currency.</summary>
    public string OneUnit(string currency, string baseCode) => Chinese ? $"1 {currency} 折合多少 {baseCode}" : $"{baseCode} per 1 {currency}";

    /// <summary>The caption under converted figures when some orders had no rate.</summary>
    public string LeftOut(long count, string orders) => Chinese
        ? $"另有 {orders} 笔外币订单缺少当月汇率，未计入金额（见汇率页）。"
        : count == 1
            ? "1 order in another currency has no rate for its month and is left out of these amounts (see the rates page)."
            : $"{orders} orders in other currencies have no rate for their month and are left out of these amounts (see the rates page).";

    public static readonly CurrencyTexts En = new()
    {
        Currencies = "Currencies",
        Intro = "Orders keep their own currency. Model runs and the home figures convert every order into the base currency with the rate of the month it was placed in. A month without a rate is never guessed: its orders are left out of the amounts and listed below.",
        Currency = "Currency",
        Month = "Month",
        Rate = "Rate",
        RateHelp = "Units of the base currency for one unit of the currency.",
        Updated = "Updated",
        AllCurrencies = "All currencies",
        NoRates = "No rates yet.",
        NewRate = "Add or change a rate",
        EditRate = "Change the rate",
        Save = "Save",
        Cancel = "Cancel",
        Edit = "Edit",
        Delete = "Delete",
        Saved = "Saved.",
        Deleted = "Deleted.",
        Missing = "Orders without a rate",
        MissingIntro = "These orders are counted but left out of every converted amount until their month has a rate.",
        NoneMissing = "Every order converts: no rate is missing.",
        Orders = "Orders",
        Amount = "Amount (own currency)",
        SetRate = "Set rate",
    };

    public static readonly CurrencyTexts Zh = new()
    {
        Currencies = "币种与汇率",
        Intro = "订单保留其原币种。模型运行和首页数据按订单所在月份的汇率把每笔订单折算为本位币。缺少汇率的月份绝不估算：其订单不计入金额，并列在下方。",
        Currency = "币种",
        Month = "月份",
        Rate = "汇率",
        RateHelp = "一单位该币种折合多少本位币。",
        Updated = "更新时间",
        AllCurrencies = "全部币种",
        NoRates = "还没有汇率。",
        NewRate = "添加或修改汇率",
        EditRate = "修改汇率",
        Save = "保存",
        Cancel = "取消",
        Edit = "编辑",
        Delete = "删除",
        Saved = "已保存。",
        Deleted = "已删除。",
        Missing = "缺少汇率的订单",
        MissingIntro = "这些订单计入笔数，但在其月份有汇率之前不计入任何折算金额。",
        NoneMissing = "所有订单均可折算：没有缺少的汇率。",
        Orders = "订单数",
        Amount = "金额（原币种）",
        SetRate = "设置汇率",
    };
}
