using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 重复购买客户 (000_*.txt model 5): buyers with two or more orders, layered by how many (frequent from
/// <see cref="RepeatPurchaseSettings.FrequentOrders"/>) and how regular the gaps between order days are
/// (coefficient of variation at most <see cref="RepeatPurchaseSettings.RegularMaxVariation"/>; unknown with
/// fewer than two gaps, which counts as irregular). Score: regularity 1 − CV, clipped to 0–1.
/// </summary>
internal static class RepeatPurchaseModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.RepeatPurchase;
        var classes = c.Classes(ModelKeys.RepeatPurchase);
        var scores = c.Scores(ModelKeys.RepeatPurchase);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (m.OrderCount[i] < 2)
            {
                return;
            }

            double variation = DerivedMetrics.IntervalVariation(m, i);
            classes[i] = Of(m.OrderCount[i], variation, s);
            if (!double.IsNaN(variation))
            {
                scores[i] = (float)DerivedMetrics.Clamp01(1 - variation);
            }
        });
    }

    public static short Of(int orders, double variation, RepeatPurchaseSettings s)
    {
        bool frequent = orders >= s.FrequentOrders;
        bool regular = !double.IsNaN(variation) && variation <= s.RegularMaxVariation;
        return (frequent, regular) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => 2,
            _ => 3,
        };
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        int orders = m.OrderCount[i];
        if (e.Row.RepeatPurchase is null)
        {
            return e.Say($"共{orders}笔订单，少于两笔，不是重复购买客户。", $"{orders} order(s) in all, fewer than two: not a repeat buyer.");
        }

        string mean = Explanation.Number(DerivedMetrics.MeanIntervalDays(m, i), 0);
        double variation = DerivedMetrics.IntervalVariation(m, i);
        string cv = Explanation.Number(variation, 2);
        var s = e.S.RepeatPurchase;
        string count = orders >= s.FrequentOrders
            ? e.Say($"达到高频线{s.FrequentOrders}笔", $"at least the frequent line of {s.FrequentOrders}")
            : e.Say($"低于高频线{s.FrequentOrders}笔", $"below the frequent line of {s.FrequentOrders}");
        string rhythm = double.IsNaN(variation)
            ? e.Say($"间隔太少，无法判断规律", $"too few gaps to judge regularity")
            : variation <= s.RegularMaxVariation
                ? e.Say($"间隔变异系数 {cv} ≤ {Explanation.Number(s.RegularMaxVariation, 2)}，规律", $"gap variation {cv} ≤ {Explanation.Number(s.RegularMaxVariation, 2)}: regular")
                : e.Say($"间隔变异系数 {cv} > {Explanation.Number(s.RegularMaxVariation, 2)}，不规律", $"gap variation {cv} > {Explanation.Number(s.RegularMaxVariation, 2)}: irregular");
        string name = e.ClassName(ModelCatalog.RepeatPurchase, e.Row.RepeatPurchase);
        return e.Say($"共{orders}笔订单（{count}），平均每{mean}天购买一次，{rhythm} —— {name}。",
            $"{orders} orders ({count}), one every {mean} days on average, {rhythm} — {name}.");
    }
}
