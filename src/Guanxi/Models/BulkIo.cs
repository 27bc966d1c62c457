using System.Data.Common;
using Guanxi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Models;

/// <summary>
/// What the model run's bulk readers and writers share: day parameters and values on either database, id ranges
/// for parallel readers, and writing a million rows in slices.
/// </summary>
internal static class BulkIo
{
    /// <summary>Rows per write transaction: short enough that people keep working while a run stores.</summary>
    public const int SliceRows = 50_000;

    /// <summary>A day as a query parameter: SQLite compares ISO text, PostgreSQL timestamps.</summary>
    public static object DayParameter(GuanxiDbContext db, DateOnly day) =>
        db.IsPostgres
            ? day.ToDateTime(TimeOnly.MinValue)
            : day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The calendar day of a date or date-time column read through ADO.NET: SQLite holds ISO text, PostgreSQL real dates.</summary>
    public static DateOnly DayOf(DbDataReader reader, int column)
    {
        if (reader is SqliteDataReader)
        {
            // The first ten characters of EF Core's "yyyy-MM-dd[ HH:mm:ss…]". The bulk readers have their own
            // byte-level parsers (SqliteStatement.DayNumber, PgCopyReader); this path sees interactions and single customers.
            return DateOnly.ParseExact(reader.GetString(column).AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return reader.GetValue(column) switch
        {
            DateTime t => DateOnly.FromDateTime(t),
            DateOnly d => d,
            var value => throw new InvalidDataException($"Unexpected date value {value}."),
        };
    }

    /// <summary><paramref name="count"/> half-open ranges covering <paramref name="min"/>…<paramref name="max"/>; the last is open-ended (ids added meanwhile).</summary>
    public static IReadOnlyList<(long From, long To)> Ranges(long min, long max, int count)
    {
        long step = Math.Max(1, ((max - min) / count) + 1);
        return Enumerable.Range(0, count)
            .Select(k => (min + (k * step), k == count - 1 ? long.MaxValue : min + ((k + 1) * step)))
            .ToList();
    }

    /// <summary>
    /// Writes rows 0…<paramref name="rows"/> in slices of <see cref="SliceRows"/>, each in its own transaction:
    /// <paramref name="copy"/> on PostgreSQL, two slices at once (the server parses and indexes a COPY in its own
    /// process, so two streams keep two cores busy); <paramref name="insert"/> on SQLite, one after another (one writer).
    /// </summary>
    public static async Task WriteSlicesAsync(
        IDbContextFactory<GuanxiDbContext> contexts, int rows, Action<NpgsqlConnection, int, int> copy, Action<SqliteConnection, int, int> insert,
        CancellationToken ct)
    {
        bool postgres;
        await using (var probe = await contexts.CreateDbContextAsync(ct))
        {
            postgres = probe.IsPostgres;
        }

        var slices = Enumerable.Range(0, (rows + SliceRows - 1) / SliceRows).Select(k => k * SliceRows);
        await Parallel.ForEachAsync(slices, new ParallelOptions { MaxDegreeOfParallelism = postgres ? 2 : 1, CancellationToken = ct }, async (start, ct) =>
        {
            int end = Math.Min(rows, start + SliceRows);
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.GetDbConnection() is NpgsqlConnection pg)
            {
                copy(pg, start, end);
            }
            else
            {
                insert((SqliteConnection)db.Database.GetDbConnection(), start, end);
            }

            await tx.CommitAsync(ct);
        });
    }
}
