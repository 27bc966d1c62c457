using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Configurations;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.Property(r => r.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Priority).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Subject).HasMaxLength(ServiceRequest.SubjectMaxLength).IsRequired();
        b.Property(r => r.Description).HasMaxLength(ServiceRequest.TextMaxLength);
        b.Property(r => r.Apology).HasMaxLength(ServiceRequest.TextMaxLength);
        b.Property(r => r.Remedy).HasMaxLength(ServiceRequest.TextMaxLength);
        b.Property(r => r.VisitOutcome).HasMaxLength(ServiceRequest.TextMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.IsOpen);
        b.Property(r => r.ExternalId).HasMaxLength(Domain.Common.FieldLimits.ExternalId);
        b.HasIndex(r => r.ExternalId).IsUnique();
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(r => r.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<SlaPolicy>().WithMany().HasForeignKey(r => r.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);

        // The queue: one's open requests by time left; everyone's by time left (and the breach scan); a customer's requests.
        // Partial on open requests: SQLite cannot seek a bare boolean term (`WHERE is_open`, as EF writes it) in an index
        // that starts with the column, so it sorted all open requests per page; the partial index matches the term.
        b.HasIndex(r => new { r.AssigneeId, r.NextDueAt, r.Id }).HasFilter("is_open");
        b.HasIndex(r => new { r.NextDueAt, r.Id }).HasFilter("is_open");
        // An agent's queue, driven from their own customers (GuanxiDbContext.OwnCustomerIds).
        b.HasIndex(r => new { r.CustomerId, r.NextDueAt }).HasFilter("is_open");
        b.HasIndex(r => new { r.CustomerId, r.Status });
        // A model run's complaint counts (ServiceScan): the complaints alone, by customer, with what the counts test.
        b.HasIndex(r => new { r.CustomerId, r.CreatedAt, r.ResolvedAt, r.ClosedAt }).HasFilter("type = 'Complaint'")
            .HasDatabaseName("ix_service_requests_complaints");
        b.Property(r => r.ProgressTokenHash).HasMaxLength(SatisfactionSurvey.TokenHashLength);
        b.HasIndex(r => r.ProgressTokenHash).IsUnique();
        // The reports: requests made within a date range.
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.RequestType).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.TokenHash).HasMaxLength(SatisfactionSurvey.TokenHashLength).IsRequired();
        b.Property(s => s.Comment).HasMaxLength(SatisfactionSurvey.CommentMaxLength);
        // Answered once: a second answer racing the first finds the answered time changed.
        b.Property(s => s.AnsweredAt).IsConcurrencyToken();
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(s => s.ServiceRequestId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.SetNull);

        // The survey results by agent and by team: each group read in index order with what it sums, no table reads
        // (the customer is there for the reach test).
        b.HasIndex(s => new { s.AgentId, s.Kind, s.Score, s.CustomerId });
        b.HasIndex(s => new { s.TeamId, s.Kind, s.Score, s.CustomerId });
        // The model run's grouped read of answers before a day, and a customer's satisfaction history.
        b.HasIndex(s => new { s.CustomerId, s.AnsweredAt });
        // Answers by date; with customer, kind and score a model run's mean rating of the year reads the index alone
        // (2M answers: 5.6 s through the table, 1.0 s from the index).
        b.HasIndex(s => new { s.AnsweredAt, s.CustomerId, s.Kind, s.Score });
    }
}

internal sealed class ServiceRequestNoteConfiguration : IEntityTypeConfiguration<ServiceRequestNote>
{
    public void Configure(EntityTypeBuilder<ServiceRequestNote> b)
    {
        b.Property(n => n.Body).HasMaxLength(ServiceRequest.TextMaxLength).IsRequired();
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(n => new { n.RequestId, n.Id });
    }
}

internal sealed class ServiceAttachmentConfiguration : IEntityTypeConfiguration<ServiceAttachment>
{
    public void Configure(EntityTypeBuilder<ServiceAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(ServiceAttachment.FileNameMaxLength).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(ServiceAttachment.ContentTypeMaxLength).IsRequired();
        b.Property(a => a.StoredName).HasMaxLength(ServiceAttachment.StoredNameMaxLength).IsRequired();
        b.HasIndex(a => a.StoredName).IsUnique();
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.RequestId, a.Id });
    }
}

internal sealed class ServiceRequestEventConfiguration : IEntityTypeConfiguration<ServiceRequestEvent>
{
    public void Configure(EntityTypeBuilder<ServiceRequestEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(ServiceRequestEvent.KindMaxLength).IsRequired();
        b.Property(e => e.FromValue).HasMaxLength(ServiceRequestEvent.ValueMaxLength);
        b.Property(e => e.ToValue).HasMaxLength(ServiceRequestEvent.ValueMaxLength);
        b.Property(e => e.Note).HasMaxLength(ServiceRequest.TextMaxLength);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => new { e.RequestId, e.Id });
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> b)
    {
        b.Property(p => p.Name).HasMaxLength(SlaPolicy.NameMaxLength).IsRequired();
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.ModelKey).HasMaxLength(120);
        b.Property(p => p.ClassKey).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.AnyCustomer);
        b.Property(p => p.Types).HasConversion(
                v => string.Join(",", v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ServiceRequestType>).ToList(),
                new ValueComparer<List<ServiceRequestType>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
            .HasMaxLength(200);
        b.Property(p => p.Priorities).HasConversion(
                v => string.Join(",", v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ServicePriority>).ToList(),
                new ValueComparer<List<ServicePriority>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
            .HasMaxLength(200);
    }
}

internal sealed class BusinessCalendarDayConfiguration : IEntityTypeConfiguration<BusinessCalendarDay>
{
    public void Configure(EntityTypeBuilder<BusinessCalendarDay> b)
    {
        b.HasKey(d => d.Day);
        b.Property(d => d.Name).HasMaxLength(BusinessCalendarDay.NameMaxLength).IsRequired();

        // The arrangements we can vouch for ship with the schema; an admin edits them and adds later years.
        b.HasData(ChinaHolidays.All.Select(d => new BusinessCalendarDay { Day = d.Day, IsWorkday = d.IsWorkday, Name = d.Name }));
    }
}
