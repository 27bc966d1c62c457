using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Marketing;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.Property(t => t.Name).HasMaxLength(MessageTemplate.NameMaxLength).IsRequired();
        b.Property(t => t.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(t => t.Language).HasMaxLength(MessageTemplate.LanguageMaxLength).IsRequired();
        b.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength).IsRequired();
        b.Property(t => t.Body).HasMaxLength(MessageTemplate.BodyMaxLength).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Address).HasMaxLength(OutboxMessage.AddressMaxLength);
        b.Property(m => m.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength * 4).IsRequired();
        b.Property(m => m.Body).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        b.Property(m => m.ClaimId).HasMaxLength(36);
        b.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.KeyMaxLength).IsRequired();
        b.Property(m => m.UnsubscribeToken).HasMaxLength(OutboxMessage.TokenLength).IsRequired();
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => m.UnsubscribeToken).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => new { m.CustomerId, m.Status, m.SentAt });
        b.HasIndex(m => new { m.CampaignId, m.Status });
        b.HasOne<Domain.Customers.Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MessageTemplate>().WithMany().HasForeignKey(m => m.TemplateId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(Campaign.NameMaxLength).IsRequired();
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(8);
        b.Property(c => c.Audience).HasMaxLength(Campaign.AudienceMaxLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Name).IsUnique();
        b.HasOne<MessageTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MessageTemplate>().WithMany().HasForeignKey(c => c.VariantTemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignRecipientConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> b)
    {
        b.HasKey(r => new { r.CampaignId, r.CustomerId });
        b.Property(r => r.Group).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.Reason).HasMaxLength(20);
        b.Property(r => r.Variant).HasMaxLength(1);
        b.HasIndex(r => r.CustomerId);
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Customers.Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CareRuleConfiguration : IEntityTypeConfiguration<CareRule>
{
    public void Configure(EntityTypeBuilder<CareRule> b)
    {
        b.ToTable("care_rules");
        b.Property(r => r.Name).HasMaxLength(CareRule.NameMaxLength).IsRequired();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Festival).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.Name).IsUnique();
        b.HasOne<MessageTemplate>().WithMany().HasForeignKey(r => r.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
