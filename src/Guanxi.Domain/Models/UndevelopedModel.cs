using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 未开发客户 (000_*.txt model 3): customers with no purchase yet, scored 0–100 for development potential:
/// profile completeness, a source that converts well (referral, trade fair …), engagement (interactions and
/// a recent contact), and likeness to good customers — being referred by a good customer (one in the
/// high-value spend share or a repeat buyer in the trailing year). High, medium, low by score; null for buyers.
/// </summary>
internal static class UndevelopedModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Undeveloped;
        var classes = c.Classes(ModelKeys.Undeveloped);
        var scores = c.Scores(ModelKeys.Undeveloped);
        var sources = new HashSet<string>(s.GoodSources, StringComparer.OrdinalIgnoreCase);
        long highLine = c.Cutoffs.HighValueAmount365dCents;
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (m.HasOrders(i))
            {
                return;
            }

            double score = Score(m, i, s, sources, highLine).Total;
            scores[i] = (float)score;
            classes[i] = Of(score, s);
        });
    }

    public static short Of(double score, UndevelopedSettings s) =>
        score >= s.HighScore ? (short)0 : score >= s.MediumScore ? (short)1 : (short)2;

    public readonly record struct Parts(double Profile, double Source, double Engagement, double Referrer)
    {
        public double Total => Profile + Source + Engagement + Referrer;
    }

    public static Parts Score(CustomerMetrics m, int i, UndevelopedSettings s, HashSet<string> goodSources, long highLine)
    {
        double profile = s.ProfilePoints * DerivedMetrics.Clamp01(m.ProfileCompleteness[i]);
        string? source = m.Source[i];
        double fromSource = source is not null && goodSources.Contains(source.Trim()) ? s.SourcePoints : 0;

        // Two thirds for the amount of contact, one third for a contact in the last 90 days.
        double contact = DerivedMetrics.Clamp01(m.InteractionCount[i] / (double)s.FullEngagementInteractions);
        bool recent = m.LastContactDay[i] != CustomerMetrics.NoDay && m.AsOfDay - m.LastContactDay[i] <= 90;
        double engagement = s.EngagementPoints * ((contact * 2 / 3) + (recent ? 1.0 / 3 : 0));
        double referrer = GoodReferrer(m, i, highLine) ? s.GoodReferrerPoints : 0;
        return new Parts(profile, fromSource, engagement, referrer);
    }

    /// <summary>Referred by a customer in the high-value spend share or with repeat orders in the trailing year.</summary>
    public static bool GoodReferrer(CustomerMetrics m, int i, long highLine)
    {
        int r = m.ReferrerIndex[i];
        if (r < 0 || r >= m.Count || r == i)
        {
            return false;
        }

        return (m.Amount365dCents[r] > 0 && m.Amount365dCents[r] >= highLine) || m.Orders365d[r] >= 2;
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        if (e.Row.Undeveloped is null)
        {
            return e.Say($"已有{m.OrderCount[i]}笔订单，不是未开发客户。", $"Already {m.OrderCount[i]} order(s): not undeveloped.");
        }

        var s = e.S.Undeveloped;
        var sources = new HashSet<string>(s.GoodSources, StringComparer.OrdinalIgnoreCase);
        var parts = Score(m, i, s, sources, e.P.Cutoffs.HighValueAmount365dCents);

        // The 360 page recomputes this customer alone, without the referrer's figures: the stored score tells
        // whether the referrer counted as a good customer on the run's day.
        double referrerPoints = e.Row.UndevelopedScore is { } stored
            ? Math.Max(0, stored - parts.Profile - parts.Source - parts.Engagement)
            : parts.Referrer;
        string completeness = Explanation.Percent(m.ProfileCompleteness[i]);
        string source = m.Source[i] ?? e.Say($"未知", $"unknown");
        int contacts = m.InteractionCount[i];
        string total = Explanation.Number(e.Row.UndevelopedScore ?? parts.Total, 0);
        string referrer = referrerPoints >= 0.5
            ? e.Say($"，由优质客户推荐（+{Explanation.Number(referrerPoints, 0)}）", $", referred by a good customer (+{Explanation.Number(referrerPoints, 0)})")
            : m.ReferrerIndex[i] >= 0 ? e.Say($"，由普通客户推荐", $", referred by an ordinary customer") : "";
        string name = e.ClassName(ModelCatalog.Undeveloped, e.Row.Undeveloped);
        return e.Say(
            $"尚未购买；资料完整度{completeness}（+{Explanation.Number(parts.Profile, 0)}），来源“{source}”（+{Explanation.Number(parts.Source, 0)}），互动{contacts}次（+{Explanation.Number(parts.Engagement, 0)}）{referrer}；开发潜力 {total}/100 —— {name}。",
            $"No purchase yet; profile {completeness} complete (+{Explanation.Number(parts.Profile, 0)}), source \"{source}\" (+{Explanation.Number(parts.Source, 0)}), {contacts} interactions (+{Explanation.Number(parts.Engagement, 0)}){referrer}; development potential {total}/100 — {name}.");
    }
}
