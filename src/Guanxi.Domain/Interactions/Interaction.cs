namespace Guanxi.Domain.Interactions;

public enum InteractionChannel
{
    Call = 0,
    Visit = 1,
    Email = 2,
    Chat = 3,
    Sms = 4,
    Letter = 5,
    Meeting = 6,
    Note = 7,
}

public enum InteractionDirection
{
    Inbound = 0,
    Outbound = 1,
    Internal = 2,
}

/// <summary>One contact with a customer on any channel: the contact history.</summary>
public sealed class Interaction
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public long CustomerId { get; set; }
    public InteractionChannel Channel { get; set; }
    public InteractionDirection Direction { get; set; }
    public string Subject { get; set; } = "";
    public string? Body { get; set; }
    public long? StaffUserId { get; set; }

    /// <summary>The customer's contact person spoken to, when one was.</summary>
    public long? ContactId { get; set; }

    /// <summary>What came of the contact (the task engine's outcomes), when recorded.</summary>
    public Guanxi.Domain.Maintenance.ContactOutcome? Outcome { get; set; }

    public DateTime OccurredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public long? ImportRunId { get; set; }
}
