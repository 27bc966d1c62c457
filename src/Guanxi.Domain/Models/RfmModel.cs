using Guanxi.Domain.Models;

namespace Guanxi.Domain.Models;

/// <summary>
/// RFM by the bench README's rule (002_*.txt layering, 003_*.txt value assessment), scored among buyers only
/// with <see cref="RfmScoring"/>; recency is counted from AsOf (equal to the README's when AsOf is the day
/// after the last order). Non-buyers: r = f = m = 0 and no segment.
/// </summary>
internal static class RfmModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var res = c.Results;
        var buyers = c.Buyers;
        int n = buyers.Length;
        var lastDay = new int[n];
        var orders = new int[n];
        var cents = new long[n];
        for (int k = 0; k < n; k++)
        {
            lastDay[k] = m.LastOrderDay[buyers[k]];
            orders[k] = m.OrderCount[buyers[k]];
            cents[k] = m.TotalCents[buyers[k]];
        }

        // Scores depend only on the order of last days, so the README's reference day does not matter here.
        var recency = new int[n];
        var r = new byte[n];
        var f = new byte[n];
        var mm = new byte[n];
        RfmScoring.Score(lastDay, orders, cents, recency, r, f, mm);
        var segment = c.Classes(ModelKeys.RfmSegment);
        for (int k = 0; k < n; k++)
        {
            int i = buyers[k];
            res.RecencyDays[i] = m.RecencyDays(i);
            res.R[i] = r[k];
            res.F[i] = f[k];
            res.M[i] = mm[k];
            segment[i] = (short)RfmSegments.Of(r[k], f[k]);
        }
    }

    public static string Explain(Explanation e)
    {
        var row = e.Row;
        if (row.RfmSegment is null)
        {
            return e.Say($"尚无订单，不参与RFM评分。", $"No orders yet, so no RFM scores.");
        }

        string money = Explanation.Yuan(row.MonetaryCents);
        string name = e.ClassName(ModelCatalog.Rfm, row.RfmSegment);
        return e.Say(
            $"最近一次购买在{e.Ago(row.RecencyDays ?? e.Recency)}（R={row.R}），共{row.Frequency}笔订单（F={row.F}），累计消费{money}（M={row.M}） —— {name}。",
            $"Last order {e.Ago(row.RecencyDays ?? e.Recency)} (R={row.R}), {row.Frequency} orders (F={row.F}), {money} in total (M={row.M}) — {name}.");
    }
}
