using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Common;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Maintenance;
using Guanxi.Hosting;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

public sealed record TaskDto(
    long Id,
    long CustomerId,
    string CustomerName,
    long? AssigneeId,
    string? AssigneeName,
    TaskKind Kind,
    [property: PersonalData(PersonalKind.FreeText)] string Title,
    [property: PersonalData(PersonalKind.FreeText)] string? Notes,
    DateTime DueAt,
    TaskPriority Priority,
    TaskState State,
    TaskOrigin Origin,
    long? PlaybookId,
    int? PlaybookVersion,
    long? WinBackCaseId,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    ContactOutcome? Outcome,
    long? InteractionId,
    long Version);

public sealed record TaskPage(IReadOnlyList<TaskDto> Items, string? NextCursor);

public sealed record TaskInput
{
    public long CustomerId { get; init; }

    /// <summary>Who does it; the caller when omitted. Giving it to someone else needs the AssignTasks right.</summary>
    public long? AssigneeId { get; init; }

    public TaskKind Kind { get; init; }
    public string? Title { get; init; }
    public string? Notes { get; init; }

    /// <summary>Local business time.</summary>
    public DateTime? DueAt { get; init; }

    public TaskPriority Priority { get; init; } = TaskPriority.Normal;
}

/// <summary>The next contact to schedule when completing a task.</summary>
public sealed record NextTask(TaskKind Kind, string? Title, DateTime DueAt);

public sealed record TaskCompletion
{
    public ContactOutcome Outcome { get; init; }
    public string? Note { get; init; }
    public NextTask? Next { get; init; }
}

public sealed record TaskCompleted(TaskDto Task, long InteractionId, TaskDto? Next);

/// <summary>Which tasks a list shows: an assignee ("me" or an id), a due window, a customer, a state.</summary>
public sealed record TaskFilter(string? Assignee, string? Due, long? CustomerId, string? Status);

