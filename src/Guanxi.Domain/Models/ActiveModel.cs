using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 活跃客户 (000_*.txt model 2): layers buyers by purchase frequency and amount in trailing windows.
/// Highly active: several orders in the last 90 days and trailing-year spend at least the base's quantile;
/// active: an order in the last 90 days; occasionally active: an order in the last 365 days; else inactive.
/// Score 0–100: half from the R score, half from 90-day orders against the highly-active count.
/// </summary>
internal static class ActiveModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Active;
        var classes = c.Classes(ModelKeys.Active);
        var scores = c.Scores(ModelKeys.Active);
        long amountLine = c.Cutoffs.HighlyActiveAmount365dCents;
        var r = c.Results.R;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (!m.HasOrders(i))
            {
                return;
            }

            classes[i] = Of(m.Orders90d[i], m.Orders365d[i], m.Amount365dCents[i], amountLine, s);
            scores[i] = (float)Score(r[i], m.Orders90d[i], s);
        });
    }

    public static short Of(int orders90d, int orders365d, long amount365dCents, long amountLine, ActiveSettings s)
    {
        if (orders90d >= s.HighlyActiveOrders90d && amount365dCents >= amountLine)
        {
            return 0;
        }

        if (orders90d >= s.ActiveOrders90d)
        {
            return 1;
        }

        return orders365d >= s.OccasionalOrders365d ? (short)2 : (short)3;
    }

    public static double Score(byte r, int orders90d, ActiveSettings s) =>
        r == 0 ? 0 : (50.0 * (r - 1) / 4) + (50.0 * DerivedMetrics.Clamp01(orders90d / (double)s.HighlyActiveOrders90d));

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        if (e.Row.Active is null)
        {
            return e.Say($"尚无订单，不参与活跃度分层。", $"No orders yet, so no activity layer.");
        }

        int o90 = m.Orders90d[i];
        int o365 = m.Orders365d[i];
        string a90 = Explanation.Yuan(m.Amount90dCents[i]);
        string a365 = Explanation.Yuan(m.Amount365dCents[i]);
        string line = Explanation.Yuan(e.P.Cutoffs.HighlyActiveAmount365dCents);
        int need = e.S.Active.HighlyActiveOrders90d;
        string head = e.Say($"近90天{o90}笔订单、消费{a90}；近365天{o365}笔、{a365}", $"{o90} orders for {a90} in the last 90 days; {o365} orders for {a365} in the last 365 days");
        return e.Row.Active switch
        {
            "highly_active" => head + e.Say($" —— 90天内至少{need}笔且年消费不低于 {line}，高度活跃。", $" — at least {need} orders in 90 days and a year's spend of at least {line}: highly active."),
            "active" => head + e.Say($" —— 近90天有购买，活跃。", $" — bought in the last 90 days: active."),
            "occasionally_active" => head + e.Say($" —— 近90天未购买但一年内有购买，偶尔活跃。", $" — nothing in 90 days but bought within the year: occasionally active."),
            _ => head + e.Say($" —— 最近一次购买在{e.Ago(e.Recency)}，不活跃。", $" — last order {e.Ago(e.Recency)}: inactive."),
        };
    }
}
