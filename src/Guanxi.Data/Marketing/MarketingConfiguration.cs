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
