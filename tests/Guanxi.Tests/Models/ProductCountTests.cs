using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Models;

/// <summary>
/// Distinct products bought: only custom rules read them, so a run counts them only when a rule does (over everyone
/// it is the costliest single read of a run). Counted, they are each customer's distinct products of orders up to
/// the run's day; the customer page's explanation counts one customer's on its own.
/// </summary>
public class ProductCountTests
{
    [Fact, ClockIndependent]
    public void A_model_reads_distinct_products_only_when_a_rule_names_them()
    {
        Assert.True(CustomModel.Parse("品类", "orders >= 1 and distinct_products >= 2 -> \"Broad\"").Model!.Reads("distinct_products"));
        Assert.True(CustomModel.Parse("品类", "orders >= 9 -> \"A\"\nnot (distinct_products < 1) -> \"B\"").Model!.Reads("distinct_products"));
        Assert.False(CustomModel.Parse("复购", "orders >= 2 -> \"Regular\"").Model!.Reads("distinct_products"));
    }

    [Theory, ClockIndependent] // days relative to the clock's; what is counted does not depend on which day it is
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rule_on_distinct_products_sees_each_customers_products_up_to_the_runs_day(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var broad = await admin.CreateCustomer("多品类客户");
        var narrow = await admin.CreateCustomer("单品类客户");
        var today = TestClock.Today;
        string Day(int back) => today.AddDays(-back).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T10:00:00";
        object Line(string product) => new { product, quantity = 1m, unitPrice = 10m };
        // Two products for the first customer, but the second only in an order after the past run's day; the same
        // product twice for the other.
        await admin.PostOk("/api/v1/orders", new { customerId = broad, orderedAt = Day(30), amount = 20m, channel = "web", lines = new[] { Line("茶叶"), Line("茶叶") } });
        await admin.PostOk("/api/v1/orders", new { customerId = broad, orderedAt = Day(5), amount = 10m, channel = "web", lines = new[] { Line("茶具") } });
        await admin.PostOk("/api/v1/orders", new { customerId = narrow, orderedAt = Day(30), amount = 10m, channel = "store", lines = new[] { Line("茶叶") } });
        await admin.PostOk("/api/v1/orders", new { customerId = narrow, orderedAt = Day(20), amount = 10m, channel = "store", lines = new[] { Line("茶叶") } });
        await admin.PostOk("/api/v1/custom-models", new { name = "品类", rules = "distinct_products >= 2 -> \"Broad\"\ndistinct_products = 1 -> \"Narrow\"" });

        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        async Task<Dictionary<string, int>> Classes(DateOnly asOf)
        {
            var run = await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(asOf, "test", CancellationToken.None));
            var overview = await admin.GetOk("/api/v1/models?run=" + run.RunId);
            return overview.GetProperty("customModels").EnumerateArray().Single().GetProperty("classes").EnumerateArray()
                .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("count").GetInt32());
        }

        Assert.Equal(new Dictionary<string, int> { ["Broad"] = 0, ["Narrow"] = 2 }, await Classes(today.AddDays(-10)));
        Assert.Equal(new Dictionary<string, int> { ["Broad"] = 1, ["Narrow"] = 1 }, await Classes(today));

        // The customer page explains the newest run's rule with the customer's own count.
        var explained = (await admin.GetOk($"/api/v1/customers/{broad}/models?lang=en")).ToString();
        Assert.Contains("Broad", explained, StringComparison.Ordinal);
    }
}
