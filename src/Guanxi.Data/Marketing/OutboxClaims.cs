using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Marketing;

/// <summary>
/// The outbox sender's set-based writes (decision 0013: named operations of Guanxi.Data), each demanding
/// <see cref="Right.ManageMarketing"/>. They touch outbox rows only, never customer records.
/// </summary>
public static class OutboxClaims
{
    public const string InterruptedError = "Interrupted after it was handed over; not resent (it may have been delivered).";

    /// <summary>
    /// Claims whose lease ran out (their sender died): a message never handed over is queued again; one that was handed
    /// over is failed with <see cref="InterruptedError"/>, since the server may have accepted it. Returns how many of each.
    /// </summary>
    public static async Task<(int Requeued, int Interrupted)> RecoverExpiredClaimsAsync(this GuanxiDbContext db, DateTime now, CancellationToken ct)
    {
        db.Demand(Right.ManageMarketing);
        var requeued = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now && m.HandedOverAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.ClaimId, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), ct);
        var interrupted = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now && m.HandedOverAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.ClaimId, (string?)null).SetProperty(m => m.LastError, InterruptedError), ct);
        return (requeued, interrupted);
    }

    /// <summary>
    /// Claims up to <paramref name="batch"/> due queued messages for <paramref name="claimId"/> until <paramref name="leaseUntil"/>
    /// (one conditional update: a row another sender claimed first is not taken), counting the attempt; returns them tracked.
    /// </summary>
    public static async Task<List<OutboxMessage>> ClaimDueAsync(this GuanxiDbContext db, DateTime now, int batch, string claimId, DateTime leaseUntil, CancellationToken ct)
    {
        db.Demand(Right.ManageMarketing);
        var due = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(Math.Max(1, batch)).ToListAsync(ct);
        if (due.Count == 0) return [];
        await db.OutboxMessages.Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimId, claimId).SetProperty(m => m.LeaseUntil, leaseUntil)
                .SetProperty(m => m.HandedOverAt, (DateTime?)null).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        return await db.OutboxMessages.Where(m => m.ClaimId == claimId && m.Status == OutboxStatus.Sending).OrderBy(m => m.Id).ToListAsync(ct);
    }
}
