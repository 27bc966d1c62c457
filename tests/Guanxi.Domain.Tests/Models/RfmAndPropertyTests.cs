using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

public class RfmAndPropertyTests
{
    [Fact]
    public void Rfm_follows_the_bench_readme_worked_example_with_recency_from_as_of()
    {
        // The README's seven buyers (customers 2, 3, 7, 10, 25, 100, 1000) plus a prospect; AsOf is the reference date.
        static Cust Buyer(DateOnly last, int orders, decimal total) => new()
        {
            Orders = orders,
            Total = total,
            LastAgo = TestBase.AsOf.DayNumber - last.DayNumber,
            FirstAgo = TestBase.AsOf.DayNumber - last.DayNumber,
        };

        var r = TestBase.Run(TestBase.Build(
            Buyer(new DateOnly(2024, 1, 1), 2, 0.30m),
            Buyer(new DateOnly(2025, 12, 31), 1, 100m),
            Buyer(new DateOnly(2026, 6, 30), 1, 0.05m),
            Buyer(new DateOnly(2026, 6, 20), 2, 10m),
            Buyer(new DateOnly(2026, 6, 30), 1, 0.30m),
            Buyer(new DateOnly(2026, 6, 20), 3, 60m),
            Buyer(new DateOnly(2023, 7, 1), 1, 1000m),
            new Cust()));

        Assert.Equal([912, 182, 1, 11, 1, 11, 1096, CustomerMetrics.NoDay], r.RecencyDays);
        Assert.Equal([1, 2, 4, 3, 4, 3, 1, 0], r.R);
        Assert.Equal([3, 1, 1, 3, 1, 5, 1, 0], r.F);
        Assert.Equal([1, 4, 1, 3, 1, 3, 5, 0], r.M);
        Assert.Equal(
            new string?[] { "at_risk", "hibernating", "promising", "need_attention", "promising", "loyal_customers", "lost", null },
            TestBase.Keys(r, ModelKeys.RfmSegment));
        var row = r.Row(5);
        Assert.Equal((11, 3, 60_00L, "loyal_customers"), (row.RecencyDays, row.Frequency, row.MonetaryCents, row.RfmSegment));
        Assert.Null(r.Row(7).RecencyDays);
    }

    [Fact]
    public void Every_rfm_cell_maps_to_exactly_one_catalog_segment()
    {
        var seen = new HashSet<int>();
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                var segment = RfmSegments.Of(r, f);
                var cls = ModelCatalog.Rfm.Classes[(int)segment];
                Assert.Equal(RfmSegments.EnglishName(segment), cls.NameEn);
                Assert.Equal(RfmSegments.ChineseName(segment), cls.NameZh);
                Assert.Equal(1, ModelCatalog.Rfm.Classes.Count(c => c.Key == cls.Key));
                seen.Add((int)segment);
            }
        }

        // All 11 segments are reachable from the 25 cells.
        Assert.Equal(RfmSegments.Count, seen.Count);
        Assert.Equal(RfmSegments.Count, ModelCatalog.Rfm.Classes.Count);
    }

    [Fact]
    public void Quintile_scores_are_balanced_when_there_are_no_ties()
    {
        // 1,000 buyers with distinct last days and spends: r and m hold exactly 200 each.
        var customers = Enumerable.Range(0, 1000)
            .Select(k => new Cust { Orders = 1 + (k % 3), Total = 10 + k, LastAgo = 1 + k, FirstAgo = 1 + k })
            .ToArray();
        var r = TestBase.Run(TestBase.Build(customers));
        for (byte s = 1; s <= 5; s++)
        {
            Assert.Equal(200, r.R.Count(x => x == s));
            Assert.Equal(200, r.M.Count(x => x == s));
        }

        // f has three tie groups of 334/333/333 (w = 0, 334, 667 → f = 1, 2, 4): each falls whole into one
        // class, so classes are balanced only up to ties and f = 3 and 5 stay empty.
        Assert.Equal(334, r.F.Count(x => x == 1));
        Assert.Equal(333, r.F.Count(x => x == 2));
        Assert.Equal(0, r.F.Count(x => x == 3));
        Assert.Equal(333, r.F.Count(x => x == 4));
    }

    [Fact]
    public void Value_classes_are_balanced_up_to_ties()
    {
        var customers = Enumerable.Range(0, 100).Select(k => new Cust
        {
            Orders = 1,
            Total = 10 + k,
            A365 = 10 + k,
            O365 = 1,
            LastAgo = 20,
            FirstAgo = 20,
        }).ToArray();
        var counts = TestBase.Run(TestBase.Build(customers)).ClassCounts(ModelKeys.Value);
        Assert.Equal([20, 0, 40, 40], counts);
    }

    private static Cust[] RandomBase(Random rng, int n) => Enumerable.Range(0, n).Select(_ =>
    {
        if (rng.Next(5) == 0)
        {
            return new Cust();
        }

        int orders = 1 + rng.Next(8);
        int first = 30 + rng.Next(700);
        int last = rng.Next(first + 1);
        decimal total = rng.Next(1, 100_000) / 100m;
        return new Cust
        {
            Orders = orders,
            Total = total,
            FirstAgo = first,
            LastAgo = last,
            O365 = last < 365 ? orders : 0,
            A365 = last < 365 ? total : 0,
            O90 = last < 90 ? 1 : 0,
            A90 = last < 90 ? total / orders : 0,
            APrev = rng.Next(0, 2000),
            Satisfaction = rng.Next(2) == 0 ? float.NaN : 1 + rng.Next(5),
        };
    }).ToArray();

    [Fact]
    public void A_more_recent_purchase_never_lowers_r_and_more_spend_never_lowers_m()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 30; trial++)
        {
            var customers = RandomBase(rng, 60);
            int i = Enumerable.Range(0, customers.Length).First(k => customers[k].Orders > 0 && customers[k].LastAgo > 0);
            var before = TestBase.Run(TestBase.Build(customers));

            var recent = (Cust[])customers.Clone();
            recent[i] = recent[i] with { LastAgo = rng.Next(recent[i].LastAgo!.Value) };
            Assert.True(TestBase.Run(TestBase.Build(recent)).R[i] >= before.R[i]);

            var richer = (Cust[])customers.Clone();
            richer[i] = richer[i] with { Total = richer[i].Total + rng.Next(1, 50_000) };
            Assert.True(TestBase.Run(TestBase.Build(richer)).M[i] >= before.M[i]);
        }
    }

    [Fact]
    public void Comprehensive_score_never_falls_when_contribution_rises()
    {
        var rng = new Random(5);
        int rises = 0;
        for (int trial = 0; trial < 30; trial++)
        {
            var customers = RandomBase(rng, 60);
            int i = Enumerable.Range(0, customers.Length).First(k => customers[k].Orders > 0 && customers[k].LastAgo < 365);
            float before = TestBase.Run(TestBase.Build(customers)).Scores(ModelKeys.Comprehensive)![i];
            var richer = (Cust[])customers.Clone();
            richer[i] = richer[i] with { A365 = richer[i].A365 + rng.Next(1, 5_000) };
            float after = TestBase.Run(TestBase.Build(richer)).Scores(ModelKeys.Comprehensive)![i];
            Assert.True(after >= before, $"trial {trial}: {before} → {after}");
            rises += after > before ? 1 : 0;
        }

        // The property is not vacuous: extra spend usually lifts the score.
        Assert.True(rises > 10);
    }
}
