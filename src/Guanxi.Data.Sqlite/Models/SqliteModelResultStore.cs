using Guanxi.Data.Bulk;
using Guanxi.Data.Models;
using Guanxi.Data.Sqlite.Bulk;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>SQLite's result store: prepared multi-row INSERTs with numbers bound through the C API, one slice after another.</summary>
public sealed class SqliteModelResultStore(IDbContextFactory<GuanxiDbContext> contexts, SqliteBulkInsert bulk) : ModelResultStore(contexts, bulk)
{
    protected override Task WriteRowsAsync(long runId, ModelResults results, short[][] classes, float[][] scores, CancellationToken ct) =>
        ScanRanges.WriteSlicesAsync(Contexts, results.Count, 1,
            (connection, start, end) => Insert((SqliteConnection)connection, runId, results, classes, scores, start, end), ct);

    /// <summary>Rows per statement: each execution of an INSERT opens the table and its key anew, so rows go in batches.</summary>
    private const int RowsPerInsert = 64;

    /// <summary>
    /// A prepared INSERT of <see cref="RowsPerInsert"/> rows (and one of a single row for the rest), stepped through
    /// the SQLite C API: binding numbers directly costs a fraction of both parsing multi-row SQL text and boxing
    /// ADO.NET parameters (a million rows × 48 columns).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Insert(
        SqliteConnection connection, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end)
    {
        string Sql(int rows) =>
            $"INSERT INTO model_results ({string.Join(", ", Columns)}) VALUES "
            + string.Join(", ", Enumerable.Range(0, rows).Select(row => $"({string.Join(", ", Columns.Select((_, k) => "?" + ((row * Columns.Length) + k + 1)))})"));
        using var batch = SqliteStatement.Prepare(connection, Sql(RowsPerInsert));
        using var single = SqliteStatement.Prepare(connection, Sql(1));
        int i = start;
        for (; i + RowsPerInsert <= end; i += RowsPerInsert)
        {
            for (int row = 0; row < RowsPerInsert; row++)
            {
                Bind(batch, (row * Columns.Length) + 1, runId, r, classes, scores, i + row);
            }

            batch.Execute();
        }

        for (; i < end; i++)
        {
            Bind(single, 1, runId, r, classes, scores, i);
            single.Execute();
        }
    }

    /// <summary>Binds customer <paramref name="i"/>'s row from parameter <paramref name="p"/> on, in <see cref="Columns"/> order.</summary>
    private static void Bind(SqliteStatement insert, int p, long runId, ModelResults r, short[][] classes, float[][] scores, int i)
    {
        insert.Bind(p++, runId);
        insert.Bind(p++, r.CustomerId[i]);
        BindOrNull(insert, p++, r.RecencyDays[i], CustomerMetrics.NoDay);
        insert.Bind(p++, r.Frequency[i]);
        insert.Bind(p++, r.MonetaryCents[i]);
        insert.Bind(p++, r.R[i]);
        insert.Bind(p++, r.F[i]);
        insert.Bind(p++, r.M[i]);
        foreach (var column in classes)
        {
            BindOrNull(insert, p++, column[i], -1);
        }

        BindOrNull(insert, p++, r.RelationshipGap[i], ModelResults.NoGap);
        foreach (var column in scores)
        {
            insert.Bind(p++, column[i]);
        }

        insert.Bind(p++, r.PAlive[i]);
        insert.Bind(p++, r.ExpectedPurchases30d[i]);
        insert.Bind(p++, r.ExpectedPurchases90d[i]);
        insert.Bind(p++, r.ExpectedPurchases365d[i]);
        insert.Bind(p++, r.ExpectedOrderValue[i]);
        insert.Bind(p++, r.Clv[i]);
        insert.Bind(p++, r.Referrals[i]);
        insert.Bind(p++, r.ReferralTreeSize[i]);
        insert.Bind(p, r.ReferralTreeRevenueCents[i]);
    }

    /// <summary>Binds an integer, or NULL for the sentinel that means "none" (no order yet, no class, no gap).</summary>
    private static void BindOrNull(SqliteStatement insert, int parameter, long value, long none)
    {
        if (value == none) insert.BindNull(parameter);
        else insert.Bind(parameter, value);
    }
}
