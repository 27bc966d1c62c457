using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Sales;
using Guanxi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

/// <summary>One stage of the funnel: how many of the period's new opportunities reached it (or a later stage), the share of those that went on to the next, and the average days spent in it.</summary>
public sealed record FunnelStageDto(long StageId, string Name, int Position, int Reached, decimal? ConversionToNext, decimal? AverageDays, int Left);

/// <summary>Won and lost among opportunities closed in the period, for one value of a dimension; <see cref="WinRate"/> is won ÷ (won + lost).</summary>
public sealed record WinRateDto(string Key, string? Name, int Won, int Lost, decimal? WinRate);

public sealed record FunnelDto(
    DateOnly From,
    DateOnly To,
    long PipelineId,
    string Pipeline,
    int Created,
    int Won,
    int Lost,
    IReadOnlyList<FunnelStageDto> Stages,
    IReadOnlyList<WinRateDto> BySource,
    IReadOnlyList<WinRateDto> ByChannel,
    IReadOnlyList<WinRateDto> ByHeat,
    IReadOnlyList<WinRateDto> ByOwner,
    IReadOnlyList<WinRateDto> ByTeam);

/// <summary>
/// The sales funnel for a period, counted within the caller's reach and grouped in the database: conversion between
/// the stages of a pipeline for the opportunities created in the period (each counted at the furthest stage it
/// reached), average days in each stage over the stage changes made in the period, and win rates by source, channel,
/// heat, owner and the owner's team over the opportunities of the pipeline won or lost in the period.
/// </summary>
public sealed class SalesFunnel(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public const int MaxDays = 1096;

    public async Task<FunnelDto> FunnelAsync(DateOnly? from, DateOnly? to, long? pipelineId, CancellationToken ct = default)
    {
        var (first, last) = Range(from, to);
        var zone = time.LocalTimeZone;
        var start = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
        var end = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pipeline = await (pipelineId is { } id ? db.Pipelines.AsNoTracking().Where(p => p.Id == id) : db.Pipelines.AsNoTracking().OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id))
            .Include(p => p.Stages).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Pipeline");
        var pid = pipeline.Id;

        // Each opportunity's furthest position is kept with its stage changes (SalesFacts): the cohort's counts per
        // position come from the opportunities alone (one without history has none and is not counted).
        var cohort = db.Opportunities.AsNoTracking().Where(o => o.PipelineId == pid && o.CreatedAt >= start && o.CreatedAt < end);
        var atPosition = await cohort.Where(o => o.FurthestPosition != null)
            .GroupBy(o => o.FurthestPosition!.Value).Select(g => new { Position = g.Key, Count = g.Count() }).ToListAsync(ct);
        var created = await cohort.CountAsync(ct);

        var stageIds = pipeline.Stages.Select(s => s.Id).ToList();
        var days = await DaysInStageAsync(db, stageIds, start, end, ct);

        var ordered = pipeline.Stages.OrderBy(s => s.Position).ToList();
        int Reached(int position) => atPosition.Where(p => p.Position >= position).Sum(p => p.Count);
        var stages = ordered.Select((s, i) =>
        {
            var reached = Reached(s.Position);
            var next = i + 1 < ordered.Count ? Reached(ordered[i + 1].Position) : (int?)null;
            var (count, seconds) = days.GetValueOrDefault(s.Id);
            return new FunnelStageDto(s.Id, s.Name, s.Position, reached,
                next is { } n && reached > 0 ? Math.Round((decimal)n / reached, 4) : null,
                count > 0 ? Math.Round(seconds / 86400m / count, 1) : null,
                (int)count);
        }).ToList();

        // The win rates: one grouping of the period's closed opportunities by every dimension at once, read from the
        // covering index on (pipeline, closed_at, status, source, channel, heat, owner, customer), folded here into the
        // five dimensions; the owners' names and teams are one small query.
        var closed = await db.Opportunities.AsNoTracking()
            .Where(o => o.PipelineId == pid && o.Status != OpportunityStatus.Open && o.ClosedAt >= start && o.ClosedAt < end)
            .GroupBy(o => new { o.Status, o.Source, o.Channel, o.Heat, o.OwnerId })
            .Select(g => new ClosedGroup(g.Key.Status, g.Key.Source, g.Key.Channel, g.Key.Heat, g.Key.OwnerId, g.Count()))
            .ToListAsync(ct);
        var ownerIds = closed.Where(c => c.OwnerId is not null).Select(c => c.OwnerId!.Value).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName, u.TeamId }).ToDictionaryAsync(u => u.Id, ct);
        var teamIds = owners.Values.Where(u => u.TeamId is not null).Select(u => u.TeamId!.Value).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        long? TeamOf(long? owner) => owner is { } o && owners.TryGetValue(o, out var u) ? u.TeamId : null;

        static WinRateDto Rate(string key, string? name, int won, int all) => new(key, name, won, all - won, all > 0 ? Math.Round((decimal)won / all, 4) : null);
        static string Key(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var won = closed.Sum(c => c.Won);
        return new FunnelDto(first, last, pid, pipeline.Name, created, won, closed.Sum(c => c.Count) - won, stages,
            [.. Fold(closed, c => c.Source, Comparer<OpportunitySource>.Default).Select(x => Rate(x.Key.ToString(), null, x.Won, x.All))],
            [.. Fold(closed, c => c.Channel, StringComparer.Ordinal).Select(x => Rate(x.Key ?? "", x.Key, x.Won, x.All))],
            [.. Fold(closed, c => c.Heat, Comparer<OpportunityHeat>.Default).Select(x => Rate(x.Key.ToString(), null, x.Won, x.All))],
            [.. Fold(closed, c => c.OwnerId, Comparer<long?>.Default).Select(x => Rate(Key(x.Key), x.Key is { } k ? owners.GetValueOrDefault(k)?.UserName : null, x.Won, x.All))],
            [.. Fold(closed, c => TeamOf(c.OwnerId), Comparer<long?>.Default).Select(x => Rate(Key(x.Key), x.Key is { } k ? teams.GetValueOrDefault(k) : null, x.Won, x.All))]);
    }

    /// <summary>One dimension's won and all from the grouped rows, ordered by its key (a null key first).</summary>
    private static IEnumerable<(TKey Key, int Won, int All)> Fold<TKey>(IEnumerable<ClosedGroup> rows, Func<ClosedGroup, TKey> key, IComparer<TKey> order) =>
        rows.GroupBy(key).Select(g => (g.Key, Won: g.Sum(r => r.Won), All: g.Sum(r => r.Count))).OrderBy(x => x.Key, order);

    /// <summary>The period's closed opportunities of one status, source, channel, heat and owner.</summary>
    private sealed record ClosedGroup(OpportunityStatus Status, OpportunitySource Source, string? Channel, OpportunityHeat Heat, long? OwnerId, int Count)
    {
        public int Won => Status == OpportunityStatus.Won ? Count : 0;
    }

    /// <summary>
    /// Per stage of <paramref name="stageIds"/>, how many stage changes in [<paramref name="start"/>, <paramref name="end"/>)
    /// left it and their summed seconds in it. A caller who sees every customer reads the kept hour facts
    /// (<see cref="StageHourFact"/>: at most hours × stages rows) for the period's whole UTC hours, and the history rows
    /// only for a part hour at either edge (a zone whose offset is not a whole hour); a narrower reach groups the
    /// period's changes of the opportunities it sees (the history carries the query filter).
    /// </summary>
    internal static async Task<Dictionary<long, (long Count, long Seconds)>> DaysInStageAsync(GuanxiDbContext db, List<long> stageIds, DateTime start, DateTime end, CancellationToken ct)
    {
        async Task<List<(long Stage, long Count, long Seconds)>> HistoryAsync(DateTime from, DateTime until) =>
            (await db.OpportunityStageChanges.AsNoTracking()
                .Where(c => c.At >= from && c.At < until && c.SecondsInStage != null && c.FromStageId != null && stageIds.Contains(c.FromStageId.Value))
                .GroupBy(c => c.FromStageId!.Value)
                .Select(g => new { Stage = g.Key, Count = g.LongCount(), Seconds = g.Sum(c => c.SecondsInStage!.Value) })
                .ToListAsync(ct)).Select(r => (r.Stage, r.Count, r.Seconds)).ToList();

        if (!db.Scope.SeesAll) return (await HistoryAsync(start, end)).ToDictionary(r => r.Stage, r => (r.Count, r.Seconds));

        var firstHour = StageHourFact.HourOf(start);
        if (StageHourFact.StartOf(firstHour) < start) firstHour++;
        var endHour = Math.Max(firstHour, StageHourFact.HourOf(end));
        var facts = await db.StageHourFacts.AsNoTracking()
            .Where(f => stageIds.Contains(f.StageId) && f.Hour >= firstHour && f.Hour < endHour)
            .GroupBy(f => f.StageId)
            .Select(g => new { Stage = g.Key, Count = g.Sum(f => f.Changes), Seconds = g.Sum(f => f.Seconds) })
            .ToListAsync(ct);
        var rows = facts.Select(f => (f.Stage, f.Count, f.Seconds)).ToList();
        DateTime wholeFrom = StageHourFact.StartOf(firstHour), wholeUntil = StageHourFact.StartOf(endHour);
        if (start < wholeFrom) rows.AddRange(await HistoryAsync(start, wholeFrom < end ? wholeFrom : end));
        if (wholeUntil < end) rows.AddRange(await HistoryAsync(wholeUntil, end));
        return rows.GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => (g.Sum(r => r.Count), g.Sum(r => r.Seconds)));
    }

    /// <summary>The period asked for, or the 90 days up to today; at most <see cref="MaxDays"/> days.</summary>
    public (DateOnly From, DateOnly To) Range(DateOnly? from, DateOnly? to)
    {
        var e = new FieldErrors();
        if (from is { Year: < 2000 or > 2100 }) e.Add("from", "Use a day between 2000-01-01 and 2100-12-31.");
        if (to is { Year: < 2000 or > 2100 }) e.Add("to", "Use a day between 2000-01-01 and 2100-12-31.");
        e.ThrowIfAny();
        var last = to ?? time.Today();
        var first = from ?? last.AddDays(-89);
        if (first > last) e.Add("from", "The period starts after it ends (from is later than to).");
        else if (last.DayNumber - first.DayNumber + 1 > MaxDays) e.Add("to", $"A funnel covers at most {MaxDays} days.");
        e.ThrowIfAny();
        return (first, last);
    }
}
