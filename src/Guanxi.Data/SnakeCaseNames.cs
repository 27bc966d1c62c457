using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data;

/// <summary>
/// snake_case tables and columns on both providers, so the hand-written set-based SQL of imports and
/// models reads the same on SQLite and PostgreSQL and needs no quoting.
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is not null) entity.SetTableName(ToSnake(table));
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnake(property.GetColumnName()));
            foreach (var key in entity.GetKeys())
                key.SetName(ToSnake(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(ToSnake(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnake(index.GetDatabaseName()!));
        }
    }

    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (previousIsLowerOrDigit || nextIsLower) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>
/// Business-local date-times (order and interaction times, and the rollups' copies of them) stay "timestamp without
/// time zone" in PostgreSQL: a copy into a "with time zone" column would be shifted by the session's time zone.
/// </summary>
internal static class PostgresTypes
{
    public static void Apply(ModelBuilder builder)
    {
        builder.Entity<Domain.Orders.Order>().Property(o => o.OrderedAt).HasColumnType("timestamp without time zone");
        builder.Entity<Domain.Interactions.Interaction>().Property(i => i.OccurredAt).HasColumnType("timestamp without time zone");
        var rollup = builder.Entity<CustomerRollup>();
        rollup.Property(r => r.FirstOrderAt).HasColumnType("timestamp without time zone");
        rollup.Property(r => r.LastOrderAt).HasColumnType("timestamp without time zone");
        rollup.Property(r => r.LastContactAt).HasColumnType("timestamp without time zone");
        var task = builder.Entity<Domain.Maintenance.CustomerTask>();
        task.Property(t => t.DueAt).HasColumnType("timestamp without time zone");
        task.Property(t => t.CompletedAt).HasColumnType("timestamp without time zone");
    }
}
