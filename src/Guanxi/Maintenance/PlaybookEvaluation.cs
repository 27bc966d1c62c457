using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Models;
using Guanxi.Hosting;
using Guanxi.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

/// <summary>The layer at one model run: how many, how many stayed, moved up or down, bought, and revenue between runs.</summary>
public sealed record LayerPoint(long RunId, DateOnly AsOf, int Customers, int Entered, int Stayed, int MovedUp, int MovedDown, int WasInLayer,
    double? Retention, double? RepurchaseRate, decimal? RevenuePerCustomer);

public sealed record TaskFigures(int Created, int Done, int OnTime, int Cancelled, int Open, double? CompletionRate, double? OnTimeRate);

public sealed record WinBackFigures(int Opened, int WonBack, int LostForGood, double? WinBackRate);

/// <summary>Averages over the runs before and after a version took effect.</summary>
public sealed record VersionComparison(int Version, DateOnly StartedOn, PeriodFigures? Before, PeriodFigures? After, TaskFigures Tasks);

public sealed record PeriodFigures(int Runs, double? Retention, double? RepurchaseRate, decimal? RevenuePerCustomer, double? UpShare, double? DownShare);

public sealed record FlowCell(string From, string To, int Customers);

public sealed record PlaybookEvaluationDto(
    long PlaybookId, string Name, string ModelKey, string ClassKey, DateOnly From, DateOnly To,
    IReadOnlyList<LayerPoint> Series, PeriodFigures Period, TaskFigures Tasks, double? CadenceAdherence, WinBackFigures WinBack,
    IReadOnlyList<FlowCell> Flows, IReadOnlyList<VersionComparison> Versions, IReadOnlyList<string> Classes);

