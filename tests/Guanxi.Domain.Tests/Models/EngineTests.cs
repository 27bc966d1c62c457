using System.Diagnostics;
using System.Text.Json;
using Guanxi.Domain.Models.Lifetimes;
using Guanxi.Domain.Models;
using Xunit.Abstractions;

namespace Guanxi.Domain.Tests.Models;

public class EngineTests(ITestOutputHelper output)
{
    [Fact]
    public void Catalog_keys_are_the_export_columns()
    {
        string[] expected =
        [
            "value", "active", "undeveloped", "unsatisfied", "repeat_purchase", "first_purchase", "lost", "potential", "social",
            "comprehensive", "rfm_segment", "lifecycle", "category", "credit_rating", "member_tier", "relationship_recommended",
            "relationship_practised",
        ];
        Assert.Equal(expected, ModelCatalog.All.Select(m => m.Key));
        foreach (var model in ModelCatalog.All)
        {
            Assert.NotEmpty(model.NameZh);
            Assert.Equal(model.Classes.Count, model.Classes.Select(c => c.Key).Distinct().Count());
            Assert.All(model.Classes, c => Assert.Matches("^[a-z][a-z0-9_]*$", c.Key));
        }
    }

    [Fact]
    public void Default_settings_are_valid_and_survive_json()
    {
        var settings = ModelSettings.Default;
        Assert.Empty(settings.Validate());
        settings.Value.HighValueTopShare = 0.15;
        string json = JsonSerializer.Serialize(settings);
        var back = JsonSerializer.Deserialize<ModelSettings>(json)!;
        Assert.Equal(0.15, back.Value.HighValueTopShare);
        Assert.Equal(settings.Undeveloped.GoodSources, back.Undeveloped.GoodSources);
    }

