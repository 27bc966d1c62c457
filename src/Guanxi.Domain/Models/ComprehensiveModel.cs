using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 综合客户 (000_*.txt model 10): the six dimensions the seed names — contribution, activity, satisfaction,
/// loyalty, purchase habits, social behaviour — each 0–1, combined with the configured weights into 0–100.
/// Each dimension reads one figure, so raising contribution alone never lowers the score.
/// </summary>
internal static class ComprehensiveModel
{
    public readonly record struct Dimensions(double Contribution, double Activity, double Satisfaction, double Loyalty, double Habit, double Social);

    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings;
        var classes = c.Classes(ModelKeys.Comprehensive);
        var scores = c.Scores(ModelKeys.Comprehensive);
        var value = c.Scores(ModelKeys.Value);
        var active = c.Scores(ModelKeys.Active);
        var lost = c.Scores(ModelKeys.Lost);
        var res = c.Results;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            var d = Of(m, i, value[i], active[i], lost[i], res.F[i], res.ReferralTreeSize[i], s);
            double score = Score(d, s.Comprehensive);
            scores[i] = (float)score;
            classes[i] = Class(score, s.Comprehensive);
        });
    }

    public static Dimensions Of(CustomerMetrics m, int i, float valuePercent, float activeScore, float lossScore, byte f, int treeSize, ModelSettings s)
    {
        bool buyer = m.HasOrders(i);
        double contribution = buyer && !float.IsNaN(valuePercent) ? valuePercent / 100.0 : 0;
        double activity = buyer && !float.IsNaN(activeScore) ? activeScore / 100.0 : 0;

        // No sign of dissatisfaction is full marks; a rating, when there is one, counts half.
        int points = UnsatisfiedModel.Points(m, i, s.Unsatisfied);
        double satisfaction = 1 - DerivedMetrics.Clamp01(points / (double)s.Unsatisfied.SevereFromPoints);
        float rating = m.Satisfaction[i];
        if (!float.IsNaN(rating))
        {
            satisfaction = (satisfaction + DerivedMetrics.Clamp01((rating - 1) / 4.0)) / 2;
        }

        double loyalty = buyer ? (0.5 * (f - 1) / 4.0) + (0.5 * (float.IsNaN(lossScore) ? 0 : 1 - lossScore)) : 0;
        double variation = DerivedMetrics.IntervalVariation(m, i);
        double habit = m.OrderCount[i] >= 2 ? (double.IsNaN(variation) ? 0.5 : DerivedMetrics.Clamp01(1 - variation)) : 0;
        double social = SocialModel.Score(treeSize, s.Social) / 100;
        return new Dimensions(contribution, activity, satisfaction, loyalty, habit, social);
    }

    public static double Score(Dimensions d, ComprehensiveSettings w) =>
        100 * ((w.ContributionWeight * d.Contribution) + (w.ActivityWeight * d.Activity) + (w.SatisfactionWeight * d.Satisfaction)
            + (w.LoyaltyWeight * d.Loyalty) + (w.HabitWeight * d.Habit) + (w.SocialWeight * d.Social)) / w.WeightSum;

    public static short Class(double score, ComprehensiveSettings w) =>
        score >= w.KeyScore ? (short)0 : score >= w.ImportantScore ? (short)1 : score >= w.OrdinaryScore ? (short)2 : (short)3;

    public static string Explain(Explanation e)
    {
        var row = e.Row;
        var d = Of(e.M, e.I, row.ValueScore ?? float.NaN, row.ActiveScore ?? float.NaN, row.LostScore ?? float.NaN, row.F, row.ReferralTreeSize, e.S);
        string score = Explanation.Number(row.ComprehensiveScore ?? Score(d, e.S.Comprehensive), 0);
        string spent = Explanation.Yuan(e.M.Amount365dCents[e.I]);
        string name = e.ClassName(ModelCatalog.Comprehensive, row.Comprehensive);
        string P(double v) => Explanation.Number(v * 100, 0);
        return e.Say(
            $"综合得分 {score}/100：贡献 {P(d.Contribution)}（近365天{spent}）、活跃 {P(d.Activity)}、满意 {P(d.Satisfaction)}、忠诚 {P(d.Loyalty)}、购买习惯 {P(d.Habit)}、社交 {P(d.Social)} —— {name}。",
            $"Comprehensive score {score}/100: contribution {P(d.Contribution)} ({spent} in the last 365 days), activity {P(d.Activity)}, satisfaction {P(d.Satisfaction)}, loyalty {P(d.Loyalty)}, habits {P(d.Habit)}, social {P(d.Social)} — {name}.");
    }
}
