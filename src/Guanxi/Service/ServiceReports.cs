using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Guanxi.Domain.Service;
using Guanxi.Models;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Guanxi.Service;

/// <summary>One bar of a volume chart: a type, a channel or a layer (a class key of the comprehensive model; "" = not classified).</summary>
public sealed record ServiceVolumeDto(string Key, int Count);

/// <summary>
/// Deadlines of the requests in the range: met, breached (answered or resolved late, or still open past it) and pending
/// (open, not yet due). Requests closed without a resolution count in none of them. Rate = met / (met + breached).
/// </summary>
public sealed record SlaComplianceDto(int Met, int Breached, int Pending, double? Rate);

/// <summary>Elapsed minutes from creation: median and 90th percentile (nearest rank) over <see cref="Count"/> requests.</summary>
public sealed record ServiceDurationDto(int Count, int? MedianMinutes, int? P90Minutes);

/// <summary>
/// Satisfaction answered in one period of the report (days <see cref="From"/> to <see cref="To"/>, both included): the
/// CSAT answers and their mean (1–5), the NPS answers and the score (% promoters 9–10 minus % detractors 0–6).
/// </summary>
public sealed record SatisfactionTrendDto(DateOnly From, DateOnly To, int CsatAnswers, double? CsatAverage, int NpsAnswers, int? Nps);

/// <summary>The service report of requests made from <see cref="From"/> to <see cref="To"/> (days in the desk's zone, both included).</summary>
public sealed record ServiceReportDto(
    DateOnly From, DateOnly To, int Created, int Open, int Resolved,
    IReadOnlyList<ServiceVolumeDto> ByType, IReadOnlyList<ServiceVolumeDto> ByChannel, IReadOnlyList<ServiceVolumeDto> ByLayer,
    SlaComplianceDto FirstResponse, SlaComplianceDto Resolution, ServiceDurationDto FirstResponseTime, ServiceDurationDto ResolutionTime,
    IReadOnlyList<SatisfactionTrendDto> Satisfaction);

/// <summary>
/// The service desk's reports: volume by type, channel and customer layer, SLA compliance, first-response and resolution
/// times. Every figure is a grouped or ranked query on the requests the caller can see (the one query filter), so a report
/// reads a handful of aggregates, never the rows; percentiles are one ranked seek each on the stored elapsed minutes.
/// </summary>
public sealed class ServiceReports(IDbContextFactory<GuanxiDbContext> contexts, ServiceCalendar calendar, TimeProvider time)
{
    /// <summary>The layer of a report: the comprehensive model's classes (key, important, …) at the latest finished run.</summary>
    public const string LayerModel = ModelKeys.Comprehensive;

    public const int MaxDays = 731;

    public async Task<ServiceReportDto> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var (first, last) = Range(from, to);
        var zone = calendar.Zone;
        var start = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
        var end = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
        var now = time.GetUtcNow().UtcDateTime;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.ServiceRequests.AsNoTracking().Where(r => r.CreatedAt >= start && r.CreatedAt < end);

        var totals = await q.GroupBy(r => 1).Select(g => new
        {
            Created = g.Count(),
            Open = g.Count(r => r.IsOpen),
            Resolved = g.Count(r => r.ResolvedAt != null),
            ResponseMet = g.Count(r => r.ResponseDueAt != null && r.FirstRespondedAt != null && r.FirstRespondedAt <= r.ResponseDueAt),
            ResponseLate = g.Count(r => r.ResponseDueAt != null && r.FirstRespondedAt != null && r.FirstRespondedAt > r.ResponseDueAt),
            ResponseOverdue = g.Count(r => r.ResponseDueAt != null && r.FirstRespondedAt == null && r.IsOpen && r.ResponseDueAt < now),
            ResponsePending = g.Count(r => r.ResponseDueAt != null && r.FirstRespondedAt == null && r.IsOpen && r.ResponseDueAt >= now),
            ResolutionMet = g.Count(r => r.ResolutionDueAt != null && r.ResolvedAt != null && r.ResolvedAt <= r.ResolutionDueAt),
            ResolutionLate = g.Count(r => r.ResolutionDueAt != null && r.ResolvedAt != null && r.ResolvedAt > r.ResolutionDueAt),
            ResolutionOverdue = g.Count(r => r.ResolutionDueAt != null && r.ResolvedAt == null && r.IsOpen && r.ResolutionDueAt < now),
            ResolutionPending = g.Count(r => r.ResolutionDueAt != null && r.ResolvedAt == null && r.IsOpen && r.ResolutionDueAt >= now),
            Responded = g.Count(r => r.FirstResponseMinutes != null),
            Measured = g.Count(r => r.ResolutionMinutes != null),
        }).FirstOrDefaultAsync(ct);

