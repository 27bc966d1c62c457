using Guanxi.Domain.Models;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>
/// A model run's read of the service desk (issue 14): per customer, the mean survey rating and the complaints, as of an
/// instant. Two grouped queries streamed into the builder, never a query per customer.
/// </summary>
public interface IServiceScan
{
    /// <summary>
    /// Reads, before <paramref name="endUtc"/>: the mean rating (1–5; NPS mapped) of the surveys answered in the
    /// trailing 365 days, the complaints open at that instant and the complaints made in the trailing 365 days.
    /// </summary>
    Task ReadAsync(CustomerMetricsBuilder builder, DateTime endUtc, long? onlyCustomerId, CancellationToken ct);
}

/// <summary>The same LINQ on both databases; a model run is a system job, so the scan looks below every access scope.</summary>
public sealed class ServiceScan(IDbContextFactory<GuanxiDbContext> contexts) : IServiceScan
{
    public async Task ReadAsync(CustomerMetricsBuilder builder, DateTime endUtc, long? onlyCustomerId, CancellationToken ct)
    {
        var end = DateTime.SpecifyKind(endUtc, DateTimeKind.Utc);
        var yearBefore = end.AddDays(-365);
        await using var db = await contexts.CreateDbContextAsync(ct);

        // Complaints: open at the instant (made before it, neither resolved nor closed before it — a reopened one counts
        // again), and made in the trailing year. Few customers complain: kept in a map until the ratings are read.
        var complaints = db.ServiceRequests.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Type == ServiceRequestType.Complaint && r.CreatedAt < end);
        if (onlyCustomerId is { } one) complaints = complaints.Where(r => r.CustomerId == one);
        var counts = new Dictionary<long, (int Open, int Year)>();
        await foreach (var row in complaints
            .GroupBy(r => r.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Open = g.Count(r => (r.ResolvedAt == null || r.ResolvedAt >= end) && (r.ClosedAt == null || r.ClosedAt >= end)),
                Year = g.Count(r => r.CreatedAt >= yearBefore),
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            counts[row.CustomerId] = (row.Open, row.Year);
        }

        var answers = db.SatisfactionSurveys.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.AnsweredAt != null && s.AnsweredAt < end && s.AnsweredAt >= yearBefore && s.Score != null);
        if (onlyCustomerId is { } only) answers = answers.Where(s => s.CustomerId == only);
        await foreach (var row in answers
            .GroupBy(s => s.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Rating = g.Average(s => s.Kind == SurveyKind.Nps ? 1 + s.Score!.Value * 0.4 : (double)s.Score!.Value),
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            counts.Remove(row.CustomerId, out var c);
            builder.SetService(row.CustomerId, (float)row.Rating, c.Open, c.Year);
        }

        foreach (var (customerId, c) in counts)
        {
            builder.SetService(customerId, float.NaN, c.Open, c.Year);
        }
    }
}
