using System.Linq.Expressions;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Marketing;
using Guanxi.Domain.Orders;
using Guanxi.Domain.Sales;
using Guanxi.Domain.Service;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data;

public class GuanxiDbContext : IdentityDbContext<GuanxiUser, GuanxiRole, long>
{
    // The caller's scope, copied into fields the query filters read: EF turns them into parameters per query.
    private readonly bool _seesAll;
    private readonly long _userId;
    private readonly bool _manages;
    private readonly List<long> _managedTeams;
    private readonly List<long> _memberTeams;
    private readonly bool _serves;
    private readonly bool _system;

    /// <summary>A context with full access: migrations, tests and tools that work below the access model.</summary>
    public GuanxiDbContext(DbContextOptions<GuanxiDbContext> options) : this(options, AccessScope.System)
    {
    }

    public GuanxiDbContext(DbContextOptions<GuanxiDbContext> options, AccessScope scope) : base(options)
    {
        Scope = scope;
        _seesAll = scope.SeesAll;
        _userId = scope.UserId;
        _managedTeams = [.. scope.ManagedTeamIds];
        _manages = _managedTeams.Count > 0;
        _memberTeams = [.. scope.MemberTeamIds];
        _serves = scope.ServesCustomers;
        _system = scope == AccessScope.System;
    }

    public AccessScope Scope { get; }

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();
    public DbSet<CustomerGroup> CustomerGroups => Set<CustomerGroup>();
    public DbSet<CustomerGroupMember> CustomerGroupMembers => Set<CustomerGroupMember>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();
    public DbSet<CustomFieldValue> CustomFieldValues => Set<CustomFieldValue>();
    public DbSet<CustomerMerge> CustomerMerges => Set<CustomerMerge>();
    public DbSet<DuplicateCandidate> DuplicateCandidates => Set<DuplicateCandidate>();
    public DbSet<CodeSequence> CodeSequences => Set<CodeSequence>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<CurrencyRate> CurrencyRates => Set<CurrencyRate>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();
    public DbSet<ModelResultRow> ModelResults => Set<ModelResultRow>();
    public DbSet<ModelCustomLabel> ModelCustomLabels => Set<ModelCustomLabel>();
    public DbSet<CustomModelDefinition> CustomModels => Set<CustomModelDefinition>();
    public DbSet<CustomerRollup> CustomerRollups => Set<CustomerRollup>();
    public DbSet<OrderHistoryRow> OrderHistories => Set<OrderHistoryRow>();
    public DbSet<OrderMonthFact> OrderMonthFacts => Set<OrderMonthFact>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<CustomerShare> CustomerShares => Set<CustomerShare>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<CustomerTask> Tasks => Set<CustomerTask>();
    public DbSet<Playbook> Playbooks => Set<Playbook>();
    public DbSet<PlaybookVersion> PlaybookVersions => Set<PlaybookVersion>();
    public DbSet<LayerFlow> LayerFlows => Set<LayerFlow>();
    public DbSet<WinBackCase> WinBackCases => Set<WinBackCase>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();
    public DbSet<ServiceRequestNote> ServiceRequestNotes => Set<ServiceRequestNote>();
    public DbSet<ServiceRequestEvent> ServiceRequestEvents => Set<ServiceRequestEvent>();
    public DbSet<ServiceAttachment> ServiceAttachments => Set<ServiceAttachment>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<BusinessCalendarDay> BusinessCalendarDays => Set<BusinessCalendarDay>();
    public DbSet<SatisfactionSurvey> SatisfactionSurveys => Set<SatisfactionSurvey>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<OpportunityCompetitor> OpportunityCompetitors => Set<OpportunityCompetitor>();
    public DbSet<OpportunityProduct> OpportunityProducts => Set<OpportunityProduct>();
    public DbSet<OpportunityStageChange> OpportunityStageChanges => Set<OpportunityStageChange>();
    public DbSet<StageOutcomeCount> StageOutcomeCounts => Set<StageOutcomeCount>();
    public DbSet<StageHourFact> StageHourFacts => Set<StageHourFact>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<LeadGradeRule> LeadGradeRules => Set<LeadGradeRule>();
    public DbSet<CustomerGradeChange> CustomerGradeChanges => Set<CustomerGradeChange>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignRecipient> CampaignRecipients => Set<CampaignRecipient>();
    public DbSet<CareRule> CareRules => Set<CareRule>();
    public DbSet<SalesTarget> SalesTargets => Set<SalesTarget>();
    public DbSet<SalesCommitment> SalesCommitments => Set<SalesCommitment>();
    public DbSet<OpportunityListView> OpportunityViews => Set<OpportunityListView>();
    public DbSet<CustomerListView> CustomerViews => Set<CustomerListView>();