        var byType = await q.GroupBy(r => r.Type).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var byChannel = await q.GroupBy(r => r.Channel).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var byLayer = await ByLayerAsync(db, q, ct);

        var responseTime = new ServiceDurationDto(totals?.Responded ?? 0,
            await RankAsync(q.Where(r => r.FirstResponseMinutes != null).Select(r => r.FirstResponseMinutes!.Value), totals?.Responded ?? 0, 0.5, ct),
            await RankAsync(q.Where(r => r.FirstResponseMinutes != null).Select(r => r.FirstResponseMinutes!.Value), totals?.Responded ?? 0, 0.9, ct));
        var resolutionTime = new ServiceDurationDto(totals?.Measured ?? 0,
            await RankAsync(q.Where(r => r.ResolutionMinutes != null).Select(r => r.ResolutionMinutes!.Value), totals?.Measured ?? 0, 0.5, ct),
            await RankAsync(q.Where(r => r.ResolutionMinutes != null).Select(r => r.ResolutionMinutes!.Value), totals?.Measured ?? 0, 0.9, ct));

        return new ServiceReportDto(first, last, totals?.Created ?? 0, totals?.Open ?? 0, totals?.Resolved ?? 0,
            [.. Enum.GetValues<ServiceRequestType>().Select(t => new ServiceVolumeDto(t.ToString(), byType.FirstOrDefault(x => x.Key == t)?.N ?? 0))],
            [.. Enum.GetValues<ServiceChannel>().Select(c => new ServiceVolumeDto(c.ToString(), byChannel.FirstOrDefault(x => x.Key == c)?.N ?? 0))],
            byLayer,
            Compliance(totals?.ResponseMet ?? 0, (totals?.ResponseLate ?? 0) + (totals?.ResponseOverdue ?? 0), totals?.ResponsePending ?? 0),
            Compliance(totals?.ResolutionMet ?? 0, (totals?.ResolutionLate ?? 0) + (totals?.ResolutionOverdue ?? 0), totals?.ResolutionPending ?? 0),
            responseTime, resolutionTime, await SatisfactionAsync(db, first, last, zone, ct));
    }

    /// <summary>
    /// The CSAT and NPS trend of the range: weeks (7-day periods from its first day) for up to 62 days, calendar months
    /// beyond. One grouped query per period on the surveys answered in it (an index seek on the answer time), at most 25.
    /// </summary>
    private static async Task<List<SatisfactionTrendDto>> SatisfactionAsync(GuanxiDbContext db, DateOnly first, DateOnly last, TimeZoneInfo zone, CancellationToken ct)
    {
        var trend = new List<SatisfactionTrendDto>();
        foreach (var (from, to) in Periods(first, last))
        {
            var start = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
            var end = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), DateTimeKind.Utc);
            var answered = await db.SatisfactionSurveys.AsNoTracking()
                .Where(v => v.AnsweredAt >= start && v.AnsweredAt < end && v.Score != null)
                .GroupBy(v => v.Kind)
                .Select(g => new { Kind = g.Key, N = g.Count(), Sum = g.Sum(v => (long?)v.Score) ?? 0, P = g.Count(v => v.Score >= 9), D = g.Count(v => v.Score <= 6) })
                .ToListAsync(ct);
            var csat = answered.FirstOrDefault(a => a.Kind == SurveyKind.Csat);
            var nps = answered.FirstOrDefault(a => a.Kind == SurveyKind.Nps);
            trend.Add(new SatisfactionTrendDto(from, to,
                csat?.N ?? 0, csat is { N: > 0 } c ? Math.Round((double)c.Sum / c.N, 2) : null,
                nps?.N ?? 0, nps is { N: > 0 } n ? (int)Math.Round(100.0 * (n.P - n.D) / n.N) : null));
        }
        return trend;
    }

    /// <summary>The report's periods: 7-day weeks from the first day up to 62 days, else calendar months (cut to the range).</summary>
    public static IEnumerable<(DateOnly From, DateOnly To)> Periods(DateOnly first, DateOnly last)
    {
        if (last.DayNumber - first.DayNumber < 62)
        {
            for (var from = first; from <= last; from = from.AddDays(7))
                yield return (from, from.AddDays(6) < last ? from.AddDays(6) : last);
            yield break;
        }
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            yield return (month < first ? first : month, end < last ? end : last);
        }
    }

    /// <summary>The range asked for, or the 30 days up to today in the desk's zone; at most <see cref="MaxDays"/> days.</summary>
    public (DateOnly From, DateOnly To) Range(DateOnly? from, DateOnly? to)
    {
        var e = new FieldErrors();
        if (from is { Year: < 2000 or > 2100 }) e.Add("from", "Use a day between 2000-01-01 and 2100-12-31.");
        if (to is { Year: < 2000 or > 2100 }) e.Add("to", "Use a day between 2000-01-01 and 2100-12-31.");
        e.ThrowIfAny();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), calendar.Zone).DateTime);
        var last = to ?? today;
        var first = from ?? last.AddDays(-29);
        if (first > last) e.Add("from", "The range starts after it ends (from is later than to).");
        else if (last.DayNumber - first.DayNumber + 1 > MaxDays) e.Add("to", $"A report covers at most {MaxDays} days.");
        e.ThrowIfAny();
        return (first, last);
    }

    private static SlaComplianceDto Compliance(int met, int breached, int pending) =>
        new(met, breached, pending, met + breached == 0 ? null : Math.Round((double)met / (met + breached), 4));

    /// <summary>The nearest-rank percentile: the ⌈p·n⌉-th smallest value, one ordered seek past the others.</summary>
    private static async Task<int?> RankAsync(IQueryable<int> values, int count, double p, CancellationToken ct)
    {
        if (count == 0) return null;
        var rank = Math.Max(1, (int)Math.Ceiling(p * count));
        return await values.OrderBy(v => v).Skip(rank - 1).Select(v => (int?)v).FirstOrDefaultAsync(ct);
    }

    private static async Task<List<ServiceVolumeDto>> ByLayerAsync(GuanxiDbContext db, IQueryable<ServiceRequest> q, CancellationToken ct)
    {
        var model = ModelCatalog.Find(LayerModel)!;
        var run = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (run is { } runId)
        {
            var grouped = await (
                from r in q
                join m in db.ModelResults.Where(m => m.RunId == runId) on r.CustomerId equals m.CustomerId into results
                from m in results.DefaultIfEmpty()
                group r by m == null ? (short?)null : m.Comprehensive into g
                select new { g.Key, N = g.Count() }).ToListAsync(ct);
            foreach (var g in grouped)
            {
                var key = ModelQueries.Key(model, g.Key) ?? "";
                counts[key] = counts.GetValueOrDefault(key) + g.N;
            }
        }
        else
        {
            counts[""] = await q.CountAsync(ct);
        }
        return [.. model.Classes.Select(c => new ServiceVolumeDto(c.Key, counts.GetValueOrDefault(c.Key))).Append(new ServiceVolumeDto("", counts.GetValueOrDefault("")))];
    }

    public static string FileNameOf(ServiceReportDto report) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"service-report-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.xlsx");

    /// <summary>The report as a workbook: a summary sheet, one sheet per breakdown and the satisfaction trend.</summary>
    public async Task WriteXlsxAsync(ServiceReportDto report, Stream output, CancellationToken ct = default)
    {
        static Dictionary<string, object?> Row(string figure, object? value) => new(StringComparer.Ordinal) { ["figure"] = figure, ["value"] = value };
        var summary = new List<Dictionary<string, object?>>
        {
            Row("from", report.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Row("to", report.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Row("created", report.Created),
            Row("open", report.Open),
            Row("resolved", report.Resolved),
            Row("first_response_met", report.FirstResponse.Met),
            Row("first_response_breached", report.FirstResponse.Breached),
            Row("first_response_pending", report.FirstResponse.Pending),
            Row("first_response_rate", report.FirstResponse.Rate),
            Row("resolution_met", report.Resolution.Met),
            Row("resolution_breached", report.Resolution.Breached),
            Row("resolution_pending", report.Resolution.Pending),
            Row("resolution_rate", report.Resolution.Rate),
            Row("first_response_minutes_median", report.FirstResponseTime.MedianMinutes),
            Row("first_response_minutes_p90", report.FirstResponseTime.P90Minutes),
            Row("resolution_minutes_median", report.ResolutionTime.MedianMinutes),
            Row("resolution_minutes_p90", report.ResolutionTime.P90Minutes),
        };
        static IEnumerable<Dictionary<string, object?>> Volume(string column, IEnumerable<ServiceVolumeDto> rows) =>
            rows.Select(v => new Dictionary<string, object?>(StringComparer.Ordinal) { [column] = Export.SpreadsheetCell.Safe(v.Key), ["requests"] = v.Count });
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["summary"] = summary,
            ["by_type"] = Volume("type", report.ByType).ToList(),
            ["by_channel"] = Volume("channel", report.ByChannel).ToList(),
            ["by_layer"] = Volume(LayerModel, report.ByLayer).ToList(),
            ["satisfaction"] = report.Satisfaction.Select(t => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["from"] = t.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = t.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["csat_answers"] = t.CsatAnswers,
                ["csat_average"] = t.CsatAverage,
                ["nps_answers"] = t.NpsAnswers,
                ["nps"] = t.Nps,
            }).ToList(),
        };
        await output.SaveAsAsync(sheets, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: ct);
    }
}
