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

    /// <summary>
    /// Values of every kind the imports bulk-insert (text, whole numbers, booleans, decimals, date-times, nulls) come
    /// back through EF as they went in, for more rows than one statement takes (SQLite binds many rows per execution).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_inserted_values_read_back_through_ef_as_they_went_in(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.CreateContext();
        var at = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Unspecified);
        IBulkInsert bulk = provider == DatabaseProvider.Postgres ? new PostgresBulkInsert() : new SqliteBulkInsert();
        await using (var tx = await ctx.Database.BeginTransactionAsync())
        {
            await bulk.InsertAsync(ctx, "customers", ["code", "name", "kind", "relationship", "company_size", "created_at", "updated_at", "version"],
                [["C-BULK-9", "丙", "Person", "Ordinary", "Unknown", at, at, 1L]], CancellationToken.None);
            long customerId = await ctx.Customers.IgnoreQueryFilters().Where(c => c.Code == "C-BULK-9").Select(c => c.Id).SingleAsync();
            var orders = Enumerable.Range(0, 150).Select(i => new object?[]
            {
                "B-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), customerId, at.AddMinutes(i), (long)(i - 3) * 101,
                "CNY", i % 2 == 0 ? "web" : "门店", i < 3, null, at, 1L,
            }).ToList();
            await bulk.InsertAsync(ctx, "orders", ["number", "customer_id", "ordered_at", "amount_cents", "currency", "channel", "is_return", "returns_order_id", "created_at", "version"],
                orders, CancellationToken.None);
            var ids = await ctx.Orders.IgnoreQueryFilters().Where(o => o.Number.StartsWith("B-")).ToDictionaryAsync(o => o.Number, o => o.Id);
            var lines = Enumerable.Range(0, 150).Select(i => new object?[] { ids["B-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)], "P" + i, 1.5m + i, (long)i * 7 }).ToList();
            await bulk.InsertAsync(ctx, "order_lines", ["order_id", "product", "quantity", "unit_price_cents"], lines, CancellationToken.None);
            await tx.CommitAsync();
        }

        var stored = await ctx.Orders.IgnoreQueryFilters().AsNoTracking().Include(o => o.Lines).Where(o => o.Number.StartsWith("B-")).OrderBy(o => o.Number).ToListAsync();
        Assert.Equal(150, stored.Count);
        for (int i = 0; i < 150; i++)
        {
            var o = stored[i];
            Assert.Equal(at.AddMinutes(i), o.OrderedAt);
            Assert.Equal((long)(i - 3) * 101, o.AmountCents);
            Assert.Equal(i % 2 == 0 ? "web" : "门店", o.Channel);
            Assert.Equal(i < 3, o.IsReturn);
            Assert.Null(o.ReturnsOrderId);
            var line = Assert.Single(o.Lines);
            Assert.Equal("P" + i, line.Product);
            Assert.Equal(1.5m + i, line.Quantity);
            Assert.Equal((long)i * 7, line.UnitPriceCents);
        }
    }
}
