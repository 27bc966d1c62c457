using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 流失客户 (000_*.txt model 7) with the churn warning of 003_*.txt. A buyer is lost when BG/NBD's P(alive)
/// is below the lost line (repeat buyers only: BG/NBD says 1 for a one-time buyer), when the days since the
/// last order reach a multiple of the customer's own rhythm (mean gap; the base's median gap for one-time
/// buyers), or after a fixed number of idle days. Lost customers are split by the value lost — their
/// average yearly spend against the high-value line — which is the win-back priority. A buyer not lost but
/// with P(alive) or recency past the warning lines gets churn_warning. Score: probability-like loss figure,
/// max(1 − P(alive), how far recency has moved from 1× to the lost multiple of the rhythm).
/// </summary>
internal static class LostModel
{
    public const short LostHighValue = 0;
    public const short LostLowValue = 1;
    public const short ChurnWarning = 2;
    public const short Retained = 3;

    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Lost;
        var classes = c.Classes(ModelKeys.Lost);
        var scores = c.Scores(ModelKeys.Lost);
        var pAlive = c.Results.PAlive;
        var cutoffs = c.Cutoffs;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (!m.HasOrders(i))
            {
                return;
            }

            var (cls, loss) = Of(m, i, pAlive[i], cutoffs, s);
            classes[i] = cls;
            scores[i] = (float)loss;
        });
    }

    public static (short Class, double Loss) Of(CustomerMetrics m, int i, double pAlive, PopulationCutoffs cutoffs, LostSettings s)
    {
        int recency = m.RecencyDays(i);
        double rhythm = DerivedMetrics.RhythmDays(m, i, cutoffs);
        double ratio = recency / rhythm;

        // P(alive) says nothing about one-time buyers (always 1), so only repeat buyers use it.
        bool usePAlive = !double.IsNaN(pAlive) && m.DistinctOrderDays[i] >= 2;
        double rhythmLoss = s.LostRhythmMultiple > 1 ? DerivedMetrics.Clamp01((ratio - 1) / (s.LostRhythmMultiple - 1)) : ratio >= 1 ? 1 : 0;
        double loss = recency >= s.LostAfterDays ? 1 : Math.Max(usePAlive ? 1 - pAlive : 0, rhythmLoss);

        bool lost = recency >= s.LostAfterDays || ratio >= s.LostRhythmMultiple || (usePAlive && pAlive < s.LostBelowPAlive);
        if (lost)
        {
            bool valuable = DerivedMetrics.AnnualValueCents(m, i) >= cutoffs.HighValueAmount365dCents;
            return (valuable ? LostHighValue : LostLowValue, loss);
        }

        bool warning = ratio >= s.WarningRhythmMultiple || (usePAlive && pAlive < s.WarningBelowPAlive);
        return (warning ? ChurnWarning : Retained, loss);
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        if (e.Row.Lost is null)
        {
            return e.Say($"尚无订单，无从流失。", $"No orders yet, so nothing to lose.");
        }

        var s = e.S.Lost;
        int recency = e.Recency;
        double own = DerivedMetrics.MeanIntervalDays(m, i);
        string rhythm = Explanation.Number(DerivedMetrics.RhythmDays(m, i, e.P.Cutoffs), 0);
        string rhythmText = double.IsNaN(own)
            ? e.Say($"仅购买一次，按全体复购客户的中位间隔{rhythm}天计", $"one order only, so the base's median gap of {rhythm} days applies")
            : DerivedMetrics.HasOwnRhythm(m, i) || own >= DerivedMetrics.RhythmDays(m, i, e.P.Cutoffs)
                ? e.Say($"其平均购买间隔{rhythm}天", $"own mean gap {rhythm} days")
                : e.Say($"仅一次间隔（{Explanation.Number(own, 0)}天），按全体复购客户的中位间隔{rhythm}天计",
                    $"a single gap of {Explanation.Number(own, 0)} days, so the base's median gap of {rhythm} days applies");
        string pa = m.DistinctOrderDays[i] >= 2 && !double.IsNaN(e.PAlive)
            ? e.Say($"；存活概率 {Explanation.Number(e.PAlive, 2)}", $"; P(alive) {Explanation.Number(e.PAlive, 2)}")
            : "";
        string annual = Explanation.Yuan(DerivedMetrics.AnnualValueCents(m, i) / 100.0);
        string line = Explanation.Yuan(e.P.Cutoffs.HighValueAmount365dCents);
        string times = Explanation.Number(recency / DerivedMetrics.RhythmDays(m, i, e.P.Cutoffs), 1);
        string head = e.Say($"最近一次购买在{e.Ago(recency)}，为购买节奏的{times}倍（{rhythmText}）{pa}", $"Last order {e.Ago(recency)}, {times}× the rhythm ({rhythmText}){pa}");
        return e.Row.Lost switch
        {
            "lost_high_value" => head + e.Say($" —— 超过{Explanation.Number(s.LostRhythmMultiple, 1)}倍节奏、存活概率低于{Explanation.Number(s.LostBelowPAlive, 2)}或{s.LostAfterDays}天未购，已流失；年均消费{annual}不低于高价值线{line}，优先挽回。", $" — past {Explanation.Number(s.LostRhythmMultiple, 1)}× the rhythm, P(alive) under {Explanation.Number(s.LostBelowPAlive, 2)} or {s.LostAfterDays} idle days: lost; average yearly spend {annual} is at least the high-value line {line}: win back first."),
            "lost_low_value" => head + e.Say($" —— 超过{Explanation.Number(s.LostRhythmMultiple, 1)}倍节奏、存活概率低于{Explanation.Number(s.LostBelowPAlive, 2)}或{s.LostAfterDays}天未购，已流失；年均消费{annual}低于高价值线{line}。", $" — past {Explanation.Number(s.LostRhythmMultiple, 1)}× the rhythm, P(alive) under {Explanation.Number(s.LostBelowPAlive, 2)} or {s.LostAfterDays} idle days: lost; average yearly spend {annual} is below the high-value line {line}."),
            "churn_warning" => head + e.Say($" —— 预警线为{Explanation.Number(s.WarningRhythmMultiple, 1)}倍节奏或存活概率低于{Explanation.Number(s.WarningBelowPAlive, 2)}，流失预警。", $" — the warning lines are {Explanation.Number(s.WarningRhythmMultiple, 1)}× the rhythm and P(alive) {Explanation.Number(s.WarningBelowPAlive, 2)}: churn warning."),
            _ => head + e.Say($" —— 未到预警线，保持中。", $" — below the warning lines: retained."),
        };
    }
}
