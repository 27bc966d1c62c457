using System.Globalization;
using System.Net;
using Guanxi.Data;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Models;

public class RollupTests
{
    private static readonly string[] Currencies = ["CNY", "CNY", "USD", "EUR"];

    /// <summary>
    /// Random creates, edits, moves and deletes of orders (in three currencies) and interactions, rates set, changed
    /// and deleted, merges and customer deletes through the API, then an import and a demo load: the triggers' running
    /// totals equal a full recompute, spend converted per order with the rates left at the end.
    /// </summary>
    [Theory, ClockIndependent] // kept totals against a recompute, orders on fixed dates
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rollups_kept_by_every_writer_equal_a_full_recompute(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var random = new Random(20261129);
        var customers = new List<long>();
        for (int i = 0; i < 8; i++) customers.Add(await http.CreateCustomer($"客户{i}"));
        var orders = new List<long>();
        var interactions = new List<long>();
        long Pick(List<long> ids) => ids[random.Next(ids.Count)];
        DateTime SomeTime() => new DateTime(2024, 1, 1, 9, 0, 0).AddDays(random.Next(600)).AddMinutes(random.Next(600));

        for (int step = 0; step < 120; step++)
        {
            int action = random.Next(11);
            if (action <= 3 || orders.Count == 0)
            {
                var order = await http.PostOk("/api/v1/orders", new
                {
                    number = $"R-{step}",
                    customerId = Pick(customers),
                    orderedAt = SomeTime(),
                    amount = random.Next(1, 100_000) / 100m,
                    currency = Currencies[random.Next(Currencies.Length)],
                    channel = "web",
                });
                orders.Add(order.GetProperty("id").GetInt64());
            }
            else if (action == 4)
            {
                long id = Pick(orders);
                var (status, _) = await http.Send(HttpMethod.Put, $"/api/v1/orders/{id}", new
                {
                    number = $"R-moved-{step}",
                    customerId = Pick(customers),
                    orderedAt = SomeTime(),
                    amount = random.Next(1, 100_000) / 100m,
                    currency = Currencies[random.Next(Currencies.Length)],
                    channel = "store",
                });
                Assert.Equal(HttpStatusCode.OK, status);
            }
            else if (action == 5)
            {
                long id = Pick(orders);
                orders.Remove(id);
                var (status, _) = await http.Send(HttpMethod.Delete, $"/api/v1/orders/{id}");
                Assert.Equal(HttpStatusCode.NoContent, status);
            }
            else if (action == 10)
            {
                // A month's rate set, changed or removed re-adds the spend of that month's buyers.
                var url = $"/api/v1/currency-rates/{(random.Next(2) == 0 ? "USD" : "EUR")}/{SomeTime():yyyy-MM}";
                if (random.Next(4) == 0) await http.Send(HttpMethod.Delete, url);
                else Assert.Equal(HttpStatusCode.OK, (await http.Send(HttpMethod.Put, url, new { rate = random.Next(10_000, 90_000) / 10_000m })).Status);
            }
            else if (action <= 7)
            {
                var interaction = await http.PostOk("/api/v1/interactions", new
                {
                    customerId = Pick(customers),
                    channel = "Call",
                    direction = random.Next(2) == 0 ? "Inbound" : "Outbound",
                    subject = "回访",
                    occurredAt = SomeTime(),
                });
                interactions.Add(interaction.GetProperty("id").GetInt64());
            }
            else if (action == 8 && interactions.Count > 0)
            {
                long id = Pick(interactions);
                interactions.Remove(id);
                var (status, _) = await http.Send(HttpMethod.Delete, $"/api/v1/interactions/{id}");
                Assert.Equal(HttpStatusCode.NoContent, status);
            }
            else if (customers.Count > 3)
            {
                // Merge one customer into another (moves its orders and interactions), or delete one outright.
                long gone = Pick(customers);
                customers.Remove(gone);
                if (random.Next(2) == 0)
                {
                    var (status, _) = await http.Send(HttpMethod.Post, $"/api/v1/customers/{Pick(customers)}/merge", new { mergedId = gone });
                    Assert.Equal(HttpStatusCode.OK, status);
                }
                else
                {
                    var (status, _) = await http.Send(HttpMethod.Delete, $"/api/v1/customers/{gone}");
                    Assert.Equal(HttpStatusCode.NoContent, status);
                    await using var ctx = db.CreateContext();
                    orders.RemoveAll(o => !ctx.Orders.Any(x => x.Id == o));
                    interactions.RemoveAll(i => !ctx.Interactions.Any(x => x.Id == i));
                }

                customers.Add(await http.CreateCustomer($"新客户{step}"));
            }
        }

        var demo = await GuanxiCli.RunAsync("demo", "--customers", "50", "--orders", "400", "--seed", "3", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr);

        await AssertRollupsMatchRecompute(db);
    }

