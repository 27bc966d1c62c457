namespace Guanxi.Data.Security;

/// <summary>The role names, exactly as the CLI and the API spell them.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string SalesManager = "sales-manager";
    public const string SalesRep = "sales-rep";
    public const string ServiceAgent = "service-agent";
    public const string Marketer = "marketer";
    public const string Analyst = "analyst";

    public static readonly IReadOnlyList<string> All = [Admin, SalesManager, SalesRep, ServiceAgent, Marketer, Analyst];
}

/// <summary>
/// What the current caller may see and change. The DbContext copies it into fields its query filters read,
/// so every query (API, pages, search, export, counts) is limited the same way.
/// </summary>
public sealed record AccessScope
{
    public long UserId { get; init; } = -1;
    public string UserName { get; init; } = "";
    public string Role { get; init; } = "";
    public bool SeesAll { get; init; }
    public bool EditsAll { get; init; }
    public bool ReadOnly { get; init; }
    public bool ViewsPersonalData { get; init; }
    public bool ServesCustomers { get; init; }
    public bool CanAssignOwner { get; init; }

    /// <summary>A manager's team and every team below it: customers owned by their members are in scope.</summary>
    public IReadOnlyList<long> ManagedTeamIds { get; init; } = [];

    /// <summary>The user's team and the teams above it: shares to any of them reach the user.</summary>
    public IReadOnlyList<long> MemberTeamIds { get; init; } = [];

    /// <summary>The remote address of the request, for the audit trail.</summary>
    public string? Address { get; init; }

    public bool IsAuthenticated => UserId > 0 || this == System;

    /// <summary>The CLI, migrations, start-up seeding and background jobs.</summary>
    public static readonly AccessScope System = new()
    {
        UserName = "system", Role = Roles.Admin, SeesAll = true, EditsAll = true, ViewsPersonalData = true, CanAssignOwner = true,
    };

    /// <summary>No one signed in: sees nothing.</summary>
    public static readonly AccessScope Nobody = new() { UserName = "", ReadOnly = true };

    public static AccessScope For(long userId, string userName, string role, IReadOnlyList<long> managedTeams, IReadOnlyList<long> memberTeams) => new()
    {
        UserId = userId,
        UserName = userName,
        Role = role,
        SeesAll = Rights.ReachOf(role) == CustomerReach.All,
        EditsAll = Rights.ReachOf(role) == CustomerReach.All && Rights.Has(role, Right.EditCustomers),
        ReadOnly = !Rights.Has(role, Right.EditCustomers),
        ViewsPersonalData = Rights.Has(role, Right.ViewPersonalData),
        ServesCustomers = Rights.ReachOf(role) == CustomerReach.Served,
        CanAssignOwner = Rights.Has(role, Right.AssignOwner),
        ManagedTeamIds = Rights.ReachOf(role) == CustomerReach.TeamSubtree ? managedTeams : [],
        MemberTeamIds = memberTeams,
    };

    /// <summary>True when the caller's role holds <paramref name="right"/> (the system holds every right).</summary>
    public bool Has(Right right) => this == System || Rights.Has(Role, right);
}

/// <summary>
/// The ambient caller. Services are singletons that create a DbContext per operation, so the user travels
/// with the async flow: set by middleware per HTTP request, by a circuit handler per Blazor activity.
/// </summary>
public static class CurrentUser
{
    private static readonly AsyncLocal<AccessScope?> Current = new();

    public static AccessScope? Scope => Current.Value;

    public static void Set(AccessScope? scope) => Current.Value = scope;

    /// <summary>Runs <paramref name="work"/> with <paramref name="scope"/>, restoring the previous caller afterwards.</summary>
    public static async Task<T> RunAsAsync<T>(AccessScope scope, Func<Task<T>> work)
    {
        var previous = Current.Value;
        Current.Value = scope;
        try
        {
            return await work();
        }
        finally
        {
            Current.Value = previous;
        }
    }
}

/// <summary>The record exists but is not the caller's to see (answers 404) or to change (403).</summary>
public sealed class AccessDeniedException(bool hidden, string message) : Exception(message)
{
    /// <summary>True when the caller may not even see the record: answer as if it did not exist.</summary>
    public bool Hidden { get; } = hidden;
}
