using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.Number).HasMaxLength(FieldLimits.OrderNumber).IsRequired();
        b.Property(o => o.Currency).HasMaxLength(FieldLimits.Currency).IsRequired();
        b.Property(o => o.Channel).HasMaxLength(FieldLimits.Channel).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.Amount);
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new { o.CustomerId, o.OrderedAt });
        b.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        // A plain indexed column, not a foreign key: adding a key (or a check) to orders makes SQLite rebuild the table,
        // which drops its triggers (rollups, customer since first order). A deleted original leaves a dangling number
        // that readers treat as "original not known".
        b.HasIndex(o => o.ReturnsOrderId);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.Property(l => l.Product).HasMaxLength(FieldLimits.Product).IsRequired();
        b.Property(l => l.Quantity).HasPrecision(18, 4);
    }
}

internal sealed class CurrencyRateConfiguration : IEntityTypeConfiguration<CurrencyRate>
{
    public void Configure(EntityTypeBuilder<CurrencyRate> b)
    {
        b.ToTable("currency_rates");
        b.Property(r => r.Currency).HasMaxLength(FieldLimits.Currency).IsRequired();
        b.Property(r => r.Rate).HasPrecision(18, CurrencyRates.RateScale);
        b.HasIndex(r => new { r.Currency, r.Month }).IsUnique();
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.Property(i => i.ExternalId).HasMaxLength(FieldLimits.ExternalId);
        b.Property(i => i.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Direction).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Subject).HasMaxLength(FieldLimits.Subject).IsRequired();
        b.Property(i => i.Body).HasMaxLength(FieldLimits.Body);
        b.HasIndex(i => i.ExternalId).IsUnique();
        b.HasIndex(i => new { i.CustomerId, i.OccurredAt });
        // The home page's latest interactions: a walk back from the newest, not a sort of every interaction.
        b.HasIndex(i => new { i.OccurredAt, i.Id });
        // Who served whom (the customer_servers view behind a service agent's reach): one seek per customer tested.
        b.HasIndex(i => new { i.StaffUserId, i.CustomerId });
        b.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(i => i.StaffUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Contact>().WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(r => r.Kind).HasMaxLength(32);
        b.Property(r => r.FileName).HasMaxLength(500);
        b.Property(r => r.FileHash).HasMaxLength(64);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => new { r.FileHash, r.Kind, r.Status });
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(FieldLimits.Notes);
    }
}
