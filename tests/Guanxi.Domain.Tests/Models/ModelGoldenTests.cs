using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

/// <summary>
/// Small hand-built bases whose classes are worked out by hand in the comments. Fewer than 50 buyers, so the
/// lifetime fit is skipped and every model runs on its rules (predicted value = 90-day spend × 365 / 90).
/// </summary>
public class ModelGoldenTests
{
    private static Cust Paid(decimal yuan, int orders = 1) => new()
    {
        Orders = orders,
        Total = yuan,
        FirstAgo = 200,
        LastAgo = 10,
        O365 = orders,
        A365 = yuan,
        CreatedAgo = 300,
    };

    private static void AssertKeys(ModelResults r, string model, params string?[] expected) =>
        Assert.Equal(expected, TestBase.Keys(r, model));

    [Fact]
    public void Value_layers_by_trailing_spend_with_potential_from_predicted_value()
    {
        // Ten buyers spending ¥100 … ¥1,000: top 20% (2 of 10) from ¥900, bottom 40% up to ¥400.
        // The ¥300 buyer spent ¥250 in the last 90 days: ¥250 × 365 / 90 = ¥1,014 ≥ ¥900, so potential.
        var customers = Enumerable.Range(1, 10).Select(k => Paid(k * 100m)).ToList();
        customers[2] = customers[2] with { O90 = 1, A90 = 250 };
        customers.Add(new Cust());
        var r = TestBase.Run(TestBase.Build([.. customers]));

        AssertKeys(r, ModelKeys.Value,
            "low_value", "low_value", "potential", "low_value", "general", "general", "general", "general", "high_value", "high_value", null);
        Assert.Equal(900_00, r.Parameters.Cutoffs.HighValueAmount365dCents);
        Assert.Equal(400_00, r.Parameters.Cutoffs.LowValueAmount365dCents);
        Assert.Equal(40f, r.Scores(ModelKeys.Value)![4]);
        Assert.Equal([2, 1, 4, 3], r.ClassCounts(ModelKeys.Value));

        // Kotler: 20% high value ("few" at a 25% line) with order value ¥950 ≥ 1.5 × base ¥550 → partnership;
        // 30% low value with ¥233 ≤ 0.75 × ¥550 → basic; potential 10% (few), low margin → accountable;
        // general 40% (many), ¥650 medium → reactive.
        var settings = ModelSettings.Default;
        settings.Relationship.FewCustomersShare = 0.25;
        var k = TestBase.Run(TestBase.Build([.. customers]), settings);
        AssertKeys(k, ModelKeys.RelationshipRecommended,
            "basic", "basic", "accountable", "basic", "reactive", "reactive", "reactive", "reactive", "partnership", "partnership", null);
        Assert.Equal("few", k.Parameters.RelationshipLayers[0].CustomerCountLevel);
        Assert.Equal("high", k.Parameters.RelationshipLayers[0].MarginLevel);
    }

    [Fact]
    public void Active_layers_by_90_and_365_day_orders_and_spend()
    {
        // Spenders' median (of 100, 300, 500, 1000) is the 2nd value, ¥300.
        var r = TestBase.Run(TestBase.Build(
            Paid(1000, 3) with { O90 = 3 },
            Paid(100, 3) with { O90 = 3 },
            Paid(500) with { O90 = 1 },
            Paid(300, 2) with { LastAgo = 120 },
            Paid(0) with { LastAgo = 400, FirstAgo = 400, O365 = 0, Total = 80 },
            new Cust()));
        AssertKeys(r, ModelKeys.Active, "highly_active", "active", "active", "occasionally_active", "inactive", null);
        Assert.Equal(300_00, r.Parameters.Cutoffs.HighlyActiveAmount365dCents);
    }

