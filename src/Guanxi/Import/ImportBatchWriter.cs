using Guanxi.Data;
using Guanxi.Data.Bulk;
using Guanxi.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <param name="Rejected">How many rejects the batch counts when not one per rejected row (order lines: one per order).</param>
/// <param name="Lines">Order lines: the lines of the orders imported, updated or unchanged.</param>
/// <param name="Returns">Order lines: how many of those orders are returns.</param>
/// <param name="Guests">Order lines: orders rejected as guest orders (no customer).</param>
public readonly record struct BatchCounts(long Imported, long Updated, long Unchanged, long? Rejected = null, long Lines = 0, long Returns = 0, long Guests = 0);

/// <summary>The data seam's operations an import writes through (decision 0013): one implementation per database where they differ.</summary>
/// <param name="Calendar">The service desk's zone and business hours: imported requests get their SLA deadlines as if made then.</param>
internal sealed record ImportWrites(IImportBatches Batches, IBulkInsert Bulk, CustomerImportWrites Customers, Service.ServiceCalendar Calendar, OrderImportWrites Orders);

/// <summary>
/// Writes one batch of validated rows in one transaction, together with the run's counters and last
/// committed line, and returns the rows the database refused (unknown customer, code in use, …).
/// </summary>
internal abstract class ImportBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes)
{
    protected ImportRun Run => run;

    protected TimeProvider Time => time;

    protected IDbContextFactory<GuanxiDbContext> Contexts => contexts;

    protected ImportWrites Writes => writes;

    public abstract int BatchSize { get; }

    public static async Task<ImportBatchWriter> CreateAsync(
        ImportKind kind, IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, string path, ImportOptions options, TimeProvider time, ImportWrites writes,
        CancellationToken ct) => kind switch
        {
            ImportKind.Customers => await CustomerBatchWriter.CreateAsync(contexts, run, path, options, time, writes, ct),
            ImportKind.Orders => new OrderBatchWriter(contexts, run, time, writes),
            ImportKind.Interactions => new InteractionBatchWriter(contexts, run, time, writes),
            ImportKind.ServiceRequests => new ServiceRequestBatchWriter(contexts, run, time, writes),
            ImportKind.Opportunities => new OpportunityBatchWriter(contexts, run, time, writes),
            ImportKind.OrderLines => new OrderLinesBatchWriter(contexts, run, time, writes, options.CreateCustomers),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    public static long LineOf(object record) => record switch
    {
        RejectedRow r => r.Line,
        CustomerImportRow c => c.Line,
        OrderImportRow o => o.Line,
        InteractionImportRow i => i.Line,
        ServiceRequestImportRow s => s.Line,
        OpportunityImportRow o => o.Line,
        OrderLinesGroup g => g.Line,
        OrderLineImportRow l => l.Line,
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
        await writes.Batches.BeginBatchAsync(db, ct);

        var rejects = new List<RejectedRow>();
        var counts = batch.Count == 0 ? default : await WriteRowsAsync(db, batch, rejects, ct);
        var imported = run.Imported + counts.Imported;
        var updated = run.Updated + counts.Updated;
        var unchanged = run.Unchanged + counts.Unchanged;
        var rejected = run.Rejected + readerRejects + (counts.Rejected ?? rejects.Count);
        var (lines, returns, guests) = (run.Lines + counts.Lines, run.Returns + counts.Returns, run.Guests + counts.Guests);
        var stored = await db.ImportRuns.FirstAsync(r => r.Id == run.Id, ct);
        (stored.Imported, stored.Updated, stored.Unchanged, stored.Rejected, stored.LastCommittedLine) = (imported, updated, unchanged, rejected, lastLine);
        (stored.Lines, stored.Returns, stored.Guests) = (lines, returns, guests);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        (run.Imported, run.Updated, run.Unchanged, run.Rejected, run.LastCommittedLine) = (imported, updated, unchanged, rejected, lastLine);
        (run.Lines, run.Returns, run.Guests) = (lines, returns, guests);
        await writes.Batches.AfterBatchAsync(db, ++_batches, ct);
        return rejects;
    }

    /// <summary>Batches written by this run of the import.</summary>
    private long _batches;

    protected abstract Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct);

    protected DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Finds customer ids by external id or code (<see cref="IImportBatches.CustomerIdsAsync"/>).</summary>
    protected Task<Dictionary<string, long>> IdsByExternalIdAsync(GuanxiDbContext db, IEnumerable<string> keys, bool byCode, CancellationToken ct) =>
        writes.Batches.CustomerIdsAsync(db, keys, byCode ? CustomerKey.Code : CustomerKey.ExternalId, ct);
}
