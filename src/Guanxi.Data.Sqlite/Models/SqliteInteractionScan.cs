using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Sqlite.Bulk;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>
/// SQLite's read of every interaction through the C API, like its order scan: no boxing and no string per date (through
/// ADO.NET the 3M interactions of the 1M-customer bench took 3.5 s, most of a model run's load step).
/// </summary>
public sealed class SqliteInteractionScan(IDbContextFactory<GuanxiDbContext> contexts, SqliteDays days) : InteractionScan(contexts, days)
{
    protected override Task ReadAllAsync(CustomerMetricsBuilder builder, CancellationToken ct)
    {
        Read(builder, ct);
        return Task.CompletedTask;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Read(CustomerMetricsBuilder builder, CancellationToken ct)
    {
        using var db = Contexts.CreateDbContext();
        db.Database.OpenConnection();
        using var rows = SqliteStatement.Prepare((SqliteConnection)db.Database.GetDbConnection(), AllSql);
        int k = 0;
        while (rows.Step())
        {
            if ((++k & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            builder.AddInteraction(rows.Int64(0), DateOnly.FromDayNumber(rows.DayNumber(1)), (InteractionChannel)rows.Int64(2), (InteractionDirection)rows.Int64(3));
        }
    }
}
