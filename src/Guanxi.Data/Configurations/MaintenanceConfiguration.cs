using System.Text.Json;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Maintenance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Configurations;

internal sealed class CustomerTaskConfiguration : IEntityTypeConfiguration<CustomerTask>
{
    public void Configure(EntityTypeBuilder<CustomerTask> b)
    {
        b.ToTable("tasks");
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Origin).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Title).HasMaxLength(CustomerTask.TitleMaxLength).IsRequired();
        b.Property(t => t.Notes).HasMaxLength(CustomerTask.NotesMaxLength);
        b.Property(t => t.StepKey).HasMaxLength(16);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Playbook>().WithMany().HasForeignKey(t => t.PlaybookId).OnDelete(DeleteBehavior.SetNull);

        // The queues: my open tasks by due time, and a customer's tasks.
        b.HasIndex(t => new { t.AssigneeId, t.State, t.DueAt });
        b.HasIndex(t => new { t.CustomerId, t.State });

        // Evaluation: a playbook's tasks due in a period, without reading the other playbooks' millions.
        b.HasIndex(t => new { t.PlaybookId, t.DueAt });

        // A customer never has two open tasks from the same playbook step, whoever applies playbooks how often.
        b.HasIndex(t => new { t.PlaybookId, t.CustomerId, t.StepKey }).IsUnique().HasFilter("state = 'Open' AND playbook_id IS NOT NULL");
    }
}

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Playbook> b)
    {
        b.Property(p => p.Name).HasMaxLength(Playbook.NameMaxLength).IsRequired();
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.Description).HasMaxLength(Playbook.TextMaxLength);
        b.Property(p => p.ModelKey).HasMaxLength(120).IsRequired();
        b.Property(p => p.ClassKey).HasMaxLength(100).IsRequired();
        b.Property(p => p.ServiceLevel).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.TargetRelationship).HasMaxLength(32);
        b.Property(p => p.Offers).HasMaxLength(Playbook.TextMaxLength);
        b.Property(p => p.CareActions).HasMaxLength(Playbook.TextMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.Channels).HasConversion(
                v => string.Join(",", v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<TaskKind>).ToList(),
                new ValueComparer<List<TaskKind>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
            .HasMaxLength(200);
        b.Property(p => p.Steps).HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<PlaybookStep>>(v, Json) ?? new List<PlaybookStep>(),
                new ValueComparer<List<PlaybookStep>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()))
            .HasMaxLength(8000);
        b.HasIndex(p => new { p.ModelKey, p.ClassKey });
    }
}

internal sealed class PlaybookVersionConfiguration : IEntityTypeConfiguration<PlaybookVersion>
{
    public void Configure(EntityTypeBuilder<PlaybookVersion> b)
    {
        b.HasKey(v => new { v.PlaybookId, v.Version });
        b.Property(v => v.Definition).HasMaxLength(16000);
        b.HasOne<Playbook>().WithMany().HasForeignKey(v => v.PlaybookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LayerFlowConfiguration : IEntityTypeConfiguration<LayerFlow>
{
    public void Configure(EntityTypeBuilder<LayerFlow> b)
    {
        b.HasKey(f => new { f.RunId, f.ModelKey, f.FromClass, f.ToClass });
        b.Property(f => f.ModelKey).HasMaxLength(120);
        b.Property(f => f.FromClass).HasMaxLength(100);
        b.Property(f => f.ToClass).HasMaxLength(100);
        b.HasIndex(f => new { f.ModelKey, f.AsOf });
    }
}

internal sealed class WinBackCaseConfiguration : IEntityTypeConfiguration<WinBackCase>
{
    public void Configure(EntityTypeBuilder<WinBackCase> b)
    {
        b.ToTable("win_back_cases");
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Reason).HasMaxLength(WinBackCase.TextMaxLength).IsRequired();
        b.Property(c => c.Apology).HasMaxLength(WinBackCase.TextMaxLength);
        b.Property(c => c.Remedy).HasMaxLength(WinBackCase.TextMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsClosed);
        b.Ignore(c => c.WindowEnds);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.State, c.OpenedOn });

        // One case at a time per customer.
        b.HasIndex(c => c.CustomerId).IsUnique().HasFilter("state IN ('Open', 'Apologised', 'RemedyOffered')");
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Service.ServiceRequest>().WithMany().HasForeignKey(n => n.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
        b.HasIndex(n => new { n.RunId, n.Kind, n.CustomerId });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(f => f.TokenHash).IsUnique();
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
