using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Models;
using Guanxi.Domain.Models;
using Guanxi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

public sealed record ModelRunSummary(
    long RunId,
    DateOnly AsOf,
    int Customers,
    TimeSpan Load,
    TimeSpan Evaluate,
    TimeSpan Store,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ClassCounts,
    string? Warning = null)
{
    public TimeSpan Total => Load + Evaluate + Store;
}

/// <summary>
/// Runs every model for every customer as of a day: load the metrics (set-based), evaluate (columnar, in memory),
/// store the rows under a new run id. One run at a time per process; older runs beyond the retention are dropped.
/// </summary>
public sealed partial class ModelRunService(
    IDbContextFactory<GuanxiDbContext> contexts,
    MetricsLoader loader,
    IModelResultStore resultStore,
    ModelSettingsStore settingsStore,
    TimeProvider time,
    IConfiguration configuration,
    IEnumerable<IModelRunFollower> followers,
    ILogger<ModelRunService> log)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>A run takes seconds to minutes; one still running after this was interrupted.</summary>
    private static readonly TimeSpan InterruptedAfter = TimeSpan.FromHours(6);

    /// <summary>Runs kept, newest first: enough history for the migration matrix and a customer's classes over time.</summary>
    public int KeepRuns => Math.Max(2, configuration.GetValue("Models:KeepRuns", 30));

    /// <summary>
    /// No run younger than this is dropped, however many there are (Models:KeepRunsDays, default 90): a burst of runs
    /// (issue 12: an analyst queued 35 in 0.4 s) must not push a quarter's history out of the kept runs.
    /// </summary>
    public int KeepRunsDays => Math.Max(0, configuration.GetValue("Models:KeepRunsDays", 90));

    public DateOnly Today => time.Today();

    /// <summary>Creates the run record (status running) so a caller can answer with its id before the work starts.</summary>
    public async Task<ModelRun> CreateAsync(DateOnly? asOf, string trigger, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = new ModelRun
        {
            AsOf = asOf ?? Today,
            Status = ModelRunStatus.Running,
            Trigger = trigger,
            StartedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ModelRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    public async Task<ModelRunSummary> RunAsync(DateOnly? asOf, string trigger, CancellationToken ct)
    {
        var run = await CreateAsync(asOf, trigger, ct);
        return await ExecuteAsync(run.Id, ct);
    }

    /// <summary>Does the work of a created run; marks it failed (with the reason) if anything throws.</summary>
    public async Task<ModelRunSummary> ExecuteAsync(long runId, CancellationToken ct)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            return await ExecuteExclusiveAsync(runId, ct);
        }
        catch (Exception e)
        {
            LogFailed(log, runId, e);
            await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
            {
                if (await db.ModelRuns.FirstOrDefaultAsync(r => r.Id == runId, CancellationToken.None) is { } failed)
                {
                    failed.Status = ModelRunStatus.Failed;
                    failed.Error = e.Message.Length > 4000 ? e.Message[..4000] : e.Message;
                    failed.FinishedAt = time.GetUtcNow().UtcDateTime;
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }

            await resultStore.DeleteRowsAsync(runId, CancellationToken.None);
            throw;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<ModelRunSummary> ExecuteExclusiveAsync(long runId, CancellationToken ct)
    {
        ModelRun run;
        List<CustomModel> customModels = [];
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            run = await db.ModelRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
            foreach (var definition in await db.CustomModels.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct))
            {
                // Stored models were validated when saved; one broken by a later change is skipped, not fatal.
                var parsed = CustomModel.Parse(definition.Name, definition.Rules);
                if (parsed.Model is not null) customModels.Add(parsed.Model);
            }
        }

        var settings = await settingsStore.GetAsync(ct);
        var clock = Stopwatch.StartNew();
        var metrics = await loader.LoadAsync(run.AsOf, ct, withProducts: customModels.Any(m => m.Reads("distinct_products")));
        var load = clock.Elapsed;

        clock.Restart();
        var results = ModelEngine.Evaluate(metrics, settings, customModels, (step, ms) => LogStep(log, step, ms));
        var evaluate = clock.Elapsed;

        clock.Restart();
        await resultStore.WriteAsync(runId, results, ct);
        var store = clock.Elapsed;

        var counts = ModelCatalog.All.ToDictionary(
            m => m.Key,
            m => (IReadOnlyDictionary<string, int>)m.Classes.Zip(results.ClassCounts(m.Key)).ToDictionary(p => p.First.Key, p => p.Second));
        foreach (var custom in results.Custom)
        {
            counts["custom:" + custom.Name] = custom.Labels.Zip(custom.LabelCounts()).ToDictionary(p => p.First, p => p.Second);
        }

        // A lifetime fit that failed, did not converge or left parameters flat is stored with the run and shown wherever
        // the run is (CLI, API, models page): CLV columns are never empty without a reason beside them.
        string? warning = results.Parameters.Lifetime.Warning;
        if (UnconvertedWarning(metrics.Unconverted) is { } unconverted)
        {
            warning = warning is null ? unconverted : unconverted + " " + warning;
        }

        if (warning is { Length: > ModelRun.WarningMaxLength })
        {
            warning = warning[..ModelRun.WarningMaxLength];
        }

        if (warning is not null)
        {
            LogFinishedWithWarning(log, runId, warning);
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var stored = await db.ModelRuns.FirstAsync(r => r.Id == runId, ct);
            stored.Status = ModelRunStatus.Succeeded;
            stored.FinishedAt = time.GetUtcNow().UtcDateTime;
            stored.CustomerCount = results.Count;
            stored.LoadMilliseconds = (long)load.TotalMilliseconds;
            stored.EvaluateMilliseconds = (long)evaluate.TotalMilliseconds;
            stored.StoreMilliseconds = (long)store.TotalMilliseconds;
            stored.Parameters = JsonSerializer.Serialize(results.Parameters, ModelSettingsStore.Json);
            stored.Settings = JsonSerializer.Serialize(settings, ModelSettingsStore.Json);
            stored.ClassCounts = JsonSerializer.Serialize(counts, ModelSettingsStore.Json);
            stored.RfmGrid = JsonSerializer.Serialize(ModelQueries.CountRfmGrid(runId, results.R, results.F), ModelSettingsStore.Json);
            stored.Warning = warning;
            await db.SaveChangesAsync(ct);
            await DropOldRunsAsync(db, ct);
        }

        LogFinished(log, runId, results.Count, load.TotalSeconds, evaluate.TotalSeconds, store.TotalSeconds);
        foreach (var follower in followers)
        {
            try
            {
                await follower.FollowAsync(runId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFollowerFailed(log, e, runId, follower.GetType().Name);
            }
        }
        return new ModelRunSummary(runId, run.AsOf, results.Count, load, evaluate, store, counts, warning);
    }

    /// <summary>
    /// "3 orders without a currency rate are left out of the money figures: USD 2026-10 (2), EUR 2026-11 (1)." — the
    /// orders a run counted but could not sum (issue 17: reported, not silently summed); null when every order converted.
    /// </summary>
    public static string? UnconvertedWarning(IReadOnlyList<UnconvertedOrders> unconverted)
    {
        if (unconverted.Count == 0)
        {
            return null;
        }

        const int Listed = 8;
        int orders = unconverted.Sum(u => u.Orders);
        var months = unconverted.OrderByDescending(u => u.Orders).Take(Listed)
            .Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Currency} {u.Month:yyyy-MM} ({u.Orders})"));
        string more = unconverted.Count > Listed ? string.Create(CultureInfo.InvariantCulture, $" and {unconverted.Count - Listed} more months") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{orders} {(orders == 1 ? "order" : "orders")} without a currency rate {(orders == 1 ? "is" : "are")} left out of the money figures: {string.Join(", ", months)}{more} {UnconvertedWarningEnd}");
    }

    /// <summary>How the currency part of a run's warning ends: the models page shows it apart from the lifetime fit's words.</summary>
    public const string UnconvertedWarningEnd = "(set the rates under /admin/currencies).";

    /// <summary>A run's warning split into its currency part and the lifetime fit's part (either may be null).</summary>
    public static (string? Currency, string? Fit) SplitWarning(string? warning)
    {
        if (warning is null) return (null, null);
        int end = warning.IndexOf(UnconvertedWarningEnd, StringComparison.Ordinal);
        if (end < 0) return (null, warning);
        end += UnconvertedWarningEnd.Length;
        string rest = warning[end..].Trim();
        return (warning[..end], rest.Length > 0 ? rest : null);
    }

    private async Task DropOldRunsAsync(GuanxiDbContext db, CancellationToken ct)
    {
        // A run goes only when it is both beyond the newest KeepRuns and older than KeepRunsDays.
        var youngFrom = time.GetUtcNow().UtcDateTime.AddDays(-KeepRunsDays);
        var old = await db.ModelRuns.Where(r => r.Status == ModelRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).Skip(KeepRuns).Where(r => r.StartedAt < youngFrom).Select(r => r.Id).ToListAsync(ct);

        // A run still "running" long after it started was cut off (process killed, machine down): its partial
        // rows go, and it is marked failed so it does not look alive forever. Another process's live run is younger.
        var cutOff = time.GetUtcNow().UtcDateTime - InterruptedAfter;
        var interrupted = await db.ModelRuns.Where(r => r.Status == ModelRunStatus.Running && r.StartedAt < cutOff)
            .Select(r => r.Id).ToListAsync(ct);
        foreach (long id in interrupted)
        {
            await resultStore.DeleteRowsAsync(id, ct);
            var run = await db.ModelRuns.FirstAsync(r => r.Id == id, ct);
            run.Status = ModelRunStatus.Failed;
            run.Error = "Interrupted: the run never finished.";
            await db.SaveChangesAsync(ct);
        }

        foreach (long id in old)
        {
            await resultStore.DeleteRowsAsync(id, ct);
            db.ModelRuns.Remove(await db.ModelRuns.FirstAsync(r => r.Id == id, ct));
            await db.SaveChangesAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model run {RunId}: {Customers} customers; load {Load:F1} s, evaluate {Evaluate:F1} s, store {Store:F1} s")]
    private static partial void LogFinished(ILogger logger, long runId, int customers, double load, double evaluate, double store);

    // Information, not Warning: the CLI logs warnings to stderr and prints the run's warning itself, once; the server logs it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Model run {RunId} finished with a warning: {Warning}")]
    private static partial void LogFinishedWithWarning(ILogger logger, long runId, string warning);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model step {Step}: {Milliseconds:F0} ms")]
    private static partial void LogStep(ILogger logger, string step, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, long runId, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model run {RunId} succeeded, but {Follower} failed after it")]
    private static partial void LogFollowerFailed(ILogger logger, Exception e, long runId, string follower);
}
