namespace Guanxi.Domain.Service;

public enum ServiceRequestType
{
    Inquiry = 0,
    Repair = 1,
    Complaint = 2,
    Suggestion = 3,
    Return = 4,
}

public enum ServiceChannel
{
    Phone = 0,
    WeChat = 1,
    Email = 2,
    WebForm = 3,
    Store = 4,
    Other = 5,
}

public enum ServicePriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>Where a request stands. <see cref="Reopened"/> is the only way back from resolved or closed.</summary>
public enum ServiceStatus
{
    New = 0,
    Assigned = 1,
    InProgress = 2,
    WaitingOnCustomer = 3,
    Resolved = 4,
    Closed = 5,
    Reopened = 6,
}

/// <summary>What the customer said when a complaint was closed.</summary>
public enum ComplaintVerdict
{
    Satisfied = 0,
    Accepted = 1,
    Unsatisfied = 2,
}

/// <summary>
/// A customer's request to the service desk: an inquiry, a repair, a complaint, a suggestion or a return. Times are UTC
/// instants; the SLA deadlines are computed in business time (<see cref="BusinessCalendar"/>) when the request is made.
/// </summary>
public sealed class ServiceRequest
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? ContactId { get; set; }
    public ServiceRequestType Type { get; set; }
    public ServiceChannel Channel { get; set; }
    public ServicePriority Priority { get; set; } = ServicePriority.Normal;
    public string Subject { get; set; } = "";
    public string? Description { get; set; }
    public long? AssigneeId { get; set; }
    public long? TeamId { get; set; }
    /// <summary>Setting the status keeps <see cref="IsOpen"/> in step: the queue and the breach scan seek on it.</summary>
    public ServiceStatus Status
    {
        get => _status;
        set
        {
            _status = value;
            IsOpen = ServiceTransitions.IsOpen(value);
        }
    }

    private ServiceStatus _status;

    /// <summary>The policy that set the deadlines (null: none matched, no deadlines).</summary>
    public long? SlaPolicyId { get; set; }

    public DateTime? ResponseDueAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }

    /// <summary>The earliest deadline still running: what the queue sorts by ("time left"). Null when none runs.</summary>
    public DateTime? NextDueAt { get; set; }

    public DateTime? FirstRespondedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>Set by the SLA check when a deadline passed unmet; stays set (the record of a breach).</summary>
    public DateTime? BreachedAt { get; set; }

    /// <summary>When the assignee was warned of the coming deadline, and when their manager was told it passed: once each.</summary>
    public DateTime? WarnedAt { get; set; }
    public DateTime? EscalatedAt { get; set; }

    /// <summary>The manager told when the request was escalated (none when nobody manages its assignee or team); the request's
    /// history shows the escalation from these two. A plain id, like the history's values: a user removed later leaves it.</summary>
    public long? EscalatedToId { get; set; }

    /// <summary>Days after resolution the follow-up visit is due (from the policy; the default when none matched).</summary>
    public int FollowUpDays { get; set; } = SlaPolicy.DefaultFollowUpDays;
    public long? FollowUpTaskId { get; set; }

    /// <summary>The SHA-256 of the customer's private progress link (处理进度管理); null until an agent makes one.</summary>
    public string? ProgressTokenHash { get; set; }

    // Complaint steps (003, 000): acknowledge and apologise → remedy → follow-up visit → closure with the verdict.
    public DateTime? AcknowledgedAt { get; set; }
    public string? Apology { get; set; }
    public DateTime? RemediedAt { get; set; }
    public string? Remedy { get; set; }
    public DateTime? VisitedAt { get; set; }
    public string? VisitOutcome { get; set; }
    public ComplaintVerdict? Verdict { get; set; }

    public long? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The request's id in the file it was imported from (or a key from its content): a second import updates it.</summary>
    public string? ExternalId { get; set; }

    public long? ImportRunId { get; set; }

    /// <summary>Elapsed minutes from creation to the first response and to the resolution (null until then): what the reports rank.</summary>
    public int? FirstResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }

    /// <summary>Brings <see cref="FirstResponseMinutes"/> and <see cref="ResolutionMinutes"/> in step with the times they measure.</summary>
    public void MeasureTimes()
    {
        FirstResponseMinutes = FirstRespondedAt is { } f ? MinutesSinceCreated(f) : null;
        ResolutionMinutes = ResolvedAt is { } r ? MinutesSinceCreated(r) : null;
    }

    private int MinutesSinceCreated(DateTime at) => (int)Math.Clamp(Math.Floor((at - CreatedAt).TotalMinutes), 0, int.MaxValue);

    public const int SubjectMaxLength = 200;
    public const int TextMaxLength = 4000;

    /// <summary>Stored: true until resolved or closed (the SLA clock runs and the request is in the queue).</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>The deadline that runs now: the first response until there was one, then the resolution; none once resolved.</summary>
    public DateTime? RunningDeadline()
    {
        if (!IsOpen) return null;
        if (FirstRespondedAt is null && ResponseDueAt is { } r) return ResolutionDueAt is { } res && res < r ? res : r;
        return ResolutionDueAt;
    }

    /// <summary>
    /// Moves the request to <paramref name="to"/> at <paramref name="now"/> (UTC), or says why not. Leaving new or assigned
    /// for work, a wait or a resolution counts as the first response.
    /// </summary>
    public TransitionResult Transition(ServiceStatus to, DateTime now)
    {
        var allowed = ServiceTransitions.From(Status);
        if (!allowed.Contains(to)) return TransitionResult.Refused(Status, to, allowed, null);
        if (to == ServiceStatus.Assigned && AssigneeId is null) return TransitionResult.Refused(Status, to, allowed, "Assign the request to someone first (assigneeId).");
        if (to == ServiceStatus.Closed && Type == ServiceRequestType.Complaint && Status != ServiceStatus.New && Verdict is null)
            return TransitionResult.Refused(Status, to, allowed, "A complaint closes with the customer's verdict: record the closure step first.");
        var from = Status;
        Status = to;
        switch (to)
        {
            case ServiceStatus.InProgress or ServiceStatus.WaitingOnCustomer or ServiceStatus.Resolved:
                FirstRespondedAt ??= now;
                break;
        }
        if (to == ServiceStatus.Resolved) ResolvedAt = now;
        if (to == ServiceStatus.Closed) ClosedAt = now;
        if (to == ServiceStatus.Reopened)
        {
            ResolvedAt = null;
            ClosedAt = null;
        }
        NextDueAt = RunningDeadline();
        MeasureTimes();
        return TransitionResult.Done(from, to);
    }

    /// <summary>A reply to the customer (a note to them) is the first response when there was none.</summary>
    public void Responded(DateTime now)
    {
        FirstRespondedAt ??= now;
        NextDueAt = RunningDeadline();
        MeasureTimes();
    }

    /// <summary>Records one complaint step in order: each needs the one before, and a request that is not a complaint has none.</summary>
    public string? RecordStep(ComplaintStep step, string? text, ComplaintVerdict? verdict, DateTime now)
    {
        if (Type != ServiceRequestType.Complaint) return "Only complaints have complaint steps.";
        if (Status == ServiceStatus.Closed) return "The complaint is closed; reopen it first.";
        if (step != ComplaintStep.Closure && string.IsNullOrWhiteSpace(text)) return "Say what was done (text).";
        switch (step)
        {
            case ComplaintStep.Acknowledged:
                AcknowledgedAt = now;
                Apology = text!.Trim();
                FirstRespondedAt ??= now;
                break;
            case ComplaintStep.Remedy when AcknowledgedAt is null:
                return "Acknowledge the complaint and apologise first.";
            case ComplaintStep.Remedy:
                RemediedAt = now;
                Remedy = text!.Trim();
                break;
            case ComplaintStep.FollowUpVisit when RemediedAt is null:
                return "Record the remedy before the follow-up visit.";
            case ComplaintStep.FollowUpVisit:
                VisitedAt = now;
                VisitOutcome = text!.Trim();
                break;
            case ComplaintStep.Closure when VisitedAt is null:
                return "Record the follow-up visit before the customer's verdict.";
            case ComplaintStep.Closure when verdict is null:
                return "Give the customer's verdict (verdict).";
            case ComplaintStep.Closure:
                Verdict = verdict;
                break;
        }
        NextDueAt = RunningDeadline();
        MeasureTimes();
        return null;
    }
}