    [Fact]
    public void Undeveloped_scores_prospects_only()
    {
        var r = TestBase.Run(TestBase.Build(
            // 30 (profile) + 15 (referral source) + 25 (5 contacts, one 10 days ago) + 30 (referrer buys repeatedly) = 100
            new Cust { Completeness = 1, Source = "转介绍", Interactions = 5, LastContactAgo = 10, Referrer = 3 },
            // 15 (half a profile) only
            new Cust { Completeness = 0.5f, Source = "门店" },
            // 15 + 15 (trade fair) + 25 × 3/5 × 2/3 = 10 → 40
            new Cust { Completeness = 0.5f, Source = "展会", Interactions = 3 },
            Paid(600, 3)));
        AssertKeys(r, ModelKeys.Undeveloped, "high_potential", "low_potential", "medium_potential", null);
        var scores = r.Scores(ModelKeys.Undeveloped)!;
        Assert.Equal(100, scores[0], 3);
        Assert.Equal(15, scores[1], 3);
        Assert.Equal(40, scores[2], 3);
    }

    [Fact]
    public void Unsatisfied_layers_by_severity_points()
    {
        var r = TestBase.Run(TestBase.Build(
            new Cust { Satisfaction = 1.5f, OpenComplaints = 1 },              // 2 + 2 = 4: severe
            new Cust { Satisfaction = 2.8f, Complaints365 = 2 },               // 1 + 1 = 2: moderate
            Paid(400) with { APrev = 1000 },                                   // ¥400 < half of ¥1,000: 1, mild
            new Cust { Satisfaction = 4.5f },                                  // none
            Paid(0) with { A365 = 0, Total = 50, APrev = 50 }));               // fell, but from under ¥100: none
        AssertKeys(r, ModelKeys.Unsatisfied, "severe", "moderate", "mild", "none", "none");
        Assert.Equal(4f, r.Scores(ModelKeys.Unsatisfied)![0]);
    }

    [Fact]
    public void Repeat_purchase_layers_by_count_and_regularity()
    {
        var r = TestBase.Run(TestBase.Build(
            Paid(800, 8) with { FirstAgo = 350, LastAgo = 0, IntervalSd = 10 },            // mean gap 50, CV 0.2
            Paid(800, 8) with { FirstAgo = 350, LastAgo = 0, IntervalSd = 40 },            // CV 0.8
            Paid(300, 3) with { FirstAgo = 100, LastAgo = 0, PreviousAgo = 50 },           // latest gap = mean: CV 0
            Paid(200, 2) with { FirstAgo = 100, LastAgo = 0, PreviousAgo = 100 },          // one gap: unknown
            Paid(100)));
        AssertKeys(r, ModelKeys.RepeatPurchase, "frequent_regular", "frequent_irregular", "occasional_regular", "occasional_irregular", null);
        Assert.Equal(0.8f, r.Scores(ModelKeys.RepeatPurchase)![0], 3);
    }

    [Fact]
    public void First_purchase_layers_by_recency_and_size()
    {
        // Average order values 500, 50, 500, 500, 500, 100: the median (3rd of 6 sorted) is ¥500.
        var r = TestBase.Run(TestBase.Build(
            Paid(500) with { FirstAgo = 10, LastAgo = 10 },
            Paid(50) with { FirstAgo = 10, LastAgo = 10 },
            Paid(500) with { FirstAgo = 60, LastAgo = 60 },
            Paid(500) with { FirstAgo = 120, LastAgo = 120 },
            Paid(500) with { FirstAgo = 300, LastAgo = 300 },
            Paid(200, 2)));
        AssertKeys(r, ModelKeys.FirstPurchase, "promising", "recent", "recent", "fading", "dormant", null);
        Assert.Equal(500_00, r.Parameters.Cutoffs.MedianOrderValueCents);
    }

    [Fact]
    public void Lost_uses_the_customers_own_rhythm_and_a_recency_rule_for_one_time_buyers()
    {
        var r = TestBase.Run(TestBase.Build(
            Paid(10_000, 5) with { FirstAgo = 400, LastAgo = 200, A365 = 2000 },   // gap 50, idle 200 = 4×: lost; ¥9,125 a year
            Paid(300) with { FirstAgo = 400, LastAgo = 400, O365 = 0, A365 = 0 },    // idle 400 ≥ 365: lost, low value
            Paid(800, 4) with { FirstAgo = 90, LastAgo = 40 },                       // gap 16.7, idle 40 = 2.4×: warning
            Paid(5000, 3) with { FirstAgo = 100, LastAgo = 5 },                      // idle 5: retained
            Paid(200) with { FirstAgo = 100, LastAgo = 100 },                        // one order; median gap 47.5 → 2.1×: warning
            new Cust()));
        AssertKeys(r, ModelKeys.Lost, "lost_high_value", "lost_low_value", "churn_warning", "retained", "churn_warning", null);
        Assert.Equal(47.5, r.Parameters.Cutoffs.MedianIntervalDays, 6);
        Assert.Equal(1f, r.Scores(ModelKeys.Lost)![1]);
        Assert.Equal(0f, r.Scores(ModelKeys.Lost)![3]);
    }

