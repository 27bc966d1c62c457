using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Sales;
using Guanxi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

/// <summary>
/// One line of the forecast (a rep, a team or the total): the probability-weighted open pipeline expected to close in
/// the period, the model's forecast (open pipeline × learnt stage-to-won rate, plus already won), the latest
/// commitment, the target, what is won so far and won ÷ target.
/// </summary>
public sealed record ForecastLineDto(
    long? OwnerId,
    string? Owner,
    long? TeamId,
    string? Team,
    int Open,
    decimal Pipeline,
    decimal Weighted,
    decimal Model,
    decimal? Committed,
    decimal? Target,
    decimal Won,
    decimal? Attainment);

public sealed record ForecastDto(string Period, DateOnly From, DateOnly To, string Currency, IReadOnlyList<ForecastLineDto> Owners, IReadOnlyList<ForecastLineDto> Teams, ForecastLineDto Total);

/// <summary>
/// A past period as the forecast would have seen it at its start (rebuilt from the stage history), against what the
/// opportunities it covered actually won in it; <see cref="WonInPeriod"/> also counts deals made during the period.
/// </summary>
public sealed record BacktestPeriodDto(string Period, int Open, decimal Weighted, decimal Model, decimal Actual, decimal WonInPeriod);

/// <summary>The backtest's periods, oldest first, and the mean absolute percentage error of each method (periods with nothing won left out).</summary>
public sealed record BacktestDto(string Currency, IReadOnlyList<BacktestPeriodDto> Periods, decimal? WeightedMape, decimal? ModelMape);

