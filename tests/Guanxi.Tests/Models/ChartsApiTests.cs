using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Tests.Security;
using Guanxi.Testing;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Models;

/// <summary>
/// The charts' aggregates and drill-downs (issue 18): the RFM grid, class trends across runs, the customers behind an
/// RFM cell and a migration cell, and the home page's monthly trends — exact counts for the admin, and only a rep's own
/// customers for the rep. Orders are placed relative to the suite's clock, so every test day has the same answer.
/// </summary>
public class ChartsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chart_aggregates_and_their_drill_downs_count_exactly_within_the_callers_reach(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app); // A (rep A) ordered 10 on 2026-03-01, B (rep B) 20 on 2026-03-02
        var admin = app.Client();
        var repA = app.ClientWithToken(app.TokenFor("rep-a"));
        var repB = app.ClientWithToken(app.TokenFor("rep-b"));

        // C (rep A) first bought this month, D (rep B) last month; A buys again this month.
        var thisMonth = new DateOnly(TestClock.Today.Year, TestClock.Today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        var c = await admin.CreateCustomer("丙公司");
        var d = await admin.CreateCustomer("丁公司");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{c}", new { name = "丙公司", ownerId = w.RepA });
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{d}", new { name = "丁公司", ownerId = w.RepB });
        var orders = new List<(long Customer, DateOnly Day, decimal Amount)>
        {
            (w.A, new DateOnly(2026, 3, 1), 10m), (w.B, new DateOnly(2026, 3, 2), 20m),
            (c, thisMonth, 300m), (w.A, thisMonth, 100m), (d, lastMonth, 50m),
        };
        foreach (var (customer, day, amount) in orders.Skip(2))
        {
            await admin.PostOk("/api/v1/orders", new { customerId = customer, orderedAt = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00", amount, channel = "门店" });
        }

        // Two runs by hand: (R, F, comprehensive class index or null) per customer.
        var first = await AddRunAsync(db, app, new DateOnly(2026, 11, 1), new()
        {
            [w.A] = (5, 1, 0), [w.B] = (5, 1, 1), [c] = (2, 3, null), [d] = (0, 0, null),
        });
        var second = await AddRunAsync(db, app, new DateOnly(2026, 12, 1), new()
        {
            [w.A] = (5, 2, 1), [w.B] = (4, 1, 1), [c] = (2, 3, 0), [d] = (0, 0, null),
        });

        // The RFM grid: every customer in reach counted once, unscored ones apart.
        var grid = await admin.GetOk($"/api/v1/model-runs/{first}/rfm-grid");
        Assert.Equal("5:1=2 2:3=1", Cells(grid));
        Assert.Equal(1, grid.GetProperty("notScored").GetInt32());
        var repGrid = await repA.GetOk($"/api/v1/model-runs/{first}/rfm-grid");
        Assert.Equal("5:1=1 2:3=1", Cells(repGrid));
        Assert.Equal(0, repGrid.GetProperty("notScored").GetInt32());

        // A cell's customers, keyset paged; the rep sees only their own.
        var page1 = await admin.GetOk($"/api/v1/model-runs/{first}/rfm-grid/5/1/customers?limit=1");
        Assert.Equal([w.A], Ids(page1));
        var page2 = await admin.GetOk($"/api/v1/model-runs/{first}/rfm-grid/5/1/customers?limit=1&after={page1.GetProperty("next").GetString()}");
        Assert.Equal([w.B], Ids(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);
        Assert.Equal([w.A], Ids(await repA.GetOk($"/api/v1/model-runs/{first}/rfm-grid/5/1/customers")));
        Assert.Equal([w.B], Ids(await repB.GetOk($"/api/v1/model-runs/{first}/rfm-grid/5/1/customers")));
        var (badStatus, badBody) = await admin.Send(HttpMethod.Get, $"/api/v1/model-runs/{first}/rfm-grid/6/1/customers");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.True(badBody.GetProperty("errors").TryGetProperty("r", out _), badBody.GetRawText());

        // A migration cell's customers: key → important is A; not applicable → key is C; important → important is B.
        string Migration(string query) => $"/api/v1/model-runs/{first}/migration/{second}/customers?model=comprehensive&{query}";
        Assert.Equal([w.A], Ids(await admin.GetOk(Migration("fromClass=key&toClass=important"))));
        Assert.Equal([c], Ids(await admin.GetOk(Migration("toClass=key"))));
        Assert.Equal([w.B], Ids(await admin.GetOk(Migration("fromClass=important&toClass=important"))));
        Assert.Equal([d], Ids(await admin.GetOk(Migration(""))));
        Assert.Equal([w.A], Ids(await repA.GetOk(Migration("fromClass=key&toClass=important"))));
        Assert.Empty(Ids(await repB.GetOk(Migration("fromClass=key&toClass=important"))));
        var (wrongClass, wrongBody) = await admin.Send(HttpMethod.Get, Migration("fromClass=nonsense&toClass=key"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongClass);
        Assert.True(wrongBody.GetProperty("errors").TryGetProperty("fromClass", out _), wrongBody.GetRawText());

        // Trends across runs: the admin reads the stored counts, the rep gets them counted over their own customers.
        Assert.Equal("key=1 important=1 na=2 | key=1 important=2 na=1", Trend(await admin.GetOk("/api/v1/models/comprehensive/trend")));
        Assert.Equal("key=1 important=0 na=1 | key=1 important=1 na=0", Trend(await repA.GetOk("/api/v1/models/comprehensive/trend")));

        // Home: monthly revenue and first-time buyers, twelve months up to this one.
        var all = (await admin.GetOk("/api/v1/customers/trends")).GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, all.Count);
        Assert.Equal((thisMonth.Year, thisMonth.Month), (all[^1].GetProperty("year").GetInt32(), all[^1].GetProperty("month").GetInt32()));
        var window = all.Select(m => new DateOnly(m.GetProperty("year").GetInt32(), m.GetProperty("month").GetInt32(), 1)).ToList();
        Assert.Equal(Expected(orders, window, _ => true), Actual(all));
        var mine = (await repA.GetOk("/api/v1/customers/trends")).GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(Expected(orders, window, id => id == w.A || id == c), Actual(mine));
        Assert.NotEqual(Expected(orders, window, _ => true), Actual(mine)); // the rep's reach really narrows the figures
    }

    private static async Task<long> AddRunAsync(TestDatabase db, GuanxiApp app, DateOnly asOf, Dictionary<long, (short R, short F, short? Comprehensive)> rows)
    {
        await using var ctx = db.CreateContext();
        var at = app.Clock.GetUtcNow().UtcDateTime;
        var counts = rows.Values.Where(r => r.Comprehensive is not null)
            .GroupBy(r => Guanxi.Domain.Models.ModelCatalog.Comprehensive.Classes[r.Comprehensive!.Value].Key)
            .ToDictionary(g => g.Key, g => g.Count());
        var run = new ModelRun
        {
            AsOf = asOf, Status = ModelRunStatus.Succeeded, Trigger = "cli", StartedAt = at, FinishedAt = at, CustomerCount = rows.Count,
            ClassCounts = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, int>> { ["comprehensive"] = counts }),
        };
        ctx.ModelRuns.Add(run);
        await ctx.SaveChangesAsync();
        foreach (var (customer, (r, f, comprehensive)) in rows)
        {
            await ctx.Database.ExecuteSqlAsync($"""
                INSERT INTO model_results (run_id, customer_id, frequency, monetary_cents, r, f, m, comprehensive, referral_tree_revenue_cents, referral_tree_size, referrals)
                VALUES ({run.Id}, {customer}, {(int)f}, 1000, {r}, {f}, {r}, {comprehensive}, 0, 0, 0)
                """);
        }
        return run.Id;
    }

    private static string Cells(JsonElement grid) => string.Join(" ", grid.GetProperty("cells").EnumerateArray()
        .Select(x => $"{x.GetProperty("r").GetInt32()}:{x.GetProperty("f").GetInt32()}={x.GetProperty("customers").GetInt32()}"));

    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ToList();

    private static string Trend(JsonElement trend) => string.Join(" | ", trend.GetProperty("runs").EnumerateArray().Select(p =>
        $"key={p.GetProperty("classes").GetProperty("key").GetInt32()} important={p.GetProperty("classes").GetProperty("important").GetInt32()} na={p.GetProperty("notApplicable").GetInt32()}"));

    private static List<string> Actual(List<JsonElement> months) => months
        .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.GetProperty("revenue").GetDecimal():0.00}/{m.GetProperty("newCustomers").GetInt32()}")).ToList();

    /// <summary>Per month of the window: the orders' sum and the customers whose first order fell in it.</summary>
    private static List<string> Expected(List<(long Customer, DateOnly Day, decimal Amount)> orders, List<DateOnly> window, Func<long, bool> inReach)
    {
        var mine = orders.Where(o => inReach(o.Customer)).ToList();
        var firsts = mine.GroupBy(o => o.Customer).Select(g => g.Min(o => o.Day)).ToList();
        static bool Same(DateOnly a, DateOnly month) => a.Year == month.Year && a.Month == month.Month;
        return window.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{mine.Where(o => Same(o.Day, m)).Sum(o => o.Amount):0.00}/{firsts.Count(f => Same(f, m))}")).ToList();
    }
}
