using Guanxi.Data.Bulk;
using Guanxi.Data.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Service;

/// <summary>
/// The SLA check's writes: every open request whose running deadline passed gets its breach time and escalation in one
/// statement; the warnings before a deadline are another, the history lines and notifications bulk writes. Each behind the same right as a
/// tracked change of a request and audited as one operation with its counts (a tracked save per request wrote an
/// audit row each: 45 s for 90,000 escalations).
/// </summary>
public static class ServiceSetWrites
{
    private const int Chunk = 5000;
    private static readonly string[] NotificationColumns = ["user_id", "kind", "customer_id", "service_request_id", "created_at"];
    private static readonly string[] EventColumns = ["request_id", "kind", "to_value", "at"];

    /// <summary>What the check needs of an overdue or nearly due request.</summary>
    public sealed record SlaDue(long Id, long CustomerId, long? AssigneeId, long? TeamId, bool Unmarked = false, bool Unescalated = false);

    /// <summary>What one check changed.</summary>
    public sealed record SlaCheckWrites(int Breached, int Warned, int Escalated, int ManagersTold);

    /// <summary>
    /// The whole check's writes in one transaction: every open request whose running deadline passed gets its breach
    /// time and is escalated once (a history line, and a notification to the manager <paramref name="managerOf"/>
    /// names, none if null), in one <c>UPDATE</c>; each assignee is warned once of an open request due in [now, soon).
    /// A request is marked, warned or escalated once however often the check runs. One statement and one commit for
    /// both marks: the first check after an import or an outage marks and escalates ~100,000 requests at once, and a
    /// second pass over the same rows (with its own commit) was most of its time.
    /// </summary>
    public static async Task<SlaCheckWrites> CheckSlaAsync(
        this GuanxiDbContext db, IBulkInsert bulk, DateTime nowUtc, DateTime soonUtc, DateTime stampUtc,
        Func<SlaDue, long?> managerOf, CancellationToken ct)
    {
        db.Demand(Right.WorkServiceRequests);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Each kind is one UPDATE that returns what it changed: a separate read of the same rows first was a quarter of
        // the first check's time (~100,000 requests scattered over the table, walked twice). The same SQL on both
        // databases; the breach and escalation marks are only ever set here, together, so a returned mark equal to now
        // is one this statement set.
        var warn = await ReturnedAsync(db, """
            UPDATE service_requests SET warned_at = @now
            WHERE is_open AND assignee_id IS NOT NULL AND warned_at IS NULL AND next_due_at >= @now AND next_due_at < @soon
            RETURNING id, customer_id, assignee_id, team_id, 0, 0
            """, nowUtc, soonUtc, ct);
        var overdue = await ReturnedAsync(db, """
            UPDATE service_requests SET breached_at = coalesce(breached_at, @now), escalated_at = coalesce(escalated_at, @now)
            WHERE is_open AND next_due_at < @now AND (breached_at IS NULL OR escalated_at IS NULL)
            RETURNING id, customer_id, assignee_id, team_id,
                CASE WHEN breached_at = @now THEN 1 ELSE 0 END, CASE WHEN escalated_at = @now THEN 1 ELSE 0 END
            """, nowUtc, soonUtc, ct);
        if (warn.Count == 0 && overdue.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new SlaCheckWrites(0, 0, 0, 0);
        }

        var managers = overdue.Where(r => r.Unescalated).Select(r => (Request: r, Manager: managerOf(r))).ToList();
        var kindWarning = NotificationKind.SlaWarning.ToString();
        var kindBreached = NotificationKind.SlaBreached.ToString();
        var notifications = warn.Select(r => new object?[] { r.AssigneeId, kindWarning, r.CustomerId, r.Id, stampUtc })
            .Concat(managers.Where(m => m.Manager is not null).Select(m => new object?[] { m.Manager, kindBreached, m.Request.CustomerId, m.Request.Id, stampUtc }));
        foreach (var rows in notifications.Chunk(Chunk))
            await bulk.InsertAsync(db, "notifications", NotificationColumns, rows, ct);
        foreach (var rows in managers.Chunk(Chunk))
        {
            await bulk.InsertAsync(db, "service_request_events", EventColumns,
                [.. rows.Select(m => new object?[] { m.Request.Id, "escalated", m.Manager?.ToString(System.Globalization.CultureInfo.InvariantCulture), stampUtc })], ct);
        }
        var breached = overdue.Count(r => r.Unmarked);
        var told = managers.Count(m => m.Manager is not null);
        db.AuditEvents.Add(CustomerSetWrites.Event(db, stampUtc, "sla-check", "ServiceRequest", null, null,
            new { breached, warned = warn.Count, escalated = managers.Count, managersTold = told }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SlaCheckWrites(breached, warn.Count, managers.Count, told);
    }

    private static async Task<List<SlaDue>> ReturnedAsync(GuanxiDbContext db, string sql, DateTime nowUtc, DateTime soonUtc, CancellationToken ct)
    {
        await using var command = await db.CreateCommandAsync(sql, ct, ("@now", nowUtc), ("@soon", soonUtc));
        await using var rows = await command.ExecuteReaderAsync(ct);
        var due = new List<SlaDue>();
        while (await rows.ReadAsync(ct))
        {
            due.Add(new SlaDue(rows.GetInt64(0), rows.GetInt64(1), rows.IsDBNull(2) ? null : rows.GetInt64(2), rows.IsDBNull(3) ? null : rows.GetInt64(3),
                Convert.ToInt32(rows.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) == 1,
                Convert.ToInt32(rows.GetValue(5), System.Globalization.CultureInfo.InvariantCulture) == 1));
        }
        return due;
    }
}
