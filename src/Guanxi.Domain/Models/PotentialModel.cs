using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 潜在客户 (000_*.txt model 8; 001_*.txt "potential customers"): prospects, with the undeveloped model's
/// development score as likelihood, and buyers with headroom — predicted value at least a multiple of the
/// trailing year's spend and at least the base's median spend — with P(alive) (or 1 − the loss figure
/// without the fit) as likelihood. Buyers without headroom: null. Score: the likelihood 0–1.
/// </summary>
internal static class PotentialModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Potential;
        var undevelopedScore = c.Scores(ModelKeys.Undeveloped);
        var u = c.Settings.Undeveloped;
        var classes = c.Classes(ModelKeys.Potential);
        var scores = c.Scores(ModelKeys.Potential);
        var clv = c.Results.Clv;
        var pAlive = c.Results.PAlive;
        var loss = c.Scores(ModelKeys.Lost);
        var lost = c.Classes(ModelKeys.Lost);
        long median = c.Cutoffs.MedianAmount365dCents;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (!m.HasOrders(i))
            {
                double likelihood = undevelopedScore[i] / 100.0;
                scores[i] = (float)likelihood;
                classes[i] = UndevelopedModel.Of(undevelopedScore[i], u);
                return;
            }

            if (!HasHeadroom(m, i, clv[i], median, s))
            {
                return;
            }

            double like = Likelihood(pAlive[i], loss[i]);
            scores[i] = (float)like;
            classes[i] = Of(like, lost[i], s);
        });
    }

    public static bool HasHeadroom(CustomerMetrics m, int i, double clv, long medianCents, PotentialSettings s)
    {
        double predictedCents = DerivedMetrics.PredictedValueYuan(m, i, clv) * 100;
        return predictedCents >= s.HeadroomMultiple * m.Amount365dCents[i]
            && predictedCents >= s.MinimumShareOfMedianSpend * medianCents
            && predictedCents > 0;
    }

    /// <summary>
    /// The chance the customer buys again: P(alive), but never above 1 − the lost model's loss figure (which already
    /// holds 1 − P(alive) for repeat buyers and adds how late the customer is against their rhythm). So the two models
    /// agree: a lost customer is at most a low likelihood, one in churn warning at most a medium one.
    /// </summary>
    public static double Likelihood(double pAlive, double loss)
    {
        double fromLoss = float.IsNaN((float)loss) ? double.NaN : 1 - loss;
        return (double.IsNaN(pAlive), double.IsNaN(fromLoss)) switch
        {
            (false, false) => Math.Min(pAlive, fromLoss),
            (false, true) => pAlive,
            (true, false) => fromLoss,
            _ => 0.5,
        };
    }

    /// <summary>The class of a likelihood; the lost model's verdict caps it (consistency across models, docs/models.md).</summary>
    public static short Of(double likelihood, short lostClass, PotentialSettings s)
    {
        short byLikelihood = likelihood >= s.HighLikelihood ? (short)0 : likelihood >= s.MediumLikelihood ? (short)1 : (short)2;
        short cap = lostClass is LostModel.LostHighValue or LostModel.LostLowValue ? (short)2 : lostClass == LostModel.ChurnWarning ? (short)1 : (short)0;
        return Math.Max(byLikelihood, cap);
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        string name = e.ClassName(ModelCatalog.Potential, e.Row.Potential);
        string like = Explanation.Number(e.Row.PotentialScore ?? double.NaN, 2);
        if (!m.HasOrders(i))
        {
            string score = Explanation.Number(e.Row.UndevelopedScore ?? double.NaN, 0);
            return e.Say($"尚未购买的潜在客户，开发潜力 {score}/100 —— {name}。", $"A prospect with no purchase yet, development potential {score}/100 — {name}.");
        }

        string predicted = Explanation.Yuan(DerivedMetrics.PredictedValueYuan(m, i, e.Clv));
        string spent = Explanation.Yuan(m.Amount365dCents[i]);
        string multiple = Explanation.Number(e.S.Potential.HeadroomMultiple, 1);
        if (e.Row.Potential is null)
        {
            double predictedCents = DerivedMetrics.PredictedValueYuan(m, i, e.Clv) * 100;
            if (predictedCents >= e.S.Potential.HeadroomMultiple * m.Amount365dCents[i] && predictedCents > 0)
            {
                string floor = Explanation.Yuan((long)(e.S.Potential.MinimumShareOfMedianSpend * e.P.Cutoffs.MedianAmount365dCents));
                return e.Say($"预测价值{predicted}虽达到近365天消费{spent}的{multiple}倍，但低于门槛{floor}（消费中位数），增长空间有限。",
                    $"Predicted value {predicted} is {multiple}× the {spent} spent in the last 365 days but below the {floor} floor (median spend): little headroom.");
            }

            return e.Say($"预测价值{predicted}，未达到近365天消费{spent}的{multiple}倍，无明显增长空间。",
                $"Predicted value {predicted} is not {multiple}× the {spent} spent in the last 365 days: no clear headroom.");
        }

        // Say why when the lost model's verdict capped the class (the likelihood alone would read higher).
        string capped = e.Row.Lost switch
        {
            "lost_high_value" or "lost_low_value" => e.Say($"；已流失", $"; lost"),
            "churn_warning" => e.Say($"；处于流失预警", $"; in churn warning"),
            _ => "",
        };
        return e.Say($"预测价值{predicted}，达到近365天消费{spent}的{multiple}倍以上；可能性 {like}{capped} —— {name}。",
            $"Predicted value {predicted} is at least {multiple}× the {spent} spent in the last 365 days; likelihood {like}{capped} — {name}.");
    }
}
