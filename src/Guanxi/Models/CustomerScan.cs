using System.Data.Common;
using System.Runtime.CompilerServices;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Models;

/// <summary>What a model run needs of one customer.</summary>
internal readonly record struct CustomerRow(
    long Id, CustomerKind Kind, RelationshipType Relationship, int CreatedDay, float ProfileCompleteness, string? Source, long? ReferredById);

/// <summary>The order count and order version of every customer's rollup, as parallel arrays.</summary>
internal sealed record OrderVersionRows(long[] CustomerId, int[] Count, long[] Version);

/// <summary>
/// Reads the customers of a model run in id order: the whole base in id ranges, one reader per core, each decoding
/// its own rows (the million-row part worth spreading); a single customer through plain ADO.NET.
/// </summary>
internal static class CustomerScan
{
    /// <summary>Below this many ids one reader is as fast.</summary>
    private const long ParallelFrom = 200_000;

    private const string Columns = """
        SELECT c.id, c.kind, c.relationship, c.created_at,
               (CASE WHEN c.phone IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.email IS NULL THEN 0 ELSE 1 END)
             + (CASE WHEN c.we_chat_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.address IS NULL THEN 0 ELSE 1 END)
             + (CASE WHEN c.city IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.industry IS NULL THEN 0 ELSE 1 END)
             + (CASE WHEN c.company_size = 'Unknown' THEN 0 ELSE 1 END) + (CASE WHEN c.birth_date IS NULL THEN 0 ELSE 1 END),
               c.source, c.referred_by_id
        FROM customers c
        """;

