namespace Guanxi.Domain.Customers;

/// <summary>What a merge did: the absorbed customer's code and a JSON snapshot of its profile.</summary>
public sealed class CustomerMerge
{
    public long Id { get; set; }
    public long SurvivorId { get; set; }
    public long MergedId { get; set; }
    public string MergedCode { get; set; } = "";
    public string MergedSnapshot { get; set; } = "";
    public int OrdersMoved { get; set; }
    public int InteractionsMoved { get; set; }
    public int ContactsMoved { get; set; }
    public long? MergedByUserId { get; set; }
    public DateTime MergedAt { get; set; }
}

public enum DuplicateReason
{
    SamePhone = 0,
    SameEmail = 1,
    SameOrganisationName = 2,
}

public enum DuplicateStatus
{
    Open = 0,
    Dismissed = 1,
    Merged = 2,
}

/// <summary>A likely duplicate flagged for a person to review; imports never merge on their own.</summary>
public sealed class DuplicateCandidate
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long DuplicateOfId { get; set; }
    public DuplicateReason Reason { get; set; }
    public DuplicateStatus Status { get; set; }
    public DateTime FoundAt { get; set; }
}

/// <summary>The next running number of each code prefix; a code once issued is never issued again.</summary>
public sealed class CodeSequence
{
    public string Prefix { get; set; } = "";
    public long NextValue { get; set; }
}
