using System.Threading.Channels;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Audit;

/// <summary>
/// Writes the trail's read rows (searches) off the request path: a request puts its row in a bounded queue and goes
/// on; this hosted service inserts what has gathered in batches, one save per batch. A commit per search cost the
/// fastest searches 7–64 % (docs/benchmarks.md). On a graceful stop the queue is closed and drained before the host
/// lets go of the database, and a row that arrives after that (a request still finishing) is written at once, so no
/// row is lost; a crash loses what is still queued (at most a batch's worth of searches, an accepted trade).
/// Without a running host (the CLI) every row is written at once. Rows that release personal data (reveal, the
/// personal-data export) and refusals are not queued: they are on the trail before the answer leaves.
/// </summary>
public sealed partial class AuditQueue(IDbContextFactory<GuanxiDbContext> contexts, ILogger<AuditQueue> log) : BackgroundService
{
    /// <summary>Rows in one insert at most.</summary>
    public const int BatchSize = 500;

    /// <summary>Rows waiting at most; beyond it a request waits for room (the trail is never skipped).</summary>
    public const int Capacity = 10_000;

    private readonly Channel<Entry> _entries = Channel.CreateBounded<Entry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private volatile bool _running;

    /// <summary>A row to write, or a flush marker completed once every row queued before it is written.</summary>
    private readonly record struct Entry(AuditEvent? Event, TaskCompletionSource? Flushed);

    public async ValueTask EnqueueAsync(AuditEvent row, CancellationToken ct = default)
    {
        if (_running)
        {
            if (_entries.Writer.TryWrite(new Entry(row, null))) return;
            try
            {
                await _entries.Writer.WriteAsync(new Entry(row, null), ct);
                return;
            }
            catch (ChannelClosedException)
            {
                // The host is stopping and the queue is closed: written below, at once.
            }
        }
        await InsertAsync([row], CancellationToken.None);
    }

    /// <summary>Completes when every row queued before the call is in the database (tests, and anyone who must read them back).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (!_running) return;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _entries.Writer.WriteAsync(new Entry(null, flushed), ct);
        }
        catch (ChannelClosedException)
        {
            // Stopping: the drain writes everything that was queued.
            if (ExecuteTask is { } draining) await draining.WaitAsync(ct);
            return;
        }
        await flushed.Task.WaitAsync(ct);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _running = true;
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Closes the queue and waits (up to the host's shutdown timeout) until every queued row is written.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _entries.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is { IsCompleted: false }) LogNotDrained(log, _entries.Reader.Count);
    }

    // The loop ends when the queue is closed and empty, not on the stopping token: a stop drains, it does not drop.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            var reader = _entries.Reader;
            var batch = new List<AuditEvent>(BatchSize);
            var flushed = new List<TaskCompletionSource>();
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < BatchSize && reader.TryRead(out var entry))
                {
                    if (entry.Event is { } row) batch.Add(row);
                    else flushed.Add(entry.Flushed!);
                }
                Exception? failure = null;
                try
                {
                    if (batch.Count > 0) await InsertAsync(batch, CancellationToken.None);
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
                {
                    failure = e;
                    LogBatchFailed(log, e, batch.Count);
                }
                foreach (var f in flushed)
                {
                    if (failure is null) f.TrySetResult();
                    else f.TrySetException(failure);
                }
                batch.Clear();
                flushed.Clear();
            }
            return 0;
        });

    private async Task InsertAsync(IReadOnlyCollection<AuditEvent> rows, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEvents.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit rows could not be written")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The host stopped before the audit queue was drained; {Count} rows were still queued")]
    private static partial void LogNotDrained(ILogger logger, int count);
}
