using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 首次购买客户 (000_*.txt model 6): buyers with exactly one order, layered by how recent and how large it
/// was — the two things that make a second purchase likely. Score: the chance of at least one purchase in
/// the next 90 days, 1 − e^(−E90) from BG/NBD (NaN without the fit).
/// </summary>
internal static class FirstPurchaseModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.FirstPurchase;
        var classes = c.Classes(ModelKeys.FirstPurchase);
        var scores = c.Scores(ModelKeys.FirstPurchase);
        long median = c.Cutoffs.MedianOrderValueCents;
        var e90 = c.Results.ExpectedPurchases90d;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (m.OrderCount[i] != 1)
            {
                return;
            }

            classes[i] = Of(m.RecencyDays(i), m.TotalCents[i], median, s);
            if (!double.IsNaN(e90[i]))
            {
                scores[i] = (float)(1 - Math.Exp(-Math.Max(0, e90[i])));
            }
        });
    }

    public static short Of(int recencyDays, long orderCents, long medianOrderCents, FirstPurchaseSettings s)
    {
        if (recencyDays <= s.PromisingDays && orderCents >= medianOrderCents)
        {
            return 0;
        }

        if (recencyDays <= s.RecentDays)
        {
            return 1;
        }

        return recencyDays <= s.FadingDays ? (short)2 : (short)3;
    }

    public static string Explain(Explanation e)
    {
        if (e.Row.FirstPurchase is null)
        {
            int orders = e.M.OrderCount[e.I];
            return e.Say($"共{orders}笔订单，不是仅购买一次的客户。", $"{orders} orders in all, not a one-time buyer.");
        }

        string amount = Explanation.Yuan(e.M.TotalCents[e.I]);
        string median = Explanation.Yuan(e.P.Cutoffs.MedianOrderValueCents);
        int days = e.Recency;
        string chance = e.Row.FirstPurchaseScore is { } p ? Explanation.Percent(p) : "—";
        var s = e.S.FirstPurchase;
        string head = e.Say($"唯一一笔订单{amount}，在{e.Ago(days)}（客单价中位数 {median}）；90天内再购概率 {chance}",
            $"One order of {amount}, {e.Ago(days)} (median order {median}); chance of another within 90 days {chance}");
        return e.Row.FirstPurchase switch
        {
            "promising" => head + e.Say($" —— {s.PromisingDays}天内的大额首购，最有希望复购。", $" — a large first order within {s.PromisingDays} days: most likely to return."),
            "recent" => head + e.Say($" —— {s.RecentDays}天内首购，近期首购。", $" — first order within {s.RecentDays} days: recent."),
            "fading" => head + e.Say($" —— 超过{s.RecentDays}天未再购，首购渐远。", $" — no second order for over {s.RecentDays} days: fading."),
            _ => head + e.Say($" —— 超过{s.FadingDays}天未再购，首购沉睡。", $" — no second order for over {s.FadingDays} days: dormant."),
        };
    }
}
