using Guanxi.Data.Bulk;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>
/// A run's results: a million rows of small numbers written in slices, each its own short transaction so people keep
/// working while a run stores; and the set-based removal of a run's rows (a failed, interrupted or pruned run).
/// </summary>
public interface IModelResultStore
{
    Task WriteAsync(long runId, ModelResults results, CancellationToken ct);

    /// <summary>Deletes the run's result rows and custom-model labels (not the run itself).</summary>
    Task DeleteRowsAsync(long runId, CancellationToken ct);
}

/// <summary>What both databases' result stores share: the column order, the custom labels, the deletes.</summary>
public abstract class ModelResultStore(IDbContextFactory<GuanxiDbContext> contexts, IBulkInsert bulk) : IModelResultStore
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

    protected IDbContextFactory<GuanxiDbContext> Contexts => contexts;

    public async Task WriteAsync(long runId, ModelResults results, CancellationToken ct)
    {
        var classes = ClassColumns.Select(results.Classes).ToArray();
        var scores = ModelResults.ScoredModels.Select(k => results.Scores(k)!).ToArray();
        await WriteRowsAsync(runId, results, classes, scores, ct);
        await WriteCustomLabelsAsync(runId, results, ct);
    }

    public async Task DeleteRowsAsync(long runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.ModelCustomLabels.Where(l => l.RunId == runId).ExecuteDeleteAsync(ct);
        await db.ModelResults.Where(r => r.RunId == runId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Writes every result row, <paramref name="classes"/> and <paramref name="scores"/> in <see cref="Columns"/> order.</summary>
    protected abstract Task WriteRowsAsync(long runId, ModelResults results, short[][] classes, float[][] scores, CancellationToken ct);

    private async Task WriteCustomLabelsAsync(long runId, ModelResults results, CancellationToken ct)
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

            await bulk.InsertAsync(db, "model_custom_labels", ["run_id", "custom_model_id", "customer_id", "label"], rows, ct);
        }

        await tx.CommitAsync(ct);
    }
}