    /// <summary>Saves, keeping the sales facts (<see cref="SalesFacts"/>) of the opportunities the save touches in the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = await SalesFacts.BeforeAsync(this, cancellationToken);
        if (pending is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await SalesFacts.AfterAsync(this, pending, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // The synchronous save (the audit log's, test set-ups) touches no opportunity in practice; when it does, the same way.
        var pending = SalesFacts.BeforeAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        if (pending is null) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        SalesFacts.AfterAsync(this, pending, CancellationToken.None).GetAwaiter().GetResult();
        own?.Commit();
        return saved;
    }

    public bool IsPostgres => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>
    /// The customers a caller reaches by their own ties — owned, shared with them or their team, served — or null for a
    /// caller who sees everyone or manages teams. Not an access rule (the query filters are): a narrowing a list may add
    /// so the database starts from a rep's or an agent's few thousand customers instead of testing reach on every row it
    /// walks. A manager's reach can be most of the base, where walking an index in the list's order is cheaper.
    /// </summary>
    public IQueryable<long>? OwnCustomerIds()
    {
        if (_seesAll || _manages) return null;
        var userId = _userId;
        var member = _memberTeams;
        var ids = Customers.Where(c => c.OwnerId == userId).Select(c => c.Id)
            // Two parts, each on its own index: one OR over both columns scanned every share.
            .Concat(Set<CustomerShare>().Where(s => s.UserId == userId).Select(s => s.CustomerId))
            .Concat(Set<CustomerShare>().Where(s => s.TeamId != null && member.Contains(s.TeamId.Value)).Select(s => s.CustomerId));
        return _serves ? ids.Concat(Set<CustomerServer>().Where(v => v.StaffUserId == userId).Select(v => v.CustomerId)) : ids;
    }

    /// <summary>The customers the caller may change (a subset of those they see).</summary>
    public IQueryable<Customer> EditableCustomers()
    {
        if (Scope.EditsAll) return Customers;
        if (Scope.ReadOnly) return Customers.Where(c => false);
        var userId = _userId;
        var managed = _managedTeams;
        var manages = _manages;
        var member = _memberTeams;
        return Customers.Where(c =>
            c.OwnerId == userId
            || (manages && Users.Any(u => u.Id == c.OwnerId && u.TeamId != null && managed.Contains(u.TeamId.Value)))
            || CustomerShares.Any(s => s.CustomerId == c.Id && s.Access == ShareAccess.Edit
                && (s.UserId == userId || (s.TeamId != null && member.Contains(s.TeamId.Value)))));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GuanxiDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
        if (Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            PostgresTypes.Apply(builder);
        }

        // The one access rule. Orders, interactions and contacts follow their customer.
        Expression<Func<Customer, bool>> visible = c =>
            _seesAll
            || c.OwnerId == _userId
            || (_manages && Users.Any(u => u.Id == c.OwnerId && u.TeamId != null && _managedTeams.Contains(u.TeamId.Value)))
            || Set<CustomerShare>().Any(s => s.CustomerId == c.Id && (s.UserId == _userId || (s.TeamId != null && _memberTeams.Contains(s.TeamId.Value))))
            || (_serves && Set<CustomerServer>().Any(v => v.CustomerId == c.Id && v.StaffUserId == _userId));
        builder.Entity<Customer>().HasQueryFilter(visible);
        builder.Entity<Order>().HasQueryFilter(o => _seesAll || Customers.Any(c => c.Id == o.CustomerId));
        builder.Entity<Interaction>().HasQueryFilter(i => _seesAll || Customers.Any(c => c.Id == i.CustomerId));
        builder.Entity<Contact>().HasQueryFilter(k => _seesAll || Customers.Any(c => c.Id == k.CustomerId));
        // Tags, group memberships and custom values too, so their counts (tag list, group sizes) stay within reach.
        builder.Entity<CustomerTag>().HasQueryFilter(t => _seesAll || Customers.Any(c => c.Id == t.CustomerId));
        builder.Entity<CustomerGroupMember>().HasQueryFilter(m => _seesAll || Customers.Any(c => c.Id == m.CustomerId));
        builder.Entity<CustomFieldValue>().HasQueryFilter(v => _seesAll || Customers.Any(c => c.Id == v.CustomerId));

        // A task is its assignee's and their managers': another rep's task is not found, even on a
        // customer both may see. Unassigned tasks are for managers to hand out.
        builder.Entity<CustomerTask>().HasQueryFilter(t => _seesAll
            || (Customers.Any(c => c.Id == t.CustomerId)
                && (t.AssigneeId == _userId
                    || (_manages && (t.AssigneeId == null || Users.Any(u => u.Id == t.AssigneeId && u.TeamId != null && _managedTeams.Contains(u.TeamId.Value)))))));
        builder.Entity<WinBackCase>().HasQueryFilter(w => _seesAll || Customers.Any(c => c.Id == w.CustomerId));

        // One's own bell and calendar feeds only, whatever the role; the system (playbooks, CLI) writes them for others.
        builder.Entity<Notification>().HasQueryFilter(n => _system || n.UserId == _userId);
        builder.Entity<CalendarFeed>().HasQueryFilter(f => _system || f.UserId == _userId);

        // Service requests follow their customer (an agent sees requests of customers shared with them or served by them);
        // notes and history follow their request.
        builder.Entity<ServiceRequest>().HasQueryFilter(r => _seesAll || Customers.Any(c => c.Id == r.CustomerId));
        builder.Entity<ServiceRequestNote>().HasQueryFilter(n => _seesAll || ServiceRequests.Any(r => r.Id == n.RequestId));
        builder.Entity<ServiceRequestEvent>().HasQueryFilter(e => _seesAll || ServiceRequests.Any(r => r.Id == e.RequestId));
        builder.Entity<SatisfactionSurvey>().HasQueryFilter(s => _seesAll || Customers.Any(c => c.Id == s.CustomerId));
        builder.Entity<ServiceAttachment>().HasQueryFilter(a => _seesAll || ServiceRequests.Any(r => r.Id == a.RequestId));

        // Opportunities and grade history follow their customer (another team's opportunity is not found); an
        // opportunity's competitors, products and stage changes follow it.
        builder.Entity<Opportunity>().HasQueryFilter(o => _seesAll || Customers.Any(c => c.Id == o.CustomerId));
        builder.Entity<OpportunityCompetitor>().HasQueryFilter(x => _seesAll || Opportunities.Any(o => o.Id == x.OpportunityId));
        builder.Entity<OpportunityProduct>().HasQueryFilter(x => _seesAll || Opportunities.Any(o => o.Id == x.OpportunityId));
        builder.Entity<OpportunityStageChange>().HasQueryFilter(x => _seesAll || Opportunities.Any(o => o.Id == x.OpportunityId));
        builder.Entity<CustomerGradeChange>().HasQueryFilter(g => _seesAll || Customers.Any(c => c.Id == g.CustomerId));

        // Outbox messages follow their customer.
        builder.Entity<OutboxMessage>().HasQueryFilter(m => _seesAll || Customers.Any(c => c.Id == m.CustomerId));
        builder.Entity<CampaignRecipient>().HasQueryFilter(r => _seesAll || Customers.Any(c => c.Id == r.CustomerId));
        // Targets and commitments follow people, not customers: one's own, and a manager's for the members and teams of
        // their subtree (another team's answers not found); a team's target also shows to its members.
        builder.Entity<SalesTarget>().HasQueryFilter(t => _seesAll
            || t.UserId == _userId
            || (t.TeamId != null && (_memberTeams.Contains(t.TeamId.Value) || (_manages && _managedTeams.Contains(t.TeamId.Value))))
            || (_manages && t.UserId != null && Users.Any(u => u.Id == t.UserId && u.TeamId != null && _managedTeams.Contains(u.TeamId.Value))));
        // Saved list views are one's own, whatever the role.
        builder.Entity<OpportunityListView>().HasQueryFilter(v => _system || v.UserId == _userId);
        // A customer list view: one's own, or shared with one's team (or everyone). It holds filters only, so sharing it
        // never shows anyone a customer outside their own scope.
        builder.Entity<CustomerListView>().HasQueryFilter(v => _system || v.UserId == _userId
            || (v.Shared && (v.TeamId == null || _memberTeams.Contains(v.TeamId.Value))));
        builder.Entity<SalesCommitment>().HasQueryFilter(c => _seesAll
            || c.UserId == _userId
            || (_manages && Users.Any(u => u.Id == c.UserId && u.TeamId != null && _managedTeams.Contains(u.TeamId.Value))));
    }
}
