namespace Guanxi.Domain.Maintenance;

/// <summary>How much service a layer is promised; the service desk turns it into response and resolution times.</summary>
public enum ServiceLevel
{
    Basic = 0,
    Standard = 1,
    Priority = 2,
    Vip = 3,
}

/// <summary>Who a playbook's task goes to.</summary>
public enum StepAssignee
{
    /// <summary>The customer's owner.</summary>
    Owner = 0,
    /// <summary>The manager of the owner's team.</summary>
    OwnerManager = 1,
    /// <summary>The manager of a named team (the team's queue).</summary>
    Team = 2,
}

/// <summary>One task a playbook creates for a customer entering its class.</summary>
public sealed record PlaybookStep
{
    public TaskKind Kind { get; init; }
    public string Title { get; init; } = "";
    public StepAssignee AssignTo { get; init; }
    public long? TeamId { get; init; }
    public int DueAfterDays { get; init; }
    public TaskPriority Priority { get; init; } = TaskPriority.Normal;
}

/// <summary>
/// A maintenance strategy for one class of one model (层次化维护策略): how often to contact its customers, on which
/// channels, at which service level, towards which relationship level, with which offers and care, and the tasks a
/// customer entering the class gets. Editing makes a new <see cref="Version"/>; each is kept as a
/// <see cref="PlaybookVersion"/> so evaluation can compare them.
/// </summary>
public sealed class Playbook
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>A built-in model key (<c>ModelKeys</c>) or <c>custom:NAME</c>.</summary>
    public string ModelKey { get; set; } = "";

    public string ClassKey { get; set; } = "";
    public int CadenceDays { get; set; }
    public List<TaskKind> Channels { get; set; } = [];
    public ServiceLevel ServiceLevel { get; set; }

    /// <summary>Kotler's level to aim for (a class key of the relationship model), or null.</summary>
    public string? TargetRelationship { get; set; }

    public string? Offers { get; set; }
    public string? CareActions { get; set; }
    public List<PlaybookStep> Steps { get; set; } = [];
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>True when the playbook acts on <paramref name="day"/>: active and within its validity.</summary>
    public bool ActsOn(DateOnly day) => Active && (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    public const int NameMaxLength = 100;
    public const int TextMaxLength = 2000;
    public const int MaxSteps = 10;
    public const int MaxCadenceDays = 3650;
}

/// <summary>One version of a playbook as it was in force from <see cref="StartedAt"/> until the next version.</summary>
public sealed class PlaybookVersion
{
    public long PlaybookId { get; set; }
    public int Version { get; set; }

    /// <summary>The playbook's fields as JSON when this version was made.</summary>
    public string Definition { get; set; } = "{}";

    /// <summary>The local business day this version took effect.</summary>
    public DateOnly StartedOn { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// How a model run moved customers: for one model, the customers that were in <see cref="FromClass"/> in the run before
/// and are in <see cref="ToClass"/> now (null: no class, or not in that run), with how many bought and how much between the
/// two runs. Kept per run so evaluation over many runs reads a few rows, not the runs' million-row results (which
/// retention prunes).
/// </summary>
public sealed class LayerFlow
{
    public long RunId { get; set; }
    public DateOnly AsOf { get; set; }
    public string ModelKey { get; set; } = "";
    public string FromClass { get; set; } = "";
    public string ToClass { get; set; } = "";
    public int Customers { get; set; }
    public int Buyers { get; set; }
    public long RevenueCents { get; set; }

    /// <summary>The class key for "no class" in <see cref="FromClass"/> and <see cref="ToClass"/>.</summary>
    public const string None = "";
}
