using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 社交客户 (000_*.txt model 9; new-customer discovery through social networks, 003_*.txt): influence from
/// the referral tree in <see cref="CustomerMetrics.ReferrerIndex"/> — direct referrals, the size of the whole
/// tree below the customer and that tree's trailing-year spend. Customers who referred nobody: null.
/// Score 0–100: tree size on a log scale, 100 at the key-influencer size.
/// </summary>
internal static class SocialModel
{
    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Social;
        var res = c.Results;
        ReferralTree.Compute(m, res.Referrals, res.ReferralTreeSize, res.ReferralTreeRevenueCents);
        var classes = c.Classes(ModelKeys.Social);
        var scores = c.Scores(ModelKeys.Social);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (res.Referrals[i] == 0)
            {
                return;
            }

            classes[i] = Of(res.Referrals[i], res.ReferralTreeSize[i], res.ReferralTreeRevenueCents[i], s);
            scores[i] = (float)Score(res.ReferralTreeSize[i], s);
        });
    }

    public static short Of(int referrals, int treeSize, long treeRevenueCents, SocialSettings s)
    {
        if (treeSize >= s.KeyInfluencerTreeSize || treeRevenueCents >= s.KeyInfluencerTreeRevenueYuan * 100)
        {
            return 0;
        }

        return referrals >= s.InfluencerReferrals ? (short)1 : (short)2;
    }

    public static double Score(int treeSize, SocialSettings s) =>
        100 * DerivedMetrics.Clamp01(Math.Log(1 + treeSize) / Math.Log(1 + s.KeyInfluencerTreeSize));

    public static string Explain(Explanation e)
    {
        var row = e.Row;
        if (row.Social is null)
        {
            return e.Say($"尚未推荐过客户。", $"Has not referred anyone.");
        }

        string revenue = Explanation.Yuan(row.ReferralTreeRevenueCents);
        string name = e.ClassName(ModelCatalog.Social, row.Social);
        return e.Say($"直接推荐{row.Referrals}位客户，推荐网络共{row.ReferralTreeSize}人，近365天消费{revenue} —— {name}。",
            $"Referred {row.Referrals} customers directly; referral tree of {row.ReferralTreeSize} with {revenue} spent in the last 365 days — {name}.");
    }
}

/// <summary>
/// Sizes of referral trees, leaves first (Kahn's order), so every node is visited once. Bad data can hold
/// cycles (A referred B referred A): nodes on a cycle are never released; they keep what their non-cycle
/// descendants gave them and the cycle's own edges are ignored, so nothing is counted twice or forever.
/// </summary>
internal static class ReferralTree
{
    public static void Compute(CustomerMetrics m, int[] direct, int[] treeSize, long[] treeRevenueCents)
    {
        int n = m.Count;
        var parent = new int[n];
        var pending = new int[n];
        for (int i = 0; i < n; i++)
        {
            int r = m.ReferrerIndex[i];
            parent[i] = r >= 0 && r < n && r != i ? r : -1;
            if (parent[i] >= 0)
            {
                direct[parent[i]]++;
                pending[parent[i]]++;
            }
        }

        var ready = new Queue<int>();
        for (int i = 0; i < n; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        while (ready.Count > 0)
        {
            int i = ready.Dequeue();
            int p = parent[i];
            if (p < 0)
            {
                continue;
            }

            treeSize[p] += 1 + treeSize[i];
            treeRevenueCents[p] += m.Amount365dCents[i] + treeRevenueCents[i];
            if (--pending[p] == 0)
            {
                ready.Enqueue(p);
            }
        }
    }
}
