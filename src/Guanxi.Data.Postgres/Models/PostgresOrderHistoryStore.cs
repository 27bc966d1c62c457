using System.Globalization;
using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Data.Postgres.Models;

/// <summary>PostgreSQL's order histories: read and written as binary COPY (<see cref="PgCopyReader"/>, <see cref="PgCopyRows"/>).</summary>
public sealed class PostgresOrderHistoryStore(IDbContextFactory<GuanxiDbContext> contexts) : OrderHistoryStore(contexts)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ReadRange(HistorySink sink, long from, long to, CancellationToken ct)
    {
        using var db = Contexts.CreateDbContext();
        db.Database.OpenConnection();

        // COPY takes no parameters: the two bounds are our own numbers, written into the text.
        string copySql = SelectSql
            .Replace("@from", from.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@to", to.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var copy = PgCopyReader.Begin((NpgsqlConnection)db.Database.GetDbConnection(), $"COPY ({copySql}) TO STDOUT (FORMAT BINARY)");
        for (long n = 0; copy.Read(); n++)
        {
            if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            sink.Add(copy.Int64(0), copy.Int64(1), copy.Int32(2), copy.Bytes(3));
        }
    }

    // Two slices at once: the server parses and indexes each COPY in its own process.
    protected override Task WriteSlicesAsync(CustomerMetricsBuilder builder, CustomerMetrics metrics, int[] rows, CustomerOrderVersions versions, CancellationToken ct) =>
        ScanRanges.WriteSlicesAsync(Contexts, rows.Length, 2, (connection, start, end) =>
        {
            var pg = (NpgsqlConnection)connection;
            using (var delete = new NpgsqlCommand("DELETE FROM order_histories WHERE customer_id = ANY(@ids)", pg))
            {
                delete.Parameters.AddWithValue("ids", rows[start..end].Select(i => metrics.CustomerId[i]).ToArray());
                delete.ExecuteNonQuery();
            }

            using var copy = PgCopyRows.Begin(pg, "COPY order_histories (customer_id, order_version, order_count, data) FROM STDIN (FORMAT BINARY)");
            foreach (int i in rows.AsSpan(start, end - start))
            {
                byte[] data = builder.HistoryOf(i)!;
                copy.StartRow(4);
                copy.Int64(metrics.CustomerId[i]);
                copy.Int64(versions.Version[i]);
                copy.Int32(OrderHistory.CountOf(data));
                copy.Bytes(data);
            }

            copy.Complete();
        }, ct);
}
