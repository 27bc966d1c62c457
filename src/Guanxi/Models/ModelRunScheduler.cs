using System.Threading.Channels;
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

    /// <summary>Creates a run record and queues it; returns the record at once.</summary>
    public async Task<Data.ModelRun> EnqueueAsync(DateOnly? asOf, string trigger, CancellationToken ct)
    {
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
