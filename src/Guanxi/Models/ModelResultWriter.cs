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
    private const int SliceRows = 50_000;

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
        // PostgreSQL parses and indexes a COPY in the server process: two slices at once keep two cores busy. SQLite
        // has one writer, so its slices go one after another.
        bool postgres;
        await using (var probe = await contexts.CreateDbContextAsync(ct))
        {
            postgres = probe.IsPostgres;
        }

        var slices = Enumerable.Range(0, (results.Count + SliceRows - 1) / SliceRows).Select(k => k * SliceRows);
        await Parallel.ForEachAsync(slices, new ParallelOptions { MaxDegreeOfParallelism = postgres ? 2 : 1, CancellationToken = ct }, async (start, ct) =>
        {
            int end = Math.Min(results.Count, start + SliceRows);
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.GetDbConnection() is NpgsqlConnection pg)
            {
                // The synchronous writer: no await for each of the 48 values of a row.
                Copy(pg, runId, results, classes, scores, start, end);
            }
            else
            {
                Insert((SqliteConnection)db.Database.GetDbConnection(), runId, results, classes, scores, start, end);
            }

            await tx.CommitAsync(ct);
        });

        await WriteCustomLabelsAsync(contexts, runId, results, ct);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Copy(
        NpgsqlConnection connection, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end)
    {
        using var copy = connection.BeginBinaryImport(
            $"COPY model_results ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        var lifetime = new double[6];
        for (int i = start; i < end; i++)
        {
            copy.StartRow();
            copy.Write(runId, NpgsqlDbType.Bigint);
            copy.Write(r.CustomerId[i], NpgsqlDbType.Bigint);
            if (r.RecencyDays[i] == CustomerMetrics.NoDay) copy.WriteNull();
            else copy.Write(r.RecencyDays[i], NpgsqlDbType.Integer);
            copy.Write(r.Frequency[i], NpgsqlDbType.Integer);
            copy.Write(r.MonetaryCents[i], NpgsqlDbType.Bigint);
            copy.Write((short)r.R[i], NpgsqlDbType.Smallint);
            copy.Write((short)r.F[i], NpgsqlDbType.Smallint);
            copy.Write((short)r.M[i], NpgsqlDbType.Smallint);
            foreach (var column in classes)
            {
                if (column[i] < 0) copy.WriteNull();
                else copy.Write(column[i], NpgsqlDbType.Smallint);
            }

            if (r.RelationshipGap[i] == ModelResults.NoGap) copy.WriteNull();
            else copy.Write((short)r.RelationshipGap[i], NpgsqlDbType.Smallint);
            foreach (var column in scores)
            {
                if (float.IsNaN(column[i])) copy.WriteNull();
                else copy.Write(column[i], NpgsqlDbType.Real);
            }

            lifetime[0] = r.PAlive[i];
            lifetime[1] = r.ExpectedPurchases30d[i];
            lifetime[2] = r.ExpectedPurchases90d[i];
            lifetime[3] = r.ExpectedPurchases365d[i];
            lifetime[4] = r.ExpectedOrderValue[i];
            lifetime[5] = r.Clv[i];
            foreach (double value in lifetime)
            {
                if (double.IsNaN(value)) copy.WriteNull();
                else copy.Write(value, NpgsqlDbType.Double);
            }

            copy.Write(r.Referrals[i], NpgsqlDbType.Integer);
            copy.Write(r.ReferralTreeSize[i], NpgsqlDbType.Integer);
            copy.Write(r.ReferralTreeRevenueCents[i], NpgsqlDbType.Bigint);
        }

        copy.Complete();
    }

    /// <summary>
    /// One prepared INSERT stepped per row through the SQLite C API: binding numbers directly costs a fraction of
    /// both parsing multi-row SQL text and boxing ADO.NET parameters (a million rows × 48 columns).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Insert(
        SqliteConnection connection, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end)
    {
        string sql = $"INSERT INTO model_results ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, k) => "?" + (k + 1)))})";
        using var insert = SqliteStatement.Prepare(connection, sql);
        for (int i = start; i < end; i++)
        {
            int p = 1;
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
            insert.Execute();
        }
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
