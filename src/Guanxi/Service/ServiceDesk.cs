using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Models;
using Guanxi.Domain.Service;
using Guanxi.Hosting;
using Guanxi.Maintenance;
using Guanxi.Models;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Service;

/// <summary>
/// The service desk: requests on customers in reach (the query filter decides which), their deadlines in business time,
/// transitions, notes, history and complaint steps. The API, the pages and the CLI all call this.
/// </summary>
public sealed class ServiceDesk(IDbContextFactory<GuanxiDbContext> contexts, ScopeResolver scopes, ServiceCalendar calendar, TaskService tasks, SurveyService surveys, PublicLinkGuard guard, TimeProvider time)
{
    /// <summary>The classes that make a customer high-value for churn alerts on complaints.</summary>
    public static readonly IReadOnlyList<(string Model, string Class)> HighValue = [(ModelKeys.Comprehensive, "key"), (ModelKeys.Value, "high_value")];

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    public async Task<ServiceRequestPage> ListAsync(ServiceRequestFilter filter, string? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 200);
        var q = Filter(db, filter, Now());
        PageCursor? cursor = string.IsNullOrEmpty(after) ? null : PageCursor.Decode(after);
        var inUndated = cursor is { Key.Length: 0 };
        // Time left: the nearest running deadline first (an index seek on open, due, id), then requests without one
        // (resolved, closed, no policy) by id; each part in its own ordered query so both stay seeks.
        var items = new List<ServiceRequestDto>();
        if (!inUndated)
        {
            var dated = q.Where(r => r.NextDueAt != null);
            if (cursor is { } c)
            {
                var at = c.KeyAsTime();
                var id = c.Id;
                dated = dated.Where(r => r.NextDueAt > at || (r.NextDueAt == at && r.Id > id));
            }
            items.AddRange((await Project(db, dated.OrderBy(r => r.NextDueAt).ThenBy(r => r.Id).Take(limit + 1), ct)).OrderBy(r => r.NextDueAt).ThenBy(r => r.Id));
        }
        if (items.Count <= limit)
        {
            var undated = q.Where(r => r.NextDueAt == null);
            if (inUndated)
            {
                var id = cursor!.Value.Id;
                undated = undated.Where(r => r.Id > id);
            }
            items.AddRange((await Project(db, undated.OrderBy(r => r.Id).Take(limit + 1 - items.Count), ct)).OrderBy(r => r.Id));
        }
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            var last = items[^1];
            next = (last.NextDueAt is { } due ? PageCursor.ForTime(due, last.Id) : new PageCursor("", last.Id)).Encode();
        }
        return PersonalData.ForCaller(new ServiceRequestPage(items, next));
    }

    /// <summary>A customer's requests; a customer out of the caller's reach is not found.</summary>
    public async Task<ServiceRequestPage> OfCustomerAsync(long customerId, string? status, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        }
        return await ListAsync(new ServiceRequestFilter(status, null, customerId, null, null), null, 200, ct);
    }

    private static IQueryable<ServiceRequest> Filter(GuanxiDbContext db, ServiceRequestFilter filter, DateTime now)
    {
        var q = db.ServiceRequests.AsNoTracking();
        var e = new FieldErrors();
        switch (filter.Status?.Trim())
        {
            case null or "" or "open":
                q = q.Where(r => r.IsOpen);
                break;
            case "all":
                break;
            default:
                if (ServiceTransitions.Parse(filter.Status) is { } status) q = q.Where(r => r.Status == status);
                else e.Add("status", "Use open, all, new, assigned, in-progress, waiting-on-customer, resolved, closed or reopened.");
                break;
        }
        switch (filter.Assignee)
        {
            case null or "" or "all":
                break;
            case "me":
                var me = db.Scope.UserId;
                q = q.Where(r => r.AssigneeId == me);
                break;
            case "none":
                q = q.Where(r => r.AssigneeId == null);
                break;
            default:
                if (long.TryParse(filter.Assignee, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) q = q.Where(r => r.AssigneeId == id);
                else e.Add("assignee", "Use me, none, all or a user id.");
                break;
        }
        if (!string.IsNullOrEmpty(filter.Type))
        {
            if (ParseEnum<ServiceRequestType>(filter.Type) is { } type) q = q.Where(r => r.Type == type);
            else e.Add("type", "Use inquiry, repair, complaint, suggestion or return.");
        }
        var soon = now.AddHours(1);
        switch (filter.Breach)
        {
            case null or "":
                break;
            case "soon":
                q = q.Where(r => r.IsOpen && r.NextDueAt >= now && r.NextDueAt < soon);
                break;
            case "breached":
                q = q.Where(r => r.IsOpen && (r.NextDueAt < now || r.BreachedAt != null));
                break;
            default:
                e.Add("breach", "Use soon or breached.");
                break;
        }
        e.ThrowIfAny();
        if (filter.CustomerId is { } customer) q = q.Where(r => r.CustomerId == customer);
        // An agent's unassigned or breached view starts from their own customers' open requests (index on customer,
        // open only) rather than walking every open request by due date and testing reach on each (300–600 ms at 200k
        // open). Their own requests are found faster by assignee.
        else if (filter.Assignee is null or "" or "all" or "none" && db.OwnCustomerIds() is { } own) q = q.Where(r => own.Contains(r.CustomerId));
        return q;
    }

    private static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.Trim()[0])
        && Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), true, out var v) && Enum.IsDefined(v) ? v : null;

    private static async Task<List<ServiceRequestDto>> Project(GuanxiDbContext db, IQueryable<ServiceRequest> requests, CancellationToken ct)
    {
        var rows = await (
            from r in requests
            join c in db.Customers on r.CustomerId equals c.Id
            from u in db.Users.Where(u => u.Id == r.AssigneeId).DefaultIfEmpty()
            select new { r, c.Name, Assignee = u == null ? null : u.UserName }).ToListAsync(ct);
        return [.. rows.Select(x => ToDto(x.r, x.Name, x.Assignee))];
    }

    private static ServiceRequestDto ToDto(ServiceRequest r, string customer, string? assignee) => new(
        r.Id, r.CustomerId, customer, r.ContactId, r.Type, r.Channel, r.Priority, r.Subject, r.Description, r.AssigneeId, assignee, r.TeamId,
        ServiceTransitions.Name(r.Status), r.SlaPolicyId, r.ResponseDueAt, r.ResolutionDueAt, r.NextDueAt, r.FirstRespondedAt, r.ResolvedAt, r.ClosedAt,
        r.BreachedAt, r.AcknowledgedAt, r.Apology, r.RemediedAt, r.Remedy, r.VisitedAt, r.VisitOutcome, r.Verdict, r.FollowUpTaskId, r.CreatedAt, r.Version);

    public async Task<ServiceRequestDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await Project(db, db.ServiceRequests.AsNoTracking().Where(r => r.Id == id), ct);
        return PersonalData.ForCaller(found.FirstOrDefault() ?? throw new NotFoundException("Service request"));
    }

    public async Task<ServiceRequestDto> CreateAsync(ServiceRequestInput input, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == input.CustomerId).Select(c => new { c.Id, c.OwnerId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Customer");
        await CheckReferencesAsync(db, input, null, ct);
        var now = Now();
        var r = new ServiceRequest
        {
            CustomerId = customer.Id,
            CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
            Status = input.AssigneeId is null ? ServiceStatus.New : ServiceStatus.Assigned,
        };
        Apply(r, input);

        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(ct);
        var classes = await ClassesAsync(db, customer.Id, policies.Where(p => p.ModelKey is not null).Select(p => p.ModelKey!).Concat(HighValue.Select(h => h.Model)), ct);
        if (SlaPolicies.Match(policies, r.Type, r.Priority, classes) is { } policy)
        {
            var business = await calendar.LoadAsync(db, ct);
            r.SlaPolicyId = policy.Id;
            r.ResponseDueAt = business.AddBusinessMinutesUtc(now, policy.FirstResponseMinutes);
            r.ResolutionDueAt = business.AddBusinessMinutesUtc(now, policy.ResolutionMinutes);
            r.FollowUpDays = policy.FollowUpDays;
        }
        r.NextDueAt = r.RunningDeadline();
        db.ServiceRequests.Add(r);
        await db.SaveChangesAsync(ct);
        db.ServiceRequestEvents.Add(Event(db, r.Id, "created", null, ServiceTransitions.Name(r.Status), null, now));
        await db.SaveChangesAsync(ct);

        var notices = new List<Notification>();
        if (r.AssigneeId is { } to && to != db.Scope.UserId) notices.Add(Notice(to, NotificationKind.ServiceRequestAssigned, r));
        // 003: a complaint from a customer the business can least afford to lose is a churn warning for their owner.
        if (r.Type == ServiceRequestType.Complaint && customer.OwnerId is { } owner && HighValue.Any(classes.Contains))
            notices.Add(Notice(owner, NotificationKind.ChurnAlert, r));
        await NotifyAsync(notices, ct);
        return await GetAsync(r.Id, ct);
    }

    public async Task<ServiceRequestDto> UpdateAsync(long id, ServiceRequestInput input, long? expectedVersion, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, expectedVersion, ct);
        if (input.CustomerId != r.CustomerId) throw ValidationException.For("customerId", "A request stays on its customer.");
        await CheckReferencesAsync(db, input, r.AssigneeId, ct);
        var before = r.AssigneeId;
        Apply(r, input);
        var now = Now();
        if (r.AssigneeId != before)
        {
            db.ServiceRequestEvents.Add(Event(db, r.Id, "assigned", Invariant(before), Invariant(r.AssigneeId), null, now));
            if (r.Status == ServiceStatus.New && r.AssigneeId is not null) r.Transition(ServiceStatus.Assigned, now);
        }
        await db.SaveChangesAsync(ct);
        if (r.AssigneeId is { } to && to != before && to != db.Scope.UserId) await NotifyAsync([Notice(to, NotificationKind.ServiceRequestAssigned, r)], ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Only a request still new (entered by mistake) is deleted; later ones keep their history and are closed instead.</summary>
    public async Task DeleteAsync(long id, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, expectedVersion, ct);
        if (r.Status != ServiceStatus.New) throw new ConflictException($"Service request {id} is {ServiceTransitions.Name(r.Status)}; only new requests are deleted, others are closed.");
        db.ServiceRequests.Remove(r);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Moves a request on. Assigning without an assignee, or starting work on an unassigned request, takes it for the
    /// caller. Resolving schedules the follow-up visit (回访) for the request's owner after the policy's days.
    /// </summary>
    public async Task<ServiceRequestDto> TransitionAsync(long id, ServiceTransitionInput input, long? expectedVersion, CancellationToken ct = default)
    {
        var to = ServiceTransitions.Parse(input.To) ?? throw ValidationException.For("to", "Use assigned, in-progress, waiting-on-customer, resolved, closed or reopened.");
        var e = new FieldErrors();
        e.MaxLength("note", input.Note, ServiceRequest.TextMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, expectedVersion, ct);
        var before = r.AssigneeId;
        var from = r.Status;
        var me = db.Scope.UserId > 0 ? db.Scope.UserId : (long?)null;
        if (input.AssigneeId is { } wanted && wanted != r.AssigneeId)
        {
            await CheckAssigneeAsync(db, wanted, r.CustomerId, ct);
            r.AssigneeId = wanted;
        }
        else if (r.AssigneeId is null && to is ServiceStatus.Assigned or ServiceStatus.InProgress && me is not null)
        {
            r.AssigneeId = me;
        }
        var now = Now();
        var result = r.Transition(to, now);
        if (!result.Ok) throw new ConflictException(result.Reason!, [.. result.Allowed.Select(ServiceTransitions.Name)]);
        if (r.AssigneeId != before) db.ServiceRequestEvents.Add(Event(db, r.Id, "assigned", Invariant(before), Invariant(r.AssigneeId), null, now));
        db.ServiceRequestEvents.Add(Event(db, r.Id, "status", ServiceTransitions.Name(from), ServiceTransitions.Name(to), Trimmed(input.Note), now));
        await db.SaveChangesAsync(ct);

        SurveyLinkDto? survey = null;
        if (to == ServiceStatus.Resolved)
        {
            await ScheduleFollowUpAsync(db, r, ct);
            // 004: the satisfaction survey goes with the resolution: mailed to the customer when they have an address, and
            // its link shown once to the agent (to pass on when it was not mailed).
            survey = await surveys.OnResolvedAsync(db, r, ct);
            db.ServiceRequestEvents.Add(Event(db, r.Id, "survey", null, Invariant(survey.Id), null, now));
            await db.SaveChangesAsync(ct);
        }
        if (r.AssigneeId is { } a && a != before && a != db.Scope.UserId) await NotifyAsync([Notice(a, NotificationKind.ServiceRequestAssigned, r)], ct);
        var dto = await GetAsync(id, ct);
        return survey is null ? dto : dto with { SurveyLink = survey.Path, SurveyMailed = survey.Mailed };
    }

    private async Task ScheduleFollowUpAsync(GuanxiDbContext db, ServiceRequest r, CancellationToken ct)
    {
        var owner = r.AssigneeId ?? await db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.OwnerId).FirstOrDefaultAsync(ct);
        var task = new CustomerTask
        {
            CustomerId = r.CustomerId,
            AssigneeId = owner,
            Kind = TaskKind.Call,
            Title = Truncate($"回访 / Follow-up #{r.Id}: {r.Subject}", CustomerTask.TitleMaxLength),
            DueAt = time.Today().AddDays(r.FollowUpDays).ToDateTime(PlaybookPlanner.DueTime),
            Priority = r.Priority >= ServicePriority.High ? TaskPriority.High : TaskPriority.Normal,
            State = TaskState.Open,
            Origin = r.Type == ServiceRequestType.Complaint ? TaskOrigin.Complaint : TaskOrigin.ServiceFollowUp,
            CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        };
        r.FollowUpTaskId = await tasks.ScheduleAsync(task, ct);
        db.ServiceRequestEvents.Add(Event(db, r.Id, "follow-up", null, Invariant(r.FollowUpTaskId), null, Now()));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ServiceNoteDto>> NotesAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.ServiceRequests.AnyAsync(r => r.Id == id, ct)) throw new NotFoundException("Service request");
        var notes = await (
            from n in db.ServiceRequestNotes.AsNoTracking().Where(n => n.RequestId == id)
            from u in db.Users.Where(u => u.Id == n.AuthorId).DefaultIfEmpty()
            orderby n.Id
            select new ServiceNoteDto(n.Id, n.RequestId, n.ToCustomer, n.Body, n.AuthorId, u == null ? null : u.UserName, n.CreatedAt)).ToListAsync(ct);
        return PersonalData.ForCaller(notes);
    }

    /// <summary>Adds a note; a note to the customer is the reply they got, so it is the first response when there was none.</summary>
    public async Task<ServiceNoteDto> AddNoteAsync(long id, ServiceNoteInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Body)) e.Add("body", "Write the note.");
        e.MaxLength("body", input.Body, ServiceRequest.TextMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, null, ct);
        var now = Now();
        var note = new ServiceRequestNote { RequestId = id, ToCustomer = input.ToCustomer, Body = input.Body!.Trim(), AuthorId = db.Scope.UserId > 0 ? db.Scope.UserId : null, CreatedAt = now };
        db.ServiceRequestNotes.Add(note);
        if (input.ToCustomer) r.Responded(now);
        db.ServiceRequestEvents.Add(Event(db, id, input.ToCustomer ? "reply" : "note", null, null, null, now));
        // The request changes (its version, maybe its first response): the write passes the request's guard either way.
        r.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (await NotesAsync(id, ct)).First(n => n.Id == note.Id);
    }

    public async Task<IReadOnlyList<ServiceEventDto>> HistoryAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var escalation = await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.EscalatedAt, r.EscalatedToId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Service request");
        var events = await (
            from ev in db.ServiceRequestEvents.AsNoTracking().Where(ev => ev.RequestId == id)
            from u in db.Users.Where(u => u.Id == ev.ActorId).DefaultIfEmpty()
            orderby ev.Id
            select new ServiceEventDto(ev.Id, ev.Kind, ev.FromValue, ev.ToValue, ev.Note, ev.ActorId, u == null ? null : u.UserName, ev.At, null)).ToListAsync(ct);
        // The SLA check's escalation is kept on the request (when, to which manager), not as a history row; it shows in
        // its place in time.
        if (escalation.EscalatedAt is { } at)
        {
            var line = new ServiceEventDto(0, "escalated", null, Invariant(escalation.EscalatedToId), null, null, null, at);
            events = [.. events.Where(e => e.At <= at), line, .. events.Where(e => e.At > at)];
        }
        var people = events.Where(e => e.Kind is "assigned" or "escalated" && e.To is not null).Select(e => long.Parse(e.To!, CultureInfo.InvariantCulture)).Distinct().ToList();
        if (people.Count > 0)
        {
            var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.UserName, ct);
            events = [.. events.Select(e => e.Kind is "assigned" or "escalated" && e.To is not null && names.TryGetValue(e.To, out var name) ? e with { ToName = name } : e)];
        }
        return PersonalData.ForCaller(events);
    }

    /// <summary>
    /// Makes the customer's private progress link (处理进度管理), replacing any earlier one: the token is returned once and
    /// only its hash is stored.
    /// </summary>
    public async Task<ProgressLinkDto> CreateProgressLinkAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, null, ct);
        var token = StaffDirectory.RandomSecret(32);
        r.ProgressTokenHash = StaffDirectory.HashOf(token);
        var now = Now();
        r.UpdatedAt = now;
        db.ServiceRequestEvents.Add(Event(db, id, "progress-link", null, null, null, now));
        await db.SaveChangesAsync(ct);
        return new ProgressLinkDto(id, token, "/p/" + token);
    }

    /// <summary>
    /// What the customer's progress link shows: the status and the history meant for them (status changes and notes to
    /// the customer, never internal notes or who did what). Unknown tokens spend the address's guesses (<see cref="PublicLinkGuard"/>).
    /// </summary>
    public async Task<(PublicLinkState State, PublicProgressView? View)> ProgressAsync(string? token, string address, CancellationToken ct = default)
    {
        if (guard.Throttled(address)) return (PublicLinkState.Throttled, null);
        var hash = string.IsNullOrEmpty(token) || token.Length > 100 ? null : StaffDirectory.HashOf(token);
        var view = hash is null ? null : await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var r = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(x => x.ProgressTokenHash == hash, ct);
            if (r is null) return null;
            var changes = await db.ServiceRequestEvents.AsNoTracking().Where(e => e.RequestId == r.Id && (e.Kind == "created" || e.Kind == "status"))
                .OrderBy(e => e.Id).Select(e => new { e.At, e.ToValue }).ToListAsync(ct);
            var replies = await db.ServiceRequestNotes.AsNoTracking().Where(n => n.RequestId == r.Id && n.ToCustomer)
                .OrderBy(n => n.Id).Select(n => new { n.CreatedAt, n.Body }).ToListAsync(ct);
            var entries = changes.Select(c => new PublicProgressEntry(c.At, ServiceTransitions.Parse(c.ToValue), null))
                .Concat(replies.Select(n => new PublicProgressEntry(n.CreatedAt, null, n.Body)))
                .OrderBy(x => x.At).ToList();
            return new PublicProgressView(r.Id, r.Type, r.Subject, r.Status, r.CreatedAt, r.ResolvedAt, entries);
        });
        if (view is null) return (guard.Miss(address) ? PublicLinkState.Unknown : PublicLinkState.Throttled, null);
        return (PublicLinkState.Open, view);
    }

    /// <summary>Records a complaint step (acknowledge and apologise → remedy → follow-up visit → closure with the verdict), in order.</summary>
    public async Task<ServiceRequestDto> RecordStepAsync(long id, ComplaintStepInput input, long? expectedVersion, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        if (!Enum.IsDefined(input.Step)) e.Add("step", "Use Acknowledged, Remedy, FollowUpVisit or Closure.");
        if (input.Step != ComplaintStep.Closure && string.IsNullOrWhiteSpace(input.Text)) e.Add("text", "Say what was done.");
        if (input.Step == ComplaintStep.Closure && (input.Verdict is not { } v || !Enum.IsDefined(v))) e.Add("verdict", "Give the customer's verdict: Satisfied, Accepted or Unsatisfied.");
        e.MaxLength("text", input.Text, ServiceRequest.TextMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, expectedVersion, ct);
        var now = Now();
        if (r.RecordStep(input.Step, input.Text, input.Verdict, now) is { } refusal) throw new ConflictException(refusal);
        db.ServiceRequestEvents.Add(Event(db, id, "complaint-step", null, input.Step.ToString(), Trimmed(input.Text) ?? input.Verdict?.ToString(), now));
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private static void Validate(ServiceRequestInput input)
    {
        var e = new FieldErrors();
        if (!Enum.IsDefined(input.Type)) e.Add("type", "Use Inquiry, Repair, Complaint, Suggestion or Return.");
        if (!Enum.IsDefined(input.Channel)) e.Add("channel", "Use Phone, WeChat, Email, WebForm, Store or Other.");
        if (!Enum.IsDefined(input.Priority)) e.Add("priority", "Use Low, Normal, High or Urgent.");
        if (string.IsNullOrWhiteSpace(input.Subject)) e.Add("subject", "A subject is required.");
        e.MaxLength("subject", input.Subject?.Trim(), ServiceRequest.SubjectMaxLength);
        e.MaxLength("description", input.Description, ServiceRequest.TextMaxLength);
        e.ThrowIfAny();
    }

    private static void Apply(ServiceRequest r, ServiceRequestInput input)
    {
        r.ContactId = input.ContactId;
        r.Type = input.Type;
        r.Channel = input.Channel;
        r.Priority = input.Priority;
        r.Subject = input.Subject!.Trim();
        r.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description;
        r.AssigneeId = input.AssigneeId;
        r.TeamId = input.TeamId;
    }

    private async Task CheckReferencesAsync(GuanxiDbContext db, ServiceRequestInput input, long? currentAssignee, CancellationToken ct)
    {
        if (input.ContactId is { } contact && !await db.Contacts.AnyAsync(k => k.Id == contact && k.CustomerId == input.CustomerId, ct))
            throw ValidationException.For("contactId", "No such contact of this customer.");
        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) throw ValidationException.For("teamId", "No such team.");
        if (input.AssigneeId is { } assignee && assignee != currentAssignee) await CheckAssigneeAsync(db, assignee, input.CustomerId, ct);
    }

    /// <summary>The assignee must be a user who can see the customer: otherwise the request would vanish from their queue.</summary>
    private async Task CheckAssigneeAsync(GuanxiDbContext db, long assigneeId, long customerId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == assigneeId, ct)) throw ValidationException.For("assigneeId", "No such user.");
        var scope = await scopes.ResolveAsync(assigneeId, null, ct);
        if (!scope.Has(Right.WorkServiceRequests)) throw ValidationException.For("assigneeId", "This user's role does not work service requests.");
        var sees = await CurrentUser.RunAsAsync(scope, async () =>
        {
            await using var theirs = await contexts.CreateDbContextAsync(ct);
            return await theirs.Customers.AnyAsync(c => c.Id == customerId, ct);
        });
        if (!sees) throw ValidationException.For("assigneeId", "This user cannot see the request's customer; share the customer with them first.");
    }

    private static async Task<ServiceRequest> LoadAsync(GuanxiDbContext db, long id, long? expectedVersion, CancellationToken ct)
    {
        var r = await db.ServiceRequests.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Service request");
        if (expectedVersion is { } v && v != r.Version)
            throw new ConcurrencyConflictException($"Service request {id} is at version {r.Version}, not {v}. Reload and apply the change again.");
        return r;
    }

    /// <summary>The (model, class) pairs the customer is in at the latest finished run, for the given models (built-in or custom).</summary>
    internal static async Task<HashSet<(string Model, string Class)>> ClassesAsync(GuanxiDbContext db, long customerId, IEnumerable<string> modelKeys, CancellationToken ct) =>
        (await ClassesAsync(db, [customerId], modelKeys, ct)).GetValueOrDefault(customerId) ?? [];

    /// <summary>The (model, class) pairs of each customer at the latest finished run: one read of their results, one of their custom labels.</summary>
    internal static async Task<Dictionary<long, HashSet<(string Model, string Class)>>> ClassesAsync(
        GuanxiDbContext db, IReadOnlyCollection<long> customerIds, IEnumerable<string> modelKeys, CancellationToken ct)
    {
        var found = new Dictionary<long, HashSet<(string, string)>>();
        HashSet<(string, string)> Of(long customer) => found.TryGetValue(customer, out var set) ? set : found[customer] = [];
        var run = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (run is not { } runId || customerIds.Count == 0) return found;
        var keys = modelKeys.Distinct(StringComparer.Ordinal).ToList();
        var builtIn = keys.Where(k => !k.StartsWith(ModelQueries.CustomPrefix, StringComparison.Ordinal)).ToList();
        var ids = customerIds.Distinct().ToList();
        if (builtIn.Count > 0)
        {
            foreach (var row in await db.ModelResults.AsNoTracking().Where(r => r.RunId == runId && ids.Contains(r.CustomerId)).ToListAsync(ct))
            {
                foreach (var key in builtIn)
                {
                    if (ModelCatalog.Find(key) is { } model && ModelQueries.Key(model, ModelQueries.ClassIndex(row, key)) is { } cls) Of(row.CustomerId).Add((key, cls));
                }
            }
        }
        var custom = keys.Where(k => k.StartsWith(ModelQueries.CustomPrefix, StringComparison.Ordinal)).Select(k => k[ModelQueries.CustomPrefix.Length..]).ToList();
        if (custom.Count > 0)
        {
            var labels = await (
                from l in db.ModelCustomLabels
                join m in db.CustomModels on l.CustomModelId equals m.Id
                where l.RunId == runId && ids.Contains(l.CustomerId) && custom.Contains(m.Name)
                select new { l.CustomerId, m.Name, l.Label }).ToListAsync(ct);
            foreach (var l in labels) Of(l.CustomerId).Add((ModelQueries.CustomPrefix + l.Name, l.Label));
        }
        return found;
    }

    private static ServiceRequestEvent Event(GuanxiDbContext db, long requestId, string kind, string? from, string? to, string? note, DateTime at) => new()
    {
        RequestId = requestId, Kind = kind, FromValue = from, ToValue = to, Note = note, ActorId = db.Scope.UserId > 0 ? db.Scope.UserId : null, At = at,
    };

    private Notification Notice(long userId, NotificationKind kind, ServiceRequest r) =>
        new() { UserId = userId, Kind = kind, CustomerId = r.CustomerId, ServiceRequestId = r.Id, CreatedAt = Now() };

    /// <summary>Other people's bells are written as the system (the caller does not see them).</summary>
    private async Task NotifyAsync(List<Notification> notices, CancellationToken ct)
    {
        if (notices.Count == 0) return;
        await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = await contexts.CreateDbContextAsync(ct);
            sys.Notifications.AddRange(notices);
            await sys.SaveChangesAsync(ct);
            return 0;
        });
    }

    private static string? Invariant(long? id) => id?.ToString(CultureInfo.InvariantCulture);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
