using System.Net;
using Guanxi.Data;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Import;

/// <summary>
/// `guanxi import order-lines` end to end: the real program on a real database, per provider. The file's dates are
/// 2010 and 2026-03 wall times, stored as written; no assertion reads today.
/// </summary>
[ClockIndependent]
public sealed class OrderLineImportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    // A retailer's invoice lines: 536365 and 536366 are scattered, C… is a cancellation, 536380 is all negative,
    // 536383 names the order it returns, 536384 names one but totals positive; 536367 has no customer, 536381 a bad
    // price on one of its two lines, 536382 a customer Guanxi does not know.
    private const string Lines = """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,ReturnOf
        536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850.0,United Kingdom,
        536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom,
        536366,22633,HAND WARMER,3,12/1/2010 8:28,2.761,13047,United Kingdom,
        536367,22634,GUEST WARMER,6,12/1/2010 8:30,1.85,,United Kingdom,
        536366,POST,POSTAGE,1,12/1/2010 8:28,0.002,13047,United Kingdom,
        C536379,85123A,WHITE HANGING HEART,-2,12/1/2010 9:41,2.55,17850.0,United Kingdom,
        536380,22633,HAND WARMER,-1,12/2/2010 10:00,2.761,13047,United Kingdom,
        536381,22633,HAND WARMER,2,12/2/2010 11:00,abc,13047,United Kingdom,
        536381,71053,WHITE METAL LANTERN,1,12/2/2010 11:00,3.39,13047,United Kingdom,
        536382,71053,WHITE METAL LANTERN,1,12/3/2010 9:00,3.39,99999,France,
        536365,22752,SET 7 BABUSHKA,2,12/1/2010 8:26,7.65,17850.0,United Kingdom,
        536383,22752,SET 7 BABUSHKA,-3,12/4/2010 9:00,7.65,17850,United Kingdom,536365
        536384,22633,HAND WARMER,1,12/4/2010 9:00,1.00,17850,United Kingdom,536365

        """;

    private const string Mapping = """
        cancellation_prefix=C
        channel=web
        InvoiceDate,ordered_at,M/d/yyyy H:mm
        ReturnOf,returns_order_id

        """;

    private string Write(string name, string text) => _files.Write(name, text.Replace("\r\n", "\n", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lines_make_orders_with_exact_amounts_returns_are_negative_and_linked_bad_orders_are_rejected_whole_and_a_second_run_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var customers = Write("customers.csv", "customer_id,name\n17850,Alice\n13047,Bob\n");
        var file = Write("lines.csv", Lines);
        var mapping = Write("mapping.csv", Mapping);
        var c = await GuanxiCli.RunAsync("import", "customers", customers, "--db", db.DbArgument);
        Assert.True(c.ExitCode == 0, c.Stdout + c.Stderr);

        var first = await GuanxiCli.RunAsync("import", "order-lines", file, "--mapping", mapping, "--db", db.DbArgument);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var output = first.Stdout.TrimEnd().Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Equal("lines 8, returns 3, guest orders 1", output[^2]);
        Assert.Equal("imported 5, updated 0, unchanged 0, rejected 4", first.LastLine);

        var bytes = await File.ReadAllBytesAsync(file + ".rejects.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rejects = await File.ReadAllLinesAsync(file + ".rejects.csv");
        Assert.Equal(6, rejects.Length);
        foreach (var (line, reason) in new[]
        {
            ("5,", "customer_id: is empty (a guest order"), ("9,", "unit_price: \"\"abc\"\" is not a plain decimal"), ("10,", "order 536381 is rejected with its line 9"),
            ("11,", "no customer 99999 in Guanxi"), ("14,", "order 536384 is a return (returns_order_id) but its lines total 1.00"),
        })
        {
            Assert.True(rejects.Any(r => r.StartsWith(line, StringComparison.Ordinal) && r.Contains(reason, StringComparison.Ordinal)), reason + " not in:\n" + string.Join("\n", rejects));
        }
        Assert.Contains(rejects, r => r.StartsWith("10,", StringComparison.Ordinal) && r.Contains("536381,71053,WHITE METAL LANTERN", StringComparison.Ordinal));

        await using (var ctx = db.CreateContext())
        {
            var orders = await ctx.Orders.Include(o => o.Lines).OrderBy(o => o.Number).ToListAsync();
            Assert.Equal(["536365", "536366", "536380", "536383", "C536379"], orders.Select(o => o.Number));
            var byNumber = orders.ToDictionary(o => o.Number);
            // 6 × 2.55 + 6 × 3.39 + 2 × 7.65 with its third line far below the first two.
            Assert.Equal((5094L, false, 3, "web"), (byNumber["536365"].AmountCents, byNumber["536365"].IsReturn, byNumber["536365"].Lines.Count, byNumber["536365"].Channel));
            // 3 × 2.761 + 1 × 0.002 = 8.285 exactly, rounded once half away from zero: 8.29 (banker's rounding would give 8.28).
            Assert.Equal((829L, false, 2), (byNumber["536366"].AmountCents, byNumber["536366"].IsReturn, byNumber["536366"].Lines.Count));
            Assert.Equal((-510L, true, (long?)null), (byNumber["C536379"].AmountCents, byNumber["C536379"].IsReturn, byNumber["C536379"].ReturnsOrderId));
            Assert.Equal((-276L, true), (byNumber["536380"].AmountCents, byNumber["536380"].IsReturn));
            Assert.Equal((-2295L, true, (long?)byNumber["536365"].Id), (byNumber["536383"].AmountCents, byNumber["536383"].IsReturn, byNumber["536383"].ReturnsOrderId));
            Assert.Equal(byNumber["536365"].CustomerId, byNumber["C536379"].CustomerId);
            Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), byNumber["536365"].OrderedAt);
            var line = Assert.Single(byNumber["536380"].Lines);
            Assert.Equal(("22633", -1m, 276L), (line.Product, line.Quantity, line.UnitPriceCents));

            // Products met in accepted orders join the catalogue; the guest order's product does not.
            var products = await ctx.Products.OrderBy(p => p.Code).ToListAsync();
            Assert.Equal(["22633", "22752", "71053", "85123A", "POST"], products.Select(p => p.Code));
            Assert.Equal(("HAND WARMER", 276L), (products[0].Name, products[0].PriceCents));

            // Imported without created_at, a customer is "since" their first order, not the import's day.
            var alice = await ctx.Customers.IgnoreQueryFilters().SingleAsync(x => x.ExternalId == "17850");
            Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), alice.CreatedAt);
            Assert.Equal(2, await ctx.Customers.IgnoreQueryFilters().CountAsync());
        }

        var second = await GuanxiCli.RunAsync("import", "order-lines", file, "--mapping", mapping, "--db", db.DbArgument);
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal("imported 0, updated 0, unchanged 5, rejected 4", second.LastLine);
        await using var after = db.CreateContext();
        Assert.Equal(5, await after.Orders.CountAsync());
        Assert.Equal(8, await after.OrderLines.CountAsync());
        Assert.Equal(5, await after.Products.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_customers_are_rejected_with_the_reason_unless_create_customers_makes_them_with_name_city_country_and_first_order_day(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = Write("lines.csv", """
            order_id,customer_id,ordered_at,product_code,product_name,quantity,unit_price,country,city,name
            A1,501,2026-03-05T10:00:00,P1,Tea,2,30.00,China,上海,王小明
            A2,501,2026-03-01T09:00:00,P1,Tea,1,30.00,China,上海,王小明
            A3,502.0,2026-03-02T09:00:00,P2,Cup,1,12.50,,,

            """);

        var refused = await GuanxiCli.RunAsync("import", "order-lines", file, "--db", db.DbArgument);
        Assert.True(refused.ExitCode == 0, refused.Stdout + refused.Stderr);
        Assert.Equal("imported 0, updated 0, unchanged 0, rejected 3", refused.LastLine);
        var rejects = await File.ReadAllLinesAsync(file + ".rejects.csv");
        Assert.Equal(3, rejects.Count(r => r.Contains("pass --create-customers", StringComparison.Ordinal)));

        var created = await GuanxiCli.RunAsync("import", "order-lines", file, "--create-customers", "--db", db.DbArgument);
        Assert.True(created.ExitCode == 0, created.Stdout + created.Stderr);
        Assert.Equal("imported 3, updated 0, unchanged 0, rejected 0", created.LastLine);
        await using (var ctx = db.CreateContext())
        {
            var people = await ctx.Customers.IgnoreQueryFilters().Include(x => x.Tags).OrderBy(x => x.ExternalId).ToListAsync();
            Assert.Equal(["501", "502"], people.Select(p => p.ExternalId));
            Assert.Equal(("王小明", "上海", new DateTime(2026, 3, 1, 0, 0, 0)), (people[0].Name, people[0].City, people[0].CreatedAt));
            Assert.Equal(["country:China"], people[0].Tags.Select(t => t.Tag));
            Assert.Equal(("Customer 502", (string?)null, new DateTime(2026, 3, 2, 0, 0, 0)), (people[1].Name, people[1].City, people[1].CreatedAt));
            Assert.Empty(people[1].Tags);
            var orders = await ctx.Orders.OrderBy(o => o.Number).ToListAsync();
            Assert.Equal([6000L, 3000L, 1250L], orders.Select(o => o.AmountCents));
            Assert.All(orders, o => Assert.Equal("other", o.Channel));
        }

        var again = await GuanxiCli.RunAsync("import", "order-lines", file, "--create-customers", "--db", db.DbArgument);
        Assert.Equal("imported 0, updated 0, unchanged 3, rejected 0", again.LastLine);
        await using (var after = db.CreateContext()) Assert.Equal(2, await after.Customers.IgnoreQueryFilters().CountAsync());

        // A corrected file: the changed order is updated, its lines replaced, the others unchanged.
        var corrected = Write("corrected.csv", File.ReadAllText(file).Replace("A3,502.0,2026-03-02T09:00:00,P2,Cup,1,12.50", "A3,502.0,2026-03-02T09:00:00,P2,Cup,2,12.50", StringComparison.Ordinal));
        var update = await GuanxiCli.RunAsync("import", "order-lines", corrected, "--db", db.DbArgument);
        Assert.True(update.ExitCode == 0, update.Stdout + update.Stderr);
        Assert.Equal("imported 0, updated 1, unchanged 2, rejected 0", update.LastLine);
        await using var end = db.CreateContext();
        var a3 = await end.Orders.Include(o => o.Lines).SingleAsync(o => o.Number == "A3");
        Assert.Equal(2500L, a3.AmountCents);
        Assert.Equal(2m, Assert.Single(a3.Lines).Quantity);
        Assert.Equal(3, await end.OrderLines.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_order_may_be_negative_only_as_a_return_of_the_same_customers_purchase_and_the_api_shows_the_link(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var buyer = await http.CreateCustomer("张伟");
        var other = await http.CreateCustomer("李娜");
        var purchase = (await http.PostOk("/api/v1/orders", new { customerId = buyer, orderedAt = "2026-05-01T10:00:00", amount = 99.5m, channel = "store" }))
            .GetProperty("id").GetInt64();

        var (negative, problem) = await http.Send(HttpMethod.Post, "/api/v1/orders", new { customerId = buyer, orderedAt = "2026-05-02T10:00:00", amount = -10m, channel = "store" });
        Assert.Equal(HttpStatusCode.BadRequest, negative);
        Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _), problem.GetRawText());
        var (positiveReturn, problem2) = await http.Send(HttpMethod.Post, "/api/v1/orders",
            new { customerId = buyer, orderedAt = "2026-05-02T10:00:00", amount = 10m, channel = "store", isReturn = true });
        Assert.Equal(HttpStatusCode.BadRequest, positiveReturn);
        Assert.True(problem2.GetProperty("errors").TryGetProperty("amount", out _), problem2.GetRawText());
        var (elsewhere, problem3) = await http.Send(HttpMethod.Post, "/api/v1/orders",
            new { customerId = other, orderedAt = "2026-05-02T10:00:00", amount = -10m, channel = "store", isReturn = true, returnsOrderId = purchase });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere);
        Assert.True(problem3.GetProperty("errors").TryGetProperty("returnsOrderId", out _), problem3.GetRawText());

        var ret = await http.PostOk("/api/v1/orders",
            new { customerId = buyer, orderedAt = "2026-05-02T10:00:00", amount = -10m, channel = "store", isReturn = true, returnsOrderId = purchase });
        var shown = await http.GetOk($"/api/v1/orders/{ret.GetProperty("id").GetInt64()}");
        Assert.True(shown.GetProperty("isReturn").GetBoolean());
        Assert.Equal(-10m, shown.GetProperty("amount").GetDecimal());
        Assert.Equal(purchase, shown.GetProperty("returnsOrderId").GetInt64());
        var number = (await http.GetOk($"/api/v1/orders/{purchase}")).GetProperty("number").GetString();
        var history = (await http.GetOk($"/api/v1/customers/{buyer}/orders")).GetProperty("items");
        Assert.Contains(history.EnumerateArray(), o => o.GetProperty("isReturn").GetBoolean() && o.GetProperty("returnsOrderNumber").GetString() == number);
    }
}
