using System.Security.Cryptography;
using Guanxi.Data;
using Guanxi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

public sealed record ImportSummary(long Imported, long Updated, long Unchanged, long Rejected, bool Resumed, string? RejectsPath, long RoundedAmounts = 0)
{
    /// <summary>An order-line import's counts (the lines of the orders taken, how many orders are returns, guest orders rejected); null for other kinds.</summary>
    public (long Lines, long Returns, long Guests)? OrderLines { get; init; }

    /// <summary>The line an order-line import prints before <see cref="Line"/>.</summary>
    public string? LinesLine => OrderLines is { } o ? $"lines {o.Lines}, returns {o.Returns}, guest orders {o.Guests}" : null;

    /// <summary>The contract's closing line of `guanxi import`.</summary>
    public string Line => $"imported {Imported}, updated {Updated}, unchanged {Unchanged}, rejected {Rejected}";
}

public readonly record struct ImportProgress(long BytesRead, long? TotalBytes, long Rows);

/// <summary>
/// Runs an import: streams the file through <see cref="ImportReader"/>, writes good rows in batches (one
/// transaction each, with the run's counters and last committed line), and writes every rejected row with
/// its line number and reason to the rejects file. A run that dies is resumed by the next run of the same
/// file (same SHA-256), from the line after its last committed batch.
/// </summary>
public sealed partial class ImportService(
    IDbContextFactory<GuanxiDbContext> contexts,
    TimeProvider time,
    Audit.AuditLog audit,
    Models.MetricsLoader metrics,
    Data.Import.IImportBatches batches,
    Data.Bulk.IBulkInsert bulk,
    Data.Import.CustomerImportWrites customerWrites,
    Data.Import.OrderImportWrites orderWrites,
    Service.ServiceCalendar calendar,
    ILogger<ImportService> log)
{
    public async Task<ImportSummary> RunAsync(
        ImportKind kind, string path, ImportOptions options, string? rejectsPath,
        IProgress<ImportProgress>? progress, CancellationToken ct, long? userId = null)
    {
        if (!File.Exists(path)) throw new ImportFileException($"File not found: {path}");
        // Imports write set-based SQL that matches and overwrites existing customers by key, below the per-record
        // access rule; so only a caller who may edit every customer (admin, or the CLI as the system) may run one.
        await using (var check = await contexts.CreateDbContextAsync(ct))
        {
            if (!check.Scope.EditsAll) throw new Data.Security.AccessDeniedException(false, "Only an admin may import.");
        }
        // Opened first: a file refused as a whole (encoding, columns, an undecidable date order) leaves no run behind.
        using var reader = ImportReader.Open(path, kind, options);
        var hash = await HashAsync(path, ct);
        var run = await StartOrResumeAsync(kind, path, hash, userId, ct);
        var resumed = run.LastCommittedLine > 0;
        rejectsPath ??= path + ".rejects.csv";

        var writer = await ImportBatchWriter.CreateAsync(kind, contexts, run, path, options, time, new ImportWrites(batches, bulk, customerWrites, calendar, orderWrites), ct);
        // A resumed run appends: the rejects of its committed batches are already in the file.
        if (!resumed || !File.Exists(rejectsPath)) RejectsFile.Write(rejectsPath, []);
        long rows = 0;
        var batch = new List<object>(writer.BatchSize);
        var pendingRejects = new List<RejectedRow>();
        var lastLine = run.LastCommittedLine;

        async Task FlushAsync()
        {
            if (batch.Count == 0 && pendingRejects.Count == 0) return;
            var late = await writer.WriteAsync(batch, pendingRejects.Count, lastLine, ct);
            // Written after the commit, so the file never lists a row of a batch that rolled back.
            if (pendingRejects.Count + late.Count > 0) RejectsFile.Append(rejectsPath, pendingRejects.Concat(late).OrderBy(r => r.Line));
            batch.Clear();
            pendingRejects.Clear();
            progress?.Report(new ImportProgress(reader.BytesRead, reader.TotalBytes, rows));
        }

        var records = reader.ReadRecords();
        if (kind == ImportKind.OrderLines)
        {
            // Orders are made of lines that need not be adjacent: a first pass notes each order's last line.
            records = OrderLineGrouper.Group(records, reader.LastLineOfEachOrder(ct), reader.CancellationPrefix);
        }
        foreach (var record in records)
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            var line = ImportBatchWriter.LineOf(record);
            if (line <= run.LastCommittedLine)
            {
                // Committed by the run that died; only what it kept in memory is rebuilt.
                if (record is not RejectedRow) writer.Replay(record);
                continue;
            }
            lastLine = Math.Max(lastLine, line);
            if (record is RejectedRow bad) pendingRejects.Add(bad);
            else batch.Add(record);
            if (batch.Count >= writer.BatchSize || pendingRejects.Count >= writer.BatchSize) await FlushAsync();
        }
        await FlushAsync();
        await writer.FinishAsync(ct);
        await CompleteAsync(run, ct);
        if (kind is ImportKind.Orders or ImportKind.OrderLines) await RefreshOrderHistoriesAsync(ct);
        progress?.Report(new ImportProgress(reader.TotalBytes ?? reader.BytesRead, reader.TotalBytes, rows));
        await audit.RecordAsync("import", kind.ToString(), run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { file = options.FileName ?? Path.GetFileName(path), run.Imported, run.Updated, run.Unchanged, run.Rejected, resumed }, ct: ct);
        return new ImportSummary(run.Imported, run.Updated, run.Unchanged, run.Rejected, resumed, run.Rejected > 0 ? rejectsPath : null, reader.RoundedAmounts)
        {
            OrderLines = kind == ImportKind.OrderLines ? (run.Lines, run.Returns, run.Guests) : null,
        };
    }

    /// <summary>
    /// The bulk recompute after an import: a metrics load stores the order histories of every customer the import
    /// gave orders, so the next model run reads them instead of the orders. Derived data only: if it fails, the import
    /// stands and the next model run rebuilds them itself.
    /// </summary>
    private async Task RefreshOrderHistoriesAsync(CancellationToken ct)
    {
        try
        {
            await metrics.LoadAsync(time.Today(), ct, withProducts: false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHistoriesFailed(log, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order histories were not refreshed after the import; the next model run rebuilds them")]
    private static partial void LogHistoriesFailed(ILogger logger, Exception error);

    private async Task<ImportRun> StartOrResumeAsync(ImportKind kind, string path, string hash, long? userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var kindName = kind.ToString();
        var unfinished = await db.ImportRuns
            .Where(r => r.FileHash == hash && r.Kind == kindName && r.Status == ImportRunStatus.Running)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (unfinished is not null) return unfinished;
        var run = new ImportRun
        {
            Kind = kindName,
            FileName = Path.GetFileName(path),
            FileHash = hash,
            Status = ImportRunStatus.Running,
            StartedByUserId = userId,
            StartedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    private async Task CompleteAsync(ImportRun run, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.ImportRuns.FirstAsync(r => r.Id == run.Id, ct);
        stored.Status = ImportRunStatus.Completed;
        stored.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
