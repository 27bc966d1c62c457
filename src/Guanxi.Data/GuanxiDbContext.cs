using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Orders;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data;

public class GuanxiDbContext(DbContextOptions<GuanxiDbContext> options)
    : IdentityDbContext<GuanxiUser, GuanxiRole, long>(options)
{
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
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();
    public DbSet<ModelResultRow> ModelResults => Set<ModelResultRow>();
    public DbSet<ModelCustomLabel> ModelCustomLabels => Set<ModelCustomLabel>();
    public DbSet<CustomModelDefinition> CustomModels => Set<CustomModelDefinition>();
    public DbSet<CustomerRollup> CustomerRollups => Set<CustomerRollup>();

    public bool IsPostgres => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GuanxiDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
        if (Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            PostgresTypes.Apply(builder);
        }
    }
}
