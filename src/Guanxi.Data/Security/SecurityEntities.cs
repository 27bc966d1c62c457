namespace Guanxi.Data.Security;

/// <summary>A node of the sales organisation: company → region → team. Managers see the subtree of their team.</summary>
public sealed class Team
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long? ParentId { get; set; }
}

public enum ShareAccess
{
    Read,
    Edit,
}

/// <summary>A customer shared with one user or one team (exactly one of the two is set).</summary>
public sealed class CustomerShare
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? UserId { get; set; }
    public long? TeamId { get; set; }
    public ShareAccess Access { get; set; }
}

/// <summary>A personal access token for the API; only the SHA-256 of the secret is stored.</summary>
public sealed class AccessToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>One row of the append-only audit trail (database triggers refuse UPDATE and DELETE).</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Address { get; set; }
    public string Action { get; set; } = "";
    public string? Entity { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>A customer's consent to be contacted on one channel for one purpose (PIPL/GDPR).</summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string Channel { get; set; } = "";
    public string Purpose { get; set; } = "";
    public DateTime GivenAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? How { get; set; }
}

/// <summary>Read-only view: which staff member served (had an interaction with) which customer; a row per interaction.</summary>
public sealed class CustomerServer
{
    public long CustomerId { get; set; }
    public long StaffUserId { get; set; }
}
