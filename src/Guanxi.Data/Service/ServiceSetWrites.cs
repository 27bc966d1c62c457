using Guanxi.Data.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Service;

/// <summary>
/// The SLA check's write: every open request whose running deadline passed gets its breach time, in one statement,
/// behind the same right as a tracked change of a request and audited as one operation with its count.
/// </summary>
public static class ServiceSetWrites
{
    public static async Task<int> MarkBreachesAsync(this GuanxiDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        db.Demand(Right.WorkServiceRequests);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var marked = await db.ServiceRequests
            .Where(r => r.IsOpen && r.BreachedAt == null && r.NextDueAt != null && r.NextDueAt < nowUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BreachedAt, nowUtc), ct);
        if (marked > 0)
        {
            db.AuditEvents.Add(CustomerSetWrites.Event(db, nowUtc, "sla-check", "ServiceRequest", null, null, new { breached = marked }));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return marked;
    }
}
