using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Domain.Models;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Data.Postgres.Models;

/// <summary>PostgreSQL's order scan: ranges of heap pages (TID range scans), each a binary COPY decoded by <see cref="PgCopyReader"/>.</summary>
public sealed class PostgresOrderScan(IDbContextFactory<GuanxiDbContext> contexts, PostgresDays days) : OrderScan(contexts, days)
{
    protected override async Task<IReadOnlyList<IOrderRange>> SplitAsync(GuanxiDbContext db, int? chosen, CancellationToken ct)
    {
        long pages = await db.ScalarAsync<long>("SELECT pg_relation_size('orders') / current_setting('block_size')::bigint", ct);

        // An 8 kB page holds some fifty to eighty orders: enough to tell a small table from a large one.
        int readers = pages < 2 ? 1 : ScanRanges.ReaderCount(pages * 50, chosen);
        long step = (pages / readers) + 1;
        return Enumerable.Range(0, readers)
            .Select(k => (IOrderRange)new PageRange(Contexts, k * step, k == readers - 1 ? null : (k + 1) * step))
            .ToList();
    }

    protected override (string Filter, object Value) CustomerIds(long[] ids) => ("= ANY(@ids)", ids);

    private sealed class PageRange(IDbContextFactory<GuanxiDbContext> contexts, long fromPage, long? toPage) : IOrderRange
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Read(CustomerIndex customers, BlockingCollection<OrderChunk> free, BlockingCollection<OrderChunk> full, CancellationToken ct)
        {
            using var db = contexts.CreateDbContext();
            db.Database.OpenConnection();
            // Page numbers are our own integers, so they are written into the text (COPY takes no parameters). Every
            // order, also those after the run's day: the builder keeps whole histories and counts only the orders up to
            // its day.
            string upper = toPage is { } to ? $" AND ctid < '({to},0)'::tid" : "";
            using var copy = PgCopyReader.Begin((NpgsqlConnection)db.Database.GetDbConnection(), $"""
                COPY (SELECT {OrderColumns} FROM orders
                      WHERE ctid >= '({fromPage},0)'::tid{upper}) TO STDOUT (FORMAT BINARY)
                """);
            var channels = new Utf8Texts<string>(text => text);
            var currencies = new Utf8Texts<string>(text => text);
            var chunk = free.Take(ct);
            while (copy.Read())
            {
                int k = chunk.Count++;
                chunk.Index[k] = customers.IndexOf(copy.Int64(0));
                chunk.Day[k] = copy.TimestampDay(1);
                chunk.Amount[k] = copy.Int64(2);
                chunk.Channel[k] = channels.Get(copy.Bytes(3));
                chunk.DueDay[k] = copy.IsNull(4) ? CustomerMetrics.NoDay : copy.DateDay(4);
                chunk.PaidDay[k] = copy.IsNull(5) ? CustomerMetrics.NoDay : copy.DateDay(5);
                chunk.Currency[k] = currencies.Get(copy.Bytes(6));
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
