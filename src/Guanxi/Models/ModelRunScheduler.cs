using System.Threading.Channels;
using System.Threading.RateLimiting;
using Guanxi.Common;
using Guanxi.Data.Security;

namespace Guanxi.Models;

/// <summary>
/// Runs queued model runs one after another in the background (so a request that starts one returns at once),
/// and queues one every night at Models:NightlyAt (local time, default 02:00) unless Models:Nightly is false.
/// </summary>
public sealed partial class ModelRunScheduler(ModelRunService runs, TimeProvider time, IConfiguration configuration, ILogger<ModelRunScheduler> log)
    : BackgroundService
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();

    /// <summary>
    /// Runs a user may start per hour (Models:RunsPerHour, default 6): a run costs the server minutes at a million
    /// customers, and a burst of runs once pushed every earlier run out of the kept history.
    /// </summary>
    private readonly PartitionedRateLimiter<long> _perUser = PartitionedRateLimiter.Create<long, long>(user =>
        RateLimitPartition.GetSlidingWindowLimiter(user, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, configuration.GetValue("Models:RunsPerHour", 6)),
            Window = TimeSpan.FromHours(1),
            SegmentsPerWindow = 12,
            QueueLimit = 0,
        }));

    /// <summary>
    /// Creates a run record and queues it; returns the record at once. The one entry for the UI and the API: the
    /// caller needs the right to run models, and each user's runs are rate-limited (the nightly run is the system's).
    /// </summary>
    public async Task<Data.ModelRun> EnqueueAsync(DateOnly? asOf, string trigger, CancellationToken ct)
    {
        var caller = CurrentUser.Scope ?? AccessScope.Nobody;
        caller.Demand(Right.RunModels);
        if (caller != AccessScope.System)
        {
            using var lease = _perUser.AttemptAcquire(caller.UserId);
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : (TimeSpan?)null;
                throw new TooManyRequestsException("You have started as many model runs as allowed in an hour (Models:RunsPerHour). The latest results stay available; try again later.", wait);
            }
        }
        var run = await runs.CreateAsync(asOf, trigger, ct);
        await _queue.Writer.WriteAsync(run.Id, ct);
        return run;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WorkAsync(stoppingToken), NightlyAsync(stoppingToken));

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (long id in _queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                // A background run works for no signed-in user: it classifies every customer, as the system.
                await CurrentUser.RunAsAsync(AccessScope.System, () => runs.ExecuteAsync(id, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Already recorded on the run as failed; the worker carries on with the next one.
                LogRunFailed(log, id);
            }
        }
    }

    private async Task NightlyAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("Models:Nightly", true)) return;
        var at = TimeOnly.TryParse(configuration["Models:NightlyAt"] ?? "02:00", System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(2, 0);
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetLocalNow();
            var next = now.Date + at.ToTimeSpan();
            if (next <= now.DateTime) next = next.AddDays(1);
            await Task.Delay(next - now.DateTime, time, ct);
            await CurrentUser.RunAsAsync(AccessScope.System, () => EnqueueAsync(null, "schedule", ct));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued model run {RunId} failed; see the run record")]
    private static partial void LogRunFailed(ILogger logger, long runId);
}
