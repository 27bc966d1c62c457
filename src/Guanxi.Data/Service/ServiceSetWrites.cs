using Guanxi.Data.Bulk;
using Guanxi.Data.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Service;

/// <summary>
/// The SLA check's writes: every open request whose running deadline passed gets its breach time and its escalation (when
/// and to whom) in one statement; the warnings before a deadline are another, the notifications a bulk write. Each behind
/// the same right as a tracked change of a request and audited as one operation with its counts (a tracked save per
/// request wrote an audit row each: 45 s for 90,000 escalations).
/// </summary>
public static class ServiceSetWrites
{
    private const int Chunk = 5000;

    /// <summary>
    /// Notices of one kind one person gets from one check, one per request; beyond this, one notice for them all (no request
    /// of its own: it opens the queue's view). Nobody reads a thousand bells, and on PostgreSQL each notice's reference
    /// checks (to its user, customer and request) cost more than marking the request.
    /// </summary>
    public const int NoticesPerPerson = 20;
    private static readonly string[] NotificationColumns = ["user_id", "kind", "customer_id", "service_request_id", "created_at"];

    /// <summary>What the check changed of one request: newly marked breached, newly escalated, to whom.</summary>
    public sealed record SlaDue(long Id, long CustomerId, long? AssigneeId, bool Unmarked = false, bool Unescalated = false, long? Manager = null);

    /// <summary>What one check changed.</summary>
    public sealed record SlaCheckWrites(int Breached, int Warned, int Escalated, int ManagersTold);

    /// <summary>
    /// The whole check's writes in one transaction: every open request whose running deadline passed gets its breach
    /// time and is escalated once, in one <c>UPDATE</c> that also records the manager told (the assignee's manager from
    /// <paramref name="managerOfUser"/>, else the team's from <paramref name="managerOfTeam"/>), who gets a notification;
    /// each assignee is warned once of an open request due in [now, soon). Up to <see cref="NoticesPerPerson"/> notices
    /// of a kind per person name their request; more become one. A request is marked, warned or escalated once
    /// however often the check runs. The first check after an import or an outage marks and escalates ~100,000 requests
    /// at once: one statement and one commit for them, and no history row each (on PostgreSQL each row's reference
    /// check to its request cost more than the update itself; the history shows the escalation from the request).
    /// </summary>
    public static async Task<SlaCheckWrites> CheckSlaAsync(
        this GuanxiDbContext db, IBulkInsert bulk, DateTime nowUtc, DateTime soonUtc, DateTime stampUtc,
        IReadOnlyDictionary<long, long> managerOfUser, IReadOnlyDictionary<long, long> managerOfTeam, CancellationToken ct)
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
            RETURNING id, customer_id, assignee_id, 0, 0, NULL
            """, nowUtc, soonUtc, ct);
        var overdue = await ReturnedAsync(db, $"""
            UPDATE service_requests SET breached_at = coalesce(breached_at, @now), escalated_at = coalesce(escalated_at, @now),
                escalated_to_id = CASE WHEN escalated_at IS NULL THEN {ManagerCase(managerOfUser, managerOfTeam)} ELSE escalated_to_id END
            WHERE is_open AND next_due_at < @now AND (breached_at IS NULL OR escalated_at IS NULL)
            RETURNING id, customer_id, assignee_id,
                CASE WHEN breached_at = @now THEN 1 ELSE 0 END, CASE WHEN escalated_at = @now THEN 1 ELSE 0 END, escalated_to_id
            """, nowUtc, soonUtc, ct);
        if (warn.Count == 0 && overdue.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new SlaCheckWrites(0, 0, 0, 0);
        }

        var escalated = overdue.Where(r => r.Unescalated).ToList();
        var kindWarning = NotificationKind.SlaWarning.ToString();
        var kindBreached = NotificationKind.SlaBreached.ToString();
        var notifications = Notices(warn, r => r.AssigneeId, kindWarning, stampUtc).Concat(Notices(escalated, r => r.Manager, kindBreached, stampUtc));
        foreach (var rows in notifications.Chunk(Chunk))
            await bulk.InsertAsync(db, "notifications", NotificationColumns, rows, ct);
        var breached = overdue.Count(r => r.Unmarked);
        var told = escalated.Count(r => r.Manager is not null);
        db.AuditEvents.Add(CustomerSetWrites.Event(db, stampUtc, "sla-check", "ServiceRequest", null, null,
            new { breached, warned = warn.Count, escalated = escalated.Count, managersTold = told }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SlaCheckWrites(breached, warn.Count, escalated.Count, told);
    }

    /// <summary>Each person's notices of one kind: one per request, or one for all beyond <see cref="NoticesPerPerson"/>.</summary>
    private static IEnumerable<object?[]> Notices(IEnumerable<SlaDue> due, Func<SlaDue, long?> person, string kind, DateTime stampUtc) =>
        due.Where(r => person(r) is not null).GroupBy(r => person(r)!.Value).SelectMany(g => g.Count() <= NoticesPerPerson
            ? g.Select(r => new object?[] { g.Key, kind, r.CustomerId, r.Id, stampUtc })
            : [new object?[] { g.Key, kind, null, null, stampUtc }]);

    /// <summary>
    /// The manager of a request's assignee, else of its team, as one SQL expression: a branch per manager with the ids of
    /// the users and of the teams they manage (whole numbers only). A list of constants is a hashed lookup on PostgreSQL
    /// and an index on SQLite, so a row costs about one probe per manager, and staff counts are small beside requests.
    /// </summary>
    private static string ManagerCase(IReadOnlyDictionary<long, long> managerOfUser, IReadOnlyDictionary<long, long> managerOfTeam)
    {
        static string Ids(IEnumerable<long> ids) => string.Join(", ", ids.Order().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        static string N(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Every user branch before any team branch: an assignee with a manager goes to them, whatever the team.
        var branches = managerOfUser.GroupBy(x => x.Value).OrderBy(g => g.Key).Select(g => $"WHEN assignee_id IN ({Ids(g.Select(x => x.Key))}) THEN {N(g.Key)}")
            .Concat(managerOfTeam.GroupBy(x => x.Value).OrderBy(g => g.Key).Select(g => $"WHEN team_id IN ({Ids(g.Select(x => x.Key))}) THEN {N(g.Key)}"))
            .ToList();
        return branches.Count == 0 ? "NULL" : "CASE " + string.Join(" ", branches) + " END";
    }

    private static async Task<List<SlaDue>> ReturnedAsync(GuanxiDbContext db, string sql, DateTime nowUtc, DateTime soonUtc, CancellationToken ct)
    {
        await using var command = await db.CreateCommandAsync(sql, ct, ("@now", nowUtc), ("@soon", soonUtc));
        await using var rows = await command.ExecuteReaderAsync(ct);
        var due = new List<SlaDue>();
        while (await rows.ReadAsync(ct))
        {
            due.Add(new SlaDue(rows.GetInt64(0), rows.GetInt64(1), rows.IsDBNull(2) ? null : rows.GetInt64(2),
                Convert.ToInt32(rows.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 1,
                Convert.ToInt32(rows.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) == 1,
                rows.IsDBNull(5) ? null : Convert.ToInt64(rows.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return due;
    }
}
