using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Guanxi.Domain.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Models;

/// <summary>
/// Streams every order into a <see cref="CustomerMetricsBuilder"/>: the table is cut into physical ranges (rowid on
/// SQLite, heap pages on PostgreSQL), one reader thread per range decodes rows into flat chunks, and one thread feeds
/// the builder. Ten million rows are the bulk of a model run; reading them is the part worth spreading over cores.
/// </summary>
internal static class OrderScan
{
    private const int ChunkRows = 8192;

    /// <summary>Below this many rows one reader is as fast: the threads cost more than they save.</summary>
    private const long ParallelFrom = 200_000;

    /// <param name="skip">Customers (by builder index) whose orders the builder already has (from their stored history).</param>
    /// <param name="readers">Reader threads; null picks one per core (up to four) for a large table, one for a small one.</param>
    public static async Task ReadAsync(IDbContextFactory<GuanxiDbContext> contexts, CustomerMetricsBuilder builder, bool[] skip, int? readers, CancellationToken ct)
    {
        IReadOnlyList<IOrderRange> ranges;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            ranges = db.IsPostgres ? await PostgresRange.SplitAsync(db, readers, ct) : await SqliteRange.SplitAsync(db, readers, ct);
        }

        var full = new BlockingCollection<OrderChunk>();
        var free = new BlockingCollection<OrderChunk>();
        for (int k = 0; k < 3 * ranges.Count; k++)
        {
            free.Add(new OrderChunk(), ct);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readerTasks = ranges.Select(range => Task.Factory.StartNew(
            () =>
            {
                try
                {
                    range.Read(contexts, new Customers(builder, skip), free, full, stop.Token);
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            },
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        _ = Task.WhenAll(readerTasks).ContinueWith(_ => full.CompleteAdding(), TaskScheduler.Default);

        await Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var chunk in full.GetConsumingEnumerable(stop.Token))
                    {
                        Feed(builder, chunk);
                        free.Add(chunk, stop.Token);
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // A reader failed and cancelled the scan; its exception is rethrown below.
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAll(readerTasks);
        ct.ThrowIfCancellationRequested();
    }

    // The reading and feeding loops run once per scan, each over millions of rows: compiled optimised at once
    // instead of starting as unoptimised tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Feed(CustomerMetricsBuilder builder, OrderChunk chunk)
    {
        for (int k = 0; k < chunk.Count; k++)
        {
            builder.AddOrderAt(chunk.Index[k], chunk.Day[k], chunk.Amount[k], chunk.Channel[k], chunk.DueDay[k], chunk.PaidDay[k]);
        }

        chunk.Count = 0;
    }

    /// <summary>A customer id's builder index, or -1 for one outside the base or already covered.</summary>
    private readonly struct Customers(CustomerMetricsBuilder builder, bool[] skip)
    {
        public int IndexOf(long customerId)
        {
            int index = builder.IndexOf(customerId);
            return index >= 0 && !skip[index] ? index : -1;
        }
    }

    private static int ReaderCount(long rows, int? readers) =>
        readers is { } chosen ? Math.Clamp(chosen, 1, 64) : rows < ParallelFrom ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Up to <see cref="ChunkRows"/> decoded orders; the builder's customer index is resolved by the reader.</summary>
    private sealed class OrderChunk
    {
        public readonly int[] Index = new int[ChunkRows];
        public readonly int[] Day = new int[ChunkRows];
        public readonly long[] Amount = new long[ChunkRows];
        public readonly string[] Channel = new string[ChunkRows];
        public readonly int[] DueDay = new int[ChunkRows];
        public readonly int[] PaidDay = new int[ChunkRows];
        public int Count;

        public bool IsFull => Count == ChunkRows;
    }

    private interface IOrderRange
    {
        void Read(IDbContextFactory<GuanxiDbContext> contexts, Customers builder, BlockingCollection<OrderChunk> free, BlockingCollection<OrderChunk> full, CancellationToken ct);
    }

    /// <summary>Reads a rowid range through the SQLite C API: no value boxing and no string per date.</summary>
    private sealed class SqliteRange(long from, long to) : IOrderRange
    {
        private const string Sql =
            "SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders WHERE id >= ?1 AND id < ?2";

        public static async Task<IReadOnlyList<IOrderRange>> SplitAsync(GuanxiDbContext db, int? chosen, CancellationToken ct)
        {
            long min = await db.ScalarAsync<long>("SELECT coalesce(min(id), 0) FROM orders", ct);
            long max = await db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM orders", ct);
            int readers = ReaderCount(max - min + 1, chosen);
            return BulkIo.Ranges(min, max, readers).Select(range => (IOrderRange)new SqliteRange(range.From, range.To)).ToList();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Read(IDbContextFactory<GuanxiDbContext> contexts, Customers builder, BlockingCollection<OrderChunk> free, BlockingCollection<OrderChunk> full, CancellationToken ct)
        {
            using var db = contexts.CreateDbContext();
            db.Database.OpenConnection();
            using var rows = SqliteStatement.Prepare((SqliteConnection)db.Database.GetDbConnection(), Sql);
            rows.Bind(1, from);
            rows.Bind(2, to);
            var channels = new Utf8Texts<string>(text => text);
            var chunk = free.Take(ct);
            while (rows.Step())
            {
                int k = chunk.Count++;
                chunk.Index[k] = builder.IndexOf(rows.Int64(0));
                chunk.Day[k] = rows.DayNumber(1);
                chunk.Amount[k] = rows.Int64(2);
                chunk.Channel[k] = channels.Get(rows.Utf8(3));
                chunk.DueDay[k] = rows.IsNull(4) ? CustomerMetrics.NoDay : rows.DayNumber(4);
                chunk.PaidDay[k] = rows.IsNull(5) ? CustomerMetrics.NoDay : rows.DayNumber(5);
                if (chunk.IsFull)
                {
                    full.Add(chunk, ct);
                    chunk = free.Take(ct);
                }
            }

            full.Add(chunk, ct);
        }
    }

    /// <summary>Reads a range of heap pages (a TID range scan): each reader gets its own share of the table.</summary>
    private sealed class PostgresRange(long fromPage, long? toPage) : IOrderRange
    {
        public static async Task<IReadOnlyList<IOrderRange>> SplitAsync(GuanxiDbContext db, int? chosen, CancellationToken ct)
        {
            long pages = await db.ScalarAsync<long>("SELECT pg_relation_size('orders') / current_setting('block_size')::bigint", ct);

            // An 8 kB page holds some fifty to eighty orders: enough to tell a small table from a large one.
            int readers = pages < 2 ? 1 : ReaderCount(pages * 50, chosen);
            long step = (pages / readers) + 1;
            return Enumerable.Range(0, readers)
                .Select(k => (IOrderRange)new PostgresRange(k * step, k == readers - 1 ? null : (k + 1) * step))
                .ToList();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Read(IDbContextFactory<GuanxiDbContext> contexts, Customers builder, BlockingCollection<OrderChunk> free, BlockingCollection<OrderChunk> full, CancellationToken ct)
        {
            using var db = contexts.CreateDbContext();
            db.Database.OpenConnection();
            // Page numbers are our own integers, so they are written into the text (COPY takes no parameters). Every
            // order, also those after the run's day: the builder keeps whole histories and counts only the orders up to
            // its day.
            string upper = toPage is { } to ? $" AND ctid < '({to},0)'::tid" : "";
            using var copy = PgCopyReader.Begin((NpgsqlConnection)db.Database.GetDbConnection(), $"""
                COPY (SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders
                      WHERE ctid >= '({fromPage},0)'::tid{upper}) TO STDOUT (FORMAT BINARY)
                """);
            var channels = new Utf8Texts<string>(text => text);
            var chunk = free.Take(ct);
            while (copy.Read())
            {
                int k = chunk.Count++;
                chunk.Index[k] = builder.IndexOf(copy.Int64(0));
                chunk.Day[k] = copy.TimestampDay(1);
                chunk.Amount[k] = copy.Int64(2);
                chunk.Channel[k] = channels.Get(copy.Bytes(3));
                chunk.DueDay[k] = copy.IsNull(4) ? CustomerMetrics.NoDay : copy.DateDay(4);
                chunk.PaidDay[k] = copy.IsNull(5) ? CustomerMetrics.NoDay : copy.DateDay(5);
                if (chunk.IsFull)
                {
                    full.Add(chunk, ct);
                    chunk = free.Take(ct);
                }
            }

            full.Add(chunk, ct);
        }
    }
}
