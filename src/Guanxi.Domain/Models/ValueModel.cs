using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 价值客户 (000_*.txt model 1; value tiers of 001_*.txt): historic contribution is the trailing year's spend,
/// predicted value the horizon CLV. A buyer in the top share by spend is high value; one below it whose
/// predicted value reaches the high-value line is potential ("low so far but high predicted"); the bottom
/// share by spend is low value; the rest general. Score: percent of buyers who spent less (0–100).
/// Applies to buyers only: a prospect has no contribution (see the undeveloped model).
/// </summary>
internal static class ValueModel
{
    public const short HighValue = 0;
    public const short Potential = 1;
    public const short General = 2;
    public const short LowValue = 3;

    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var classes = c.Classes(ModelKeys.Value);
        var scores = c.Scores(ModelKeys.Value);
        var cutoffs = c.Cutoffs;
        double potentialShare = c.Settings.Value.PotentialShareOfHighCutoff;
        var clv = c.Results.Clv;
        var sorted = c.SortedAmount365d;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (!m.HasOrders(i))
            {
                return;
            }

            classes[i] = Of(m.Amount365dCents[i], DerivedMetrics.PredictedValueYuan(m, i, clv[i]), cutoffs, potentialShare);
            scores[i] = Quantiles.PercentBelow(sorted, m.Amount365dCents[i]);
        });
    }

    public static short Of(long amount365dCents, double predictedYuan, PopulationCutoffs cutoffs, double potentialShare)
    {
        // A zero spender is never "top": with many idle buyers the cutoff itself can be zero.
        if (amount365dCents > 0 && amount365dCents >= cutoffs.HighValueAmount365dCents)
        {
            return HighValue;
        }

        if (predictedYuan * 100 >= potentialShare * cutoffs.HighValueAmount365dCents && predictedYuan > 0)
        {
            return Potential;
        }

        return amount365dCents <= cutoffs.LowValueAmount365dCents ? LowValue : General;
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        if (e.Row.Value is null)
        {
            return e.Say($"尚无订单，不参与价值分层。", $"No orders yet, so no value tier.");
        }

        long spent = m.Amount365dCents[i];
        int orders = m.Orders365d[i];
        double predicted = DerivedMetrics.PredictedValueYuan(m, i, e.Clv);
        string high = Explanation.Yuan(e.P.Cutoffs.HighValueAmount365dCents);
        string low = Explanation.Yuan(e.P.Cutoffs.LowValueAmount365dCents);
        // BG/NBD gives every one-time buyer P(alive) = 1, which says nothing; show it for repeat buyers only.
        bool showPAlive = m.DistinctOrderDays[i] >= 2 && !double.IsNaN(e.PAlive);
        string pa = Explanation.Number(e.PAlive, 2);
        string pv = Explanation.Yuan(predicted);
        string pvZh = double.IsNaN(e.Clv) ? "按近90天折算年化" : $"预测{e.P.Lifetime.HorizonMonths}个月价值";
        string pvEn = double.IsNaN(e.Clv) ? "90-day run rate annualised" : $"predicted {e.P.Lifetime.HorizonMonths}-month value";
        string top = Explanation.Percent(e.S.Value.HighValueTopShare);
        string rank = Explanation.Number(e.Row.ValueScore ?? double.NaN, 0);
        string spentText = Explanation.Yuan(spent);
        string head = showPAlive
            ? e.Say($"近365天消费{spentText}（{orders}笔订单）；存活概率 {pa}；{pvZh} {pv}", $"Spent {spentText} over {orders} orders in the last 365 days; P(alive) {pa}; {pvEn} {pv}")
            : e.Say($"近365天消费{spentText}（{orders}笔订单）；{pvZh} {pv}", $"Spent {spentText} over {orders} orders in the last 365 days; {pvEn} {pv}");
        return e.Row.Value switch
        {
            "high_value" => head + e.Say($" —— 贡献居前{top}（门槛 {high}），高价值客户。", $" — top {top} contribution (line {high}): high value."),
            "potential" => head + e.Say($" —— 目前贡献未进前{top}（门槛 {high}），但预测价值达到该门槛，潜在价值客户。", $" — below the top-{top} line of {high} so far, but predicted value reaches it: potential."),
            "low_value" => head + e.Say($" —— 处于贡献最低的{Explanation.Percent(e.S.Value.LowValueBottomShare)}（不高于 {low}），低价值客户。", $" — in the bottom {Explanation.Percent(e.S.Value.LowValueBottomShare)} by spend (at most {low}): low value."),
            _ => head + e.Say($" —— 高于{rank}%的客户，介于 {low} 与 {high} 之间，一般客户。", $" — ahead of {rank}% of buyers, between {low} and {high}: general."),
        };
    }
}
