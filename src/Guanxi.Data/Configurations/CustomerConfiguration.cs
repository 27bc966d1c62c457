using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guanxi.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Code).HasMaxLength(FieldLimits.Code).IsRequired();
        b.Property(c => c.ExternalId).HasMaxLength(FieldLimits.ExternalId);
        b.Property(c => c.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        // Pinyin search (decision 0021): kept by Customer.Name; the prefix indexes are SQL in the migration PinyinSearch
        // (PostgreSQL needs text_pattern_ops for LIKE 'wym%').
        b.Property(c => c.NamePinyin).HasMaxLength(PinyinReading.MaxFull).IsRequired();
        b.Property(c => c.NameInitials).HasMaxLength(PinyinReading.MaxInitials).IsRequired();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Relationship).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.CompanySize).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Phone).HasMaxLength(FieldLimits.Phone);
        b.Property(c => c.PhoneDigits).HasMaxLength(FieldLimits.Phone);
        b.Property(c => c.Email).HasMaxLength(FieldLimits.Email);
        b.Property(c => c.EmailNormalized).HasMaxLength(FieldLimits.Email);
        b.Property(c => c.WeChatId).HasMaxLength(FieldLimits.WeChat);
        b.Property(c => c.Address).HasMaxLength(FieldLimits.Address);
        b.Property(c => c.Province).HasMaxLength(FieldLimits.Region);
        b.Property(c => c.City).HasMaxLength(FieldLimits.Region);
        b.Property(c => c.Industry).HasMaxLength(FieldLimits.Industry);
        b.Property(c => c.Source).HasMaxLength(FieldLimits.Source);
        b.Property(c => c.Notes).HasMaxLength(FieldLimits.Notes);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.Grade).HasConversion<string>().HasMaxLength(1);
        b.Property(c => c.GradeReason).HasMaxLength(Domain.Sales.CustomerGradeChange.ReasonMaxLength);

        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.HasIndex(c => c.PhoneDigits);
        b.HasIndex(c => c.EmailNormalized);
        b.HasIndex(c => new { c.Name, c.Id });
        b.HasIndex(c => new { c.City, c.Id });
        b.HasIndex(c => new { c.OwnerId, c.Id });
        b.HasIndex(c => new { c.CreatedAt, c.Id });
        b.HasIndex(c => c.ReferredById);
        // The leads list: graded customers by grade.
        b.HasIndex(c => new { c.Grade, c.Id });
        // The home page counts customers by kind: with this the grouped count reads the index alone, not the table.
        b.HasIndex(c => c.Kind);

        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.ReferredById).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Groups).WithOne().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.CustomFields).WithOne().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerTagConfiguration : IEntityTypeConfiguration<CustomerTag>
{
    public void Configure(EntityTypeBuilder<CustomerTag> b)
    {
        b.HasKey(t => new { t.CustomerId, t.Tag });
        b.Property(t => t.Tag).HasMaxLength(FieldLimits.Tag);
        b.HasIndex(t => new { t.Tag, t.CustomerId });
    }
}

internal sealed class CustomerGroupConfiguration : IEntityTypeConfiguration<CustomerGroup>
{
    public void Configure(EntityTypeBuilder<CustomerGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(FieldLimits.GroupName).IsRequired();
        b.Property(g => g.Description).HasMaxLength(FieldLimits.Notes);
        b.HasIndex(g => g.Name).IsUnique();
    }
}

internal sealed class CustomerGroupMemberConfiguration : IEntityTypeConfiguration<CustomerGroupMember>
{
    public void Configure(EntityTypeBuilder<CustomerGroupMember> b)
    {
        b.HasKey(m => new { m.CustomerId, m.GroupId });
        b.HasIndex(m => new { m.GroupId, m.CustomerId });
        b.HasOne(m => m.Group).WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(c => c.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        b.Property(c => c.Role).HasMaxLength(FieldLimits.ContactRole);
        b.Property(c => c.Phone).HasMaxLength(FieldLimits.Phone);
        b.Property(c => c.PhoneDigits).HasMaxLength(FieldLimits.Phone);
        b.Property(c => c.Email).HasMaxLength(FieldLimits.Email);
        b.HasIndex(c => c.CustomerId);
        b.HasIndex(c => c.PhoneDigits);
    }
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> b)
    {
        b.Property(f => f.Key).HasMaxLength(FieldLimits.CustomFieldKey).IsRequired();
        b.Property(f => f.Label).HasMaxLength(FieldLimits.Name).IsRequired();
        b.Property(f => f.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.Choices).HasMaxLength(FieldLimits.Notes);
        b.HasIndex(f => f.Key).IsUnique();
        b.Ignore(f => f.ChoiceList);
    }
}

internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> b)
    {
        b.HasKey(v => new { v.CustomerId, v.FieldId });
        b.Property(v => v.Value).HasMaxLength(FieldLimits.CustomFieldValue);
        b.HasOne<CustomFieldDefinition>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerMergeConfiguration : IEntityTypeConfiguration<CustomerMerge>
{
    public void Configure(EntityTypeBuilder<CustomerMerge> b)
    {
        b.Property(m => m.MergedCode).HasMaxLength(FieldLimits.Code);
        b.HasIndex(m => m.SurvivorId);
    }
}

internal sealed class DuplicateCandidateConfiguration : IEntityTypeConfiguration<DuplicateCandidate>
{
    public void Configure(EntityTypeBuilder<DuplicateCandidate> b)
    {
        b.Property(d => d.Reason).HasConversion<string>().HasMaxLength(32);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(d => new { d.CustomerId, d.DuplicateOfId, d.Reason }).IsUnique();
        b.HasIndex(d => d.Status);
    }
}

internal sealed class CodeSequenceConfiguration : IEntityTypeConfiguration<CodeSequence>
{
    public void Configure(EntityTypeBuilder<CodeSequence> b)
    {
        b.HasKey(s => s.Prefix);
        b.Property(s => s.Prefix).HasMaxLength(FieldLimits.Code);
    }
}

internal sealed class CustomerListViewConfiguration : IEntityTypeConfiguration<CustomerListView>
{
    public void Configure(EntityTypeBuilder<CustomerListView> b)
    {
        b.Property(v => v.Name).HasMaxLength(CustomerListView.NameMaxLength).IsRequired();
        b.Property(v => v.Query).HasMaxLength(CustomerListView.QueryMaxLength).IsRequired();
        b.Property(v => v.Columns).HasMaxLength(CustomerListView.ColumnsMaxLength).IsRequired();
        b.HasOne<GuanxiUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Security.Team>().WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.SetNull);
        // One's views by name (saving under a name again replaces it); the team's shared views.
        b.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
        b.HasIndex(v => v.TeamId);
    }
}
