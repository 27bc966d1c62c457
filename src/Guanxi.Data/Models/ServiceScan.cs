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

/// <summary>
/// The same queries on both databases (PostgreSQL reads the answers by binary COPY: <c>PostgresServiceScan</c>); a model
/// run is a system job, so the scan looks below every access scope.
/// </summary>
public class ServiceScan(IDbContextFactory<GuanxiDbContext> contexts) : IServiceScan
{
    /// <summary>One answer: the customer, whether it is an NPS answer (0–10) rather than CSAT (1–5), the score.</summary>
    protected delegate void Answer(long customerId, bool nps, int score);

    /// <summary>The answers with a score given in [<paramref name="from"/>, <paramref name="end"/>), everyone's or one customer's.</summary>
    protected static readonly string AnswersSql = $"SELECT customer_id, CASE WHEN kind = '{SurveyKind.Nps}' THEN 1 ELSE 0 END, score FROM satisfaction_surveys "
        + "WHERE answered_at >= @from AND answered_at < @end AND score IS NOT NULL";

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

        // Ratings: the mean of the year's answers per customer.
        var ratings = new Dictionary<long, (double Sum, int Count)>();
        await ReadAnswersAsync(db, yearBefore, end, onlyCustomerId, (customerId, nps, score) =>
        {
            ref var r = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ratings, customerId, out _);
            r = (r.Sum + (nps ? 1 + score * 0.4 : score), r.Count + 1);
        }, ct);

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

    /// <summary>
    /// The year's answers read as they are, to be averaged per customer by the caller: grouped by customer in SQL, SQLite
    /// sorted and PostgreSQL hashed all of them (1.35M answers of 820,000 customers, the longest read of a run with the
    /// desk's data).
    /// </summary>
    protected virtual async Task ReadAnswersAsync(GuanxiDbContext db, DateTime from, DateTime end, long? onlyCustomerId, Answer answer, CancellationToken ct)
    {
        await using var command = await db.CreateCommandAsync(AnswersSql + (onlyCustomerId is null ? "" : " AND customer_id = @id"), ct,
            ("@from", from), ("@end", end), ("@id", onlyCustomerId ?? 0));
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            answer(rows.GetInt64(0), rows.GetInt32(1) == 1, rows.GetInt32(2));
        }
    }
}
