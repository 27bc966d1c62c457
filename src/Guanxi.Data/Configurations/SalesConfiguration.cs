using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Configurations;

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.Property(o => o.Title).HasMaxLength(Opportunity.TitleMaxLength).IsRequired();
        b.Property(o => o.Source).HasConversion<string>().HasMaxLength(24);
        b.Property(o => o.Heat).HasConversion<string>().HasMaxLength(8);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(8);
        b.Property(o => o.Channel).HasMaxLength(Opportunity.ChannelMaxLength);
        b.Property(o => o.Currency).HasMaxLength(Domain.Common.FieldLimits.Currency).IsRequired();
        b.Property(o => o.NextStep).HasMaxLength(Opportunity.TextMaxLength);
        b.Property(o => o.CloseReason).HasMaxLength(Opportunity.TextMaxLength);
        b.Property(o => o.ExternalId).HasMaxLength(Domain.Common.FieldLimits.ExternalId);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.Amount);
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Pipeline>().WithMany().HasForeignKey(o => o.PipelineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(o => o.StageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Competitors).WithOne().HasForeignKey(c => c.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Products).WithOne().HasForeignKey(p => p.OpportunityId).OnDelete(DeleteBehavior.Cascade);

        // The list (newest first, by id) and its filters; the board (a pipeline's open ones by stage).
        b.HasIndex(o => new { o.Status, o.Id });
        b.HasIndex(o => new { o.OwnerId, o.Status, o.Id });
        // The list's owner filter without a status (owner=me): a seek on the owner, newest first, no sort of all their rows.
        b.HasIndex(o => new { o.OwnerId, o.Id });
        b.HasIndex(o => new { o.PipelineId, o.Status, o.StageId });
        // A customer's (its open ones); a rep's list filtered by stage or status, driven from their own customers, from the index alone.
        b.HasIndex(o => new { o.CustomerId, o.Status, o.StageId });
        b.HasIndex(o => new { o.ExpectedCloseOn, o.Id });
        // The funnel's cohort (created in a period, at its furthest stage) and its closed ones (their win rates grouped
        // from the index alone, the reach's customer included); the forecast's open ones expected in a period and the
        // won ones closed in it.
        b.HasIndex(o => new { o.PipelineId, o.CreatedAt, o.FurthestPosition, o.CustomerId });
        b.HasIndex(o => new { o.PipelineId, o.ClosedAt, o.Status, o.Source, o.Channel, o.Heat, o.OwnerId, o.CustomerId });
        b.HasIndex(o => new { o.Status, o.Currency, o.ExpectedCloseOn });
        b.HasIndex(o => new { o.Status, o.Currency, o.ClosedAt });
    }
}

internal sealed class OpportunityCompetitorConfiguration : IEntityTypeConfiguration<OpportunityCompetitor>
{
    public void Configure(EntityTypeBuilder<OpportunityCompetitor> b)
    {
        b.Property(c => c.Name).HasMaxLength(OpportunityCompetitor.NameMaxLength).IsRequired();
        b.Property(c => c.Strengths).HasMaxLength(Opportunity.TextMaxLength);
    }
}

