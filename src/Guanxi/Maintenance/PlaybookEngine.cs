using Guanxi.Data;
using Guanxi.Data.Maintenance;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Models;
using Guanxi.Hosting;
using Guanxi.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

/// <summary>What applying the playbooks did (or, in a dry run, would do).</summary>
public sealed record ApplySummary(long? RunId, DateOnly AsOf, int Tasks, int Alerts, int WinBackCases, int AlreadyOpen, int WonBack, bool DryRun)
{
    /// <summary>The CLI's last line (a contract: outside checks read it).</summary>
    public string Line => $"created {Tasks} tasks, {Alerts} alerts, {WinBackCases} win-back cases; {AlreadyOpen} already open";
}

/// <summary>One task a playbook would create, for the preview.</summary>
public sealed record PlannedTask(long CustomerId, string CustomerName, long? AssigneeId, TaskKind Kind, string Title, DateTime DueAt, string StepKey);

public sealed record PlaybookPreview(long PlaybookId, long? RunId, int Total, int AlreadyOpen, IReadOnlyList<PlannedTask> Tasks);

/// <summary>
/// Turns the latest model run into work: customers who entered a class with a playbook get its tasks, customers whose last
/// contact is older than their layer's cadence get a contact task, customers entering churn warning raise an alert to their
/// owner, high-value customers entering lost open a win-back case, and open cases whose customer bought again are won
/// back. Idempotent: "entering" compares the latest run with the one before, and open steps, alerts per run and open
/// cases are never created twice.
/// </summary>
public sealed class PlaybookEngine(IDbContextFactory<GuanxiDbContext> contexts, Data.Bulk.IBulkInsert bulk, TimeProvider time)
{
    /// <summary>A purchase within this many days of a win-back case's opening wins the customer back.</summary>
    public const int WinBackWindowDays = 90;

    internal sealed record Staff(IReadOnlyDictionary<long, long> ManagerOfUser, IReadOnlyDictionary<long, long> ManagerOfTeam);

    public async Task<ApplySummary> ApplyAsync(DateOnly? asOf, bool dryRun, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ManagePlaybooks);
        var today = asOf ?? time.Today();
        var (run, previous) = await RunsAsync(db, ct);
        if (run is null) return new ApplySummary(null, today, 0, 0, 0, 0, 0, dryRun);

        var staff = await StaffAsync(db, ct);
        var playbooks = (await db.Playbooks.AsNoTracking().ToListAsync(ct)).Where(p => p.ActsOn(today)).ToList();
        var changes = await RunChanges.ReadAsync(db, run, previous?.Id, [.. BuiltIn(playbooks.Select(p => p.ModelKey).Append(ModelKeys.Lost))],
            [.. playbooks.Where(p => !IsCustom(p.ModelKey))], today, ct);
        var entered = new Dictionary<string, List<Entered>>(changes.Entering, StringComparer.Ordinal);
        async Task<List<Entered>> EnteredOf(string model) =>
            entered.TryGetValue(model, out var list) ? list : entered[model] = await EnteringCustomAsync(db, model, run.Id, previous?.Id, ct);

        var openSteps = await OpenStepsByPlaybookAsync(db, ct);
        var tasks = new List<CustomerTask>();
        int alreadyOpen = 0;
        foreach (var playbook in playbooks)
        {
            var lapsed = changes.LapsedByPlaybook.GetValueOrDefault(playbook.Id);
            var open = lapsed is null ? null : openSteps.GetValueOrDefault(playbook.Id) ?? NoSteps;
            var plan = await PlanAsync(db, playbook, await EnteredOf(playbook.ModelKey), lapsed, open, run.Id, staff, today, ct);
            tasks.AddRange(plan.Tasks);
            alreadyOpen += plan.AlreadyOpen;
        }

