namespace Guanxi.Domain.Models;

/// <summary>
/// RFM scores by the bench README's definition: score = 1 + (5·w) div N, where w is the number of
/// buyers whose figure is strictly worse. Works on struct-of-arrays so a million buyers score in
/// three sorts, without per-customer queries.
/// </summary>
public static class RfmScoring
{
    // Below this many buyers the sorts take well under a millisecond each; threads would only add overhead.
    private const int ParallelThreshold = 1 << 16;

    /// <summary>
    /// Scores N buyers. <paramref name="lastOrderDay"/> is the calendar day number of each buyer's latest
    /// order (any epoch, e.g. <see cref="DateOnly.DayNumber"/>), <paramref name="orderCount"/> the number of
    /// orders (≥ 1) and <paramref name="monetaryCents"/> the exact sum in cents. The reference date is the
    /// latest order day plus one, so recency is at least 1.
    /// </summary>
    public static void Score(
        ReadOnlySpan<int> lastOrderDay,
        ReadOnlySpan<int> orderCount,
        ReadOnlySpan<long> monetaryCents,
        Span<int> recencyDays,
        Span<byte> r,
        Span<byte> f,
        Span<byte> m)
    {
        int n = lastOrderDay.Length;
        if (orderCount.Length != n || monetaryCents.Length != n || recencyDays.Length != n
            || r.Length != n || f.Length != n || m.Length != n)
        {
            throw new ArgumentException("All buyer arrays must have the same length.");
        }

        if (n == 0)
        {
            return;
        }

        int referenceDay = int.MinValue;
        foreach (int day in lastOrderDay)
        {
            referenceDay = Math.Max(referenceDay, day);
        }

        referenceDay++;
        for (int i = 0; i < n; i++)
        {
            recencyDays[i] = referenceDay - lastOrderDay[i];
        }

        // A later last order is a better (smaller) recency, so every score is "how many are strictly smaller".
        // The three sorts are independent: on a large base they run side by side.
        var dayKeys = lastOrderDay.ToArray();
        var countKeys = orderCount.ToArray();
        var centKeys = monetaryCents.ToArray();
        var rScores = new byte[n];
        var fScores = new byte[n];
        var mScores = new byte[n];
        if (n >= ParallelThreshold)
        {
            Parallel.Invoke(
                () => ScoreSorted(dayKeys, rScores),
                () => ScoreSorted(countKeys, fScores),
                () => ScoreSorted(centKeys, mScores));
        }
        else
        {
            ScoreSorted(dayKeys, rScores);
            ScoreSorted(countKeys, fScores);
            ScoreSorted(centKeys, mScores);
        }

        rScores.CopyTo(r);
        fScores.CopyTo(f);
        mScores.CopyTo(m);
    }

    /// <summary>Segments of scored buyers.</summary>
    public static void Segment(ReadOnlySpan<byte> r, ReadOnlySpan<byte> f, Span<RfmSegment> segments)
    {
        if (f.Length != r.Length || segments.Length != r.Length)
        {
            throw new ArgumentException("All buyer arrays must have the same length.");
        }

        for (int i = 0; i < r.Length; i++)
        {
            segments[i] = RfmSegments.Of(r[i], f[i]);
        }
    }

    /// <summary>Score where a larger value is better: w = number of values strictly smaller.</summary>
    public static void ScoreAscending(ReadOnlySpan<int> values, Span<byte> scores)
    {
        var keys = values.ToArray();
        ScoreSorted(keys, scores);
    }

    /// <inheritdoc cref="ScoreAscending(ReadOnlySpan{int}, Span{byte})"/>
    public static void ScoreAscending(ReadOnlySpan<long> values, Span<byte> scores)
    {
        var keys = values.ToArray();
        ScoreSorted(keys, scores);
    }

    private static void ScoreSorted<T>(T[] keys, Span<byte> scores)
        where T : IComparable<T>, IEquatable<T>
    {
        int n = keys.Length;
        var buyers = new int[n];
        for (int i = 0; i < n; i++)
        {
            buyers[i] = i;
        }

        Array.Sort(keys, buyers);

        // Walk tie groups: every buyer of a group has w = position of the group's first element.
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end].Equals(keys[start]))
            {
                end++;
            }

            var score = (byte)(1 + ((5L * start) / n));
            for (int k = start; k < end; k++)
            {
                scores[buyers[k]] = score;
            }

            start = end;
        }
    }
}