/// <summary>The steps of handling a complaint, in order.</summary>
public enum ComplaintStep
{
    Acknowledged = 0,
    Remedy = 1,
    FollowUpVisit = 2,
    Closure = 3,
}

public sealed record TransitionResult(bool Ok, ServiceStatus From, ServiceStatus To, IReadOnlyList<ServiceStatus> Allowed, string? Reason)
{
    public static TransitionResult Done(ServiceStatus from, ServiceStatus to) => new(true, from, to, [], null);

    public static TransitionResult Refused(ServiceStatus from, ServiceStatus to, IReadOnlyList<ServiceStatus> allowed, string? reason) =>
        new(false, from, to, allowed, reason ?? $"A request that is {ServiceTransitions.Name(from)} cannot become {ServiceTransitions.Name(to)}; allowed: "
            + (allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(ServiceTransitions.Name))) + ".");
}

/// <summary>The one table of status transitions.</summary>
public static class ServiceTransitions
{
    private static readonly Dictionary<ServiceStatus, ServiceStatus[]> Table = new()
    {
        [ServiceStatus.New] = [ServiceStatus.Assigned, ServiceStatus.InProgress, ServiceStatus.Resolved, ServiceStatus.Closed],
        [ServiceStatus.Assigned] = [ServiceStatus.InProgress, ServiceStatus.WaitingOnCustomer, ServiceStatus.Resolved, ServiceStatus.Closed],
        [ServiceStatus.InProgress] = [ServiceStatus.Assigned, ServiceStatus.WaitingOnCustomer, ServiceStatus.Resolved],
        [ServiceStatus.WaitingOnCustomer] = [ServiceStatus.InProgress, ServiceStatus.Resolved],
        [ServiceStatus.Resolved] = [ServiceStatus.Closed, ServiceStatus.Reopened],
        [ServiceStatus.Closed] = [ServiceStatus.Reopened],
        [ServiceStatus.Reopened] = [ServiceStatus.Assigned, ServiceStatus.InProgress, ServiceStatus.WaitingOnCustomer, ServiceStatus.Resolved],
    };

