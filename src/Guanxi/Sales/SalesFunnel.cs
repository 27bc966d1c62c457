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
        var days = await db.OpportunityStageChanges.AsNoTracking()
            .Where(c => c.At >= start && c.At < end && c.SecondsInStage != null && c.FromStageId != null && stageIds.Contains(c.FromStageId.Value))
            .GroupBy(c => c.FromStageId!.Value)
            .Select(g => new { Stage = g.Key, Count = g.Count(), Seconds = g.Sum(c => c.SecondsInStage!.Value) })
            .ToListAsync(ct);

        var ordered = pipeline.Stages.OrderBy(s => s.Position).ToList();
        int Reached(int position) => atPosition.Where(p => p.Position >= position).Sum(p => p.Count);
        var stages = ordered.Select((s, i) =>
        {
            var reached = Reached(s.Position);
            var next = i + 1 < ordered.Count ? Reached(ordered[i + 1].Position) : (int?)null;
            var d = days.FirstOrDefault(x => x.Stage == s.Id);
            return new FunnelStageDto(s.Id, s.Name, s.Position, reached,
                next is { } n && reached > 0 ? Math.Round((decimal)n / reached, 4) : null,
                d is { Count: > 0 } ? Math.Round(d.Seconds / 86400m / d.Count, 1) : null,
                d?.Count ?? 0);
        }).ToList();

        var closed = db.Opportunities.AsNoTracking().Where(o => o.PipelineId == pid && o.Status != OpportunityStatus.Open && o.ClosedAt >= start && o.ClosedAt < end);
        var bySource = await closed.GroupBy(o => o.Source).Select(g => new { g.Key, Won = g.Count(o => o.Status == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        var byChannel = await closed.GroupBy(o => o.Channel).Select(g => new { g.Key, Won = g.Count(o => o.Status == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        var byHeat = await closed.GroupBy(o => o.Heat).Select(g => new { g.Key, Won = g.Count(o => o.Status == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        var byOwner = await closed.GroupBy(o => o.OwnerId).Select(g => new { g.Key, Won = g.Count(o => o.Status == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        // The team of the owner (an opportunity without an owner, or an owner without a team: key "").
        var byTeam = await (
            from o in closed
            join u in db.Users on o.OwnerId equals u.Id into us
            from u in us.DefaultIfEmpty()
            group o.Status by u == null ? null : u.TeamId into g
            select new { g.Key, Won = g.Count(s => s == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        var teamIds = byTeam.Where(t => t.Key is not null).Select(t => t.Key!.Value).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var ownerIds = byOwner.Where(o => o.Key is not null).Select(o => o.Key!.Value).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);

        static WinRateDto Rate(string key, string? name, int won, int all) => new(key, name, won, all - won, all > 0 ? Math.Round((decimal)won / all, 4) : null);
        return new FunnelDto(first, last, pid, pipeline.Name, created, bySource.Sum(x => x.Won), bySource.Sum(x => x.All - x.Won), stages,
            [.. bySource.OrderBy(x => x.Key).Select(x => Rate(x.Key.ToString(), null, x.Won, x.All))],
            [.. byChannel.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => Rate(x.Key ?? "", x.Key, x.Won, x.All))],
            [.. byHeat.OrderBy(x => x.Key).Select(x => Rate(x.Key.ToString(), null, x.Won, x.All))],
            [.. byOwner.OrderBy(x => x.Key).Select(x => Rate(x.Key?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", x.Key is { } k ? names.GetValueOrDefault(k) : null, x.Won, x.All))],
            [.. byTeam.OrderBy(x => x.Key).Select(x => Rate(x.Key?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", x.Key is { } k ? teams.GetValueOrDefault(k) : null, x.Won, x.All))]);
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
