using Guanxi.Domain.Models;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>
/// A model run's read of the service desk (issue 14): per customer, the mean survey rating and the complaints, as of an
/// instant. Two queries streamed into the builder (the complaints grouped, the answers averaged as they come), never a
/// query per customer.
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

        // Ratings: the year's answers read as they are and averaged here. Grouped by customer in SQL, SQLite sorted and
        // PostgreSQL hashed all of them (1.35M answers of 820,000 customers: the longest read of a run with the desk's data).
        var ratings = new Dictionary<long, (double Sum, int Count)>();
        string sql = $"SELECT customer_id, CASE WHEN kind = '{SurveyKind.Nps}' THEN 1 ELSE 0 END, score FROM satisfaction_surveys "
            + "WHERE answered_at >= @from AND answered_at < @end AND score IS NOT NULL" + (onlyCustomerId is null ? "" : " AND customer_id = @id");
        await using (var command = await db.CreateCommandAsync(sql, ct, ("@from", yearBefore), ("@end", end), ("@id", onlyCustomerId ?? 0)))
        await using (var rows = await command.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                int score = rows.GetInt32(2);
                ref var r = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ratings, rows.GetInt64(0), out _);
                r = (r.Sum + (rows.GetInt32(1) == 1 ? 1 + score * 0.4 : score), r.Count + 1);
            }
        }

        foreach (var (customerId, r) in ratings)
        {
            counts.Remove(customerId, out var c);
            builder.SetService(customerId, (float)(r.Sum / r.Count), c.Open, c.Year);
        }

        foreach (var (customerId, c) in counts)
        {
            builder.SetService(customerId, float.NaN, c.Open, c.Year);
        }
    }
}