    [Fact]
    public void Potential_covers_prospects_and_buyers_with_headroom()
    {
        var settings = ModelSettings.Default;
        var r = TestBase.Run(TestBase.Build(
            new Cust { Completeness = 1, Source = "转介绍", Interactions = 5, LastContactAgo = 10, Referrer = 1 },
            Paid(1000, 3) with { FirstAgo = 100, LastAgo = 5, O90 = 3, A90 = 1000 },   // ¥4,056 predicted, retained: 1.0
            Paid(1000, 3) with { FirstAgo = 100, LastAgo = 5, O90 = 1, A90 = 100 },    // ¥406 predicted: no headroom
            Paid(300, 3) with { FirstAgo = 40, LastAgo = 20, O90 = 3, A90 = 300 }),    // ¥1,217; idle 2× its mean gap: loss 0.5
            settings);
        AssertKeys(r, ModelKeys.Potential, "high_likelihood", "high_likelihood", null, "medium_likelihood");
        Assert.Equal(0.5f, r.Scores(ModelKeys.Potential)![3], 3);
    }

    [Fact]
    public void Social_measures_referral_trees_and_survives_cycles()
    {
        var r = TestBase.Run(TestBase.Build(
            new Cust(),                                  // 0: refers 1, 2, 3
            new Cust { Referrer = 0 },                   // 1: refers 4
            Paid(60_000) with { Referrer = 0 },          // 2: big spender in 0's tree
            new Cust { Referrer = 0 },                   // 3
            new Cust { Referrer = 1 },                   // 4: refers 5
            new Cust { Referrer = 4 },                   // 5
            new Cust { Referrer = 7 },                   // 6 ⇄ 7: a cycle in bad data
            new Cust { Referrer = 6 },                   // 7
            new Cust { Referrer = 6 },                   // 8
            new Cust { Referrer = 9 }));                 // 9: refers itself
        Assert.Equal([3, 1, 0, 0, 1, 0, 2, 1, 0, 0], r.Referrals);
        Assert.Equal([5, 2, 0, 0, 1, 0, 1, 0, 0, 0], r.ReferralTreeSize);
        Assert.Equal(60_000_00, r.ReferralTreeRevenueCents[0]);
        AssertKeys(r, ModelKeys.Social, "key_influencer", "referrer", null, null, "referrer", null, "referrer", "referrer", null, null);
    }

    [Fact]
    public void Comprehensive_gives_a_quiet_prospect_only_its_satisfaction_share()
    {
        var r = TestBase.Run(TestBase.Build(
            new Cust(),
            Paid(5000, 8) with { O90 = 3, FirstAgo = 350, LastAgo = 1, IntervalSd = 5, Satisfaction = 5 },
            Paid(100)));

        // The prospect has no contribution, activity, loyalty, habit or referrals: 100 × 0.10 (satisfaction) = 10.
        Assert.Equal(10f, r.Scores(ModelKeys.Comprehensive)![0], 3);
        Assert.Equal("low", r.ClassKey(ModelKeys.Comprehensive, 0));
        Assert.True(r.Scores(ModelKeys.Comprehensive)![1] > r.Scores(ModelKeys.Comprehensive)![2]);
        Assert.Equal("important", r.ClassKey(ModelKeys.Comprehensive, 1));
    }

    [Fact]
    public void Lifecycle_stages()
    {
        var r = TestBase.Run(TestBase.Build(
            new Cust(),
            Paid(300) with { FirstAgo = 400, LastAgo = 400, O365 = 0, A365 = 0 },
            Paid(300) with { FirstAgo = 30, LastAgo = 30 },
            Paid(3000, 20) with { FirstAgo = 700, LastAgo = 10, A365 = 500, APrev = 1000 },
            Paid(3000, 20) with { FirstAgo = 700, LastAgo = 5, A365 = 1500, APrev = 1000 },
            Paid(3000, 20) with { FirstAgo = 700, LastAgo = 5, A365 = 1000, APrev = 1000 },
            Paid(500, 5) with { FirstAgo = 200, LastAgo = 3, A365 = 500 }));
        AssertKeys(r, ModelKeys.Lifecycle, "prospect", "lost", "introduction", "decline", "growth", "maturity", "growth");
    }