/// <summary>
/// Continuous evaluation (持续的客户关系评估) of a playbook's layer over a period: read from the per-run layer flows that
/// applying playbooks stores (a few rows a run), so 30 runs of a million customers cost 30 × classes² rows, plus the
/// playbook's own tasks and win-back cases.
/// </summary>
public sealed class PlaybookEvaluation(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<PlaybookEvaluationDto> EvaluateAsync(long playbookId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var end = to ?? time.Today();
        var start = from ?? end.AddDays(-180);
        if (start > end) throw ValidationException.For("from", "The period starts after it ends.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == playbookId, ct) ?? throw new NotFoundException("Playbook");
        var flows = await db.LayerFlows.AsNoTracking()
            .Where(f => f.ModelKey == playbook.ModelKey && f.AsOf >= start && f.AsOf <= end).ToListAsync(ct);
        var classes = ClassesOf(playbook.ModelKey, flows);
        var layer = playbook.ClassKey;
        int Rank(string cls) => cls.Length == 0 ? int.MaxValue : classes.IndexOf(cls) is var i and >= 0 ? i : int.MaxValue - 1;

        var series = flows.GroupBy(f => (f.RunId, f.AsOf)).OrderBy(g => g.Key.RunId).Select(g =>
        {
            var into = g.Where(f => f.ToClass == layer).ToList();
            var outOf = g.Where(f => f.FromClass == layer).ToList();
            int customers = into.Sum(f => f.Customers);
            int was = outOf.Sum(f => f.Customers);
            int stayed = outOf.Where(f => f.ToClass == layer).Sum(f => f.Customers);
            int up = outOf.Where(f => f.ToClass.Length > 0 && Rank(f.ToClass) < Rank(layer)).Sum(f => f.Customers);
            int down = outOf.Where(f => f.ToClass != layer && (f.ToClass.Length == 0 || Rank(f.ToClass) > Rank(layer))).Sum(f => f.Customers);
            int buyers = into.Sum(f => f.Buyers);
            long cents = into.Sum(f => f.RevenueCents);
            // A run with no run before it compares with nothing: its customers count, its rates do not.
            bool first = g.All(f => f.FromClass.Length == 0);
            return new LayerPoint(g.Key.RunId, g.Key.AsOf, customers, customers - stayed, stayed, up, down, was,
                first ? null : Ratio(stayed, was), first ? null : Ratio(buyers, customers),
                first || customers == 0 ? null : Math.Round(cents / 100m / customers, 2));
        }).ToList();

        var cells = flows.Where(f => f.FromClass == layer || f.ToClass == layer)
            .GroupBy(f => (f.FromClass, f.ToClass)).Select(g => new FlowCell(g.Key.FromClass, g.Key.ToClass, g.Sum(f => f.Customers)))
            .OrderByDescending(c => c.Customers).ToList();

        var startAt = start.ToDateTime(TimeOnly.MinValue);
        var endAt = end.ToDateTime(TimeOnly.MaxValue);
        var byVersion = await TasksByVersionAsync(db, playbookId, startAt, endAt, ct);
        var tasks = Sum(byVersion.Values);
        var versions = await db.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == playbookId).OrderBy(v => v.Version).ToListAsync(ct);
        var comparisons = versions.Select(v =>
        {
            var before = series.Where(p => p.AsOf < v.StartedOn).TakeLast(6).ToList();
            var after = series.Where(p => p.AsOf >= v.StartedOn).Take(6).ToList();
            return new VersionComparison(v.Version, v.StartedOn, Average(before), Average(after),
                byVersion.TryGetValue(v.Version, out var t) ? t : Sum([]));
        }).ToList();

        var cases = await db.WinBackCases.AsNoTracking().Where(w => w.OpenedOn >= start && w.OpenedOn <= end)
            .GroupBy(w => w.State).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        int won = cases.Where(c => c.Key == WinBackState.WonBack).Sum(c => c.N);
        int lostForGood = cases.Where(c => c.Key == WinBackState.LostForGood).Sum(c => c.N);
        var winBack = new WinBackFigures(cases.Sum(c => c.N), won, lostForGood, Ratio(won, won + lostForGood));

        return new PlaybookEvaluationDto(playbook.Id, playbook.Name, playbook.ModelKey, playbook.ClassKey, start, end, series,
            Average(series) ?? new PeriodFigures(0, null, null, null, null, null), tasks, await CadenceAdherenceAsync(db, playbook, ct), winBack,
            cells, comparisons, classes);
    }

    /// <summary>A built-in model's classes in catalog order; a custom model's labels as the period's flows name them.</summary>
    private static List<string> ClassesOf(string modelKey, List<LayerFlow> flows) =>
        ModelCatalog.Find(modelKey) is { } model
            ? [.. model.Classes.Select(c => c.Key)]
            : [.. flows.Select(f => f.ToClass).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// The playbook's tasks due in the period (due times are local, like the period), per version: one grouped read
    /// over the index on (playbook, due time), whatever the size of the other playbooks' queues.
    /// </summary>
    private static async Task<Dictionary<int, TaskFigures>> TasksByVersionAsync(GuanxiDbContext db, long playbookId, DateTime from, DateTime to, CancellationToken ct)
    {
        var rows = await db.Tasks.AsNoTracking().Where(t => t.PlaybookId == playbookId && t.DueAt >= from && t.DueAt <= to)
            .GroupBy(t => new { t.PlaybookVersion, t.State })
            .Select(g => new
            {
                g.Key.PlaybookVersion,
                g.Key.State,
                N = g.Count(),
                OnTime = g.Sum(t => t.CompletedAt != null && t.CompletedAt <= t.DueAt.AddDays(1) ? 1 : 0),
            }).ToListAsync(ct);
        return rows.GroupBy(r => r.PlaybookVersion ?? 0).ToDictionary(g => g.Key, g =>
        {
            int done = g.Where(r => r.State == TaskState.Done).Sum(r => r.N);
            int cancelled = g.Where(r => r.State == TaskState.Cancelled).Sum(r => r.N);
            int open = g.Where(r => r.State == TaskState.Open).Sum(r => r.N);
            return Figures(done + cancelled + open, done, g.Where(r => r.State == TaskState.Done).Sum(r => r.OnTime), cancelled, open);
        });
    }

    private static TaskFigures Sum(IEnumerable<TaskFigures> parts)
    {
        var list = parts.ToList();
        return Figures(list.Sum(p => p.Created), list.Sum(p => p.Done), list.Sum(p => p.OnTime), list.Sum(p => p.Cancelled), list.Sum(p => p.Open));
    }

    private static TaskFigures Figures(int created, int done, int onTime, int cancelled, int open) =>
        new(created, done, onTime, cancelled, open, Ratio(done, created), Ratio(onTime, done));

    /// <summary>The share of the layer (latest run) contacted within its cadence.</summary>
    private async Task<double?> CadenceAdherenceAsync(GuanxiDbContext db, Playbook playbook, CancellationToken ct)
    {
        var run = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (run is not { } runId || ModelCatalog.Find(playbook.ModelKey) is not { } model) return null;
        var property = ModelQueries.PropertyOf(model.Key);
        short index = (short)model.IndexOf(playbook.ClassKey);
        var cutoff = time.Today().AddDays(-playbook.CadenceDays).ToDateTime(TimeOnly.MinValue);
        var members = db.ModelResults.AsNoTracking().Where(r => r.RunId == runId && EF.Property<short?>(r, property) == index);
        // One pass over the layer: its size and how many were contacted within the cadence.
        var counts = await members.GroupBy(r => 1)
            .Select(g => new { Total = g.Count(), Contacted = g.Sum(r => db.CustomerRollups.Any(x => x.CustomerId == r.CustomerId && x.LastContactAt >= cutoff) ? 1 : 0) })
            .ToListAsync(ct);
        return counts.Count == 0 ? null : Ratio(counts[0].Contacted, counts[0].Total);
    }

    private static PeriodFigures? Average(IReadOnlyList<LayerPoint> points)
    {
        if (points.Count == 0) return null;
        static double? Mean(IEnumerable<double?> xs) => xs.Average() is { } m ? Math.Round(m, 4) : null;
        return new PeriodFigures(points.Count,
            Mean(points.Select(p => p.Retention)),
            Mean(points.Select(p => p.RepurchaseRate)),
            points.Average(p => p.RevenuePerCustomer) is { } revenue ? Math.Round(revenue, 2) : null,
            Mean(points.Select(p => Ratio(p.MovedUp, p.WasInLayer))),
            Mean(points.Select(p => Ratio(p.MovedDown, p.WasInLayer))));
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
