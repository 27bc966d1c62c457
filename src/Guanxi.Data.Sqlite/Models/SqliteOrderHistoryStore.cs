using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Sqlite.Bulk;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>SQLite's order histories: read and written through the C API (<see cref="SqliteStatement"/>).</summary>
public sealed class SqliteOrderHistoryStore(IDbContextFactory<GuanxiDbContext> contexts) : OrderHistoryStore(contexts)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRange(HistorySink sink, long from, long to, CancellationToken ct)
    {
        using var db = Contexts.CreateDbContext();
        db.Database.OpenConnection();
        using var rows = SqliteStatement.Prepare((SqliteConnection)db.Database.GetDbConnection(), SelectSql);
        rows.Bind(1, from);
        rows.Bind(2, to);
        for (long n = 0; rows.Step(); n++)
        {
            if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            sink.Add(rows.Int64(0), rows.Int64(1), (int)rows.Int64(2), rows.Blob(3));
        }
    }

    // One writer: slices one after another.
    protected override Task WriteSlicesAsync(CustomerMetricsBuilder builder, CustomerMetrics metrics, int[] rows, CustomerOrderVersions versions, CancellationToken ct) =>
        ScanRanges.WriteSlicesAsync(Contexts, rows.Length, 1, (connection, start, end) =>
        {
            using var insert = SqliteStatement.Prepare((SqliteConnection)connection,
                "INSERT OR REPLACE INTO order_histories (customer_id, order_version, order_count, data) VALUES (?1, ?2, ?3, ?4)");
            foreach (int i in rows.AsSpan(start, end - start))
            {
                byte[] data = builder.HistoryOf(i)!;
                insert.Bind(1, metrics.CustomerId[i]);
                insert.Bind(2, versions.Version[i]);
                insert.Bind(3, OrderHistory.CountOf(data));
                insert.Bind(4, data);
                insert.Execute();
            }
        }, ct);
}