        var lost = await EnteredOf(ModelKeys.Lost);
        var alerts = await AlertsAsync(db, lost, run.Id, ct);
        var (cases, caseTasks, casesOpen) = await WinBackAsync(db, lost, run.Id, today, ct);
        alreadyOpen += casesOpen;
        int wonBack = 0;
        if (!dryRun)
        {
            await db.SaveGeneratedAsync(bulk, cases, caseTasks, tasks, alerts, run.Id, time.GetUtcNow().UtcDateTime, ct);
            wonBack = await CloseWonBackAsync(today, ct);
            await RecordFlowsAsync(run, previous, playbooks.Select(p => p.ModelKey).Distinct(), changes, ct);
        }
        return new ApplySummary(run.Id, today, tasks.Count + caseTasks.Count, alerts.Count, cases.Count, alreadyOpen, wonBack, dryRun);
    }

    /// <summary>The tasks one playbook would create now, without writing anything.</summary>
    public async Task<PlaybookPreview> PreviewAsync(long playbookId, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == playbookId, ct) ?? throw new Common.NotFoundException("Playbook");
        var (run, previous) = await RunsAsync(db, ct);
        if (run is null) return new PlaybookPreview(playbookId, null, 0, 0, []);
        var today = time.Today();
        var plan = IsCustom(playbook.ModelKey)
            ? await PlanAsync(db, playbook, await EnteringCustomAsync(db, playbook.ModelKey, run.Id, previous?.Id, ct), null, null, run.Id, await StaffAsync(db, ct), today, ct)
            : await PlanBuiltInAsync();
        async Task<PlaybookPlan> PlanBuiltInAsync()
        {
            var changes = await RunChanges.ReadAsync(db, run, previous?.Id, [playbook.ModelKey], [playbook], today, ct);
            var open = await OpenStepsAsync(db, playbook.Id, ct);
            return await PlanAsync(db, playbook, changes.Entering[playbook.ModelKey], changes.LapsedByPlaybook[playbook.Id], open, run.Id, await StaffAsync(db, ct), today, ct);
        }
        var shown = plan.Tasks.Take(Math.Clamp(limit, 1, 500)).ToList();
        var ids = shown.Select(t => t.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        // Only what the caller may see of it: customers out of reach are counted, not listed.
        var items = shown.Where(t => names.ContainsKey(t.CustomerId))
            .Select(t => new PlannedTask(t.CustomerId, names[t.CustomerId], t.AssigneeId, t.Kind, t.Title, t.DueAt, t.StepKey!)).ToList();
        return new PlaybookPreview(playbookId, run.Id, plan.Tasks.Count, plan.AlreadyOpen, items);
    }

    internal static async Task<(ModelRun? Run, ModelRun? Previous)> RunsAsync(GuanxiDbContext db, CancellationToken ct)
    {
        var two = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).Take(2).ToListAsync(ct);
        return (two.ElementAtOrDefault(0), two.ElementAtOrDefault(1));
    }

    /// <summary>
    /// One playbook's plan: the steps for customers who entered its class, a contact for lapsed members with nothing of the
    /// playbook open, a count of those whose cadence task is open. The open steps are read once (the open-step index); the
    /// lapsed members of a built-in model come from the run's single pass (<see cref="RunChanges"/>), those of a custom
    /// model from a query that leaves the members with an open step in the database.
    /// </summary>
    private static async Task<PlaybookPlan> PlanAsync(
        GuanxiDbContext db, Playbook playbook, List<Entered> entered, List<Lapsed>? lapsed, ILookup<long, string>? openSteps, long runId, Staff staff,
        DateOnly today, CancellationToken ct)
    {
        var entering = entered.Where(e => e.Class == playbook.ClassKey).ToList();
        ILookup<long, string> open;
        List<Lapsed> due;
        int cadenceOpen;
        if (lapsed is not null)
        {
            open = openSteps ?? throw new ArgumentNullException(nameof(openSteps), "A built-in model's playbook is planned with its open steps.");
            due = [.. lapsed.Where(m => !open.Contains(m.CustomerId))];
            cadenceOpen = lapsed.Count(m => open[m.CustomerId].Contains(PlaybookSteps.Cadence, StringComparer.Ordinal));
        }
        else
        {
            open = await OpenStepsAsync(db, playbook.Id, entering.Select(e => e.CustomerId), ct);
            var cutoff = today.AddDays(-playbook.CadenceDays).ToDateTime(TimeOnly.MinValue);
            var members = LapsedMembers(db, playbook, runId, cutoff);
            due = (await members.Where(m => !db.Tasks.Any(t => t.PlaybookId == playbook.Id && t.CustomerId == m.CustomerId && t.State == TaskState.Open))
                .Select(m => new { m.CustomerId, m.OwnerId }).ToListAsync(ct)).Select(m => new Lapsed(m.CustomerId, m.OwnerId)).ToList();
            cadenceOpen = await members.CountAsync(m => db.Tasks.Any(t => t.PlaybookId == playbook.Id && t.CustomerId == m.CustomerId
                && t.State == TaskState.Open && t.StepKey == PlaybookSteps.Cadence), ct);
        }
        var plan = PlaybookPlanner.Plan(playbook, entering.Select(e => Member(e.CustomerId, e.OwnerId, staff)),
            due.Select(d => Member(d.CustomerId, d.OwnerId, staff)), open, staff.ManagerOfTeam, today);
        // The planner counts the open template steps of entering customers; the open cadence tasks are counted here.
        return plan with { AlreadyOpen = plan.AlreadyOpen + cadenceOpen };
    }

    private static readonly ILookup<long, string> NoSteps = Array.Empty<(long, string)>().ToLookup(r => r.Item1, r => r.Item2);

    /// <summary>
    /// The open steps of every playbook, in one read of the open-step index (playbook, customer, step where open): SQLite
    /// answers a read per playbook through the (playbook, due) index with a table lookup per row, eight times slower.
    /// </summary>
    private static async Task<Dictionary<long, ILookup<long, string>>> OpenStepsByPlaybookAsync(GuanxiDbContext db, CancellationToken ct)
    {
        var byPlaybook = new Dictionary<long, ILookup<long, string>>();
        var rows = new List<(long Customer, string Step)>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal); // a few distinct step keys, shared
        long current = 0;
        // The index returns the rows by playbook: each playbook's lookup is made as soon as its rows are read. EF writes
        // the SQL (with the access filter); the rows, over a million on a large base, are read by position, without
        // EF's per-row materialising that was half of this read's time.
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Tasks.AsNoTracking().Where(t => t.State == TaskState.Open && t.PlaybookId != null)
            .OrderBy(t => t.PlaybookId).Select(t => new { t.PlaybookId, t.CustomerId, t.StepKey }).CreateDbCommand();
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            long playbook = reader.GetInt64(0);
            if (playbook != current)
            {
                if (rows.Count > 0) byPlaybook[current] = rows.ToLookup(r => r.Customer, r => r.Step);
                rows.Clear();
                current = playbook;
            }
            var step = reader.GetString(2);
            if (!keys.TryGetValue(step, out var shared)) keys[step] = shared = step;
            rows.Add((reader.GetInt64(1), shared));
        }
        if (rows.Count > 0) byPlaybook[current] = rows.ToLookup(r => r.Customer, r => r.Step);
        return byPlaybook;
    }

    /// <summary>The open steps of one playbook.</summary>
    private static async Task<ILookup<long, string>> OpenStepsAsync(GuanxiDbContext db, long playbookId, CancellationToken ct) =>
        (await db.Tasks.AsNoTracking().Where(t => t.PlaybookId == playbookId && t.State == TaskState.Open)
            .Select(t => new { t.CustomerId, t.StepKey }).ToListAsync(ct)).ToLookup(t => t.CustomerId, t => t.StepKey!);

    /// <summary>The open steps of this playbook for the given customers, read in chunks.</summary>
    private static async Task<ILookup<long, string>> OpenStepsAsync(GuanxiDbContext db, long playbookId, IEnumerable<long> customers, CancellationToken ct)
    {
        var rows = new List<(long CustomerId, string Step)>();
        foreach (var chunk in customers.Chunk(5000))
        {
            var found = await db.Tasks.AsNoTracking().Where(t => t.PlaybookId == playbookId && t.State == TaskState.Open && chunk.Contains(t.CustomerId))
                .Select(t => new { t.CustomerId, t.StepKey }).ToListAsync(ct);
            rows.AddRange(found.Select(f => (f.CustomerId, f.StepKey!)));
        }
        return rows.ToLookup(r => r.CustomerId, r => r.Step);
    }

    /// <summary>A member of a layer: customer and owner (settable, so queries can go on composing on it).</summary>
    private sealed class LayerRow
    {
        public long CustomerId { get; init; }
        public long? OwnerId { get; init; }
    }

    /// <summary>The members of a custom model's playbook class in a run whose last contact is before <paramref name="cutoff"/> (or who were never contacted), as a query.</summary>
    private static IQueryable<LayerRow> LapsedMembers(GuanxiDbContext db, Playbook playbook, long runId, DateTime cutoff)
    {
        var name = playbook.ModelKey[ModelQueries.CustomPrefix.Length..];
        return
            from l in db.ModelCustomLabels
            join m in db.CustomModels on l.CustomModelId equals m.Id
            join c in db.Customers on l.CustomerId equals c.Id
            from roll in db.CustomerRollups.Where(r => r.CustomerId == c.Id).DefaultIfEmpty()
            where l.RunId == runId && m.Name == name && l.Label == playbook.ClassKey
                && (roll == null || roll.LastContactAt == null || roll.LastContactAt < cutoff)
            select new LayerRow { CustomerId = c.Id, OwnerId = c.OwnerId };
    }

    private static LayerMember Member(long customerId, long? ownerId, Staff staff) =>
        new(customerId, ownerId, ownerId is { } o && staff.ManagerOfUser.TryGetValue(o, out var m) ? m : null);

    private static bool IsCustom(string modelKey) => modelKey.StartsWith(ModelQueries.CustomPrefix, StringComparison.Ordinal);

    private static IEnumerable<string> BuiltIn(IEnumerable<string> models) => models.Where(m => !IsCustom(m)).Distinct(StringComparer.Ordinal);

    /// <summary>Customers whose label in a custom model differs from the run before (or who had none), with their new label and owner.</summary>
    private static async Task<List<Entered>> EnteringCustomAsync(GuanxiDbContext db, string modelKey, long runId, long? previousId, CancellationToken ct)
    {
        long prev = previousId ?? -1;
        var name = modelKey[ModelQueries.CustomPrefix.Length..];
        var modelId = await db.CustomModels.Where(m => m.Name == name).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
        if (modelId is not { } mid) return [];
        var labels = await (
            from l in db.ModelCustomLabels
            join c in db.Customers on l.CustomerId equals c.Id
            where l.RunId == runId && l.CustomModelId == mid
                && !db.ModelCustomLabels.Any(o => o.RunId == prev && o.CustomModelId == mid && o.CustomerId == l.CustomerId && o.Label == l.Label)
            select new { l.CustomerId, l.Label, c.OwnerId }).ToListAsync(ct);
        return labels.Select(l => new Entered(l.CustomerId, l.Label, l.OwnerId)).ToList();
    }

    /// <summary>Who manages whom: a user's manager is a sales manager of their team or the nearest team above it.</summary>
    internal static async Task<Staff> StaffAsync(GuanxiDbContext db, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.ParentId, ct);
        var managers = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join role in db.Roles on ur.RoleId equals role.Id
            where role.Name == Roles.SalesManager && u.TeamId != null && u.LockoutEnd == null
            orderby u.Id
            select new { u.Id, TeamId = u.TeamId!.Value }).ToListAsync(ct);
        var direct = new Dictionary<long, long>();
        foreach (var m in managers) direct.TryAdd(m.TeamId, m.Id);
        var ofTeam = new Dictionary<long, long>();
        foreach (var team in teams.Keys)
        {
            long? t = team;
            for (int hops = 0; t is { } at && hops < 64; hops++, t = teams.GetValueOrDefault(at))
            {
                if (direct.TryGetValue(at, out var manager)) { ofTeam[team] = manager; break; }
            }
        }
        var users = await db.Users.AsNoTracking().Where(u => u.TeamId != null).Select(u => new { u.Id, TeamId = u.TeamId!.Value }).ToListAsync(ct);
        var ofUser = new Dictionary<long, long>();
        foreach (var u in users)
        {
            // A manager's own manager is the one above their team.
            long? team = u.TeamId;
            if (direct.TryGetValue(u.TeamId, out var own) && own == u.Id) team = teams.GetValueOrDefault(u.TeamId);
            if (team is { } t && ofTeam.TryGetValue(t, out var manager) && manager != u.Id) ofUser[u.Id] = manager;
        }
        return new Staff(ofUser, ofTeam);
    }

    internal async Task<List<Notification>> AlertsAsync(GuanxiDbContext db, List<Entered> lost, long runId, CancellationToken ct)
    {
        var warned = lost.Where(e => e.Class == LostClasses.ChurnWarning && e.OwnerId is not null).ToList();
        if (warned.Count == 0) return [];
        // Alerts go to owners, whose bells the caller (an admin) does not see: the dedup must count them all.
        var already = (await db.Notifications.IgnoreQueryFilters().AsNoTracking().Where(n => n.RunId == runId && n.Kind == NotificationKind.ChurnAlert)
            .Select(n => n.CustomerId).ToListAsync(ct)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        return warned.Where(e => !already.Contains(e.CustomerId))
            .Select(e => new Notification { UserId = e.OwnerId!.Value, Kind = NotificationKind.ChurnAlert, CustomerId = e.CustomerId, RunId = runId, CreatedAt = now })
            .ToList();
    }

    private static async Task<(List<WinBackCase> Cases, List<(CustomerTask, WinBackCase)> Tasks, int AlreadyOpen)> WinBackAsync(
        GuanxiDbContext db, List<Entered> lost, long runId, DateOnly today, CancellationToken ct)
    {
        var high = lost.Where(e => e.Class == LostClasses.HighValue).ToList();
        if (high.Count == 0) return ([], [], 0);
        // An open case, or any case this run already opened: one won back (or given up) since, on the same run, is not
        // a customer newly lost (an application as of a past day sees later purchases close cases at once).
        var open = (await db.WinBackCases.AsNoTracking()
            .Where(w => w.State == WinBackState.Open || w.State == WinBackState.Apologised || w.State == WinBackState.RemedyOffered || w.RunId == runId)
            .Select(w => w.CustomerId).ToListAsync(ct)).ToHashSet();
        var cases = new List<WinBackCase>();
        var tasks = new List<(CustomerTask, WinBackCase)>();
        foreach (var e in high)
        {
            if (open.Contains(e.CustomerId)) continue;
            var c = new WinBackCase
            {
                CustomerId = e.CustomerId,
                OwnerId = e.OwnerId,
                State = WinBackState.Open,
                Reason = $"模型运行 {runId} 将其归为高价值流失客户 / Classed high-value lost by model run {runId}",
                OpenedOn = today,
                WindowDays = WinBackWindowDays,
                RunId = runId,
            };
            cases.Add(c);
            tasks.Add((new CustomerTask
            {
                CustomerId = e.CustomerId,
                AssigneeId = e.OwnerId,
                Kind = TaskKind.Call,
                Title = "挽回：致电诚恳道歉，了解流失原因",
                DueAt = today.AddDays(1).ToDateTime(PlaybookPlanner.DueTime),
                Priority = TaskPriority.Urgent,
                State = TaskState.Open,
                Origin = TaskOrigin.WinBack,
            }, c));
        }
        return (cases, tasks, high.Count - cases.Count);
    }

    /// <summary>Open cases whose customer ordered since the case opened, within the window: won back.</summary>
    private async Task<int> CloseWonBackAsync(DateOnly today, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Read untracked (tens of thousands of open cases each night; tracking them all was most of this step's time);
        // the few won back are read again tracked and saved, so their change passes the gate and is audited as ever.
        var open = await db.WinBackCases.AsNoTracking()
            .Where(w => w.State == WinBackState.Open || w.State == WinBackState.Apologised || w.State == WinBackState.RemedyOffered)
            .ToListAsync(ct);
        if (open.Count == 0) return 0;
        // One read of the orders since the earliest opening, chunked by customer; each customer has at most one open case.
        var since = open.Min(c => c.OpenedOn).ToDateTime(TimeOnly.MinValue);
        var bought = new Dictionary<long, List<DateTime>>();
        foreach (var chunk in open.Select(c => c.CustomerId).Chunk(5000))
        {
            var orders = await db.Orders.AsNoTracking().Where(o => chunk.Contains(o.CustomerId) && o.OrderedAt >= since)
                .Select(o => new { o.CustomerId, o.OrderedAt }).ToListAsync(ct);
            foreach (var o in orders) (bought.TryGetValue(o.CustomerId, out var l) ? l : bought[o.CustomerId] = []).Add(o.OrderedAt);
        }
        var wonIds = open.Where(c => bought.TryGetValue(c.CustomerId, out var times) && times.Any(c.InWindow)).Select(c => c.Id).ToList();
        foreach (var chunk in wonIds.Chunk(5000))
        {
            foreach (var c in await db.WinBackCases.Where(w => chunk.Contains(w.Id)
                && (w.State == WinBackState.Open || w.State == WinBackState.Apologised || w.State == WinBackState.RemedyOffered)).ToListAsync(ct))
            {
                c.State = WinBackState.WonBack;
                c.ClosedOn = today;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return wonIds.Count;
    }

    /// <summary>Stores how the run moved customers between the classes of each model a playbook works on (for evaluation).</summary>
    private async Task RecordFlowsAsync(ModelRun run, ModelRun? previous, IEnumerable<string> models, RunChanges changes, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var modelKey in models)
        {
            if (await db.LayerFlows.AnyAsync(f => f.RunId == run.Id && f.ModelKey == modelKey, ct)) continue;
            db.LayerFlows.AddRange(changes.Flows.TryGetValue(modelKey, out var flows) ? flows : await CustomFlowsAsync(db, run, previous?.Id ?? -1, modelKey, ct));
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<LayerFlow>> CustomFlowsAsync(GuanxiDbContext db, ModelRun run, long prev, string modelKey, CancellationToken ct)
    {
        var name = modelKey[ModelQueries.CustomPrefix.Length..];
        var mid = await db.CustomModels.Where(m => m.Name == name).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
        if (mid is null) return [];
        var labelled = await (
            from r in db.ModelResults.Where(r => r.RunId == run.Id)
            join l in db.ModelCustomLabels.Where(l => l.RunId == run.Id && l.CustomModelId == mid) on r.CustomerId equals l.CustomerId
            from o in db.ModelResults.Where(o => o.RunId == prev && o.CustomerId == r.CustomerId).DefaultIfEmpty()
            from ol in db.ModelCustomLabels.Where(x => x.RunId == prev && x.CustomModelId == mid && x.CustomerId == r.CustomerId).DefaultIfEmpty()
            group new { r.Frequency, r.MonetaryCents, OldFrequency = o == null ? 0 : o.Frequency, OldCents = o == null ? 0L : o.MonetaryCents }
                by new { To = l.Label, From = ol == null ? "" : ol.Label } into g
            select new { g.Key.From, g.Key.To, N = g.Count(), Buyers = g.Sum(x => x.Frequency > x.OldFrequency ? 1 : 0), Cents = g.Sum(x => x.MonetaryCents - x.OldCents) })
            .ToListAsync(ct);
        return labelled.Select(f => Flow(run, modelKey, f.From, f.To, f.N, f.Buyers, f.Cents)).ToList();
    }

    private static LayerFlow Flow(ModelRun run, string model, string from, string to, int n, int buyers, long cents) => new()
    {
        RunId = run.Id, AsOf = run.AsOf, ModelKey = model, FromClass = from, ToClass = to, Customers = n, Buyers = buyers, RevenueCents = cents,
    };
}