    /// <summary>
    /// The list's spend is in the base currency: a rate written re-adds its month's buyers, and a program started with
    /// another <c>Currency:Base</c> re-adds everyone's spend in it (the customer page's figures agree).
    /// </summary>
    [Theory, ClockIndependent] // orders on fixed dates
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Spend_follows_the_rates_and_the_base_currency(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        long id;
        await using (var app = new GuanxiApp(db))
        {
            var http = app.Client();
            id = await http.CreateCustomer("外币客户");
            foreach (var (number, amount, currency) in new[] { ("FX-1", 71.00m, "CNY"), ("FX-2", 10.00m, "USD"), ("FX-3", 3.33m, "USD") })
            {
                var day = number == "FX-3" ? new DateTime(2024, 4, 2, 10, 0, 0) : new DateTime(2024, 3, 5, 10, 0, 0);
                await http.PostOk("/api/v1/orders", new { number, customerId = id, orderedAt = day, amount, currency, channel = "web" });
            }
            Assert.Equal(71.00m, await SpendAsync(http)); // no USD rate yet: the USD orders add nothing
            Assert.Equal(HttpStatusCode.OK, (await http.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2024-03", new { rate = 7.1m })).Status);
            Assert.Equal(142.00m, await SpendAsync(http));
            Assert.Equal(HttpStatusCode.OK, (await http.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2024-03", new { rate = 7.2m })).Status);
            Assert.Equal(143.00m, await SpendAsync(http));
            var figures = await FiguresAsync(app, id);
            Assert.Equal((3, 143.00m, 1), (figures.OrderCount, figures.TotalSpend, figures.UnconvertedOrders)); // April has no rate
        }

        // Restarted with US dollars as the base: the dollars count as they are, the yuan need a rate of their own.
        await using (var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Currency:Base"] = "USD" }))
        {
            var http = app.Client();
            Assert.Equal(13.33m, await SpendAsync(http));
            Assert.Equal(HttpStatusCode.OK, (await http.Send(HttpMethod.Put, "/api/v1/currency-rates/CNY/2024-03", new { rate = 0.14m })).Status);
            Assert.Equal(23.27m, await SpendAsync(http)); // + CNY 71.00 × 0.14
            var figures = await FiguresAsync(app, id);
            Assert.Equal((3, 23.27m, 0), (figures.OrderCount, figures.TotalSpend, figures.UnconvertedOrders));
        }

        static async Task<decimal> SpendAsync(HttpClient http) =>
            (await http.GetOk("/api/v1/customers?q=外币客户")).GetProperty("items").EnumerateArray().Single().GetProperty("spend").GetDecimal();

        static Task<Guanxi.Customers.CustomerFigures> FiguresAsync(GuanxiApp app, long id) =>
            Guanxi.Data.Security.CurrentUser.RunAsAsync(Guanxi.Data.Security.AccessScope.System,
                () => app.Services.GetRequiredService<Guanxi.Customers.CustomerService>().FiguresAsync(id));
    }

    private static async Task AssertRollupsMatchRecompute(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        var rates = new Domain.Orders.CurrencyRates("CNY", (await ctx.CurrencyRates.ToListAsync()).Select(r => (r.Currency, r.Month, r.Rate)));
        var all = await ctx.Orders.Select(o => new { o.CustomerId, o.OrderedAt, o.AmountCents, o.Currency }).ToListAsync();
        // The random walk left foreign orders both with and without a rate for their month (else conversion went untested).
        var foreign = all.Where(o => o.Currency != "CNY").Select(o => rates.RateFor(o.Currency, DateOnly.FromDateTime(o.OrderedAt))).ToList();
        Assert.Contains(foreign, r => r is not null);
        Assert.Contains(foreign, r => r is null);
        var orders = all
            .GroupBy(o => o.CustomerId)
            .Select(g => new
            {
                g.Key, N = g.Count(), F = g.Min(o => o.OrderedAt), L = g.Max(o => o.OrderedAt),
                T = g.Sum(o => rates.TryConvert(o.Currency, DateOnly.FromDateTime(o.OrderedAt).DayNumber, o.AmountCents, out var c) ? c : 0),
            })
            .ToDictionary(x => x.Key);
        var contacts = await ctx.Interactions.GroupBy(i => i.CustomerId)
            .Select(g => new { g.Key, N = g.Count(), L = g.Max(i => i.OccurredAt) })
            .ToDictionaryAsync(x => x.Key);
        var rollups = await ctx.CustomerRollups.AsNoTracking().ToDictionaryAsync(r => r.CustomerId);
        Assert.True(orders.Count > 20, $"only {orders.Count} customers with orders");

        foreach (long id in await ctx.Customers.Select(c => c.Id).ToListAsync())
        {
            rollups.TryGetValue(id, out var r);
            orders.TryGetValue(id, out var o);
            contacts.TryGetValue(id, out var c);
            string where = id.ToString(CultureInfo.InvariantCulture);
            Assert.True((o?.N ?? 0) == (r?.OrderCount ?? 0), $"order count of customer {where}");
            Assert.True((o?.T ?? 0) == (r?.TotalCents ?? 0), $"total of customer {where}");
            Assert.True(o?.F == r?.FirstOrderAt, $"first order of customer {where}: {o?.F} vs {r?.FirstOrderAt}");
            Assert.True(o?.L == r?.LastOrderAt, $"last order of customer {where}");
            Assert.True((c?.N ?? 0) == (r?.InteractionCount ?? 0), $"interaction count of customer {where}");
            Assert.True(c?.L == r?.LastContactAt, $"last contact of customer {where}");
        }

        // No rollup survives its customer.
        Assert.False(await ctx.CustomerRollups.AnyAsync(r => !ctx.Customers.Any(c => c.Id == r.CustomerId)));
    }
}
