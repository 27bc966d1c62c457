using Guanxi.Data.Bulk;
using Guanxi.Data.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Maintenance;

/// <summary>
/// What applying playbooks writes in one go: new win-back cases, tasks and alerts, up to hundreds of thousands at a time
/// at a million customers. A bulk write (the data seam's <see cref="IBulkInsert"/>: binary COPY on PostgreSQL, one
/// INSERT … SELECT on SQLite) behind the same guard as a tracked save — the caller must hold ManagePlaybooks — and audited
/// as one operation with its counts rather than one audit row per generated task. All or nothing.
/// </summary>
public static class MaintenanceSetWrites
{
    private const int Chunk = 50_000;

    private static readonly string[] CaseColumns =
        ["customer_id", "owner_id", "state", "reason", "opened_on", "window_days", "run_id", "created_at", "updated_at", "version"];

    private static readonly string[] TaskColumns =
    [
        "customer_id", "assignee_id", "kind", "title", "due_at", "priority", "state", "origin", "playbook_id", "playbook_version",
        "step_key", "win_back_case_id", "created_at", "updated_at", "version",
    ];

    private static readonly string[] AlertColumns = ["user_id", "kind", "customer_id", "win_back_case_id", "run_id", "created_at"];

    public static async Task SaveGeneratedAsync(
        this GuanxiDbContext db,
        IBulkInsert bulk,
        IReadOnlyList<WinBackCase> cases,
        IReadOnlyList<(CustomerTask Task, WinBackCase Case)> caseTasks,
        IReadOnlyList<CustomerTask> tasks,
        IReadOnlyList<Notification> alerts,
        long runId,
        DateTime now,
        CancellationToken ct)
    {
        db.Demand(Right.ManagePlaybooks);
        // Nothing new (a second application on unchanged data): nothing written, not even an audit row.
        if (cases.Count == 0 && caseTasks.Count == 0 && tasks.Count == 0 && alerts.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in cases.Chunk(Chunk))
        {
            await bulk.InsertAsync(db, "win_back_cases", CaseColumns,
                [.. chunk.Select(c => new object?[] { c.CustomerId, c.OwnerId, c.State.ToString(), c.Reason, c.OpenedOn, c.WindowDays, c.RunId, now, now, 1L })], ct);
        }
        // A customer has one open case at most (a unique index), so the new cases' ids are found by customer.
        var ids = new Dictionary<long, long>();
        foreach (var chunk in cases.Select(c => c.CustomerId).Chunk(5000))
        {
            var found = await db.WinBackCases.AsNoTracking()
                .Where(w => chunk.Contains(w.CustomerId) && w.RunId == runId && w.State == WinBackState.Open)
                .Select(w => new { w.CustomerId, w.Id }).ToListAsync(ct);
            foreach (var f in found) ids[f.CustomerId] = f.Id;
        }
        foreach (var (task, winBack) in caseTasks) task.WinBackCaseId = ids[winBack.CustomerId];
        foreach (var chunk in caseTasks.Select(t => t.Task).Concat(tasks).Chunk(Chunk))
        {
            await bulk.InsertAsync(db, "tasks", TaskColumns,
                [.. chunk.Select(t => new object?[]
                {
                    t.CustomerId, t.AssigneeId, t.Kind.ToString(), t.Title, DateTime.SpecifyKind(t.DueAt, DateTimeKind.Unspecified), t.Priority.ToString(),
                    t.State.ToString(), t.Origin.ToString(), t.PlaybookId, t.PlaybookVersion, t.StepKey, t.WinBackCaseId, now, now, 1L,
                })], ct);
        }
        // The bell: churn alerts, and each new case for its owner.
        var opened = cases.Where(c => c.OwnerId is not null).Select(c => new Notification
        {
            UserId = c.OwnerId!.Value, Kind = NotificationKind.WinBackOpened, CustomerId = c.CustomerId, WinBackCaseId = ids[c.CustomerId], RunId = runId,
        });
        foreach (var chunk in alerts.Concat(opened).Chunk(Chunk))
        {
            await bulk.InsertAsync(db, "notifications", AlertColumns,
                [.. chunk.Select(n => new object?[] { n.UserId, n.Kind.ToString(), n.CustomerId, n.WinBackCaseId, n.RunId, now })], ct);
        }
        db.AuditEvents.Add(CustomerSetWrites.Event(db, now, "playbooks-apply", "ModelRun", runId, null,
            new { tasks = tasks.Count + caseTasks.Count, alerts = alerts.Count, winBackCases = cases.Count }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
