using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

public class RfmScoringTests
{
    private static readonly int ReferenceDay = new DateOnly(2026, 7, 1).DayNumber;

    private sealed record Scored(int[] Recency, byte[] R, byte[] F, byte[] M);

    private static Scored Score(int[] lastDay, int[] orders, long[] cents)
    {
        var scored = new Scored(new int[lastDay.Length], new byte[lastDay.Length], new byte[lastDay.Length], new byte[lastDay.Length]);
        RfmScoring.Score(lastDay, orders, cents, scored.Recency, scored.R, scored.F, scored.M);
        return scored;
    }

    [Fact]
    public void Worked_example_of_the_bench_readme()
    {
        // Customers 2, 3, 7, 10, 25, 100, 1000 of example/orders.csv, aggregated by hand.
        int[] lastDay =
        [
            new DateOnly(2024, 1, 1).DayNumber, new DateOnly(2025, 12, 31).DayNumber, new DateOnly(2026, 6, 30).DayNumber,
            new DateOnly(2026, 6, 20).DayNumber, new DateOnly(2026, 6, 30).DayNumber, new DateOnly(2026, 6, 20).DayNumber,
            new DateOnly(2023, 7, 1).DayNumber,
        ];
        int[] orders = [2, 1, 1, 2, 1, 3, 1];
        long[] cents = [10 + 20, 100_00, 5, 10_00, 30, 60_00, 1000_00];

        var s = Score(lastDay, orders, cents);

        Assert.Equal([912, 182, 1, 11, 1, 11, 1096], s.Recency);
        Assert.Equal(new byte[] { 1, 2, 4, 3, 4, 3, 1 }, s.R);
        Assert.Equal(new byte[] { 3, 1, 1, 3, 1, 5, 1 }, s.F);
        Assert.Equal(new byte[] { 1, 4, 1, 3, 1, 3, 5 }, s.M);
        var segments = new RfmSegment[7];
        RfmScoring.Segment(s.R, s.F, segments);
        Assert.Equal(
            ["At Risk", "Hibernating", "Promising", "Need Attention", "Promising", "Loyal Customers", "Lost"],
            segments.Select(RfmSegments.EnglishName));
    }

    [Fact]
    public void Exact_cent_sums_tie_so_0_10_plus_0_20_scores_like_0_30()
    {
        var s = Score([ReferenceDay - 5, ReferenceDay - 5, ReferenceDay - 5], [2, 1, 1], [10 + 20, 30, 5]);
        Assert.Equal(s.M[0], s.M[1]);
        Assert.True(s.M[2] < s.M[0]);
    }

    [Fact]
    public void Every_cell_of_the_grid_has_exactly_one_segment_and_all_11_are_reachable()
    {
        var seen = new HashSet<RfmSegment>();
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                var segment = RfmSegments.Of(r, f);
                Assert.True(Enum.IsDefined(segment));
                seen.Add(segment);
            }
        }

        Assert.Equal(RfmSegments.Count, seen.Count);
        Assert.Equal(RfmSegments.Count, Enum.GetValues<RfmSegment>().Length);
        Assert.Equal(RfmSegment.Lost, RfmSegments.Of(1, 1));
        Assert.Equal("Can't Lose Them", RfmSegments.EnglishName(RfmSegments.Of(1, 5)));
        Assert.Equal("冠军客户", RfmSegments.ChineseName(RfmSegment.Champions));
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegments.Of(0, 1));
    }

    [Fact]
    public void All_segment_names_are_distinct_in_both_languages()
    {
        var segments = Enum.GetValues<RfmSegment>();
        Assert.Equal(segments.Length, segments.Select(RfmSegments.EnglishName).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(segments.Length, segments.Select(RfmSegments.ChineseName).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_bases_follow_the_rank_rule(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 400);

        // Small value ranges force many ties.
        var lastDay = Enumerable.Range(0, n).Select(_ => ReferenceDay - random.Next(1, 40)).ToArray();
        var orders = Enumerable.Range(0, n).Select(_ => random.Next(1, 8)).ToArray();
        var cents = Enumerable.Range(0, n).Select(_ => (long)random.Next(0, 60) * 5).ToArray();

        var s = Score(lastDay, orders, cents);

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(ReferenceDayOf(lastDay) - lastDay[i], s.Recency[i]);
            AssertClass(s.R[i], lastDay.Count(d => d < lastDay[i]), n);
            AssertClass(s.F[i], orders.Count(o => o < orders[i]), n);
            AssertClass(s.M[i], cents.Count(c => c < cents[i]), n);
            for (int j = 0; j < n; j++)
            {
                // A more recent purchase never lowers R, more orders never lower F, more spend never lowers M,
                // and equal figures get equal scores.
                AssertMonotone(lastDay[i], lastDay[j], s.R[i], s.R[j]);
                AssertMonotone(orders[i], orders[j], s.F[i], s.F[j]);
                AssertMonotone(cents[i], cents[j], s.M[i], s.M[j]);
            }
        }
    }

    [Fact]
    public void Better_figure_after_a_change_never_lowers_the_buyers_own_score()
    {
        var random = new Random(11);
        int n = 200;
        var lastDay = Enumerable.Range(0, n).Select(_ => ReferenceDay - random.Next(1, 100)).ToArray();
        var orders = Enumerable.Range(0, n).Select(_ => random.Next(1, 10)).ToArray();
        var cents = Enumerable.Range(0, n).Select(_ => (long)random.Next(0, 10_000)).ToArray();
        var before = Score(lastDay, orders, cents);

        for (int i = 0; i < n; i += 17)
        {
            var moreRecent = (int[])lastDay.Clone();
            moreRecent[i] += 1;
            var moreSpend = (long[])cents.Clone();
            moreSpend[i] += 1;
            Assert.True(Score(moreRecent, orders, cents).R[i] >= before.R[i]);
            Assert.True(Score(lastDay, orders, moreSpend).M[i] >= before.M[i]);
        }
    }

    [Fact]
    public void One_order_buyers_share_f_1_and_a_shared_best_figure_can_leave_5_empty()
    {
        var s = Score([ReferenceDay - 1, ReferenceDay - 1, ReferenceDay - 9], [1, 1, 4], [100, 100, 100]);
        Assert.Equal(new byte[] { 1, 1, 4 }, s.F);
        Assert.DoesNotContain((byte)5, s.R);
        Assert.Equal(new byte[] { 1, 1, 1 }, s.M);
    }

    [Fact]
    public void Empty_base_and_mismatched_lengths()
    {
        RfmScoring.Score([], [], [], [], [], [], []);
        Assert.Throws<ArgumentException>(() => RfmScoring.Score([1], [], [], [], [], [], []));
    }

    private static int ReferenceDayOf(int[] lastDay) => lastDay.Max() + 1;

    private static void AssertClass(byte score, int worse, int n)
    {
        // Score s holds the buyers with (s − 1)·N/5 ≤ w < s·N/5.
        Assert.InRange(score, 1, 5);
        Assert.True((score - 1) * (long)n <= 5L * worse && 5L * worse < score * (long)n, $"score {score}, w {worse}, N {n}");
    }

    private static void AssertMonotone<T>(T a, T b, byte scoreA, byte scoreB)
        where T : IComparable<T>
    {
        int order = a.CompareTo(b);
        if (order == 0)
        {
            Assert.Equal(scoreA, scoreB);
        }
        else if (order > 0)
        {
            Assert.True(scoreA >= scoreB);
        }
    }
}
