using Guanxi.Data;
using Guanxi.Data.Bulk;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Data.Sqlite.Bulk;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Data;

[ClockIndependent]
public class BulkInsertTests
{
    /// <summary>
    /// The web server's demo load and a later import reuse one pooled SQLite connection: the second bulk insert
    /// into a table, with other columns, must not meet the first one's staging table (it broke the import wizard).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_inserts_with_different_columns_share_a_connection(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.CreateContext();
        var now = Testing.TestClock.Start.UtcDateTime;
        IBulkInsert bulk = provider == DatabaseProvider.Postgres ? new PostgresBulkInsert() : new SqliteBulkInsert();
        await using (var tx = await ctx.Database.BeginTransactionAsync())
        {
            await bulk.InsertAsync(ctx, "customers", ["code", "name", "kind", "relationship", "company_size", "created_at", "updated_at", "version"],
                [["C-BULK-1", "甲", "Person", "Ordinary", "Unknown", now, now, 1L]], CancellationToken.None);
            await bulk.InsertAsync(ctx, "customers", ["name", "code", "kind", "relationship", "company_size", "created_at", "updated_at", "version", "city"],
                [["乙", "C-BULK-2", "Person", "Ordinary", "Unknown", now, now, 1L, "上海"]], CancellationToken.None);
            await tx.CommitAsync();
        }

        var rows = await ctx.Customers.IgnoreQueryFilters().Where(c => c.Code.StartsWith("C-BULK-")).OrderBy(c => c.Code).ToListAsync();
        Assert.Equal(["甲", "乙"], rows.Select(r => r.Name));
        Assert.Equal("上海", rows[1].City);
    }
}
