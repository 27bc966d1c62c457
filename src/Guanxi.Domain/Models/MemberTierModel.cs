using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 会员等级 (001_*.txt bank tiers: 钻石 ≥ 500万, 白金 ≥ 100万, 金 ≥ 10万, 大众 below): the same ladder on a chosen
/// figure (default trailing-year spend) with thresholds in yuan. Everyone gets a tier; no spend is mass.
/// </summary>
internal static class MemberTierModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.MemberTier;
        var clv = c.Results.Clv;
        var classes = c.Classes(ModelKeys.MemberTier);

        // Thresholds in cents once, so the loop compares integers (decimal arithmetic per customer is slow).
        long diamond = (long)(s.DiamondYuan * 100);
        long platinum = (long)(s.PlatinumYuan * 100);
        long gold = (long)(s.GoldYuan * 100);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            long cents = MetricCents(m, i, clv[i], s.Metric);
            classes[i] = cents >= diamond ? (short)0 : cents >= platinum ? (short)1 : cents >= gold ? (short)2 : (short)3;
        });
    }

    public static long MetricCents(CustomerMetrics m, int i, double clv, MemberTierMetric metric) => metric switch
    {
        MemberTierMetric.TotalCents => m.TotalCents[i],
        MemberTierMetric.Amount90dCents => m.Amount90dCents[i],
        MemberTierMetric.Clv => double.IsNaN(clv) ? m.Amount365dCents[i] : (long)Math.Floor(Math.Max(0, clv) * 100),
        _ => m.Amount365dCents[i],
    };


    public static string Explain(Explanation e)
    {
        var s = e.S.MemberTier;
        long value = MetricCents(e.M, e.I, e.Clv, s.Metric);
        string figure = Explanation.Yuan(value);
        string metricZh = s.Metric switch
        {
            MemberTierMetric.TotalCents => "累计消费",
            MemberTierMetric.Amount90dCents => "近90天消费",
            MemberTierMetric.Clv => "预测客户终身价值",
            _ => "近365天消费",
        };
        string metricEn = s.Metric switch
        {
            MemberTierMetric.TotalCents => "total spend",
            MemberTierMetric.Amount90dCents => "spend in the last 90 days",
            MemberTierMetric.Clv => "predicted lifetime value",
            _ => "spend in the last 365 days",
        };
        string d = Explanation.Yuan(s.DiamondYuan);
        string p = Explanation.Yuan(s.PlatinumYuan);
        string g = Explanation.Yuan(s.GoldYuan);
        string name = e.ClassName(ModelCatalog.MemberTier, e.Row.MemberTier);
        return e.Say($"{metricZh}{figure}（钻石 ≥{d}、白金 ≥{p}、金卡 ≥{g}）—— {name}。",
            $"{char.ToUpperInvariant(metricEn[0])}{metricEn[1..]} {figure} (diamond ≥ {d}, platinum ≥ {p}, gold ≥ {g}) — {name}.");
    }
}
