using System.Globalization;
using System.Net;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Import;
using Guanxi.Tests.Infrastructure;
using Guanxi.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Customers;

/// <summary>
/// The kept monthly order facts (issue 18: the home page's order count, revenue and revenue trend at 10M orders): the
/// triggers keep them equal to a GROUP BY over the orders whoever writes, and the home figures read from them for an
/// admin equal the scoped query's for a rep who owns every customer.
/// </summary>
public class OrderMonthFactTests
{
    private static readonly string[] Currencies = ["CNY", "CNY", "USD", "EUR"];

    /// <summary>
    /// Random creates, returns, moves between months, currencies and customers, deletes, merges and customer deletes
    /// through the API, then an import and a re-import that moves one order: the facts equal a GROUP BY over the orders.
    /// </summary>
    [Theory, ClockIndependent] // orders on fixed dates, compared with a recount
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Facts_kept_by_every_writer_equal_a_group_by_over_the_orders(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var random = new Random(20261207);
        var customers = new List<long>();
        for (int i = 0; i < 5; i++) customers.Add(await http.CreateCustomer($"月度客户{i}"));
        var orders = new List<long>();
        var returns = new HashSet<long>();
        long Pick(List<long> ids) => ids[random.Next(ids.Count)];
        // Minutes up to a whole day, so orders land at the edges of months too.
        DateTime SomeTime() => new DateTime(2025, 1, 1, 0, 0, 0).AddDays(random.Next(400)).AddMinutes(random.Next(24 * 60));
        object SomeOrder(string number, bool isReturn) => new
        {
            number,
            customerId = Pick(customers),
            orderedAt = SomeTime(),
            amount = (isReturn ? -1 : 1) * random.Next(1, 100_000) / 100m,
            currency = Currencies[random.Next(Currencies.Length)],
            channel = "web",
            isReturn,
        };

        for (int step = 0; step < 60; step++)
        {
            int action = random.Next(10);
            if (action <= 3 || orders.Count < 3)
            {
                var order = await http.PostOk("/api/v1/orders", SomeOrder($"M-{step}", isReturn: action == 3));
                orders.Add(order.GetProperty("id").GetInt64());
                if (action == 3) returns.Add(orders[^1]);
            }
            else if (action <= 6)
            {
                long id = Pick(orders);
                var (status, _) = await http.Send(HttpMethod.Put, $"/api/v1/orders/{id}", SomeOrder($"M-moved-{step}", isReturn: returns.Contains(id)));
                Assert.Equal(HttpStatusCode.OK, status);
            }
            else if (action <= 8)
            {
                long id = Pick(orders);
                orders.Remove(id);
                Assert.Equal(HttpStatusCode.NoContent, (await http.Send(HttpMethod.Delete, $"/api/v1/orders/{id}")).Status);
            }
            else if (customers.Count > 3)
            {
                // A merge moves the merged customer's orders (no month changes); a customer delete takes its orders along.
                long gone = Pick(customers);
                customers.Remove(gone);
                if (random.Next(2) == 0)
                {
                    Assert.Equal(HttpStatusCode.OK, (await http.Send(HttpMethod.Post, $"/api/v1/customers/{Pick(customers)}/merge", new { mergedId = gone })).Status);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.NoContent, (await http.Send(HttpMethod.Delete, $"/api/v1/customers/{gone}")).Status);
                    await using var ctx = db.CreateContext();
                    orders.RemoveAll(o => !ctx.Orders.Any(x => x.Id == o));
                }
                customers.Add(await http.CreateCustomer($"新月度客户{step}"));
            }
        }

        // The import's bulk path, then a re-import that moves order 9102 to another month and currency.
        using var files = new TempFiles();
        var customerFile = files.Write("customers.csv", "customer_id,name\n9001,导入甲\n9002,导入乙\n");
        const string Header = "order_id,customer_id,ordered_at,amount,currency,channel\n";
        var ordersFile = files.Write("orders.csv", Header
            + "9101,9001,2025-01-31T23:59:59,12.34,CNY,web\n9102,9001,2025-02-01T00:00:00,5.00,USD,web\n9103,9002,2025-02-15T10:00:00,7.50,EUR,store\n");
        var movedFile = files.Write("moved.csv", Header
            + "9101,9001,2025-01-31T23:59:59,12.34,CNY,web\n9102,9001,2025-03-01T00:00:00,6.00,EUR,web\n9103,9002,2025-02-15T10:00:00,7.50,EUR,store\n");
        Assert.Equal("imported 2, updated 0, unchanged 0, rejected 0", (await GuanxiCli.RunAsync("import", "customers", customerFile, "--db", db.DbArgument)).LastLine);
        Assert.Equal("imported 3, updated 0, unchanged 0, rejected 0", (await GuanxiCli.RunAsync("import", "orders", ordersFile, "--db", db.DbArgument)).LastLine);
        Assert.Equal("imported 0, updated 1, unchanged 2, rejected 0", (await GuanxiCli.RunAsync("import", "orders", movedFile, "--db", db.DbArgument)).LastLine);

