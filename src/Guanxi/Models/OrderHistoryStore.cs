using System.Runtime.CompilerServices;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Models;

/// <summary>Per customer of a run (by builder index): the order count and order version of their rollup, read with the customers.</summary>
internal sealed class CustomerOrderVersions(int customers)
{
    public long[] Version { get; } = new long[customers];

    public int[] Count { get; } = new int[customers];
}

/// <summary>
/// The stored order histories (<see cref="OrderHistoryRow"/>): a model run takes every customer whose history still
/// carries their rollup's order version from here — a million packed rows instead of ten million order rows — and
/// reads only the other customers' orders, whose histories it then writes back.
/// </summary>
internal static class OrderHistoryStore
{
    private const string SelectSql = "SELECT customer_id, order_version, order_count, data FROM order_histories WHERE customer_id >= @from AND customer_id < @to";

    /// <summary>Feeds the builder every current history, one reader per customer-id range; returns the customers it covered.</summary>
    public static async Task<bool[]> ReadAsync(
        IDbContextFactory<GuanxiDbContext> contexts, CustomerMetricsBuilder builder, CustomerOrderVersions versions, int readers, CancellationToken ct)
    {
        var covered = new bool[versions.Count.Length];
        long min, max;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            min = await db.ScalarAsync<long>("SELECT coalesce(min(customer_id), 0) FROM order_histories", ct);
            max = await db.ScalarAsync<long>("SELECT coalesce(max(customer_id), -1) FROM order_histories", ct);
        }

        if (max < min)
        {
            return covered;
        }

        var tasks = BulkIo.Ranges(min, max, Math.Clamp(readers, 1, 64)).Select(range => Task.Factory.StartNew(
            () => ReadRange(contexts, builder, versions, covered, range.From, range.To, ct),
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        await Task.WhenAll(tasks);
        return covered;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadRange(
        IDbContextFactory<GuanxiDbContext> contexts, CustomerMetricsBuilder builder, CustomerOrderVersions versions, bool[] covered, long from, long to, CancellationToken ct)
    {
        using var db = contexts.CreateDbContext();
        db.Database.OpenConnection();
        var history = new OrderHistory();

        // A row counts only if it was built at the version the customer's rollup has now: any order written since
        // bumped that version, so an older history is simply passed over (its customer's orders are read instead).
        bool Current(long id, long version, int count, out int index)
        {
            index = builder.IndexOf(id);
            return index >= 0 && versions.Version[index] == version && versions.Count[index] == count;
        }

        // A history that does not decode (damaged, or written by a newer format) is passed over the same way.
        void Add(int index, ReadOnlySpan<byte> data, int count)
        {
            try
            {
                history.Decode(data);
            }
            catch (InvalidDataException)
            {
                return;
            }

            if (history.Count == count)
            {
                builder.AddOrderHistory(index, history);
                covered[index] = true;
            }
        }

        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            using var rows = SqliteStatement.Prepare(sqlite, SelectSql);
            rows.Bind(1, from);
            rows.Bind(2, to);
            for (long n = 0; rows.Step(); n++)
            {
                if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                int count = (int)rows.Int64(2);
                if (Current(rows.Int64(0), rows.Int64(1), count, out int index))
                {
                    Add(index, rows.Blob(3), count);
                }
            }

            return;
        }

        // COPY takes no parameters: the two bounds are our own numbers, written into the text.
        string copySql = SelectSql
            .Replace("@from", from.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@to", to.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var copy = PgCopyReader.Begin((NpgsqlConnection)db.Database.GetDbConnection(), $"COPY ({copySql}) TO STDOUT (FORMAT BINARY)");
        for (long n = 0; copy.Read(); n++)
        {
            if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            int count = copy.Int32(2);
            if (Current(copy.Int64(0), copy.Int64(1), count, out int index))
            {
                Add(index, copy.Bytes(3), count);
            }
        }
    }

    /// <summary>
    /// Stores the histories the builder collected for these customers (those it has one for), each tagged with the
    /// version read before their orders were: if an order changed meanwhile, the next run sees a newer version and
    /// reads that customer's orders again. Slices of short transactions, as the model results.
    /// </summary>
    public static async Task WriteAsync(
        IDbContextFactory<GuanxiDbContext> contexts, CustomerMetricsBuilder builder, CustomerMetrics metrics, IReadOnlyList<int> customers,
        CustomerOrderVersions versions, CancellationToken ct)
    {
        var rows = customers.Where(i => builder.HistoryOf(i) is not null).ToArray();
        await BulkIo.WriteSlicesAsync(
            contexts,
            rows.Length,
            (pg, start, end) =>
            {
                using (var delete = new NpgsqlCommand("DELETE FROM order_histories WHERE customer_id = ANY(@ids)", pg))
                {
                    delete.Parameters.AddWithValue("ids", rows[start..end].Select(i => metrics.CustomerId[i]).ToArray());
                    delete.ExecuteNonQuery();
                }

                Copy(pg, builder, metrics, rows.AsSpan(start, end - start), versions);
            },
            (sqlite, start, end) => Insert(sqlite, builder, metrics, rows.AsSpan(start, end - start), versions),
            ct);
    }

    private static void Copy(NpgsqlConnection connection, CustomerMetricsBuilder builder, CustomerMetrics metrics, ReadOnlySpan<int> rows, CustomerOrderVersions versions)
    {
        using var copy = PgCopyRows.Begin(connection, "COPY order_histories (customer_id, order_version, order_count, data) FROM STDIN (FORMAT BINARY)");
        foreach (int i in rows)
        {
            byte[] data = builder.HistoryOf(i)!;
            copy.StartRow(4);
            copy.Int64(metrics.CustomerId[i]);
            copy.Int64(versions.Version[i]);
            copy.Int32(OrderHistory.CountOf(data));
            copy.Bytes(data);
        }

        copy.Complete();
    }

    private static void Insert(SqliteConnection connection, CustomerMetricsBuilder builder, CustomerMetrics metrics, ReadOnlySpan<int> rows, CustomerOrderVersions versions)
    {
        using var insert = SqliteStatement.Prepare(connection,
            "INSERT OR REPLACE INTO order_histories (customer_id, order_version, order_count, data) VALUES (?1, ?2, ?3, ?4)");
        foreach (int i in rows)
        {
            byte[] data = builder.HistoryOf(i)!;
            insert.Bind(1, metrics.CustomerId[i]);
            insert.Bind(2, versions.Version[i]);
            insert.Bind(3, OrderHistory.CountOf(data));
            insert.Bind(4, data);
            insert.Execute();
        }
    }
}
