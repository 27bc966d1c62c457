using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Orders;
using Guanxi.Domain.Sales;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guanxi.Data.Security;

/// <summary>
/// Edit rights, checked in one place: before any tracked change to a customer or a record that belongs to one is
/// saved, the customer must be among those the caller may edit. A customer the caller cannot even see answers as
/// not found; one they see but may not change answers forbidden. Nothing is written in either case.
/// </summary>
public sealed class AccessInterceptor : SaveChangesInterceptor
{
    private const int CheckChunk = 500;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is not GuanxiDbContext db) return result;
        DemandRights(db);
        if (Collect(db) is { } change)
        {
            // In chunks, one count each: a campaign's recipients are thousands of customers in one save.
            foreach (var chunk in change.Visible.Chunk(CheckChunk)) if (db.Customers.Count(c => chunk.Contains(c.Id)) != chunk.Length) throw NotFound();
            foreach (var chunk in change.Edited.Chunk(CheckChunk)) if (db.EditableCustomers().Count(c => chunk.Contains(c.Id)) != chunk.Length) throw Forbidden();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not GuanxiDbContext db) return result;
        DemandRights(db);
        if (Collect(db) is { } change)
        {
            foreach (var chunk in change.Visible.Chunk(CheckChunk)) if (await db.Customers.CountAsync(c => chunk.Contains(c.Id), cancellationToken) != chunk.Length) throw NotFound();
            foreach (var chunk in change.Edited.Chunk(CheckChunk)) if (await db.EditableCustomers().CountAsync(c => chunk.Contains(c.Id), cancellationToken) != chunk.Length) throw Forbidden();
        }
        return result;
    }

    /// <summary>
    /// The role check for records that belong to no customer: company-wide settings, definitions, teams, model runs.
    /// Whatever path saves them (API, page, CLI), the caller needs the right from the one table (<see cref="Rights"/>).
    /// </summary>
    private static void DemandRights(GuanxiDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (RightToWrite(entry.Entity, entry.State) is { } right) db.Scope.Demand(right);
            // Handing a task to someone else (or taking one from them) is assigning; working one's own is not.
            if (entry.Entity is CustomerTask task && (entry.State == EntityState.Added || entry.Property(nameof(CustomerTask.AssigneeId)).IsModified)
                && task.AssigneeId != db.Scope.UserId)
            {
                db.Scope.Demand(Right.AssignTasks);
            }
            // A commitment is the rep's own word: no one enters one for someone else (the system's demo and imports aside).
            if (entry.Entity is SalesCommitment commitment && commitment.UserId != db.Scope.UserId && db.Scope != AccessScope.System)
                throw new AccessDeniedException(false, "A commitment is entered by the rep it belongs to.");
            if (entry.Entity is OpportunityListView view && view.UserId != db.Scope.UserId && db.Scope != AccessScope.System)
                throw new AccessDeniedException(true, "View was not found.");
            // A shared customer view is its owner's to change or delete; the team only opens it.
            if (entry.Entity is CustomerListView customerView && customerView.UserId != db.Scope.UserId && db.Scope != AccessScope.System)
                throw new AccessDeniedException(true, "View was not found.");
        }
    }

    /// <summary>The right a tracked write of <paramref name="entity"/> needs, or null when the customer rule covers it.</summary>
    public static Right? RightToWrite(object entity, EntityState state) => entity switch
    {
        Setting s => s.Key.StartsWith("models.", StringComparison.Ordinal) ? Right.ConfigureModels : Right.ManageSettings,
        CustomModelDefinition => Right.ConfigureModels,
        CustomFieldDefinition or CustomerGroup or CurrencyRate => Right.ManageSettings,
        Team or Microsoft.AspNetCore.Identity.IdentityUserRole<long> => Right.ManageStaff,
        GuanxiUser when state != EntityState.Modified => Right.ManageStaff,
        ModelRun when state == EntityState.Added => Right.RunModels,
        CustomerTask or WinBackCase => Right.WorkTasks,
        Playbook or PlaybookVersion or LayerFlow => Right.ManagePlaybooks,
        CalendarFeed => Right.OwnAccount,
        ServiceRequest or ServiceRequestNote or ServiceRequestEvent or SatisfactionSurvey or ServiceAttachment => Right.WorkServiceRequests,
        // A survey's invitation is written with the survey, by whoever sends it (an agent resolving a request).
        Domain.Marketing.OutboxMessage { SurveyId: not null } when state == EntityState.Added => Right.WorkServiceRequests,
        SlaPolicy or BusinessCalendarDay => Right.ManageSla,
        Opportunity or OpportunityCompetitor or OpportunityProduct or OpportunityStageChange or CustomerGradeChange => Right.WorkOpportunities,
        Pipeline or PipelineStage or Product or LeadGradeRule => Right.ManageSales,
        Domain.Marketing.MessageTemplate or Domain.Marketing.OutboxMessage or Domain.Marketing.Campaign or Domain.Marketing.CampaignRecipient or Domain.Marketing.CareRule => Right.ManageMarketing,
        SalesTarget => Right.SetTargets,
        SalesCommitment => Right.WorkOpportunities,
        OpportunityListView or CustomerListView => Right.OwnAccount,
        _ => null,
    };

    private static AccessDeniedException NotFound() => new(true, "Customer was not found.");

    private static AccessDeniedException Forbidden() => new(false, "You may see but not change this customer.");

    /// <summary>The customers a pending save touches, or null when it touches none or the caller edits everything.</summary>
    private static (long[] Visible, long[] Edited)? Collect(GuanxiDbContext db)
    {
        if (db.Scope.EditsAll) return null;
        var edited = new HashSet<long>();
        var logged = new HashSet<long>();
        var sighted = new HashSet<long>();
        var touched = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Customer c:
                    touched = true;
                    if (entry.State != EntityState.Added) edited.Add(c.Id);
                    break;
                case Interaction i when entry.State == EntityState.Added:
                    // Logging a contact needs sight of the customer, not edit rights: service agents record what they do.
                    touched = true;
                    logged.Add(i.CustomerId);
                    break;
                case Notification:
                    // One's own bell (the query filter): marking read touches no customer.
                    break;
                case Domain.Marketing.OutboxMessage or Domain.Marketing.CampaignRecipient:
                    // A message to a customer or their place in a campaign is marketing's record (ManageMarketing, above),
                    // not a change of the customer: it needs sight of the customer, even for a role that may not edit customers.
                    foreach (var id in CustomerIds(entry)) sighted.Add(id);
                    break;
                case CustomerTask or WinBackCase or ServiceRequest or SatisfactionSurvey:
                    // Work about a customer needs sight of it (the task's own rule is the query filter), not edit rights.
                    foreach (var id in CustomerIds(entry))
                    {
                        touched = true;
                        logged.Add(id);
                    }
                    break;
                default:
                    foreach (var id in CustomerIds(entry))
                    {
                        touched = true;
                        edited.Add(id);
                    }
                    break;
            }
        }
        if (!touched && sighted.Count == 0) return null;
        if (touched && db.Scope.ReadOnly) throw new AccessDeniedException(false, "Your role may read but not change customer data.");
        return ([.. edited.Concat(logged).Concat(sighted).Distinct()], [.. edited]);
    }

    /// <summary>The customer ids a change touches: the current one and, when it is re-parented, the original.</summary>
    private static IEnumerable<long> CustomerIds(EntityEntry entry)
    {
        var property = entry.Metadata.FindProperty("CustomerId");
        if (property is null || property.ClrType != typeof(long)) yield break;
        var p = entry.Property("CustomerId");
        // A row of a customer added in this same save (tags, custom fields of a new customer) carries the customer's
        // temporary key: there is nothing stored to check, and looking it up answered 404 to every non-admin.
        if (p.IsTemporary) yield break;
        if (p.CurrentValue is long current) yield return current;
        if (entry.State == EntityState.Modified && p.OriginalValue is long original && original != (p.CurrentValue as long?)) yield return original;
    }
}

/// <summary>Creates each DbContext with the ambient caller's scope, or the fallback when none is set.</summary>
public sealed class ScopedContextFactory(DbContextOptions<GuanxiDbContext> options, ScopeFallback fallback) : IDbContextFactory<GuanxiDbContext>
{
    public GuanxiDbContext CreateDbContext() => new(options, CurrentUser.Scope ?? fallback.Scope);
}

/// <summary>The scope used when no caller is set: the system for the CLI, nobody for the web server.</summary>
public sealed record ScopeFallback(AccessScope Scope);