/// <summary>
/// The sales forecast for a month or quarter, counted within the caller's reach and aggregated in the database (no
/// query per opportunity): open opportunities expected to close in the period by owner, stage and age in the stage;
/// the stage outcomes of the history; won amounts; targets and the latest commitments. The model itself is
/// <see cref="StageForecast"/> (pure).
/// </summary>
public sealed class SalesForecast(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public const int MaxBacktestPeriods = 36;

    private const long Day = 86400;

    public async Task<ForecastDto> ForecastAsync(string? period, string? currency, CancellationToken ct = default)
    {
        var p = period is null ? SalesPeriod.QuarterOf(time.Today()) : SalesQuotas.ParsePeriod(period);
        var cur = Currency(currency);
        var (start, end) = Bounds(p);
        var now = time.GetUtcNow().UtcDateTime;
        var first = p.First;
        var last = p.Last;
        await using var db = await contexts.CreateDbContextAsync(ct);

        // The model's rates come from the learnt counts kept with the stage history (SalesFacts), company-wide: the
        // same rates whoever asks, applied to the open pipeline within the caller's reach.
        var counts = await db.StageOutcomeCounts.AsNoTracking().ToListAsync(ct);
        var model = StageForecast.Learn(counts.Select(c => new StageOutcome(c.StageId, c.Bucket, c.Won, c.Lost)), await StageDefaultsAsync(db, ct));
        var (c0, c1, c2) = Cutoffs(now);
        var open = await db.Opportunities.AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Open && o.Currency == cur && o.ExpectedCloseOn >= first && o.ExpectedCloseOn <= last)
            .GroupBy(o => new { o.OwnerId, o.StageId, Bucket = o.StageEnteredAt > c0 ? 0 : o.StageEnteredAt > c1 ? 1 : o.StageEnteredAt > c2 ? 2 : 3 })
            .Select(g => new { g.Key.OwnerId, g.Key.StageId, g.Key.Bucket, Count = g.Count(), Cents = g.Sum(o => o.AmountCents), Weighted = g.Sum(o => o.AmountCents * o.Probability) })
            .ToListAsync(ct);
        var won = await db.Opportunities.AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Won && o.Currency == cur && o.ClosedAt >= start && o.ClosedAt < end)
            .GroupBy(o => o.OwnerId).Select(g => new { OwnerId = g.Key, Cents = g.Sum(o => o.AmountCents) })
            .ToListAsync(ct);
        var text = p.ToString();
        var targets = await db.SalesTargets.AsNoTracking().Where(t => t.Period == text && t.Currency == cur)
            .Select(t => new { t.UserId, t.TeamId, t.AmountCents }).ToListAsync(ct);
        var latest = db.SalesCommitments.Where(c => c.Period == text).GroupBy(c => c.UserId).Select(g => g.Max(c => c.Id));
        var commitments = await db.SalesCommitments.AsNoTracking().Where(c => latest.Contains(c.Id) && c.Currency == cur)
            .Select(c => new { c.UserId, c.AmountCents }).ToListAsync(ct);

        var owners = open.Select(o => o.OwnerId).Concat(won.Select(w => w.OwnerId))
            .Concat(targets.Where(t => t.UserId != null).Select(t => t.UserId)).Concat(commitments.Select(c => (long?)c.UserId))
            .Distinct().ToList();
        var ownerIds = owners.Where(o => o is not null).Select(o => o!.Value).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName, u.TeamId }).ToDictionaryAsync(u => u.Id, ct);
        var teamIds = users.Values.Where(u => u.TeamId != null).Select(u => u.TeamId!.Value).Concat(targets.Where(t => t.TeamId != null).Select(t => t.TeamId!.Value)).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        var lines = new List<Sums>();
        foreach (var owner in owners)
        {
            var mine = open.Where(o => o.OwnerId == owner).ToList();
            var user = owner is { } id ? users.GetValueOrDefault(id) : null;
            var wonCents = won.Where(w => w.OwnerId == owner).Sum(w => w.Cents);
            lines.Add(new Sums(owner, user?.UserName, user?.TeamId)
            {
                Open = mine.Sum(o => o.Count),
                Pipeline = mine.Sum(o => o.Cents),
                Weighted = mine.Sum(o => SalesRules.WeightedCents(o.Weighted, 1)),
                Model = mine.Sum(o => model.ExpectedCents(o.StageId, o.Bucket, o.Cents)) + wonCents,
                Won = wonCents,
                Committed = owner is { } c && commitments.Any(x => x.UserId == c) ? commitments.Where(x => x.UserId == c).Sum(x => x.AmountCents) : null,
                Target = owner is { } t && targets.Any(x => x.UserId == t) ? targets.Where(x => x.UserId == t).Sum(x => x.AmountCents) : null,
            });
        }
        var ownerLines = lines.OrderByDescending(l => l.Model).ThenBy(l => l.OwnerId).Select(l => l.Line(teams)).ToList();
        var teamLines = new List<ForecastLineDto>();
        foreach (var teamId in teamIds.Order())
        {
            var members = lines.Where(l => l.TeamId == teamId).ToList();
            var sum = Sums.Add(members, null, null, teamId);
            var own = targets.Where(t => t.TeamId == teamId).ToList();
            if (own.Count > 0) sum.Target = own.Sum(t => t.AmountCents);
            teamLines.Add(sum.Line(teams));
        }
        var total = Sums.Add(lines, null, null, null).Line(teams);
        return new ForecastDto(text, first, last, cur, ownerLines, teamLines, total);
    }

    /// <summary>
    /// The last <paramref name="periods"/> quarters (or months) before the current one, each as the forecast would have
    /// seen it at its start: the opportunities then open and expected to close in it, in the stage and at the age the
    /// stage history puts them, weighted by their stage's default probability (naive) and by the rates the model learnt
    /// from the history before that day; against what those opportunities actually won in the period.
    /// </summary>
    public async Task<BacktestDto> BacktestAsync(int? periods, bool months, string? currency, CancellationToken ct = default)
    {
        var n = periods ?? 6;
        if (n is < 1 or > MaxBacktestPeriods) throw ValidationException.For("periods", $"Give 1 to {MaxBacktestPeriods} periods.");
        var cur = Currency(currency);
        var today = time.Today();
        var current = months ? SalesPeriod.MonthOf(today) : SalesPeriod.QuarterOf(today);
        var list = new List<SalesPeriod>();
        for (var p = current.Previous(); list.Count < n; p = p.Previous()) list.Add(p);
        list.Reverse();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var defaults = await StageDefaultsAsync(db, ct);
        var result = new List<BacktestPeriodDto>();
        foreach (var p in list)
        {
            var (start, end) = Bounds(p);
            var (first, last) = (p.First, p.Last);
            var model = await LearnAsync(db, start, defaults, ct);
            var (c0, c1, c2) = Cutoffs(start);
            var covered = db.Opportunities.AsNoTracking().Where(o => o.Currency == cur && o.CreatedAt < start && (o.ClosedAt == null || o.ClosedAt >= start)
                && o.ExpectedCloseOn >= first && o.ExpectedCloseOn <= last);
            // Where each stood at the start: its last stage change before it (ids grow with time within an opportunity).
            var lastChange = db.OpportunityStageChanges.Where(c => c.At < start).GroupBy(c => c.OpportunityId).Select(g => g.Max(c => c.Id));
            var standing = await (
                from c in db.OpportunityStageChanges.AsNoTracking()
                where lastChange.Contains(c.Id)
                join o in covered on c.OpportunityId equals o.Id
                group new { o.AmountCents, Won = o.Status == OpportunityStatus.Won && o.ClosedAt < end ? o.AmountCents : 0 }
                    by new { c.ToStageId, Bucket = c.At > c0 ? 0 : c.At > c1 ? 1 : c.At > c2 ? 2 : 3 } into g
                select new { g.Key.ToStageId, g.Key.Bucket, Count = g.Count(), Cents = g.Sum(x => x.AmountCents), Won = g.Sum(x => x.Won) }).ToListAsync(ct);
            var wonInPeriod = await db.Opportunities.AsNoTracking()
                .Where(o => o.Status == OpportunityStatus.Won && o.Currency == cur && o.ClosedAt >= start && o.ClosedAt < end).SumAsync(o => (long?)o.AmountCents, ct) ?? 0;
            var weighted = standing.Sum(s => SalesRules.WeightedCents(s.Cents, defaults.GetValueOrDefault(s.ToStageId)));
            var forecast = standing.Sum(s => model.ExpectedCents(s.ToStageId, s.Bucket, s.Cents));
            result.Add(new BacktestPeriodDto(p.ToString(), standing.Sum(s => s.Count), weighted / 100m, forecast / 100m, standing.Sum(s => s.Won) / 100m, wonInPeriod / 100m));
        }
        return new BacktestDto(cur, result,
            StageForecast.MeanAbsolutePercentageError(result.Select(r => (r.Weighted, r.Actual))),
            StageForecast.MeanAbsolutePercentageError(result.Select(r => (r.Model, r.Actual))));
    }

    /// <summary>
    /// The stage outcomes of the history (before <paramref name="before"/> when given): for every time an open
    /// opportunity left a stage, how long it had been there and whether it was won or lost in the end, counted by stage
    /// and age bucket in the database.
    /// </summary>
    private static Task<Dictionary<long, int>> StageDefaultsAsync(GuanxiDbContext db, CancellationToken ct) =>
        db.PipelineStages.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Probability, ct);

    private static async Task<StageForecast> LearnAsync(GuanxiDbContext db, DateTime? before, IReadOnlyDictionary<long, int> defaults, CancellationToken ct)
    {
        var changes = db.OpportunityStageChanges.AsNoTracking().Where(c => c.FromStageId != null && c.FromStatus == OpportunityStatus.Open && c.SecondsInStage != null);
        var closed = db.Opportunities.AsNoTracking().Where(o => o.Status != OpportunityStatus.Open);
        if (before is { } b)
        {
            changes = changes.Where(c => c.At < b);
            closed = closed.Where(o => o.ClosedAt < b);
        }
        long b0 = StageForecast.AgeBoundsDays[0] * Day, b1 = StageForecast.AgeBoundsDays[1] * Day, b2 = StageForecast.AgeBoundsDays[2] * Day;
        var outcomes = await (
            from c in changes
            join o in closed on c.OpportunityId equals o.Id
            group o.Status by new { Stage = c.FromStageId!.Value, Bucket = c.SecondsInStage < b0 ? 0 : c.SecondsInStage < b1 ? 1 : c.SecondsInStage < b2 ? 2 : 3 } into g
            select new { g.Key.Stage, g.Key.Bucket, Won = g.Count(s => s == OpportunityStatus.Won), All = g.Count() }).ToListAsync(ct);
        return StageForecast.Learn(outcomes.Select(o => new StageOutcome(o.Stage, o.Bucket, o.Won, o.All - o.Won)), defaults);
    }

    /// <summary>The instants before which a stage entered lies in age bucket 1, 2 and 3 as seen at <paramref name="at"/>.</summary>
    private static (DateTime, DateTime, DateTime) Cutoffs(DateTime at) =>
        (at.AddDays(-StageForecast.AgeBoundsDays[0]), at.AddDays(-StageForecast.AgeBoundsDays[1]), at.AddDays(-StageForecast.AgeBoundsDays[2]));

    private (DateTime Start, DateTime End) Bounds(SalesPeriod p)
    {
        var zone = time.LocalTimeZone;
        DateTime Utc(DateOnly d) => DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
        return (Utc(p.First), Utc(p.Last.AddDays(1)));
    }

    private static string Currency(string? currency) =>
        CurrencyCode.Normalize(currency ?? "CNY") ?? throw ValidationException.For("currency", "Use an ISO 4217 currency code such as CNY.");

    /// <summary>A line's figures in cents while they are summed.</summary>
    private sealed class Sums(long? ownerId, string? owner, long? teamId)
    {
        public long? OwnerId { get; } = ownerId;
        public string? Owner { get; } = owner;
        public long? TeamId { get; } = teamId;
        public int Open { get; set; }
        public long Pipeline { get; set; }
        public long Weighted { get; set; }
        public long Model { get; set; }
        public long Won { get; set; }
        public long? Committed { get; set; }
        public long? Target { get; set; }

        public static Sums Add(IReadOnlyList<Sums> lines, long? ownerId, string? owner, long? teamId) => new(ownerId, owner, teamId)
        {
            Open = lines.Sum(l => l.Open),
            Pipeline = lines.Sum(l => l.Pipeline),
            Weighted = lines.Sum(l => l.Weighted),
            Model = lines.Sum(l => l.Model),
            Won = lines.Sum(l => l.Won),
            Committed = lines.Any(l => l.Committed is not null) ? lines.Sum(l => l.Committed ?? 0) : null,
            Target = lines.Any(l => l.Target is not null) ? lines.Sum(l => l.Target ?? 0) : null,
        };

        public ForecastLineDto Line(IReadOnlyDictionary<long, string> teams) => new(
            OwnerId, Owner, TeamId, TeamId is { } t ? teams.GetValueOrDefault(t) : null, Open,
            Pipeline / 100m, Weighted / 100m, Model / 100m, Committed / 100m, Target / 100m, Won / 100m,
            StageForecast.Attainment(Won, Target));
    }
}