internal sealed class OpportunityProductConfiguration : IEntityTypeConfiguration<OpportunityProduct>
{
    public void Configure(EntityTypeBuilder<OpportunityProduct> b)
    {
        b.Property(p => p.Quantity).HasPrecision(18, 3);
        b.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OpportunityStageChangeConfiguration : IEntityTypeConfiguration<OpportunityStageChange>
{
    public void Configure(EntityTypeBuilder<OpportunityStageChange> b)
    {
        b.Property(c => c.FromStatus).HasConversion<string>().HasMaxLength(8);
        b.Property(c => c.ToStatus).HasConversion<string>().HasMaxLength(8);
        b.HasOne<Opportunity>().WithMany().HasForeignKey(c => c.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(c => c.FromStageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(c => c.ToStageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(c => c.ById).OnDelete(DeleteBehavior.SetNull);
        // An opportunity's timeline; the funnel's changes in a period.
        b.HasIndex(c => new { c.OpportunityId, c.Id });
        // The funnel's days per stage over a period's changes, read from the index alone.
        b.HasIndex(c => new { c.At, c.FromStageId, c.SecondsInStage, c.OpportunityId });
    }
}

internal sealed class StageOutcomeCountConfiguration : IEntityTypeConfiguration<StageOutcomeCount>
{
    public void Configure(EntityTypeBuilder<StageOutcomeCount> b)
    {
        b.ToTable("stage_outcome_counts");
        b.HasKey(x => new { x.StageId, x.Bucket });
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(x => x.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StageHourFactConfiguration : IEntityTypeConfiguration<StageHourFact>
{
    public void Configure(EntityTypeBuilder<StageHourFact> b)
    {
        b.ToTable("stage_hour_facts");
        // A period's hours of one stage are one range of the key.
        b.HasKey(x => new { x.StageId, x.Hour });
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(x => x.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> b)
    {
        b.Property(p => p.Name).HasMaxLength(Pipeline.NameMaxLength).IsRequired();
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
        b.HasData(new Pipeline { Id = Pipeline.DefaultId, Name = "默认 / Default", IsDefault = true, Version = 1 });
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> b)
    {
        b.Property(s => s.Name).HasMaxLength(PipelineStage.NameMaxLength).IsRequired();
        b.HasIndex(s => new { s.PipelineId, s.Position });
        b.HasData(SalesRules.DefaultStages.Select(s => new PipelineStage { Id = s.Id, PipelineId = s.PipelineId, Name = s.Name, Position = s.Position, Probability = s.Probability }));
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Code).HasMaxLength(Domain.Common.FieldLimits.Code).IsRequired();
        b.Property(p => p.Name).HasMaxLength(Domain.Common.FieldLimits.Product).IsRequired();
        b.Property(p => p.Category).HasMaxLength(Product.CategoryMaxLength);
        b.Property(p => p.Currency).HasMaxLength(Domain.Common.FieldLimits.Currency).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class LeadGradeRuleConfiguration : IEntityTypeConfiguration<LeadGradeRule>
{
    public void Configure(EntityTypeBuilder<LeadGradeRule> b)
    {
        b.HasKey(r => r.Grade);
        b.Property(r => r.Grade).HasConversion<string>().HasMaxLength(1);
        b.Property(r => r.NextSteps).HasMaxLength(LeadGradeRule.NextStepsMaxLength).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasData(LeadGrades.Defaults.Select(r => new LeadGradeRule { Grade = r.Grade, CadenceDays = r.CadenceDays, UntilClosed = r.UntilClosed, NextSteps = r.NextSteps, Version = 1 }));
    }
}

internal sealed class CustomerGradeChangeConfiguration : IEntityTypeConfiguration<CustomerGradeChange>
{
    public void Configure(EntityTypeBuilder<CustomerGradeChange> b)
    {
        b.Property(c => c.FromGrade).HasConversion<string>().HasMaxLength(1);
        b.Property(c => c.ToGrade).HasConversion<string>().HasMaxLength(1);
        b.Property(c => c.Reason).HasMaxLength(CustomerGradeChange.ReasonMaxLength).IsRequired();
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(c => c.ById).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.CustomerId, c.Id });
    }
}

internal sealed class SalesTargetConfiguration : IEntityTypeConfiguration<SalesTarget>
{
    public void Configure(EntityTypeBuilder<SalesTarget> b)
    {
        b.Property(t => t.Period).HasMaxLength(SalesPeriod.MaxLength).IsRequired();
        b.Property(t => t.Currency).HasMaxLength(Domain.Common.FieldLimits.Currency).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(t => t.SetById).OnDelete(DeleteBehavior.SetNull);
        // One target per rep and period, one per team and period (a row is a rep's or a team's, never both).
        b.HasIndex(t => new { t.Period, t.UserId }).IsUnique();
        b.HasIndex(t => new { t.Period, t.TeamId }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_sales_targets_holder", "(user_id IS NULL) <> (team_id IS NULL)"));
    }
}

internal sealed class SalesCommitmentConfiguration : IEntityTypeConfiguration<SalesCommitment>
{
    public void Configure(EntityTypeBuilder<SalesCommitment> b)
    {
        b.Property(c => c.Period).HasMaxLength(SalesPeriod.MaxLength).IsRequired();
        b.Property(c => c.Currency).HasMaxLength(Domain.Common.FieldLimits.Currency).IsRequired();
        b.Property(c => c.Note).HasMaxLength(SalesCommitment.NoteMaxLength);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // A rep's commitments for a period, newest last: the latest counts.
        b.HasIndex(c => new { c.Period, c.UserId, c.Id });
    }
}

internal sealed class OpportunityListViewConfiguration : IEntityTypeConfiguration<OpportunityListView>
{
    public void Configure(EntityTypeBuilder<OpportunityListView> b)
    {
        b.Property(v => v.Name).HasMaxLength(OpportunityListView.NameMaxLength).IsRequired();
        b.Property(v => v.Status).HasMaxLength(8);
        b.Property(v => v.Owner).HasMaxLength(OpportunityListView.OwnerMaxLength);
        b.Property(v => v.Q).HasMaxLength(OpportunityListView.QMaxLength);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(v => v.StageId).OnDelete(DeleteBehavior.SetNull);
        // One's views by name (saving under a name again replaces it).
        b.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
    }
}
