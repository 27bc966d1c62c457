namespace Guanxi.Domain.Maintenance;

public enum TaskKind
{
    Call = 0,
    Visit = 1,
    WeChat = 2,
    Email = 3,
    Gift = 4,
    Meeting = 5,
    Other = 6,
}

public enum TaskPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

public enum TaskState
{
    Open = 0,
    Done = 1,
    Cancelled = 2,
}

/// <summary>Where a task came from: later modules (service desk, sales) add their own origins here.</summary>
public enum TaskOrigin
{
    Manual = 0,
    Playbook = 1,
    ChurnAlert = 2,
    Complaint = 3,
    SalesFollowUp = 4,
    WinBack = 5,
    ServiceFollowUp = 6,
}

/// <summary>What came of a contact, recorded when a task is completed.</summary>
public enum ContactOutcome
{
    Reached = 0,
    NoAnswer = 1,
    Interested = 2,
    Refused = 3,
    CallBackLater = 4,
    WrongNumber = 5,
    Other = 6,
}

/// <summary>
/// One piece of work about one customer for one member of staff: the work queue every module feeds. Due times are
/// the business's local time, like order and interaction times.
/// </summary>
public sealed class CustomerTask
{
    public long Id { get; set; }
    public long CustomerId { get; set; }

    /// <summary>Null while nobody is assigned (a customer without an owner): managers see and assign such tasks.</summary>
    public long? AssigneeId { get; set; }

    public TaskKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Notes { get; set; }
    public DateTime DueAt { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public TaskState State { get; set; }
    public TaskOrigin Origin { get; set; }

    /// <summary>The playbook, its version and the step that made this task; null for other origins.</summary>
    public long? PlaybookId { get; set; }
    public int? PlaybookVersion { get; set; }

    /// <summary>Which step of the playbook: a task template's index, or <see cref="PlaybookSteps.Cadence"/>.</summary>
    public string? StepKey { get; set; }

    public long? WinBackCaseId { get; set; }
    public long? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public ContactOutcome? Outcome { get; set; }

    /// <summary>The interaction recorded when the task was completed.</summary>
    public long? InteractionId { get; set; }

    public long Version { get; set; }

    public const int TitleMaxLength = 200;
    public const int NotesMaxLength = 4000;
}

public static class PlaybookSteps
{
    /// <summary>The step key of the contact task a layer's cadence asks for.</summary>
    public const string Cadence = "cadence";

    public static string Template(int index) => "t" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