    /// <summary>Statuses in which the SLA clock runs and the request is in the queue.</summary>
    public static readonly IReadOnlyList<ServiceStatus> Open =
        [ServiceStatus.New, ServiceStatus.Assigned, ServiceStatus.InProgress, ServiceStatus.WaitingOnCustomer, ServiceStatus.Reopened];

    public static IReadOnlyList<ServiceStatus> From(ServiceStatus status) => Table[status];

    public static bool IsOpen(ServiceStatus status) => status is not (ServiceStatus.Resolved or ServiceStatus.Closed);

    /// <summary>The wire name: new, assigned, in-progress, waiting-on-customer, resolved, closed, reopened.</summary>
    public static string Name(ServiceStatus status) => status switch
    {
        ServiceStatus.InProgress => "in-progress",
        ServiceStatus.WaitingOnCustomer => "waiting-on-customer",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static ServiceStatus? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (string.Equals(t, "reopen", StringComparison.OrdinalIgnoreCase)) return ServiceStatus.Reopened;
        return Enum.TryParse<ServiceStatus>(t, true, out var s) && Enum.IsDefined(s) && !int.TryParse(t, out _) ? s : null;
    }
}

/// <summary>A note on a request: internal (staff only) or to the customer (the reply that was sent).</summary>
public sealed class ServiceRequestNote
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public bool ToCustomer { get; set; }
    public string Body { get; set; } = "";
    public long? AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One line of a request's history: created, assigned, a status change, a complaint step, a breach, an escalation.</summary>
public sealed class ServiceRequestEvent
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public string Kind { get; set; } = "";
    public string? FromValue { get; set; }
    public string? ToValue { get; set; }
    public string? Note { get; set; }
    public long? ActorId { get; set; }
    public DateTime At { get; set; }

    public const int KindMaxLength = 24;
    public const int ValueMaxLength = 64;
}
