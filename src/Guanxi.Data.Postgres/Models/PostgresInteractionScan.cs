using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Data.Postgres.Models;

/// <summary>
/// PostgreSQL's read of every interaction: a binary COPY of the same query, decoded by <see cref="PgCopyReader"/> (through
/// Npgsql's data reader the 3M interactions of the 1M-customer bench took 3.7 s, the largest part of a model run's load).
/// </summary>
public sealed class PostgresInteractionScan(IDbContextFactory<GuanxiDbContext> contexts, PostgresDays days) : InteractionScan(contexts, days)
{
    protected override async Task ReadAllAsync(CustomerMetricsBuilder builder, CancellationToken ct)
    {
        await using var db = await Contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await Task.Run(() => Read(connection, builder, ct), ct);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Read(NpgsqlConnection connection, CustomerMetricsBuilder builder, CancellationToken ct)
    {
        using var copy = PgCopyReader.Begin(connection, $"COPY ({AllSql}) TO STDOUT (FORMAT BINARY)");
        int k = 0;
        while (copy.Read())
        {
            if ((++k & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            builder.AddInteraction(copy.Int64(0), DateOnly.FromDayNumber(PostgresDays.DayOfTimestamp(copy.Int64(1))),
                (InteractionChannel)copy.Int32(2), (InteractionDirection)copy.Int32(3));
        }
    }
}
