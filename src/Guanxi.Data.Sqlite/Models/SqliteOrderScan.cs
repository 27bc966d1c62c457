using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Sqlite.Bulk;
using Guanxi.Domain.Models;
using Guanxi.Domain.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>SQLite's order scan: rowid ranges read through the C API, no value boxing and no string per date.</summary>
public sealed class SqliteOrderScan(IDbContextFactory<GuanxiDbContext> contexts, SqliteDays days) : OrderScan(contexts, days)
{
    protected override async Task<IReadOnlyList<IOrderRange>> SplitAsync(GuanxiDbContext db, int? chosen, CancellationToken ct)
    {
        long min = await db.ScalarAsync<long>("SELECT coalesce(min(id), 0) FROM orders", ct);
        long max = await db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM orders", ct);
        int readers = ScanRanges.ReaderCount(max - min + 1, chosen);
        return ScanRanges.Split(min, max, readers).Select(range => (IOrderRange)new RowidRange(Contexts, range.From, range.To)).ToList();
    }

    // A JSON array in one parameter: binding thousands of parameters costs SQLite a name scan each.
    protected override (string Filter, object Value) CustomerIds(long[] ids) =>
        ("IN (SELECT value FROM json_each(@ids))", System.Text.Json.JsonSerializer.Serialize(ids));

    private sealed class RowidRange(IDbContextFactory<GuanxiDbContext> contexts, long from, long to) : IOrderRange
    {
        private const string Sql = $"SELECT {OrderColumns} FROM orders WHERE id >= ?1 AND id < ?2";

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Read(CustomerIndex customers, BlockingCollection<OrderChunk> free, BlockingCollection<OrderChunk> full, CancellationToken ct)
        {
            using var db = contexts.CreateDbContext();
            db.Database.OpenConnection();
            using var rows = SqliteStatement.Prepare((SqliteConnection)db.Database.GetDbConnection(), Sql);
            rows.Bind(1, from);
            rows.Bind(2, to);
            var channels = new Utf8Texts<string>(text => text);
            var currencies = new Utf8Texts<string>(text => text);
            var chunk = free.Take(ct);
            while (rows.Step())
            {
                int k = chunk.Count++;
                chunk.Index[k] = customers.IndexOf(rows.Int64(0));
                chunk.Day[k] = rows.DayNumber(1);
                chunk.Amount[k] = rows.Int64(2);
                chunk.Channel[k] = channels.Get(rows.Utf8(3));
                chunk.DueDay[k] = rows.IsNull(4) ? CustomerMetrics.NoDay : rows.DayNumber(4);
                chunk.PaidDay[k] = rows.IsNull(5) ? CustomerMetrics.NoDay : rows.DayNumber(5);
                chunk.Currency[k] = currencies.Get(rows.Utf8(6));
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
