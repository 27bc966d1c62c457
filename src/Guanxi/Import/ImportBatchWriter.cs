using Guanxi.Data;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

public readonly record struct BatchCounts(long Imported, long Updated, long Unchanged);

/// <summary>
/// Writes one batch of validated rows in one transaction, together with the run's counters and last
/// committed line, and returns the rows the database refused (unknown customer, code in use, …).
/// </summary>
internal abstract class ImportBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time)
{
    protected ImportRun Run => run;

    protected TimeProvider Time => time;

    protected IDbContextFactory<GuanxiDbContext> Contexts => contexts;

    public abstract int BatchSize { get; }

    public static async Task<ImportBatchWriter> CreateAsync(
        ImportKind kind, IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, string path, ImportOptions options, TimeProvider time, CancellationToken ct) => kind switch
    {
        ImportKind.Customers => await CustomerBatchWriter.CreateAsync(contexts, run, path, options, time, ct),
        ImportKind.Orders => new OrderBatchWriter(contexts, run, time),
        ImportKind.Interactions => new InteractionBatchWriter(contexts, run, time),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static long LineOf(object record) => record switch
    {
        RejectedRow r => r.Line,
        CustomerImportRow c => c.Line,
        OrderRow o => o.Line,
        InteractionRow i => i.Line,
        _ => throw new ArgumentException("Unknown import record", nameof(record)),
    };

    /// <summary>Rebuilds in-memory state for a row a crashed run already committed.</summary>
    public virtual void Replay(object record)
    {
    }

    /// <summary>Work that needs the whole file, after the last batch (e.g. referrals to later rows).</summary>
    public virtual Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyList<RejectedRow>> WriteAsync(List<object> batch, int readerRejects, long lastLine, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres)
        {
            // The batch's own new rows are beyond the table statistics, so PostgreSQL estimates them at one row and
            // joins them by nested loops over the whole table (a 5 000-row batch took 25–38 s per lookup at 30 000
            // customers, against 12 ms with a hash join). Hash and merge joins only, for this transaction.
            await db.ExecuteAsync("SET LOCAL enable_nestloop = off", ct);
        }
        else
        {
            // A batch of orders lands on random customers, so it touches leaf pages all over the order and rollup
            // indexes (hundreds of MB at ten million orders); with the usual 64 MB cache they were written out and
            // read back within the batch. The connection's next opening resets this (SqlitePragmas).
            await db.ExecuteAsync("PRAGMA cache_size = -262144", ct);
        }

        var rejects = new List<RejectedRow>();
        var counts = batch.Count == 0 ? default : await WriteRowsAsync(db, batch, rejects, ct);
        var imported = run.Imported + counts.Imported;
        var updated = run.Updated + counts.Updated;
        var unchanged = run.Unchanged + counts.Unchanged;
        var rejected = run.Rejected + readerRejects + rejects.Count;
        await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Imported, imported)
            .SetProperty(r => r.Updated, updated)
            .SetProperty(r => r.Unchanged, unchanged)
            .SetProperty(r => r.Rejected, rejected)
            .SetProperty(r => r.LastCommittedLine, lastLine), ct);
        await tx.CommitAsync(ct);
        (run.Imported, run.Updated, run.Unchanged, run.Rejected, run.LastCommittedLine) = (imported, updated, unchanged, rejected, lastLine);
        await RefreshStatisticsAsync(db, ct);
        return rejects;
    }

    /// <summary>
    /// PostgreSQL plans from table statistics, and a bulk load outruns autovacuum: planned on the statistics of an
    /// empty table, the duplicate and key lookups turned into nested scans and timed out at 100 000 customers.
    /// So the import analyses its tables itself after batches 1, 2, 4, 8, … (each time the data has doubled).
    /// </summary>
    private async Task RefreshStatisticsAsync(GuanxiDbContext db, CancellationToken ct)
    {
        _batches++;
        if (!db.IsPostgres || (_batches & (_batches - 1)) != 0) return;
        await db.ExecuteAsync("ANALYZE customers, orders, interactions", ct);
    }

    private long _batches;

    protected abstract Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct);

    protected DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Finds ids by a text key in chunks, so the list never exceeds a provider's parameter limits.</summary>
    protected static async Task<Dictionary<string, long>> IdsByExternalIdAsync(GuanxiDbContext db, IEnumerable<string> keys, bool byCode, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(5000))
        {
            if (db.IsPostgres)
            {
                // One index probe per key, whatever the planner believes: a subquery per unnested key is not a join,
                // so it needs no statistics and ignores the batch's enable_nestloop = off. Both plain forms failed
                // somewhere: "= ANY(@keys)" was a sequential scan comparing every row with all 5 000 keys while a
                // fresh import's statistics still said the table was small (seconds per lookup, the import stalled);
                // a join on unnest(@keys) became a hash join over the whole table with nested loops off (400–640 ms
                // per chunk at a million customers). Imports are for admins only, so the lookup may look past the
                // access filter, as the uniqueness checks do.
                string column = byCode ? "code" : "external_id";
                await using var command = await db.CreateCommandAsync(
                    $"SELECT k.key, (SELECT c.id FROM customers c WHERE c.{column} = k.key) FROM unnest(@keys) AS k(key)", ct, ("@keys", chunk));
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (!reader.IsDBNull(1)) result[reader.GetString(0)] = reader.GetInt64(1);
                }

                continue;
            }

            var list = chunk.ToList();
            var found = byCode
                ? await db.Customers.AsNoTracking().Where(c => list.Contains(c.Code)).Select(c => new { Key = c.Code, c.Id }).ToListAsync(ct)
                : await db.Customers.AsNoTracking().Where(c => list.Contains(c.ExternalId!)).Select(c => new { Key = c.ExternalId!, c.Id }).ToListAsync(ct);
            foreach (var f in found) result[f.Key] = f.Id;
        }
        return result;
    }
}
