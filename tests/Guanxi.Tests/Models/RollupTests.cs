using System.Globalization;
using System.Net;
using Guanxi.Data;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Models;

public class RollupTests
{
    /// <summary>
    /// Random creates, edits, moves and deletes of orders and interactions, merges and customer deletes through
    /// the API, then an import and a demo load: the triggers' running totals equal a full recompute.
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
            int action = random.Next(10);
            if (action <= 3 || orders.Count == 0)
            {
                var order = await http.PostOk("/api/v1/orders", new
                {
                    number = $"R-{step}",
                    customerId = Pick(customers),
                    orderedAt = SomeTime(),
                    amount = random.Next(1, 100_000) / 100m,
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

    private static async Task AssertRollupsMatchRecompute(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        var orders = await ctx.Orders.GroupBy(o => o.CustomerId)
            .Select(g => new { g.Key, N = g.Count(), T = g.Sum(o => o.AmountCents), F = g.Min(o => o.OrderedAt), L = g.Max(o => o.OrderedAt) })
            .ToDictionaryAsync(x => x.Key);
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