        await using var check = db.CreateContext();
        var all = await check.Orders.Select(o => new { o.Currency, o.OrderedAt, o.AmountCents }).ToListAsync();
        var expected = all.GroupBy(o => (o.Currency, Month: new DateOnly(o.OrderedAt.Year, o.OrderedAt.Month, 1)))
            .OrderBy(g => g.Key.Currency, StringComparer.Ordinal).ThenBy(g => g.Key.Month)
            .Select(g => $"{g.Key.Currency} {g.Key.Month:yyyy-MM-dd} {g.Count()} {g.Sum(o => o.AmountCents)}").ToList();
        var facts = await check.OrderMonthFacts.AsNoTracking().ToListAsync();
        var kept = facts.Where(f => f.OrderCount != 0)
            .OrderBy(f => f.Currency, StringComparer.Ordinal).ThenBy(f => f.Month)
            .Select(f => $"{f.Currency} {f.Month:yyyy-MM-dd} {f.OrderCount} {f.TotalCents}").ToList();
        Assert.Equal(expected, kept);
        Assert.All(facts.Where(f => f.OrderCount == 0), f => Assert.Equal(0, f.TotalCents)); // a month whose orders all went
        // The walk covered what it should: three currencies, returns, many months.
        Assert.Equal(3, all.Select(o => o.Currency).Distinct().Count());
        Assert.Contains(all, o => o.AmountCents < 0);
        Assert.True(expected.Count > 5, $"only {expected.Count} currency-months");
    }

    /// <summary>
    /// The admin's home figures and trends come from the facts, the rep's from their own orders (the query filter): on
    /// a data set where the rep owns every customer both agree, with orders on the first and last instant of each of 15
    /// months (so the 12-month window's edges count), a return, and dollars with a rate in some months only.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_reading_the_facts_and_a_rep_owning_every_customer_see_the_same_home_figures(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var rep = app.ClientAs(Roles.SalesRep, null, out long repId);
        var customers = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            long id = await admin.CreateCustomer($"代表客户{i}");
            Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name = $"代表客户{i}", ownerId = repId })).Status);
            customers.Add(id);
        }

        var thisMonth = new DateOnly(TestClock.Today.Year, TestClock.Today.Month, 1);
        var window = CustomerService.RevenueMonths(TestClock.Today);
        long expectedCents = 0, expectedUnconverted = 0;
        int count = 0;
        for (int k = 0; k < 15; k++)
        {
            var month = thisMonth.AddMonths(-k);
            bool rated = k % 3 == 0;
            if (rated) Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/currency-rates/USD/{month:yyyy-MM}", new { rate = 7m })).Status);
            var first = month.ToDateTime(TimeOnly.MinValue);
            var last = month.AddMonths(1).ToDateTime(TimeOnly.MinValue).AddSeconds(-1);
            foreach (var (at, amount, currency, isReturn) in new[] { (first, 100m + k, "CNY", false), (last, 10m + k, "USD", false), (last, -5m, "CNY", true) })
            {
                await admin.PostOk("/api/v1/orders", new
                {
                    number = $"H-{k}-{count}", customerId = customers[count % customers.Count],
                    orderedAt = at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), amount, currency, channel = "门店", isReturn,
                });
                count++;
                if (month < window.From || month >= window.Until) continue;
                if (currency == "CNY") expectedCents += (long)(amount * 100);
                else if (rated) expectedCents += (long)(amount * 700);
                else expectedUnconverted++;
            }
        }

        var service = app.Services.GetRequiredService<CustomerService>();
        var asAdmin = await CurrentUser.RunAsAsync(AccessScope.System, () => service.OverviewAsync());
        var asRep = await CurrentUser.RunAsAsync(AccessScope.For(repId, "rep", Roles.SalesRep, [], []), () => service.OverviewAsync());
        Assert.Equal((3L, (long)count, expectedCents / 100m, expectedUnconverted), (asAdmin.Customers, asAdmin.Orders, asAdmin.Revenue12Months, asAdmin.UnconvertedOrders));
        Assert.Equal((asAdmin.Customers, asAdmin.Orders, asAdmin.Revenue12Months, asAdmin.UnconvertedOrders), (asRep.Customers, asRep.Orders, asRep.Revenue12Months, asRep.UnconvertedOrders));

        var adminTrends = await admin.GetOk("/api/v1/customers/trends?months=14");
        var repTrends = await rep.GetOk("/api/v1/customers/trends?months=14");
        Assert.Equal(adminTrends.GetRawText(), repTrends.GetRawText());
        Assert.Equal(14, adminTrends.GetProperty("months").GetArrayLength());
        Assert.Contains(adminTrends.GetProperty("months").EnumerateArray(), m => m.GetProperty("unconvertedOrders").GetInt32() > 0);
    }
}
