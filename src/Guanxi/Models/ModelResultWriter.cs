using Guanxi.Data;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Guanxi.Models;

/// <summary>
/// Writes a run's results: a million rows of small numbers. PostgreSQL gets typed binary COPY; SQLite gets one
/// prepared INSERT with numbers bound through the C API. Each slice is its own short transaction, so people keep
/// working while a run stores.
/// </summary>
internal static class ModelResultWriter
{
    /// <summary>Class columns in catalog order; their names are the model keys.</summary>
    private static readonly string[] ClassColumns = ModelCatalog.All.Select(m => m.Key).ToArray();

    private static readonly string[] ScoreColumns = ModelResults.ScoredModels.Select(k => k + "_score").ToArray();

    public static readonly string[] Columns =
    [
        "run_id", "customer_id", "recency_days", "frequency", "monetary_cents", "r", "f", "m",
        .. ClassColumns, "relationship_gap", .. ScoreColumns,
        "p_alive", "expected_purchases30d", "expected_purchases90d", "expected_purchases365d", "expected_order_value", "clv",
        "referrals", "referral_tree_size", "referral_tree_revenue_cents",
    ];

    public static async Task WriteAsync(IDbContextFactory<GuanxiDbContext> contexts, long runId, ModelResults results, CancellationToken ct)
    {
        var classes = ClassColumns.Select(results.Classes).ToArray();
        var scores = ModelResults.ScoredModels.Select(k => results.Scores(k)!).ToArray();
        // The synchronous writers: no await for each of the 48 values of a row.
        await BulkIo.WriteSlicesAsync(
            contexts,
            results.Count,
            (pg, start, end) => Copy(pg, runId, results, classes, scores, start, end),
            (sqlite, start, end) => Insert(sqlite, runId, results, classes, scores, start, end),
            ct);
        await WriteCustomLabelsAsync(contexts, runId, results, ct);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Copy(
        NpgsqlConnection connection, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end)
    {
        using var copy = PgCopyRows.Begin(connection, $"COPY model_results ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        short fields = (short)Columns.Length;
        for (int i = start; i < end; i++)
        {
            copy.StartRow(fields);
            copy.Int64(runId);
            copy.Int64(r.CustomerId[i]);
            if (r.RecencyDays[i] == CustomerMetrics.NoDay) copy.Null();
            else copy.Int32(r.RecencyDays[i]);
            copy.Int32(r.Frequency[i]);
            copy.Int64(r.MonetaryCents[i]);
            copy.Int16(r.R[i]);
            copy.Int16(r.F[i]);
            copy.Int16(r.M[i]);
            foreach (var column in classes)
            {
                if (column[i] < 0) copy.Null();
                else copy.Int16(column[i]);
            }

            if (r.RelationshipGap[i] == ModelResults.NoGap) copy.Null();
            else copy.Int16((short)r.RelationshipGap[i]);
            foreach (var column in scores)
            {
                if (float.IsNaN(column[i])) copy.Null();
                else copy.Float4(column[i]);
            }

            Float8OrNull(copy, r.PAlive[i]);
            Float8OrNull(copy, r.ExpectedPurchases30d[i]);
            Float8OrNull(copy, r.ExpectedPurchases90d[i]);
            Float8OrNull(copy, r.ExpectedPurchases365d[i]);
            Float8OrNull(copy, r.ExpectedOrderValue[i]);
            Float8OrNull(copy, r.Clv[i]);
            copy.Int32(r.Referrals[i]);
            copy.Int32(r.ReferralTreeSize[i]);
            copy.Int64(r.ReferralTreeRevenueCents[i]);
        }

        copy.Complete();
    }

    private static void Float8OrNull(PgCopyRows copy, double value)
    {
        if (double.IsNaN(value)) copy.Null();
        else copy.Float8(value);
    }

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

    private static async Task WriteCustomLabelsAsync(IDbContextFactory<GuanxiDbContext> contexts, long runId, ModelResults results, CancellationToken ct)
    {
        if (results.Custom.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.CustomModels.AsNoTracking().ToDictionaryAsync(m => m.Name, m => m.Id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var custom in results.Custom)
        {
            if (!ids.TryGetValue(custom.Name, out long modelId)) continue;
            var rows = new List<object?[]>();
            for (int i = 0; i < results.Count; i++)
            {
                if (custom.LabelIndex[i] >= 0)
                {
                    rows.Add([runId, modelId, results.CustomerId[i], custom.Labels[custom.LabelIndex[i]]]);
                }
            }

            await BulkCopy.InsertAsync(db, "model_custom_labels", ["run_id", "custom_model_id", "customer_id", "label"], rows, ct);
        }

        await tx.CommitAsync(ct);
    }
}