/// <summary>The work queue: tasks on customers, each its assignee's (the query filter decides who sees which).</summary>
public sealed class TaskService(IDbContextFactory<GuanxiDbContext> contexts, ScopeResolver scopes, TimeProvider time)
{
    public async Task<TaskPage> ListAsync(TaskFilter filter, string? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 200);
        var q = Filter(db, filter);
        if (!string.IsNullOrEmpty(after))
        {
            var cursor = PageCursor.Decode(after);
            var at = cursor.KeyAsTime();
            q = q.Where(t => t.DueAt > at || (t.DueAt == at && t.Id > cursor.Id));
        }
        if (filter.Assignee is null or "" or "all" && !db.Scope.SeesAll && db.Scope.ManagedTeamIds.Count > 0)
        {
            q = await TeamQueuesAsync(db, q, limit + 1, ct);
        }
        var items = await Project(db, q.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit + 1)).ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.ForTime(items[^1].DueAt, items[^1].Id).Encode();
        }
        // Masked where the answer is made, for pages as for the API (decision 0015).
        return PersonalData.ForCaller(new TaskPage(items, next));
    }

    /// <summary>
    /// A manager's team queue as the union of each member's first page (and the unassigned tasks'): each part is an index
    /// seek on (assignee, state, due time), where one query over "any task of any member" would test every task of the
    /// company against the access rule (5 s at 5M tasks; docs/benchmarks.md).
    /// </summary>
    private static async Task<IQueryable<CustomerTask>> TeamQueuesAsync(GuanxiDbContext db, IQueryable<CustomerTask> q, int take, CancellationToken ct)
    {
        var teams = db.Scope.ManagedTeamIds.ToList();
        var members = await db.Users.AsNoTracking().Where(u => u.TeamId != null && teams.Contains(u.TeamId.Value)).Select(u => u.Id).ToListAsync(ct);
        if (!members.Contains(db.Scope.UserId)) members.Add(db.Scope.UserId);
        var union = q.Where(t => t.AssigneeId == null).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take);
        foreach (var member in members)
        {
            long id = member;
            union = union.Concat(q.Where(t => t.AssigneeId == id).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take));
        }
        return union;
    }

    /// <summary>A customer's tasks (the first 200 by due time); a customer out of the caller's reach is not found.</summary>
    public async Task<TaskPage> OfCustomerAsync(long customerId, string? status, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        }
        return await ListAsync(new TaskFilter(null, null, customerId, status), null, 200, ct);
    }

    /// <summary>Counts for the home page and the bell: open tasks due today and overdue.</summary>
    public async Task<(int DueToday, int Overdue)> CountsAsync(string assignee, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = await Filter(db, new TaskFilter(assignee, "today", null, "open")).CountAsync(ct);
        var overdue = await Filter(db, new TaskFilter(assignee, "overdue", null, "open")).CountAsync(ct);
        return (today, overdue);
    }

    private IQueryable<CustomerTask> Filter(GuanxiDbContext db, TaskFilter filter)
    {
        var q = db.Tasks.AsNoTracking();
        var e = new FieldErrors();
        switch (filter.Assignee)
        {
            case null or "" or "all":
                break;
            case "me":
                var me = db.Scope.UserId;
                q = q.Where(t => t.AssigneeId == me);
                break;
            case "none":
                q = q.Where(t => t.AssigneeId == null);
                break;
            default:
                if (long.TryParse(filter.Assignee, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) q = q.Where(t => t.AssigneeId == id);
                else e.Add("assignee", "Use me, none, all or a user id.");
                break;
        }
        var states = filter.Status switch
        {
            null or "" or "open" => [TaskState.Open],
            "done" => [TaskState.Done],
            "cancelled" => [TaskState.Cancelled],
            "all" => new[] { TaskState.Open, TaskState.Done, TaskState.Cancelled },
            _ => null,
        };
        if (states is null) e.Add("status", "Use open, done, cancelled or all.");
        else if (states.Length < 3) q = q.Where(t => states.Contains(t.State));
        var today = time.Today().ToDateTime(TimeOnly.MinValue);
        switch (filter.Due)
        {
            case null or "":
                break;
            case "today":
                var tomorrow = today.AddDays(1);
                q = q.Where(t => t.DueAt >= today && t.DueAt < tomorrow);
                break;
            case "overdue":
                var now = time.GetLocalNow().DateTime;
                q = q.Where(t => t.DueAt < now && t.State == TaskState.Open);
                break;
            case "week":
                var weekEnd = today.AddDays(7);
                q = q.Where(t => t.DueAt < weekEnd);
                break;
            default:
                e.Add("due", "Use today, overdue or week.");
                break;
        }
        e.ThrowIfAny();
        if (filter.CustomerId is { } customer) q = q.Where(t => t.CustomerId == customer);
        return q;
    }

    private static IQueryable<TaskDto> Project(GuanxiDbContext db, IQueryable<CustomerTask> tasks) =>
        from t in tasks
        join c in db.Customers on t.CustomerId equals c.Id
        from u in db.Users.Where(u => u.Id == t.AssigneeId).DefaultIfEmpty()
        select new TaskDto(t.Id, t.CustomerId, c.Name, t.AssigneeId, u == null ? null : u.UserName, t.Kind, t.Title, t.Notes, t.DueAt, t.Priority,
            t.State, t.Origin, t.PlaybookId, t.PlaybookVersion, t.WinBackCaseId, t.CreatedAt, t.CompletedAt, t.Outcome, t.InteractionId, t.Version);

    public async Task<TaskDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return PersonalData.ForCaller(await Project(db, db.Tasks.Where(t => t.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Task"));
    }

    public async Task<TaskDto> CreateAsync(TaskInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var task = new CustomerTask { State = TaskState.Open, Origin = TaskOrigin.Manual, CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null };
        await ApplyAsync(db, task, input, ct);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        await NotifyAssigneeAsync(db, task, NotificationKind.TaskAssigned, ct);
        return await GetAsync(task.Id, ct);
    }

    public async Task<TaskDto> UpdateAsync(long id, TaskInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var task = await LoadAsync(db, id, expectedVersion, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {id} is {task.State.ToString().ToLowerInvariant()}; only open tasks change.");
        var before = task.AssigneeId;
        await ApplyAsync(db, task, input, ct);
        if (input.CustomerId != task.CustomerId) throw ValidationException.For("customerId", "A task stays on its customer.");
        await db.SaveChangesAsync(ct);
        if (task.AssigneeId != before) await NotifyAssigneeAsync(db, task, NotificationKind.TaskReassigned, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Gives a task to someone else (a manager within their team, an admin to anyone).</summary>
    public async Task<TaskDto> ReassignAsync(long id, long? assigneeId, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Scope.Demand(Right.AssignTasks);
        var task = await LoadAsync(db, id, expectedVersion, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {id} is {task.State.ToString().ToLowerInvariant()}; only open tasks are reassigned.");
        await CheckAssigneeAsync(db, assigneeId, ct);
        await CheckAssigneeSeesAsync(assigneeId, task.CustomerId, ct);
        task.AssigneeId = assigneeId;
        await db.SaveChangesAsync(ct);
        await NotifyAssigneeAsync(db, task, NotificationKind.TaskReassigned, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Moves an open task's due time (snooze).</summary>
    public async Task<TaskDto> SnoozeAsync(long id, DateTime until, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var task = await LoadAsync(db, id, expectedVersion, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {id} is {task.State.ToString().ToLowerInvariant()}; only open tasks are snoozed.");
        if (until.Year is < 2000 or > 2100) throw ValidationException.For("until", "Not a plausible time.");
        task.DueAt = DateTime.SpecifyKind(until, DateTimeKind.Unspecified);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<TaskDto> CancelAsync(long id, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var task = await LoadAsync(db, id, expectedVersion, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {id} is already {task.State.ToString().ToLowerInvariant()}.");
        task.State = TaskState.Cancelled;
        task.CompletedAt = time.GetLocalNow().DateTime;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Completes an open task: records the contact as an interaction with its outcome, and schedules the next task when
    /// asked. All in one transaction; a task already done or cancelled answers 409.
    /// </summary>
    public async Task<TaskCompleted> CompleteAsync(long id, TaskCompletion completion, long? expectedVersion, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        if (!Enum.IsDefined(completion.Outcome)) e.Add("outcome", "Unknown outcome.");
        e.MaxLength("note", completion.Note, FieldLimits.Body);
        if (completion.Next is { } n)
        {
            if (!Enum.IsDefined(n.Kind)) e.Add("next.kind", "Unknown kind.");
            e.MaxLength("next.title", n.Title, CustomerTask.TitleMaxLength);
            if (n.DueAt.Year is < 2000 or > 2100) e.Add("next.dueAt", "Not a plausible time.");
        }
        e.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await LoadAsync(db, id, expectedVersion, ct);
        if (task.State != TaskState.Open) throw new ConflictException($"Task {id} is already {task.State.ToString().ToLowerInvariant()}.");
        var now = time.GetLocalNow().DateTime;
        var interaction = new Interaction
        {
            CustomerId = task.CustomerId,
            Channel = ChannelOf(task.Kind),
            Direction = InteractionDirection.Outbound,
            Subject = task.Title,
            Body = string.IsNullOrWhiteSpace(completion.Note) ? OutcomeText(completion.Outcome) : OutcomeText(completion.Outcome) + " — " + completion.Note.Trim(),
            StaffUserId = db.Scope.UserId > 0 ? db.Scope.UserId : task.AssigneeId,
            OccurredAt = now,
        };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync(ct);
        task.State = TaskState.Done;
        task.Outcome = completion.Outcome;
        task.CompletedAt = now;
        task.InteractionId = interaction.Id;
        CustomerTask? next = null;
        if (completion.Next is { } wanted)
        {
            next = new CustomerTask
            {
                CustomerId = task.CustomerId,
                AssigneeId = task.AssigneeId ?? (db.Scope.UserId > 0 ? db.Scope.UserId : null),
                Kind = wanted.Kind,
                Title = string.IsNullOrWhiteSpace(wanted.Title) ? task.Title : wanted.Title.Trim(),
                DueAt = DateTime.SpecifyKind(wanted.DueAt, DateTimeKind.Unspecified),
                Priority = task.Priority,
                State = TaskState.Open,
                Origin = task.Origin == TaskOrigin.Playbook ? TaskOrigin.Manual : task.Origin,
                WinBackCaseId = task.WinBackCaseId,
                CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
            };
            db.Tasks.Add(next);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new TaskCompleted(await GetAsync(id, ct), interaction.Id, next is null ? null : await GetAsync(next.Id, ct));
    }

    private static async Task<CustomerTask> LoadAsync(GuanxiDbContext db, long id, long? expectedVersion, CancellationToken ct)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Task");
        if (expectedVersion is { } v && v != task.Version)
            throw new ConcurrencyConflictException($"Task {id} is at version {task.Version}, not {v}. Reload and apply the change again.");
        return task;
    }

    private async Task ApplyAsync(GuanxiDbContext db, CustomerTask task, TaskInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) e.Add("customerId", "No such customer.");
        if (!Enum.IsDefined(input.Kind)) e.Add("kind", "Unknown kind.");
        if (!Enum.IsDefined(input.Priority)) e.Add("priority", "Unknown priority.");
        if (string.IsNullOrWhiteSpace(input.Title)) e.Add("title", "A title is required.");
        e.MaxLength("title", input.Title?.Trim(), CustomerTask.TitleMaxLength);
        e.MaxLength("notes", input.Notes, CustomerTask.NotesMaxLength);
        if (input.DueAt is { Year: < 2000 or > 2100 }) e.Add("dueAt", "Not a plausible time.");
        e.ThrowIfAny();
        var assignee = input.AssigneeId ?? (task.Id == 0 ? (db.Scope.UserId > 0 ? db.Scope.UserId : null) : task.AssigneeId);
        if (assignee != task.AssigneeId)
        {
            await CheckAssigneeAsync(db, assignee, ct);
            await CheckAssigneeSeesAsync(assignee, input.CustomerId, ct);
        }
        task.CustomerId = task.Id == 0 ? input.CustomerId : task.CustomerId;
        task.AssigneeId = assignee;
        task.Kind = input.Kind;
        task.Title = input.Title!.Trim();
        task.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes;
        task.DueAt = DateTime.SpecifyKind(input.DueAt ?? time.Today().ToDateTime(PlaybookPlanner.DueTime), DateTimeKind.Unspecified);
        task.Priority = input.Priority;
    }

    /// <summary>The assignee must be a user; a manager may hand tasks only to members of their team subtree.</summary>
    private static async Task CheckAssigneeAsync(GuanxiDbContext db, long? assigneeId, CancellationToken ct)
    {
        if (assigneeId is not { } id) return;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.TeamId }).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("assigneeId", "No such user.");
        if (id == db.Scope.UserId || db.Scope.SeesAll || db.Scope == AccessScope.System) return;
        if (user.TeamId is not { } team || !db.Scope.ManagedTeamIds.Contains(team))
            throw ValidationException.For("assigneeId", "You may assign tasks only to members of your team.");
    }

    /// <summary>A task goes only to someone who can see its customer: otherwise it would vanish from everyone's queue but the giver's.</summary>
    private async Task CheckAssigneeSeesAsync(long? assigneeId, long customerId, CancellationToken ct)
    {
        if (assigneeId is not { } id) return;
        var scope = await scopes.ResolveAsync(id, null, ct);
        var sees = await CurrentUser.RunAsAsync(scope, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Customers.AnyAsync(c => c.Id == customerId, ct);
        });
        if (!sees) throw ValidationException.For("assigneeId", "This user cannot see the task's customer; share the customer with them or change its owner first.");
    }

    /// <summary>
    /// Work the system schedules for someone (the service desk's follow-up visits): written as the system, like the
    /// playbooks' tasks, whoever triggered it, and announced on the assignee's bell. Returns the task's id.
    /// </summary>
    public async Task<long> ScheduleAsync(CustomerTask task, CancellationToken ct = default) =>
        await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = await contexts.CreateDbContextAsync(ct);
            sys.Tasks.Add(task);
            await sys.SaveChangesAsync(ct);
            if (task.AssigneeId is { } to)
            {
                sys.Notifications.Add(new Notification { UserId = to, Kind = NotificationKind.TaskAssigned, CustomerId = task.CustomerId, TaskId = task.Id, CreatedAt = time.GetUtcNow().UtcDateTime });
                await sys.SaveChangesAsync(ct);
            }
            return task.Id;
        });

    private async Task NotifyAssigneeAsync(GuanxiDbContext db, CustomerTask task, NotificationKind kind, CancellationToken ct)
    {
        if (task.AssigneeId is not { } to || to == db.Scope.UserId) return;
        await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = await contexts.CreateDbContextAsync(ct);
            sys.Notifications.Add(new Notification { UserId = to, Kind = kind, CustomerId = task.CustomerId, TaskId = task.Id, CreatedAt = time.GetUtcNow().UtcDateTime });
            await sys.SaveChangesAsync(ct);
            return 0;
        });
    }

    public static InteractionChannel ChannelOf(TaskKind kind) => kind switch
    {
        TaskKind.Call => InteractionChannel.Call,
        TaskKind.Visit => InteractionChannel.Visit,
        TaskKind.WeChat => InteractionChannel.Chat,
        TaskKind.Email => InteractionChannel.Email,
        TaskKind.Meeting => InteractionChannel.Meeting,
        _ => InteractionChannel.Note,
    };

    private static string OutcomeText(ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Reached => "已联系上 / Reached",
        ContactOutcome.NoAnswer => "无人接听 / No answer",
        ContactOutcome.Interested => "有意向 / Interested",
        ContactOutcome.Refused => "拒绝 / Refused",
        ContactOutcome.CallBackLater => "稍后再联系 / Call back later",
        ContactOutcome.WrongNumber => "号码有误 / Wrong number",
        _ => "其他 / Other",
    };
}
