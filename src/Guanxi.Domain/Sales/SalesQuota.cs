namespace Guanxi.Domain.Sales;

/// <summary>A quota for one rep (<see cref="UserId"/>) or one team (<see cref="TeamId"/>) for a month or quarter; one per holder and period.</summary>
public sealed class SalesTarget
{
    public long Id { get; set; }

    /// <summary>The period as text ("2027-01", "2027-Q1"), see <see cref="SalesPeriod"/>.</summary>
    public string Period { get; set; } = "";

    public long? UserId { get; set; }
    public long? TeamId { get; set; }
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "CNY";
    public long? SetById { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>What a rep commits to close in a period. Every entry is kept; the latest counts in the forecast.</summary>
public sealed class SalesCommitment
{
    public long Id { get; set; }
    public string Period { get; set; } = "";
    public long UserId { get; set; }
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "CNY";
    public string? Note { get; set; }
    public DateTime At { get; set; }

    public const int NoteMaxLength = 1000;
}

/// <summary>A user's saved filter of the opportunity list: status, owner ("me" or a user id), stage, expected close between two days.</summary>
public sealed class OpportunityListView
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Name { get; set; } = "";
    public string? Status { get; set; }
    public string? Owner { get; set; }
    public long? StageId { get; set; }
    public DateOnly? CloseFrom { get; set; }
    public DateOnly? CloseTo { get; set; }

    /// <summary>The list's search text (`q`), at most <see cref="QMaxLength"/> characters.</summary>
    public string? Q { get; set; }

    public DateTime CreatedAt { get; set; }

    public const int NameMaxLength = 100;
    public const int QMaxLength = 100;
    public const int OwnerMaxLength = 20;
}
