using Guanxi.Data;
using Guanxi.Data.Service;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Service;
using Guanxi.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Service;

/// <summary>
/// The SLA check (`guanxi sla check`): marks breaches in one statement, warns each assignee once an hour before a
/// deadline and tells the assignee's manager once after it; counts what is breached and what is due within the hour.
/// </summary>
public sealed class SlaCheck(IDbContextFactory<GuanxiDbContext> contexts, ServiceCalendar calendar, TimeProvider time)
{
    private const int Batch = 1000;

    /// <summary>As of now, or as of the end of <paramref name="asOf"/> in the calendar's zone.</summary>
    public async Task<SlaCheckSummary> RunAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var now = asOf is { } day
            ? TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), calendar.Zone)
            : time.GetUtcNow().UtcDateTime;
        var soon = now.AddHours(1);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var marked = await db.MarkBreachesAsync(now, ct);
        var stamp = time.GetUtcNow().UtcDateTime;

        var warned = 0;
        while (true)
        {
            var batch = await db.ServiceRequests
                .Where(r => r.IsOpen && r.AssigneeId != null && r.WarnedAt == null && r.NextDueAt >= now && r.NextDueAt < soon)
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var r in batch)
            {
                r.WarnedAt = now;
                db.Notifications.Add(new Notification { UserId = r.AssigneeId!.Value, Kind = NotificationKind.SlaWarning, CustomerId = r.CustomerId, ServiceRequestId = r.Id, CreatedAt = stamp });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            warned += batch.Count;
        }

        var escalated = 0;
        var staff = await PlaybookEngine.StaffAsync(db, ct);
        while (true)
        {
            var batch = await db.ServiceRequests
                .Where(r => r.IsOpen && r.EscalatedAt == null && r.NextDueAt < now)
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var r in batch)
            {
                r.EscalatedAt = now;
                long? manager = r.AssigneeId is { } a && staff.ManagerOfUser.TryGetValue(a, out var m) ? m
                    : r.TeamId is { } t && staff.ManagerOfTeam.TryGetValue(t, out var tm) ? tm : null;
                db.ServiceRequestEvents.Add(new ServiceRequestEvent { RequestId = r.Id, Kind = "escalated", ToValue = manager?.ToString(System.Globalization.CultureInfo.InvariantCulture), At = stamp });
                if (manager is not { } to) continue;
                db.Notifications.Add(new Notification { UserId = to, Kind = NotificationKind.SlaBreached, CustomerId = r.CustomerId, ServiceRequestId = r.Id, CreatedAt = stamp });
                escalated++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var breached = await db.ServiceRequests.CountAsync(r => r.IsOpen && r.NextDueAt < now, ct);
        var dueSoon = await db.ServiceRequests.CountAsync(r => r.IsOpen && r.NextDueAt >= now && r.NextDueAt < soon, ct);
        return new SlaCheckSummary(now, marked, breached, dueSoon, warned, escalated);
    }
}
