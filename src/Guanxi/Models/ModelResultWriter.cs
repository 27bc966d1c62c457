using System.Globalization;
using System.Text;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Guanxi.Models;

/// <summary>
/// Writes a run's results: a million rows of small numbers. PostgreSQL gets typed binary COPY; SQLite gets
/// multi-row INSERTs of numeric literals (no parameter boxing, nothing user-typed in the text). Each slice is
/// its own short transaction, so people keep working while a run stores.
/// </summary>
internal static class ModelResultWriter
{
    private const int SliceRows = 50_000;
    private const int SqliteRowsPerStatement = 500;

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
        for (int start = 0; start < results.Count; start += SliceRows)
        {
            int end = Math.Min(results.Count, start + SliceRows);
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.GetDbConnection() is NpgsqlConnection pg)
            {
                await CopyAsync(pg, runId, results, classes, scores, start, end, ct);
            }
            else
            {
                await InsertAsync((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx.GetDbTransaction(), runId, results, classes, scores, start, end, ct);
            }

            await tx.CommitAsync(ct);
        }

        await WriteCustomLabelsAsync(contexts, runId, results, ct);
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY model_results ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", ct);
        var lifetime = new double[6];
        for (int i = start; i < end; i++)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(runId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(r.CustomerId[i], NpgsqlDbType.Bigint, ct);
            if (r.RecencyDays[i] == CustomerMetrics.NoDay) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(r.RecencyDays[i], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Frequency[i], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.MonetaryCents[i], NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync((short)r.R[i], NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync((short)r.F[i], NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync((short)r.M[i], NpgsqlDbType.Smallint, ct);
            foreach (var column in classes)
            {
                if (column[i] < 0) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(column[i], NpgsqlDbType.Smallint, ct);
            }

            if (r.RelationshipGap[i] == ModelResults.NoGap) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync((short)r.RelationshipGap[i], NpgsqlDbType.Smallint, ct);
            foreach (var column in scores)
            {
                if (float.IsNaN(column[i])) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(column[i], NpgsqlDbType.Real, ct);
            }

            lifetime[0] = r.PAlive[i];
            lifetime[1] = r.ExpectedPurchases30d[i];
            lifetime[2] = r.ExpectedPurchases90d[i];
            lifetime[3] = r.ExpectedPurchases365d[i];
            lifetime[4] = r.ExpectedOrderValue[i];
            lifetime[5] = r.Clv[i];
            foreach (double value in lifetime)
            {
                if (double.IsNaN(value)) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(value, NpgsqlDbType.Double, ct);
            }

            await copy.WriteAsync(r.Referrals[i], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.ReferralTreeSize[i], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.ReferralTreeRevenueCents[i], NpgsqlDbType.Bigint, ct);
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end, CancellationToken ct)
    {
        string head = $"INSERT INTO model_results ({string.Join(", ", Columns)}) VALUES ";
        var sql = new StringBuilder(256 * SqliteRowsPerStatement);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (int from = start; from < end; from += SqliteRowsPerStatement)
        {
            int to = Math.Min(end, from + SqliteRowsPerStatement);
            sql.Clear().Append(head);
            for (int i = from; i < to; i++)
            {
                if (i > from) sql.Append(',');
                sql.Append('(').Append(runId).Append(',').Append(r.CustomerId[i]).Append(',');
                if (r.RecencyDays[i] == CustomerMetrics.NoDay) sql.Append("NULL");
                else sql.Append(r.RecencyDays[i]);
                sql.Append(',').Append(r.Frequency[i]).Append(',').Append(r.MonetaryCents[i])
                    .Append(',').Append(r.R[i]).Append(',').Append(r.F[i]).Append(',').Append(r.M[i]);
                foreach (var column in classes)
                {
                    sql.Append(',');
                    if (column[i] < 0) sql.Append("NULL");
                    else sql.Append(column[i]);
                }

                sql.Append(',');
                if (r.RelationshipGap[i] == ModelResults.NoGap) sql.Append("NULL");
                else sql.Append(r.RelationshipGap[i]);
                foreach (var column in scores)
                {
                    AppendReal(sql, column[i]);
                }

                AppendReal(sql, r.PAlive[i]);
                AppendReal(sql, r.ExpectedPurchases30d[i]);
                AppendReal(sql, r.ExpectedPurchases90d[i]);
                AppendReal(sql, r.ExpectedPurchases365d[i]);
                AppendReal(sql, r.ExpectedOrderValue[i]);
                AppendReal(sql, r.Clv[i]);
                sql.Append(',').Append(r.Referrals[i]).Append(',').Append(r.ReferralTreeSize[i]).Append(',').Append(r.ReferralTreeRevenueCents[i]).Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static void AppendReal(StringBuilder sql, double value)
    {
        sql.Append(',');
        if (double.IsNaN(value) || double.IsInfinity(value)) sql.Append("NULL");
        else sql.Append(value.ToString("R", CultureInfo.InvariantCulture));
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
