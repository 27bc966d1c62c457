using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 生命周期 (001_*.txt: introduction, growth, maturity, decline; 000_*.txt's 疏离 as the end): prospect before the
/// first order; lost when the lost model says so; introduction while the first order is recent; decline on a
/// churn warning or spend falling year on year; growth in the first buying year or on spend rising year on
/// year; otherwise maturity.
/// </summary>
internal static class LifecycleModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Lifecycle;
        var classes = c.Classes(ModelKeys.Lifecycle);
        var lost = c.Classes(ModelKeys.Lost);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) => classes[i] = Of(m, i, lost[i], s));
    }

    public static short Of(CustomerMetrics m, int i, short lostClass, LifecycleSettings s)
    {
        if (!m.HasOrders(i))
        {
            return 0;
        }

        if (lostClass is LostModel.LostHighValue or LostModel.LostLowValue)
        {
            return 5;
        }

        int buyingDays = m.AsOfDay - m.FirstOrderDay[i];
        if (buyingDays < s.IntroductionDays)
        {
            return 1;
        }

        long now = m.Amount365dCents[i];
        long before = m.AmountPrevious365dCents[i];
        if (lostClass == LostModel.ChurnWarning || (before > 0 && now < (1 - s.DeclineShare) * before))
        {
            return 4;
        }

        if (buyingDays < 365 || now >= (1 + s.GrowthShare) * before)
        {
            return 2;
        }

        return 3;
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        string name = e.ClassName(ModelCatalog.Lifecycle, e.Row.Lifecycle);
        if (!m.HasOrders(i))
        {
            return e.Say($"建档{m.TenureDays(i)}天，尚未购买 —— {name}。", $"On file for {m.TenureDays(i)} days with no purchase yet — {name}.");
        }

        int buyingDays = m.AsOfDay - m.FirstOrderDay[i];
        string now = Explanation.Yuan(m.Amount365dCents[i]);
        string before = Explanation.Yuan(m.AmountPrevious365dCents[i]);
        string lost = e.Row.Lost is "churn_warning" or "lost_high_value" or "lost_low_value"
            ? e.Say($"；流失模型：{e.ClassName(ModelCatalog.Lost, e.Row.Lost)}", $"; lost model: {e.ClassName(ModelCatalog.Lost, e.Row.Lost)}")
            : "";
        return e.Say($"首次购买在{e.Ago(buyingDays)}；近365天消费{now}，前一年{before}{lost} —— {name}。",
            $"First order {e.Ago(buyingDays)}; {now} spent in the last 365 days against {before} the year before{lost} — {name}.");
    }
}