    [Fact]
    public void Category_checks_potential_large_new_established_small_in_that_order()
    {
        var r = TestBase.Run(TestBase.Build(
            new Cust(),
            Paid(10_000) with { FirstAgo = 30, LastAgo = 30 },
            Paid(500) with { FirstAgo = 100 },
            Paid(600, 3) with { FirstAgo = 400 },
            Paid(100) with { FirstAgo = 400 },
            Paid(100) with { FirstAgo = 800, LastAgo = 500, O365 = 0, A365 = 0 }));
        AssertKeys(r, ModelKeys.Category, "potential", "large", "new", "established", "small", "small");
    }

    [Fact]
    public void Member_tier_follows_the_configured_metric_and_thresholds()
    {
        var customers = new[]
        {
            Paid(50_000), Paid(49_999.99m), Paid(10_000), Paid(1_000), Paid(999.99m) with { Total = 60_000 }, new Cust(),
        };
        var r = TestBase.Run(TestBase.Build(customers));
        AssertKeys(r, ModelKeys.MemberTier, "diamond", "platinum", "platinum", "gold", "mass", "mass");

        var byTotal = ModelSettings.Default;
        byTotal.MemberTier.Metric = MemberTierMetric.TotalCents;
        Assert.Equal("diamond", TestBase.Run(TestBase.Build(customers), byTotal).ClassKey(ModelKeys.MemberTier, 4));
    }

    [Fact]
    public void Practised_relationship_is_read_from_contact_history_and_the_gap_is_the_level_difference()
    {
        var r = TestBase.Run(TestBase.Build(
            Paid(500, 5) with { Meetings = 2 },
            Paid(500, 5) with { OutboundMonths = 6, Outbound = 6 },
            Paid(500, 5) with { FollowedUp = 4 },
            Paid(500, 5) with { FollowedUp = 3, Inbound = 2 },
            Paid(500, 5),
            new Cust { Meetings = 5 }));
        AssertKeys(r, ModelKeys.RelationshipPractised, "partnership", "proactive", "accountable", "reactive", "basic", null);
        for (int i = 0; i < 5; i++)
        {
            int recommended = ModelCatalog.RelationshipRecommended.IndexOf(r.ClassKey(ModelKeys.RelationshipRecommended, i)!);
            int practised = ModelCatalog.RelationshipPractised.IndexOf(r.ClassKey(ModelKeys.RelationshipPractised, i)!);
            Assert.Equal(recommended - practised, r.RelationshipGap[i]);
        }

        Assert.Null(r.Row(5).RelationshipGap);
    }

    [Theory]
    [InlineData(90_00, 100_00, 45, "a")]
    [InlineData(100_00, 100_00, 1, "a")]
    [InlineData(89_99, 100_00, 45, "b")]
    [InlineData(90_00, 100_00, 46, "b")]
    [InlineData(75_00, 100_00, 75, "b")]
    [InlineData(74_99, 100_00, 10, "c")]
    [InlineData(60_00, 100_00, 105, "c")]
    [InlineData(60_00, 100_00, 106, "d")]
    [InlineData(30_00, 100_00, 255, "d")]
    [InlineData(29_99, 100_00, 10, "none")]
    [InlineData(100_00, 100_00, 256, "none")]
    [InlineData(95_00, 100_00, 100, "c")] // rate says A, term says C: the lower grade
    [InlineData(61_00, 100_00, 20, "c")]  // rate says C, term says A: the lower grade
    public void Credit_rating_boundaries(long collected, long invoiced, int term, string expected)
    {
        var r = TestBase.Run(TestBase.Build(
            new Cust { Invoiced = invoiced / 100m, Collected = collected / 100m, Term = term },
            new Cust()));
        Assert.Equal(expected, r.ClassKey(ModelKeys.CreditRating, 0));
        Assert.Null(r.ClassKey(ModelKeys.CreditRating, 1));
    }
}
