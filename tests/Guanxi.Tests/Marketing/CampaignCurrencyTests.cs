using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Marketing;

/// <summary>
/// Issue 17 on the campaign report: revenue in the base currency (CNY). Orders in other currencies are converted with
/// the rate of the month they were placed in, rounded per order; an order whose month has no rate counts as an order
/// and a conversion, adds nothing to revenue and is counted in <c>unconvertedOrders</c>; the variance behind the
/// intervals uses each customer's converted revenue — overall, per layer and per A/B variant.
/// </summary>
[ClockIndependent] // the orders and their rates' months are placed relative to the send, so every day gives the same figures
public class CampaignCurrencyTests
{
    private static string Local(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Month(DateTime t) => t.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_report_converts_foreign_orders_with_their_months_rate_and_counts_those_without_one(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Outbox:Background"] = "false" });
        var admin = app.Client();
        var marketer = app.ClientAs(Roles.Marketer);
        var customers = new List<long>();
        for (var i = 1; i <= 8; i++)
        {
            var c = await admin.CreateCustomer($"外币客户{i}", email: $"fx{i}@example.com", tags: ["FX"]);
            await admin.PostOk($"/api/v1/customers/{c}/consents", new { channel = "email", purpose = "marketing" });
            customers.Add(c);
        }
        var a = (await marketer.PostOk("/api/v1/templates", new { name = "外币A", channel = "email", language = "zh-CN", subject = "A", body = "A {{ unsubscribe_link }}" })).GetProperty("id").GetInt64();
        var b = (await marketer.PostOk("/api/v1/templates", new { name = "外币B", channel = "email", language = "zh-CN", subject = "B", body = "B {{ unsubscribe_link }}" })).GetProperty("id").GetInt64();
        var id = (await marketer.PostOk("/api/v1/campaigns", new
        {
            name = "外币活动", templateId = a, audience = new { tag = "FX" }, controlPercent = 50, attributionDays = 60, variantTemplateId = b,
        })).GetProperty("id").GetInt64();
        // A seed that leaves at least three customers sent and two in control.
        long seed;
        await using (var ctx = db.CreateContext()) seed = await ctx.Campaigns.Where(c => c.Id == id).Select(c => c.Seed).SingleAsync();
        while (customers.Count(c => ControlGroup.IsControl(seed, c, 50)) is < 2 or > 5) seed++;
        await using (var ctx = db.CreateContext()) await ctx.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Seed, seed));
        var control = customers.Where(c => ControlGroup.IsControl(seed, c, 50)).ToList();
        var sent = customers.Except(control).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await marketer.Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/send")).Status);

        // In the window: sent[0] buys 100 CNY and 10 USD (first month, rate 7.1); sent[1] buys 50 CNY and 20 USD 34 days
        // later — another month, without a rate (the first month's is not carried over); control[0] buys 10.15 USD in the
        // first month (× 7.1 = 72.065, rounded per order half away from zero to 72.07). An order before the send does not count.
        var send = app.Clock.GetLocalNow().DateTime;
        var first = send.AddDays(1);
        var later = send.AddDays(35);
        async Task Order(long customer, DateTime at, decimal amount, string currency) =>
            await admin.PostOk("/api/v1/orders", new { customerId = customer, orderedAt = Local(at), amount, currency, channel = "网店" });
        await Order(sent[0], first, 100m, "CNY");
        await Order(sent[0], first, 10m, "USD");
        await Order(sent[1], send.AddDays(2), 50m, "CNY");
        await Order(sent[1], later, 20m, "USD");
        await Order(control[0], first, 10.15m, "USD");
        var before = send.AddDays(-3);
        await Order(control[1], before, 999m, "USD");
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/currency-rates/USD/{Month(first)}", new { rate = 7.1m })).Status);
        if (Month(before) != Month(first))
            Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/currency-rates/USD/{Month(before)}", new { rate = 7.2m })).Status);

        var report = await marketer.GetOk($"/api/v1/campaigns/{id}/report");
        Assert.Equal(("CNY", 1), (report.GetProperty("currency").GetString(), report.GetProperty("unconvertedOrders").GetInt32()));
        // Each customer's revenue in CNY: what the groups' sums and squares must add up to.
        var sentRevenue = sent.Select(c => c == sent[0] ? 171m : c == sent[1] ? 50m : 0m).ToList();
        var controlRevenue = control.Select(c => c == control[0] ? 72.07m : 0m).ToList();
        static GroupOutcome Outcome(IReadOnlyList<decimal> revenue, long converted, long orders) =>
            new(revenue.Count, converted, orders, revenue.Sum(), revenue.Sum(r => (double)r * (double)r));
        var expectedSent = Outcome(sentRevenue, 2, 4);
        var expectedControl = Outcome(controlRevenue, 1, 1);
        static void Same(GroupOutcome expected, JsonElement g)
        {
            Assert.Equal((expected.Customers, expected.Converted, expected.Orders, expected.Revenue),
                (g.GetProperty("customers").GetInt64(), g.GetProperty("converted").GetInt64(), g.GetProperty("orders").GetInt64(), g.GetProperty("revenue").GetDecimal()));
            Assert.Equal(expected.RevenuePerCustomer, g.GetProperty("revenuePerCustomer").GetDouble(), 9);
        }
        Same(expectedSent, report.GetProperty("sent"));
        Same(expectedControl, report.GetProperty("control"));
        Assert.Equal(221m / sent.Count, (decimal)report.GetProperty("sent").GetProperty("revenuePerCustomer").GetDouble(), 6);
        Assert.Equal(72.07m / control.Count, (decimal)report.GetProperty("control").GetProperty("revenuePerCustomer").GetDouble(), 6);
        static void SameDifference(Difference expected, JsonElement d)
        {
            Assert.Equal(expected.Value, d.GetProperty("value").GetDouble(), 6);
            Assert.Equal(expected.Low!.Value, d.GetProperty("low").GetDouble(), 6);
            Assert.Equal(expected.High!.Value, d.GetProperty("high").GetDouble(), 6);
        }
        // The interval comes from each customer's converted revenue: the squares were corrected with the sums.
        SameDifference(Uplift.RevenuePerCustomer(expectedSent, expectedControl), report.GetProperty("uplift").GetProperty("revenuePerCustomer"));
        var layer = Assert.Single(report.GetProperty("layers").EnumerateArray());
        Same(expectedSent, layer.GetProperty("sent"));
        Same(expectedControl, layer.GetProperty("control"));

        // Per variant, each against the whole control group.
        var variants = report.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!);
        foreach (var v in new[] { VariantSplit.A, VariantSplit.B })
        {
            var members = sent.Select((c, i) => (c, i)).Where(x => VariantSplit.Of(seed, x.c, 50) == v).ToList();
            var expected = Outcome([.. members.Select(x => sentRevenue[x.i])], members.Count(x => x.i < 2), members.Where(x => x.i < 2).Sum(_ => 2));
            Same(expected, variants[v].GetProperty("sent"));
            if (expected.Customers >= 2)
                SameDifference(Uplift.RevenuePerCustomer(expected, expectedControl), variants[v].GetProperty("uplift").GetProperty("revenuePerCustomer"));
        }

        // With the later month's rate set, nothing is left out: 50 + 20 × 7.15.
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/currency-rates/USD/{Month(later)}", new { rate = 7.15m })).Status);
        report = await marketer.GetOk($"/api/v1/campaigns/{id}/report");
        Assert.Equal((0, 221m + 143m), (report.GetProperty("unconvertedOrders").GetInt32(), report.GetProperty("sent").GetProperty("revenue").GetDecimal()));
    }
}
