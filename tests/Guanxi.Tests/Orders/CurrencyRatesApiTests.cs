using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Orders;

/// <summary>
/// Issue 17, currencies: the admin's monthly rate table, the report of orders no rate converts, and a model run that
/// sums in the base currency (CNY) and says which orders it left out. Orders are dated 2025: in the past on every test day.
/// </summary>
[ClockIndependent] // every order and rate lies before the earliest test day; the run's as-of day changes no figure here
public class CurrencyRatesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_keeps_monthly_rates_others_read_them_and_bad_input_names_its_field(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();

        var (status, body) = await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/usd/2025-10", new { rate = 7.1m });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("USD", body.GetProperty("currency").GetString());
        Assert.Equal("2025-10", body.GetProperty("month").GetString());
        (status, _) = await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2025-10", new { rate = 7.25m });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _) = await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/EUR/2025-11", new { rate = 7.8123456789m });
        Assert.Equal(HttpStatusCode.OK, status);

        var rep = app.ClientAs(Roles.SalesRep);
        var list = await rep.GetOk("/api/v1/currency-rates");
        Assert.Equal("CNY", list.GetProperty("base").GetString());
        Assert.Equal([("EUR", "2025-11", 7.8123456789m), ("USD", "2025-10", 7.25m)], list.GetProperty("items").EnumerateArray()
            .Select(r => (r.GetProperty("currency").GetString(), r.GetProperty("month").GetString(), r.GetProperty("rate").GetDecimal())));
        var usd = await rep.GetOk("/api/v1/currency-rates?currency=usd");
        Assert.Equal(1, usd.GetProperty("items").GetArrayLength());
        (status, _) = await rep.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2025-11", new { rate = 7m });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, _) = await rep.Send(HttpMethod.Delete, "/api/v1/currency-rates/USD/2025-10");
        Assert.Equal(HttpStatusCode.Forbidden, status);

        foreach (var (url, rate, field) in new[]
        {
            ("/api/v1/currency-rates/XYZ/2025-10", 7m, "currency"),
            ("/api/v1/currency-rates/CNY/2025-10", 1m, "currency"),
            ("/api/v1/currency-rates/USD/2025-13", 7m, "month"),
            ("/api/v1/currency-rates/USD/October", 7m, "month"),
            ("/api/v1/currency-rates/USD/2025-10", 0m, "rate"),
            ("/api/v1/currency-rates/USD/2025-10", -7m, "rate"),
        })
        {
            (status, body) = await admin.Send(HttpMethod.Put, url, new { rate });
            Assert.True(status == HttpStatusCode.BadRequest, $"{url} {rate}: {(int)status}");
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"{url} {rate}: {body}");
        }

        (status, body) = await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2025-10", new { });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("rate", out _));

        (status, _) = await admin.Send(HttpMethod.Delete, "/api/v1/currency-rates/EUR/2025-11");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, _) = await admin.Send(HttpMethod.Delete, "/api/v1/currency-rates/EUR/2025-11");
        Assert.Equal(HttpStatusCode.NotFound, status);

        await using var ctx = db.CreateContext();
        var audit = await ctx.AuditEvents.AsNoTracking().Where(e => e.Entity == "CurrencyRate").Select(e => e.Action).ToListAsync();
        Assert.Equal(["create", "update", "create", "delete"], audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_model_run_sums_in_the_base_currency_and_reports_the_orders_no_rate_converts(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Models:Nightly"] = "false" });
        var admin = app.Client();
        long customer = await admin.CreateCustomer("司马懿");
        async Task Order(string at, decimal amount, string currency) =>
            await admin.PostOk("/api/v1/orders", new { customerId = customer, orderedAt = at, amount, currency, channel = "web" });
        await Order("2025-10-05T10:00:00", 100m, "CNY");
        await Order("2025-10-20T10:00:00", 10m, "USD");
        await Order("2025-11-03T10:00:00", 20m, "USD");
        await Order("2025-11-04T10:00:00", 5m, "EUR");
        var (status, _) = await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2025-10", new { rate = 7.1m });
        Assert.Equal(HttpStatusCode.OK, status);

        var missing = await admin.GetOk("/api/v1/currency-rates/missing");
        Assert.Equal(2, missing.GetProperty("orders").GetInt32());
        Assert.Equal([("EUR", "2025-11", 1, 5m), ("USD", "2025-11", 1, 20m)], missing.GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("currency").GetString(), m.GetProperty("month").GetString(), m.GetProperty("orders").GetInt32(), m.GetProperty("amount").GetDecimal())));

        // The home trend converts per currency and month the same way and counts what it could not convert.
        var trends = await admin.GetOk("/api/v1/customers/trends?months=36");
        Assert.Equal("CNY", trends.GetProperty("currency").GetString());
        var months = trends.GetProperty("months").EnumerateArray().ToDictionary(
            m => (m.GetProperty("year").GetInt32(), m.GetProperty("month").GetInt32()),
            m => (m.GetProperty("revenue").GetDecimal(), m.GetProperty("unconvertedOrders").GetInt32()));
        Assert.Equal((171m, 0), months[(2025, 10)]);
        Assert.Equal((0m, 2), months[(2025, 11)]);

        var runs = app.Services.GetRequiredService<ModelRunService>();
        var summary = await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(null, "test", CancellationToken.None));
        Assert.NotNull(summary.Warning);
        Assert.StartsWith("2 orders without a currency rate are left out of the money figures: ", summary.Warning, StringComparison.Ordinal);
        Assert.Contains("USD 2025-11 (1)", summary.Warning, StringComparison.Ordinal);
        Assert.Contains("EUR 2025-11 (1)", summary.Warning, StringComparison.Ordinal);
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(summary.Warning, await ctx.ModelRuns.Where(r => r.Id == summary.RunId).Select(r => r.Warning).SingleAsync());
        }

        // The run stored the customer's order history; a second load reads it and converts it the same way:
        // 100 CNY + 10 USD × 7.1; four orders counted, the two without a rate adding nothing.
        var loader = app.Services.GetRequiredService<MetricsLoader>();
        var metrics = await CurrentUser.RunAsAsync(AccessScope.System, () => loader.LoadAsync(summary.AsOf, CancellationToken.None));
        int i = Enumerable.Range(0, metrics.Count).Single(k => metrics.CustomerId[k] == customer);
        Assert.Equal(10_000 + 7_100, metrics.TotalCents[i]);
        Assert.Equal(4, metrics.OrderCount[i]);
        Assert.Equal(2, metrics.Unconverted.Sum(u => u.Orders));

        // With the November rates set, nothing is left out.
        await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/USD/2025-11", new { rate = 7.2m });
        await admin.Send(HttpMethod.Put, "/api/v1/currency-rates/EUR/2025-11", new { rate = 7.9m });
        Assert.Equal(0, (await admin.GetOk("/api/v1/currency-rates/missing")).GetProperty("items").GetArrayLength());
        metrics = await CurrentUser.RunAsAsync(AccessScope.System, () => loader.LoadAsync(summary.AsOf, CancellationToken.None));
        Assert.Equal(10_000 + 7_100 + 14_400 + 3_950, metrics.TotalCents[i]);
        Assert.Empty(metrics.Unconverted);
    }
}
