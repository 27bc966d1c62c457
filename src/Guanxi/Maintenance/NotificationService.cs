using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

public sealed record NotificationDto(long Id, NotificationKind Kind, long? CustomerId, string? CustomerName, long? TaskId, long? WinBackCaseId, DateTime CreatedAt, DateTime? ReadAt, long? ServiceRequestId);

public sealed record NotificationList(int Unread, IReadOnlyList<NotificationDto> Items);

/// <summary>The bell: one's own notifications (the query filter keeps everyone else's out), newest first.</summary>
public sealed class NotificationService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<NotificationList> ListAsync(bool unreadOnly, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = db.Scope.UserId;
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var q = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var items = await (
            from n in q.OrderByDescending(n => n.Id).Take(Math.Clamp(limit, 1, 200))
            from c in db.Customers.Where(c => c.Id == n.CustomerId).DefaultIfEmpty()
            select new NotificationDto(n.Id, n.Kind, n.CustomerId, c == null ? null : c.Name, n.TaskId, n.WinBackCaseId, n.CreatedAt, n.ReadAt, n.ServiceRequestId))
            .ToListAsync(ct);
        return new NotificationList(unread, items);
    }

    public async Task MarkReadAsync(long? id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = db.Scope.UserId;
        var q = db.Notifications.Where(n => n.UserId == me && n.ReadAt == null);
        if (id is { } one)
        {
            if (!await db.Notifications.AnyAsync(n => n.Id == one && n.UserId == me, ct)) throw new NotFoundException("Notification");
            q = q.Where(n => n.Id == one);
        }
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var n in await q.Take(1000).ToListAsync(ct)) n.ReadAt = now;
        await db.SaveChangesAsync(ct);
    }
}
