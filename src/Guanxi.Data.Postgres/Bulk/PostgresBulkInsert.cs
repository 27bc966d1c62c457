using Guanxi.Data.Bulk;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Guanxi.Data.Postgres.Bulk;

/// <summary>PostgreSQL's <see cref="IBulkInsert"/>: binary COPY through Npgsql's typed importer.</summary>
public sealed class PostgresBulkInsert : IBulkInsert
{
    public async Task InsertAsync(GuanxiDbContext db, string table, string[] columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await CopyAsync((NpgsqlConnection)connection, table, columns, rows, ct);
    }

    // Explicit ids bypass the identity sequence; move it past the new rows. The table name is our own constant.
    public async Task MovePastExplicitIdsAsync(GuanxiDbContext db, string table, CancellationToken ct) =>
        await db.ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))", ct);

    // Planned on the statistics of the empty table, the demo's rebuild of the sales facts after 66,666 opportunities
    // (one correlated subquery per opportunity over its stage changes) ran past the 300 s command timeout; analysed
    // first, 6 s. The table name is our own constant.
    public async Task RefreshStatisticsAsync(GuanxiDbContext db, string table, CancellationToken ct) =>
        await db.ExecuteAsync($"ANALYZE {table}", ct);

    private static async Task CopyAsync(NpgsqlConnection connection, string table, string[] columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var types = new NpgsqlDbType?[columns.Length];
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < columns.Length; i++)
            {
                var value = row[i];
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                    continue;
                }
                types[i] ??= TypeOf(value);
                await importer.WriteAsync(value, types[i]!.Value, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static NpgsqlDbType TypeOf(object value) => value switch
    {
        long => NpgsqlDbType.Bigint,
        int => NpgsqlDbType.Integer,
        short => NpgsqlDbType.Smallint,
        float => NpgsqlDbType.Real,
        double => NpgsqlDbType.Double,
        string => NpgsqlDbType.Text,
        bool => NpgsqlDbType.Boolean,
        DateOnly => NpgsqlDbType.Date,
        decimal => NpgsqlDbType.Numeric,
        DateTime { Kind: DateTimeKind.Utc } => NpgsqlDbType.TimestampTz,
        DateTime => NpgsqlDbType.Timestamp,
        _ => throw new ArgumentException($"A bulk insert cannot write a {value.GetType().Name}."),
    };
}
