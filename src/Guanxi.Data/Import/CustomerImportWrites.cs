using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Import;

/// <summary>
/// The set-based writes of a customer import, in the caller's transaction. The same SQL on both databases (ON CONFLICT
/// is SQLite's and PostgreSQL's alike), so one implementation serves both. Like the rest of an import they act below
/// the per-record access rule: only a caller who may edit every customer runs an import.
/// </summary>
public sealed class CustomerImportWrites
{
    /// <summary>Tags each customer, keeping the tags it has.</summary>
    public async Task AddTagsAsync(GuanxiDbContext db, IEnumerable<(long CustomerId, string Tag)> tags, CancellationToken ct)
    {
        foreach (var (customerId, tag) in tags)
        {
            await db.ExecuteAsync("INSERT INTO customer_tags (customer_id, tag) VALUES (@c, @t) ON CONFLICT DO NOTHING", ct, ("@c", customerId), ("@t", tag));
        }
    }

    /// <summary>
    /// One set-based statement per reason: each customer with an id from <paramref name="min"/> to <paramref name="max"/>
    /// is paired with the earliest other customer sharing its phone digits or e-mail.
    /// </summary>
    public async Task FlagDuplicatesAsync(GuanxiDbContext db, long min, long max, DateTime now, CancellationToken ct)
    {
        foreach (var (column, reason) in new[] { ("phone_digits", DuplicateReason.SamePhone), ("email_normalized", DuplicateReason.SameEmail) })
        {
            await db.ExecuteAsync(
                "INSERT INTO duplicate_candidates (customer_id, duplicate_of_id, reason, status, found_at) " +
                $"SELECT n.id, MIN(o.id), @reason, @status, @now FROM customers n JOIN customers o ON o.{column} = n.{column} AND o.id < n.id " +
                $"WHERE n.id BETWEEN @min AND @max AND n.{column} IS NOT NULL GROUP BY n.id ON CONFLICT DO NOTHING",
                ct, ("@reason", reason.ToString()), ("@status", DuplicateStatus.Open.ToString()), ("@now", now), ("@min", min), ("@max", max));
        }
    }

    /// <summary>
    /// A referral to a customer later in the file, set once both exist; never overwrites a referrer the customer has.
    /// A link the file itself made, so neither the version nor the audit trail records it (as for the rows themselves).
    /// </summary>
    public Task SetReferrerAsync(GuanxiDbContext db, long customerId, long referrerId, CancellationToken ct) =>
        db.Customers.Where(c => c.Id == customerId && c.ReferredById == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReferredById, referrerId), ct);
}