    [Fact]
    public void Invalid_settings_are_reported_and_refused()
    {
        var settings = ModelSettings.Default;
        settings.Value.HighValueTopShare = 1.5;
        settings.MemberTier.GoldYuan = 100_000;
        settings.Relationship.MarginRateByLayer = [0.3];
        var errors = settings.Validate();
        Assert.Contains(errors, e => e.StartsWith("value.highValueTopShare", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("memberTier.", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("relationship.marginRateByLayer", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => TestBase.Run(TestBase.Build(new Cust()), settings));
    }

    [Fact]
    public void A_missing_section_is_reported_not_a_crash()
    {
        var settings = ModelSettings.Default;
        settings.Lifetime = null!;
        settings.Relationship = null!;
        var errors = settings.Validate();
        Assert.Contains(errors, e => e.StartsWith("lifetime: must be an object", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("relationship: must be an object", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Hundred_thousand_customers_are_evaluated_completely()
    {
        var metrics = TestBase.Synthetic(100_000, seed: 42);
        var rules = CustomModel.Parse("vip", "amount_365d >= 2000 and orders_365d >= 3 -> \"VIP\"\norders = 0 -> \"prospect\"").Model!;
        var watch = Stopwatch.StartNew();
        var results = TestBase.Run(metrics, null, rules);
        output.WriteLine($"100k customers: {watch.ElapsedMilliseconds} ms; {results.Parameters.Lifetime.Message}");

        Assert.True(results.Parameters.Lifetime.TransactionsAvailable);
        Assert.True(results.Parameters.Lifetime.SpendAvailable);
        Assert.Equal(20_000, results.Parameters.Lifetime.SampleSize);
        Assert.Null(results.Parameters.Lifetime.Warning);
        int buyers = results.Parameters.BuyerCount;
        foreach (var model in ModelCatalog.All)
        {
            int classified = results.ClassCounts(model.Key).Sum();
            Assert.Equal(metrics.Count, classified + results.NotApplicableCount(model.Key));
        }

        // Models for every customer leave nobody out; buyer-only models cover exactly the buyers.
        Assert.Equal(metrics.Count, results.ClassCounts(ModelKeys.Comprehensive).Sum());
        Assert.Equal(metrics.Count, results.ClassCounts(ModelKeys.MemberTier).Sum());
        Assert.Equal(metrics.Count, results.ClassCounts(ModelKeys.Lifecycle).Sum());
        Assert.Equal(buyers, results.ClassCounts(ModelKeys.Value).Sum());
        Assert.Equal(buyers, results.ClassCounts(ModelKeys.RfmSegment).Sum());
        Assert.Equal(buyers, results.ClassCounts(ModelKeys.Lost).Sum());
        Assert.Equal(metrics.Count - buyers, results.ClassCounts(ModelKeys.Undeveloped).Sum());
        for (int i = 0; i < metrics.Count; i++)
        {
            Assert.Equal(metrics.HasOrders(i), !double.IsNaN(results.PAlive[i]));
            Assert.Equal(metrics.HasOrders(i), !double.IsNaN(results.Clv[i]));
            Assert.False(float.IsNaN(results.Scores(ModelKeys.Comprehensive)![i]));
        }

        Assert.True(results.Custom[0].LabelCounts().All(c => c > 0));
        var row = results.Row(0);
        Assert.Equal(metrics.CustomerId[0], row.CustomerId);
        Assert.True(row.CustomLabels.ContainsKey("vip"));

        // Parameters are stored as JSON with the run.
        string json = JsonSerializer.Serialize(results.Parameters);
        var back = JsonSerializer.Deserialize<ModelRunParameters>(json)!;
        Assert.Equal(results.Parameters.Lifetime.BgNbd, back.Lifetime.BgNbd);
        Assert.Equal(results.Parameters.Cutoffs, back.Cutoffs);
    }

    [Fact]
    public void Too_few_buyers_leave_lifetime_figures_unavailable_and_models_use_rules()
    {
        var metrics = TestBase.Build(
            Cust.Buyer(5, 5000, firstAgo: 300, lastAgo: 200) with { DistinctDays = 5 },
            Cust.Buyer(1, 100, firstAgo: 500, lastAgo: 500),
            Cust.Buyer(3, 900, firstAgo: 100, lastAgo: 5),
            new Cust());
        var results = TestBase.Run(metrics);

        Assert.False(results.Parameters.Lifetime.TransactionsAvailable);
        Assert.False(results.Parameters.Lifetime.SpendAvailable);
        Assert.Contains("at least 50", results.Parameters.Lifetime.Message, StringComparison.Ordinal);
        Assert.Contains("CLV are left empty for every buyer", results.Parameters.Lifetime.Warning, StringComparison.Ordinal);
        Assert.All(results.PAlive, p => Assert.True(double.IsNaN(p)));
        Assert.All(results.Clv, v => Assert.True(double.IsNaN(v)));
        Assert.Null(results.Row(0).PAlive);

        // The lost model still decides from recency against rhythm: 200 days idle on a 50-day rhythm is lost,
        // 500 days idle for a one-time buyer is past the 365-day limit, 5 days idle is retained.
        Assert.Equal(new string?[] { "lost_high_value", "lost_low_value", "retained", null }, TestBase.Keys(results, ModelKeys.Lost));
        Assert.All(Enumerable.Range(0, 3), i => Assert.NotNull(results.ClassKey(ModelKeys.Value, i)));
    }

    [Fact]
    public void Cached_expected_purchases_equal_the_bg_nbd_formula()
    {
        var p = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        foreach (var (x, tx, t) in new[] { (0.0, 0.0, 38.9), (2, 30.43, 38.86), (7, 35.0, 38.0), (1, 2.0, 60.0) })
        {
            double expected = BgNbd.ConditionalExpectedPurchases(p, 39, x, tx, t);
            double cached = LifetimeValue.Numerator(p, 39, x, t) / LifetimeValue.Denominator(p, x, tx, t);
            Assert.Equal(expected, cached, 10);
            Assert.Equal(BgNbd.ProbabilityAlive(p, x, tx, t), 1 / LifetimeValue.Denominator(p, x, tx, t), 12);
        }
    }

    [Fact]
    public void Empty_and_degenerate_bases_never_throw()
    {
        var empty = TestBase.Run(TestBase.Build());
        Assert.Equal(0, empty.Count);
        Assert.False(empty.Parameters.Lifetime.TransactionsAvailable);
        Assert.Null(empty.Parameters.Lifetime.Warning); // nothing left empty: no buyers

        var prospects = TestBase.Run(TestBase.Build(new Cust(), new Cust { Referrer = 0 }));
        Assert.Equal([0, 0, 2], prospects.ClassCounts(ModelKeys.Undeveloped));
        Assert.Equal([2, 0, 0, 0, 0, 0], prospects.ClassCounts(ModelKeys.Lifecycle));
        Assert.Equal(0, prospects.Parameters.BuyerCount);

        // 100 one-time buyers: nobody repeats, so Gamma-Gamma cannot be fitted; whatever BG/NBD does, nothing throws.
        var once = Enumerable.Range(0, 100).Select(k => Cust.Buyer(1, 100 + k, firstAgo: 10 + k, lastAgo: 10 + k)).ToArray();
        var results = TestBase.Run(TestBase.Build(once));
        Assert.False(results.Parameters.Lifetime.SpendAvailable);
        Assert.All(results.Clv, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(100, results.ClassCounts(ModelKeys.FirstPurchase).Sum());

        // …and the run says why its lifetime figures are empty instead of leaving them silently blank.
        Assert.False(results.Parameters.Lifetime.TransactionsAvailable);
        Assert.Contains("nobody made a repeat purchase", results.Parameters.Lifetime.Warning, StringComparison.Ordinal);
        Assert.Contains("CLV are left empty for every buyer", results.Parameters.Lifetime.Warning, StringComparison.Ordinal);
    }
}
