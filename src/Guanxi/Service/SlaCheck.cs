using Guanxi.Data;
using Guanxi.Data.Service;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Service;
using Guanxi.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Service;

/// <summary>
/// The SLA check (`guanxi sla check`): marks and escalates breaches in one statement, warns each assignee once an hour before a
/// deadline and tells the assignee's manager once after it (bulk writes: a nightly check may escalate tens of
/// thousands at once); counts what is breached and what is due within the hour.
/// </summary>
public sealed class SlaCheck(IDbContextFactory<GuanxiDbContext> contexts, Data.Bulk.IBulkInsert bulk, ServiceCalendar calendar, TimeProvider time)
{
    /// <summary>As of now, or as of the end of <paramref name="asOf"/> in the calendar's zone.</summary>
    public async Task<SlaCheckSummary> RunAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var now = asOf is { } day
            ? TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), calendar.Zone)
            : time.GetUtcNow().UtcDateTime;
        var soon = now.AddHours(1);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stamp = time.GetUtcNow().UtcDateTime;
        var staff = await PlaybookEngine.StaffAsync(db, ct);
        // Counted before the writes, which change neither: on PostgreSQL the partial index answers alone while its pages
        // are all-visible, and after ~100,000 marked rows it would visit each.
        var breached = await db.ServiceRequests.CountAsync(r => r.IsOpen && r.NextDueAt < now, ct);
        var dueSoon = await db.ServiceRequests.CountAsync(r => r.IsOpen && r.NextDueAt >= now && r.NextDueAt < soon, ct);
        var writes = await db.CheckSlaAsync(bulk, now, soon, stamp, staff.ManagerOfUser, staff.ManagerOfTeam, ct);
        return new SlaCheckSummary(now, writes.Breached, breached, dueSoon, writes.Warned, writes.ManagersTold);
    }
}
