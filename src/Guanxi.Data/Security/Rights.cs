namespace Guanxi.Data.Security;

/// <summary>
/// What a role may do. Every endpoint and page declares the one right it needs (<c>Requires</c>); every write passes
/// the same check in the data layer. Which customers a right reaches is the role's <see cref="CustomerReach"/>.
/// </summary>
public enum Right
{
    /// <summary>Read customers in reach, with their orders, interactions, contacts, model classes; export them.</summary>
    ViewCustomers,
    /// <summary>Create customers; change those in reach that are not only shared read-only: profile, contacts, tags, groups, orders, shares, merges.</summary>
    EditCustomers,
    /// <summary>Log a call, visit or note on any customer in reach.</summary>
    LogInteractions,
    /// <summary>Set or change a customer's owner (a manager: to members of their subtree).</summary>
    AssignOwner,
    /// <summary>See personal data unmasked, reveal it, export one person's data.</summary>
    ViewPersonalData,
    /// <summary>Erase a customer's identity (PIPL/GDPR).</summary>
    EraseCustomers,
    /// <summary>Bulk import (set-based writes below the per-record rule).</summary>
    ImportData,
    /// <summary>Users, roles, teams, locks.</summary>
    ManageStaff,
    /// <summary>Read and export the audit trail.</summary>
    ReadAudit,
    /// <summary>Company-wide settings: custom fields, the code pattern, group definitions, currency rates, tags across all customers.</summary>
    ManageSettings,
    /// <summary>Read model classes, distributions and runs (counted within the caller's reach).</summary>
    ViewModels,
    /// <summary>Change model settings and custom models.</summary>
    ConfigureModels,
    /// <summary>Start a model run (rate-limited).</summary>
    RunModels,
    /// <summary>One's own account: tokens, two-factor sign-in, notifications, calendar feed.</summary>
    OwnAccount,
    /// <summary>Create, complete and snooze one's own tasks on customers in reach; work win-back cases.</summary>
    WorkTasks,
    /// <summary>Give tasks to others (a manager: to members of their subtree) and see the team's queue.</summary>
    AssignTasks,
    /// <summary>Create, change and apply maintenance playbooks (company-wide).</summary>
    ManagePlaybooks,
    /// <summary>Read playbook evaluations: company-wide figures, so only for roles that reach every customer.</summary>
    EvaluatePlaybooks,
    /// <summary>Create service requests on customers in reach, take, transition and annotate them, record complaint steps.</summary>
    WorkServiceRequests,
    /// <summary>SLA policies and the business calendar (company-wide).</summary>
    ManageSla,
    /// <summary>Create, change, move, win and lose opportunities on customers in reach; grade leads.</summary>
    WorkOpportunities,
    /// <summary>Pipelines and their stages, the product catalogue, the grade rules (company-wide).</summary>
    ManageSales,
    /// <summary>Read message templates, campaigns, the outbox and care rules (company-wide; renders are masked like every answer).</summary>
    ViewMarketing,
    /// <summary>Create and change message templates, campaigns and care rules; send campaigns (company-wide).</summary>
    ManageMarketing,
    /// <summary>Set sales targets (quotas) for the reps and teams of one's subtree (an admin: everyone's).</summary>
    SetTargets,
}

/// <summary>Which customers a role reaches (the query filter's shape).</summary>
public enum CustomerReach
{
    /// <summary>Every customer.</summary>
    All,
    /// <summary>Owned by anyone in the manager's team subtree, their own, shared with them or their teams.</summary>
    TeamSubtree,
    /// <summary>Their own and those shared with them or their teams.</summary>
    Own,
    /// <summary>Shared with them or their teams, and those they served (an interaction by them).</summary>
    Served,
    /// <summary>None.</summary>
    None,
}

/// <summary>The one role × right table. docs/security.md's rights table is tested against it (RightsTableTests).</summary>
public static class Rights
{
    private static readonly Right[] Everyone = [Right.ViewCustomers, Right.ViewModels, Right.OwnAccount];

    private static readonly Dictionary<string, (CustomerReach Reach, HashSet<Right> Rights)> Table = new()
    {
        [Roles.Admin] = (CustomerReach.All, [.. Enum.GetValues<Right>()]),
        [Roles.SalesManager] = (CustomerReach.TeamSubtree, [.. Everyone, Right.EditCustomers, Right.LogInteractions, Right.AssignOwner, Right.ViewPersonalData, Right.EraseCustomers, Right.WorkTasks, Right.AssignTasks, Right.WorkServiceRequests, Right.WorkOpportunities, Right.SetTargets]),
        [Roles.SalesRep] = (CustomerReach.Own, [.. Everyone, Right.EditCustomers, Right.LogInteractions, Right.ViewPersonalData, Right.WorkTasks, Right.WorkOpportunities]),
        [Roles.ServiceAgent] = (CustomerReach.Served, [.. Everyone, Right.EditCustomers, Right.LogInteractions, Right.ViewPersonalData, Right.WorkTasks, Right.WorkServiceRequests]),
        [Roles.Marketer] = (CustomerReach.All, [.. Everyone, Right.EvaluatePlaybooks, Right.ViewMarketing, Right.ManageMarketing]),
        [Roles.Analyst] = (CustomerReach.All, [.. Everyone, Right.RunModels, Right.EvaluatePlaybooks, Right.ViewMarketing]),
    };

    /// <summary>True when <paramref name="role"/> holds <paramref name="right"/>; an unknown or empty role holds none.</summary>
    public static bool Has(string? role, Right right) => role is not null && Table.TryGetValue(role, out var row) && row.Rights.Contains(right);

    public static CustomerReach ReachOf(string? role) => role is not null && Table.TryGetValue(role, out var row) ? row.Reach : CustomerReach.None;

    /// <summary>The rights of a role, in declaration order (for the generated docs table and the matrix tests).</summary>
    public static IReadOnlyList<Right> Of(string role) => [.. Enum.GetValues<Right>().Where(r => Has(role, r))];
}