    /// <param name="end">Customers created before this (the day after the run's as-of day) belong to the base.</param>
    public static async Task<List<CustomerRow>> ReadAsync(
        IDbContextFactory<GuanxiDbContext> contexts, DateOnly end, long? onlyCustomerId, int? readers, CancellationToken ct)
    {
        if (onlyCustomerId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var rows = new List<CustomerRow>(1);
            await using var command = await db.CreateCommandAsync(
                $"{Columns} WHERE c.created_at < @end AND c.id = @id", ct, ("@end", BulkIo.DayParameter(db, end)), ("@id", id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            ReadRows(reader, rows);
            return rows;
        }

        long min, max;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            min = await db.ScalarAsync<long>("SELECT coalesce(min(id), 0) FROM customers", ct);
            max = await db.ScalarAsync<long>("SELECT coalesce(max(id), -1) FROM customers", ct);
        }

        int count = readers is { } chosen ? Math.Clamp(chosen, 1, 64)
            : max - min < ParallelFrom ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        var ranges = await Task.WhenAll(BulkIo.Ranges(min, max, count).Select(range => Task.Factory.StartNew(
            () => ReadRange(contexts, end, range.From, range.To, ct),
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
        var all = new List<CustomerRow>(ranges.Sum(r => r.Count));
        foreach (var range in ranges)
        {
            all.AddRange(range);
        }

        return all;
    }

    /// <summary>
    /// Every rollup's order count and version: one pass over the rollups table beside the customer readers (joining
    /// it to customers cost more than reading it whole — its rows lie in the order customers first bought).
    /// </summary>
    public static async Task<OrderVersionRows> ReadOrderVersionsAsync(IDbContextFactory<GuanxiDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var ids = new List<long>();
        var counts = new List<int>();
        var versions = new List<long>();
        const string Sql = "SELECT customer_id, order_count, order_version FROM customer_rollups";
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await Task.Run(() =>
            {
                using var rows = SqliteStatement.Prepare(sqlite, Sql);
                while (rows.Step())
                {
                    ids.Add(rows.Int64(0));
                    counts.Add((int)rows.Int64(1));
                    versions.Add(rows.Int64(2));
                }
            }, ct);
        }
        else
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await Task.Run(() =>
            {
                using var copy = PgCopyReader.Begin(connection, $"COPY ({Sql}) TO STDOUT (FORMAT BINARY)");
                while (copy.Read())
                {
                    ids.Add(copy.Int64(0));
                    counts.Add(copy.Int32(1));
                    versions.Add(copy.Int64(2));
                }
            }, ct);
        }

        return new OrderVersionRows([.. ids], [.. counts], [.. versions]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<CustomerRow> ReadRange(IDbContextFactory<GuanxiDbContext> contexts, DateOnly end, long from, long to, CancellationToken ct)
    {
        using var db = contexts.CreateDbContext();
        db.Database.OpenConnection();
        string sql = $"{Columns} WHERE c.created_at < @end AND c.id >= @from AND c.id < @to ORDER BY c.id";
        var rows = new List<CustomerRow>();

        // Each distinct kind, relationship and source decoded once.
        var kinds = new Utf8Texts<CustomerKind>(Enum.Parse<CustomerKind>);
        var relationships = new Utf8Texts<RelationshipType>(Enum.Parse<RelationshipType>);
        var sources = new Utf8Texts<string>(text => text);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // Through the C API.
            using var statement = SqliteStatement.Prepare(sqlite, sql);
            statement.Bind(1, (string)BulkIo.DayParameter(db, end)); // parameters are numbered in order of appearance
            statement.Bind(2, from);
            statement.Bind(3, to);
            while (statement.Step())
            {
                if ((rows.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                rows.Add(new CustomerRow(
                    statement.Int64(0),
                    kinds.Get(statement.Utf8(1)),
                    relationships.Get(statement.Utf8(2)),
                    statement.DayNumber(3),
                    statement.Int64(4) / 8f,
                    statement.IsNull(5) ? null : sources.Get(statement.Utf8(5)),
                    statement.IsNull(6) ? null : statement.Int64(6)));
            }

            return rows;
        }

        // PostgreSQL: a binary COPY of the query, decoded by PgCopyReader (Npgsql's typed readers cost more per value
        // than the server took to send it). COPY takes no parameters; the three values are our own day and ids, written as literals.
        string copySql = sql
            .Replace("@end", $"'{end:yyyy-MM-dd}'", StringComparison.Ordinal)
            .Replace("@from", from.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@to", to.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var copy = PgCopyReader.Begin((NpgsqlConnection)db.Database.GetDbConnection(), $"COPY ({copySql}) TO STDOUT (FORMAT BINARY)");
        while (copy.Read())
        {
            if ((rows.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            rows.Add(new CustomerRow(
                copy.Int64(0),
                kinds.Get(copy.Bytes(1)),
                relationships.Get(copy.Bytes(2)),
                copy.TimestampDay(3),
                copy.Int32(4) / 8f,
                copy.IsNull(5) ? null : sources.Get(copy.Bytes(5)),
                copy.IsNull(6) ? null : copy.Int64(6)));
        }

        return rows;
    }

    /// <summary>Rows through ADO.NET; kinds, relationships and sources looked up by their text instead of parsed per row.</summary>
    private static void ReadRows(DbDataReader reader, List<CustomerRow> rows, CancellationToken ct = default)
    {
        var kinds = new Dictionary<string, CustomerKind>(StringComparer.Ordinal);
        var relationships = new Dictionary<string, RelationshipType>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if ((rows.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            string kind = reader.GetString(1);
            string relationship = reader.GetString(2);
            string? source = reader.IsDBNull(5) ? null : reader.GetString(5);
            rows.Add(new CustomerRow(
                reader.GetInt64(0),
                kinds.TryGetValue(kind, out var k) ? k : kinds[kind] = Enum.Parse<CustomerKind>(kind),
                relationships.TryGetValue(relationship, out var r) ? r : relationships[relationship] = Enum.Parse<RelationshipType>(relationship),
                BulkIo.DayOf(reader, 3).DayNumber,
                Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) / 8f,
                source is null ? null : sources.TryGetValue(source, out var shared) ? shared : sources[source] = source,
                reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }
    }
}
