using System.Globalization;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data;

/// <summary>
/// The facts the funnel and the forecast read instead of the stage history (issue 15): each opportunity's furthest
/// stage position, the company-wide learnt stage outcome counts (<see cref="StageOutcomeCount"/>) and the stage changes'
/// count and seconds per stage left and UTC hour (<see cref="StageHourFact"/>, the funnel's days per stage). Kept by
/// <see cref="GuanxiDbContext"/>'s save for the opportunities a save touches (their contribution before and after it:
/// moves, wins, losses, reopenings, imports, deletions, a customer deleted with its opportunities, stages reordered);
/// <see cref="RebuildAsync"/> recomputes them from the history after a bulk load that bypasses the save.
/// </summary>
public static class SalesFacts
{
    private const long Day = 86400;

    /// <summary>What a save is about to change: the opportunities whose facts may move and the pipelines reordered.</summary>
    internal sealed class Pending
    {
        public List<Opportunity> Opportunities { get; } = [];
        public List<OpportunityStageChange> Changes { get; } = [];
        public HashSet<long> Existing { get; } = [];
        public HashSet<long> Deleted { get; } = [];
        public HashSet<long> Pipelines { get; } = [];
        public Dictionary<(long Stage, int Bucket), (long Won, long Lost)> Before { get; set; } = [];
        public Dictionary<(long Stage, long Hour), (long Changes, long Seconds)> HoursBefore { get; set; } = [];

        public bool IsEmpty => Opportunities.Count == 0 && Changes.Count == 0 && Existing.Count == 0 && Pipelines.Count == 0;

        public HashSet<long> After() =>
        [
            .. Opportunities.Select(o => o.Id).Concat(Changes.Select(c => c.OpportunityId)).Concat(Existing)
                .Where(id => id > 0 && !Deleted.Contains(id)),
        ];
    }

