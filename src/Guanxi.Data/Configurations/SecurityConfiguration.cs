using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(t => t.Name).IsUnique();
        b.HasOne<Team>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<GuanxiUser>
{
    public void Configure(EntityTypeBuilder<GuanxiUser> b)
    {
        b.HasOne<Team>().WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CustomerShareConfiguration : IEntityTypeConfiguration<CustomerShare>
{
    public void Configure(EntityTypeBuilder<CustomerShare> b)
    {
        b.Property(s => s.Access).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(s => new { s.CustomerId, s.UserId, s.TeamId });
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.TeamId);
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_customer_shares_one_grantee", "(user_id IS NULL) <> (team_id IS NULL)"));
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Address).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(40).IsRequired();
        b.Property(a => a.Entity).HasMaxLength(40);
        b.Property(a => a.EntityId).HasMaxLength(40);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Entity, a.EntityId });
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.Property(c => c.Channel).HasMaxLength(16).IsRequired();
        b.Property(c => c.Purpose).HasMaxLength(40).IsRequired();
        b.Property(c => c.How).HasMaxLength(200);
        b.HasIndex(c => new { c.CustomerId, c.Channel, c.Purpose });
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerServerConfiguration : IEntityTypeConfiguration<CustomerServer>
{
    public void Configure(EntityTypeBuilder<CustomerServer> b)
    {
        b.HasNoKey();
        b.ToView("customer_servers");
    }
}
