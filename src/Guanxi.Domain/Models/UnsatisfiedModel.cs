using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 未满足客户 (000_*.txt model 4; satisfaction measurement and complaint handling of the same text):
/// severity points from a low mean rating (2 very low, 1 low), open complaints (2 each), repeated
/// complaints in the trailing year (1) and falling spend (1: the trailing year below half of the year
/// before). Severe, moderate, mild by points; "none" for customers with no sign. Score: the points.
/// </summary>
internal static class UnsatisfiedModel
{
    public const short None = 3;

    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Unsatisfied;
        var classes = c.Classes(ModelKeys.Unsatisfied);
        var scores = c.Scores(ModelKeys.Unsatisfied);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            int points = Points(m, i, s);
            classes[i] = Of(points, s);
            scores[i] = points;
        });
    }

    public static int Points(CustomerMetrics m, int i, UnsatisfiedSettings s)
    {
        int points = 0;
        float rating = m.Satisfaction[i];
        if (!float.IsNaN(rating))
        {
            points += rating <= s.VeryLowSatisfaction ? 2 : rating <= s.LowSatisfaction ? 1 : 0;
        }

        points += s.PointsPerOpenComplaint * m.OpenComplaints[i];
        points += m.Complaints365d[i] >= s.RepeatedComplaints365d ? 1 : 0;
        points += FallingSpend(m, i, s) ? 1 : 0;
        return points;
    }

    public static bool FallingSpend(CustomerMetrics m, int i, UnsatisfiedSettings s)
    {
        long before = m.AmountPrevious365dCents[i];
        return before >= s.FallingSpendMinimumYuan * 100
            && m.Amount365dCents[i] < (1 - (decimal)s.FallingSpendShare) * before;
    }

    public static short Of(int points, UnsatisfiedSettings s) =>
        points >= s.SevereFromPoints ? (short)0 : points >= s.ModerateFromPoints ? (short)1 : points >= 1 ? (short)2 : None;

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        var s = e.S.Unsatisfied;
        var zh = new List<string>();
        var en = new List<string>();
        float rating = m.Satisfaction[i];
        if (!float.IsNaN(rating) && rating <= s.LowSatisfaction)
        {
            string r = Explanation.Number(rating, 1);
            zh.Add($"满意度均分 {r}/5");
            en.Add($"mean satisfaction {r}/5");
        }

        if (m.OpenComplaints[i] > 0)
        {
            zh.Add($"{m.OpenComplaints[i]}项投诉未结");
            en.Add($"{m.OpenComplaints[i]} open complaint(s)");
        }

        if (m.Complaints365d[i] >= s.RepeatedComplaints365d)
        {
            zh.Add($"近365天投诉{m.Complaints365d[i]}次");
            en.Add($"{m.Complaints365d[i]} complaints in the last 365 days");
        }

        if (FallingSpend(m, i, s))
        {
            string now = Explanation.Yuan(m.Amount365dCents[i]);
            string before = Explanation.Yuan(m.AmountPrevious365dCents[i]);
            zh.Add($"近365天消费{now}，前一年{before}");
            en.Add($"spend fell to {now} in the last 365 days from {before} the year before");
        }

        int points = Points(m, i, s);
        string name = e.ClassName(ModelCatalog.Unsatisfied, e.Row.Unsatisfied);
        if (zh.Count == 0)
        {
            string rated = float.IsNaN(rating) ? "" : Explanation.Number(rating, 1);
            return rated.Length == 0
                ? e.Say($"无低分评价、无投诉、消费未下滑 —— {name}。", $"No low rating, no complaint, no falling spend — {name}.")
                : e.Say($"满意度均分 {rated}/5，无投诉、消费未下滑 —— {name}。", $"Mean satisfaction {rated}/5, no complaint, no falling spend — {name}.");
        }

        string zhText = string.Join("、", zh);
        string enText = string.Join("; ", en);
        return e.Say($"{zhText}（严重度 {points} 分）—— {name}。", $"{Capitalise(enText)} (severity {points} points) — {name}.");
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