    /// <summary>Before a save: what it touches, and the outcome counts those opportunities contribute now.</summary>
    internal static async Task<Pending?> BeforeAsync(GuanxiDbContext db, CancellationToken ct)
    {
        var pending = new Pending();
        var deletedCustomers = new List<long>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Opportunity o when entry.State == EntityState.Added:
                    pending.Opportunities.Add(o);
                    break;
                case Opportunity o when entry.State == EntityState.Deleted:
                    pending.Existing.Add(o.Id);
                    pending.Deleted.Add(o.Id);
                    break;
                case Opportunity o when entry.State == EntityState.Modified
                    && (entry.Property(nameof(Opportunity.Status)).IsModified || entry.Property(nameof(Opportunity.StageId)).IsModified):
                    pending.Existing.Add(o.Id);
                    break;
                case OpportunityStageChange c when entry.State is EntityState.Added or EntityState.Deleted:
                    pending.Changes.Add(c);
                    if (c.OpportunityId > 0) pending.Existing.Add(c.OpportunityId);
                    break;
                case PipelineStage s when entry.State == EntityState.Modified && entry.Property(nameof(PipelineStage.Position)).IsModified:
                    pending.Pipelines.Add(s.PipelineId);
                    break;
                case Customer c when entry.State == EntityState.Deleted:
                    deletedCustomers.Add(c.Id);
                    break;
            }
        }
        if (deletedCustomers.Count > 0)
        {
            // Their opportunities go with them (a cascade in the database).
            foreach (var id in await db.Opportunities.IgnoreQueryFilters().Where(o => deletedCustomers.Contains(o.CustomerId)).Select(o => o.Id).ToListAsync(ct))
            {
                pending.Existing.Add(id);
                pending.Deleted.Add(id);
            }
        }
        if (pending.IsEmpty) return null;
        pending.Before = await OutcomesAsync(db, [.. pending.Existing], ct);
        pending.HoursBefore = await HoursAsync(db, [.. pending.Existing], ct);
        return pending;
    }

    /// <summary>After the save: the touched opportunities' new contribution replaces the old one; their furthest position is recomputed.</summary>
    internal static async Task AfterAsync(GuanxiDbContext db, Pending pending, CancellationToken ct)
    {
        var ids = pending.After().ToList();
        var after = await OutcomesAsync(db, ids, ct);
        var outcomes = new List<(long Stage, long Bucket, long Won, long Lost)>();
        foreach (var key in after.Keys.Union(pending.Before.Keys))
        {
            var (won, lost) = after.GetValueOrDefault(key);
            var (won0, lost0) = pending.Before.GetValueOrDefault(key);
            if (won != won0 || lost != lost0) outcomes.Add((key.Stage, key.Bucket, won - won0, lost - lost0));
        }
        await AddOutcomesAsync(db, outcomes, ct);
        // The hour facts depend on the stage change rows alone (added, deleted, gone with their opportunity).
        var hours = await HoursAsync(db, ids, ct);
        var changed = new List<(long Stage, long Hour, long Changes, long Seconds)>();
        foreach (var key in hours.Keys.Union(pending.HoursBefore.Keys))
        {
            var (n, seconds) = hours.GetValueOrDefault(key);
            var (n0, seconds0) = pending.HoursBefore.GetValueOrDefault(key);
            if (n != n0 || seconds != seconds0) changed.Add((key.Stage, key.Hour, n - n0, seconds - seconds0));
        }
        await AddHoursAsync(db, changed, ct);
        if (ids.Count > 0) await FurthestAsync(db, db.Opportunities.IgnoreQueryFilters().Where(o => ids.Contains(o.Id)), ct);
        foreach (var pipeline in pending.Pipelines)
            await FurthestAsync(db, db.Opportunities.IgnoreQueryFilters().Where(o => o.PipelineId == pipeline), ct);
    }

    /// <summary>
    /// The outcome counts of the history (as <see cref="StageOutcomeCount"/>): every stage change that left a stage while
    /// the opportunity was open, by that stage and the age bucket it left at, counted once the opportunity is won or
    /// lost; restricted to <paramref name="ids"/> when given.
    /// </summary>
    public static async Task<Dictionary<(long Stage, int Bucket), (long Won, long Lost)>> OutcomesAsync(GuanxiDbContext db, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        if (ids is { Count: 0 }) return [];
        var changes = db.OpportunityStageChanges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.FromStageId != null && c.FromStatus == OpportunityStatus.Open && c.SecondsInStage != null);
        var closed = db.Opportunities.IgnoreQueryFilters().AsNoTracking().Where(o => o.Status != OpportunityStatus.Open);
        if (ids is not null)
        {
            changes = changes.Where(c => ids.Contains(c.OpportunityId));
            closed = closed.Where(o => ids.Contains(o.Id));
        }
        long b0 = StageForecast.AgeBoundsDays[0] * Day, b1 = StageForecast.AgeBoundsDays[1] * Day, b2 = StageForecast.AgeBoundsDays[2] * Day;
        var rows = await (
            from c in changes
            join o in closed on c.OpportunityId equals o.Id
            group o.Status by new { Stage = c.FromStageId!.Value, Bucket = c.SecondsInStage < b0 ? 0 : c.SecondsInStage < b1 ? 1 : c.SecondsInStage < b2 ? 2 : 3 } into g
            select new { g.Key.Stage, g.Key.Bucket, Won = g.Count(s => s == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.Stage, r.Bucket), r => ((long)r.Won, (long)(r.All - r.Won)));
    }

    /// <summary>
    /// The hour facts of the history (as <see cref="StageHourFact"/>): every stage change that left a stage and carries
    /// its seconds in it, counted with those seconds by that stage and the UTC hour of the change; restricted to
    /// <paramref name="ids"/> when given.
    /// </summary>
    public static async Task<Dictionary<(long Stage, long Hour), (long Changes, long Seconds)>> HoursAsync(GuanxiDbContext db, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        if (ids is { Count: 0 }) return [];
        var changes = db.OpportunityStageChanges.IgnoreQueryFilters().AsNoTracking().Where(c => c.FromStageId != null && c.SecondsInStage != null);
        if (ids is not null) changes = changes.Where(c => ids.Contains(c.OpportunityId));
        // Streamed and bucketed here, not grouped in the database: SQLite's hour of a time rounds to the millisecond
        // (23:59:59.9996 is the next hour there), and one definition of the hour (StageHourFact.HourOf) keeps the facts
        // equal to the funnel's comparisons of instants. A rebuild reads the history's three columns once.
        var facts = new Dictionary<(long Stage, long Hour), (long Changes, long Seconds)>();
        await foreach (var c in changes.Select(c => new { Stage = c.FromStageId!.Value, c.At, Seconds = c.SecondsInStage!.Value }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (c.Stage, StageHourFact.HourOf(c.At));
            var (n, seconds) = facts.GetValueOrDefault(key);
            facts[key] = (n + 1, seconds + c.Seconds);
        }
        return facts;
    }

    /// <summary>
    /// After new opportunities and their history were bulk-inserted (an import's, which bypasses the save): adds their
    /// outcome counts and hour facts. New ones contributed nothing before; their furthest position the insert writes.
    /// </summary>
    public static async Task AddNewAsync(GuanxiDbContext db, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var outcomes = await OutcomesAsync(db, ids, ct);
        await AddOutcomesAsync(db, [.. outcomes.Select(c => (c.Key.Stage, (long)c.Key.Bucket, c.Value.Won, c.Value.Lost))], ct);
        var hours = await HoursAsync(db, ids, ct);
        await AddHoursAsync(db, [.. hours.Select(h => (h.Key.Stage, h.Key.Hour, h.Value.Changes, h.Value.Seconds))], ct);
    }

    /// <summary>Recomputes every opportunity's furthest position, the outcome counts and the hour facts from the history (after a bulk load; the migration's backfill does the same).</summary>
    public static async Task RebuildAsync(GuanxiDbContext db, CancellationToken ct = default)
    {
        await FurthestAsync(db, db.Opportunities.IgnoreQueryFilters(), ct);
        var counts = await OutcomesAsync(db, null, ct);
        await db.StageOutcomeCounts.ExecuteDeleteAsync(ct);
        await AddOutcomesAsync(db, [.. counts.Select(c => (c.Key.Stage, (long)c.Key.Bucket, c.Value.Won, c.Value.Lost))], ct);
        var hours = await HoursAsync(db, null, ct);
        await db.StageHourFacts.ExecuteDeleteAsync(ct);
        await AddHoursAsync(db, [.. hours.Select(h => (h.Key.Stage, h.Key.Hour, h.Value.Changes, h.Value.Seconds))], ct);
    }

    private static Task<int> FurthestAsync(GuanxiDbContext db, IQueryable<Opportunity> opportunities, CancellationToken ct) =>
        opportunities.ExecuteUpdateAsync(s => s.SetProperty(o => o.FurthestPosition, o =>
            (from c in db.OpportunityStageChanges.IgnoreQueryFilters()
             where c.OpportunityId == o.Id
             join st in db.PipelineStages on c.ToStageId equals st.Id
             select (int?)st.Position).Max()), ct);

    /// <summary>Adds to the hour facts, creating the rows that are missing.</summary>
    private static Task AddHoursAsync(GuanxiDbContext db, IReadOnlyList<(long Stage, long Hour, long Changes, long Seconds)> rows, CancellationToken ct) =>
        UpsertAsync(db, "stage_hour_facts (stage_id, hour, changes, seconds)", "(stage_id, hour)",
            "changes = stage_hour_facts.changes + excluded.changes, seconds = stage_hour_facts.seconds + excluded.seconds", rows, ct);

    /// <summary>Adds to the outcome counts, creating the rows that are missing.</summary>
    private static Task AddOutcomesAsync(GuanxiDbContext db, IReadOnlyList<(long Stage, long Bucket, long Won, long Lost)> rows, CancellationToken ct) =>
        UpsertAsync(db, "stage_outcome_counts (stage_id, bucket, won, lost)", "(stage_id, bucket)",
            "won = stage_outcome_counts.won + excluded.won, lost = stage_outcome_counts.lost + excluded.lost", rows, ct);

    /// <summary>
    /// One multi-row INSERT … ON CONFLICT DO UPDATE per 500 rows, which both databases run: a save that moves many
    /// opportunities over many hours (an import batch) or a rebuild writes a few statements, not one per key. Each key
    /// comes once (a dictionary's), as PostgreSQL requires of one statement. Numbers only, formatted invariantly.
    /// </summary>
    private static async Task UpsertAsync(GuanxiDbContext db, string into, string key, string update,
        IReadOnlyList<(long, long, long, long)> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(500))
        {
            var values = string.Join(",", chunk.Select(r => string.Create(CultureInfo.InvariantCulture, $"({r.Item1},{r.Item2},{r.Item3},{r.Item4})")));
#pragma warning disable EF1003 // numbers formatted invariantly and our own names, no text from outside
            await db.Database.ExecuteSqlRawAsync("INSERT INTO " + into + " VALUES " + values + " ON CONFLICT " + key + " DO UPDATE SET " + update, ct);
#pragma warning restore EF1003
        }
    }
}
