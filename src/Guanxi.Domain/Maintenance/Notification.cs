namespace Guanxi.Domain.Maintenance;

public enum NotificationKind
{
    TaskAssigned = 0,
    ChurnAlert = 1,
    WinBackOpened = 2,
    TaskReassigned = 3,
    ServiceRequestAssigned = 4,
    SlaWarning = 5,
    SlaBreached = 6,
}

/// <summary>An in-app message to one user (the bell). Text is built from the kind and the customer's name when shown.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public long? CustomerId { get; set; }
    public long? TaskId { get; set; }
    public long? WinBackCaseId { get; set; }
    public long? ServiceRequestId { get; set; }

    /// <summary>The model run that raised it (alerts): one alert per customer and run, however often playbooks are applied.</summary>
    public long? RunId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>A personal calendar feed: the token in the feed's URL is its only credential, so it is stored hashed and can be revoked.</summary>
public sealed class CalendarFeed
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
