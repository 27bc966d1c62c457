using Guanxi.Data.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;

namespace Guanxi.Data.Maintenance;

/// <summary>
/// What applying playbooks writes in one go: new win-back cases, tasks and alerts, thousands at a time. Behind the same
/// guard as a tracked save (the caller must hold ManagePlaybooks; the interceptors still run), but audited as one
/// operation with its counts rather than one audit row per generated task.
/// </summary>
public static class MaintenanceSetWrites
{
    private const int Chunk = 5000;

    public static async Task SaveGeneratedAsync(
        this GuanxiDbContext db,
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
        db.AuditedAsOneOperation = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.WinBackCases.AddRange(cases);
        await db.SaveChangesAsync(ct);
        foreach (var (task, winBack) in caseTasks) task.WinBackCaseId = winBack.Id;
        foreach (var chunk in caseTasks.Select(t => t.Task).Concat(tasks).Chunk(Chunk))
        {
            db.Tasks.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var chunk in alerts.Chunk(Chunk))
        {
            db.Notifications.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.AuditEvents.Add(CustomerSetWrites.Event(db, now, "playbooks-apply", "ModelRun", runId, null,
            new { tasks = tasks.Count + caseTasks.Count, alerts = alerts.Count, winBackCases = cases.Count }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
