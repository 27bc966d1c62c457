using System.Data.Common;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>What a model run needs of one customer.</summary>
public readonly record struct ScannedCustomer(
    long Id, CustomerKind Kind, RelationshipType Relationship, int CreatedDay, float ProfileCompleteness, string? Source, long? ReferredById);

/// <summary>The order count and order version of every customer's rollup, as parallel arrays.</summary>
public sealed record OrderVersionRows(long[] CustomerId, int[] Count, long[] Version);

/// <summary>Per customer of a run (by builder index): the order count and order version of their rollup, read with the customers.</summary>
public sealed class CustomerOrderVersions(int customers)
{
    public long[] Version { get; } = new long[customers];

    public int[] Count { get; } = new int[customers];
}

/// <summary>How the model run's bulk readers and writers share out their work.</summary>
public static class ScanRanges
{
    /// <summary>Below this many rows (or ids) one reader is as fast: the threads cost more than they save.</summary>
    public const long ParallelFrom = 200_000;

    /// <summary>Rows per write transaction: short enough that people keep working while a run stores.</summary>
    public const int SliceRows = 50_000;

    /// <summary><paramref name="count"/> half-open ranges covering <paramref name="min"/>…<paramref name="max"/>; the last is open-ended (ids added meanwhile).</summary>
    public static IReadOnlyList<(long From, long To)> Split(long min, long max, int count)
    {
        long step = Math.Max(1, ((max - min) / count) + 1);
        return Enumerable.Range(0, count)
            .Select(k => (min + (k * step), k == count - 1 ? long.MaxValue : min + ((k + 1) * step)))
            .ToList();
    }

    /// <summary>Reader threads: the chosen number, else one per core (up to four) for a large table and one for a small one.</summary>
    public static int ReaderCount(long rows, int? readers) =>
        readers is { } chosen ? Math.Clamp(chosen, 1, 64) : rows < ParallelFrom ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Writes rows 0…<paramref name="rows"/> in slices of <see cref="SliceRows"/>, each in its own transaction, up to
    /// <paramref name="parallel"/> slices at once (PostgreSQL parses and indexes a COPY in its own server process, so
    /// two streams keep two cores busy; SQLite has one writer).
    /// </summary>
    public static async Task WriteSlicesAsync(
        IDbContextFactory<GuanxiDbContext> contexts, int rows, int parallel, Action<DbConnection, int, int> write, CancellationToken ct)
    {
        var slices = Enumerable.Range(0, (rows + SliceRows - 1) / SliceRows).Select(k => k * SliceRows);
        await Parallel.ForEachAsync(slices, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (start, ct) =>
        {
            int end = Math.Min(rows, start + SliceRows);
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            write(db.Database.GetDbConnection(), start, end);
            await tx.CommitAsync(ct);
        });
    }
}
