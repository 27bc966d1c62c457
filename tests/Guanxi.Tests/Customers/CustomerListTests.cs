using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Tests.Security;

namespace Guanxi.Tests.Customers;

/// <summary>The customer list as a rep works it: sorted keyset pages with a total, figures per row, e-mail fragments, saved and shared views.</summary>
public class CustomerListTests
{
    private static List<string> Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sorted_pages_carry_the_total_and_each_row_its_figures(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var ids = new Dictionary<string, long>();
        foreach (var name in new[] { "Delta", "Alpha", "Charlie", "Bravo" })
            ids[name] = await http.CreateCustomer(name, email: name.ToLowerInvariant() + ".buyer@example.com", tags: ["批发"]);
        await http.CreateCustomer("Echo"); // no tag: outside the filter
        await http.PostOk("/api/v1/orders", new { customerId = ids["Alpha"], orderedAt = "2026-03-03T10:00:00", amount = 120.50m, channel = "网店" });

        // Name order, two a page, the cursor continues where the page ended; the total is the filter's, on every page.
        var first = await http.GetOk("/api/v1/customers?tag=批发&sort=Name&limit=2");
        Assert.Equal(["Alpha", "Bravo"], Names(first));
        Assert.Equal(4, first.GetProperty("total").GetInt64());
        Assert.False(first.GetProperty("totalCapped").GetBoolean());
        var second = await http.GetOk($"/api/v1/customers?tag=批发&sort=Name&limit=2&after={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal(["Charlie", "Delta"], Names(second));
        Assert.Equal(4, second.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        // Oldest first is creation order, newest first its reverse.
        Assert.Equal(["Delta", "Alpha", "Charlie", "Bravo"], Names(await http.GetOk("/api/v1/customers?tag=批发&sort=Oldest")));
        Assert.Equal(["Bravo", "Charlie", "Alpha", "Delta"], Names(await http.GetOk("/api/v1/customers?tag=批发")));
        Assert.Equal(5, (await http.GetOk("/api/v1/customers?limit=1")).GetProperty("total").GetInt64());

        // The row's figures: spend, orders, last purchase from the live totals, and the tags.
        var alpha = (await http.GetOk("/api/v1/customers?q=Alpha")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(120.50m, alpha.GetProperty("spend").GetDecimal());
        Assert.Equal(1, alpha.GetProperty("orders").GetInt32());
        Assert.StartsWith("2026-03-03", alpha.GetProperty("lastPurchase").GetString(), StringComparison.Ordinal);
        Assert.Equal(["批发"], alpha.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("alpha", alpha.GetProperty("namePinyin").GetString());

        // A month of the home page's charts: the customers who bought in it, and those who first bought in it.
        Assert.Equal(["Alpha"], Names(await http.GetOk("/api/v1/customers?boughtIn=2026-03")));
        Assert.Equal(["Alpha"], Names(await http.GetOk("/api/v1/customers?firstBoughtIn=2026-03&tag=批发")));
        Assert.Empty(Names(await http.GetOk("/api/v1/customers?boughtIn=2026-04")));
        Assert.Empty(Names(await http.GetOk("/api/v1/customers?firstBoughtIn=2026-02")));
        var (badMonth, problem) = await http.Send(HttpMethod.Get, "/api/v1/customers?boughtIn=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, badMonth);
        Assert.True(problem.GetProperty("errors").TryGetProperty("boughtIn", out _));

        // A fragment of an e-mail without its @ finds the customer.
        Assert.Equal(["Charlie"], Names(await http.GetOk("/api/v1/customers?q=charlie.buy")));
        Assert.Equal(4, (await http.GetOk("/api/v1/customers?q=buyer")).GetProperty("total").GetInt64());
    }

    [Theory]
    [ClockIndependent] // filters by tag and owner: no dates
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_shared_view_opens_for_the_team_but_never_shows_more_than_the_viewer_may_see(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app); // 甲公司 owned by rep-a, 乙公司 by rep-b
        var admin = app.Client();
        await admin.PostOk($"/api/v1/customers/{w.A}/tags", new { tag = "风险" }, HttpStatusCode.OK);
        await admin.PostOk($"/api/v1/customers/{w.B}/tags", new { tag = "风险" }, HttpStatusCode.OK);
        var repA = app.ClientWithToken(app.TokenFor("rep-a"));
        var repB = app.ClientWithToken(app.TokenFor("rep-b"));

        // The admin shares a view with everyone (no team); rep-b keeps one private.
        var shared = await admin.PostOk("/api/v1/customer-views", new { name = "我的有风险客户", query = "?sort=name&tag=风险", columns = new[] { "name", "phone", "rfm" }, shared = true });
        Assert.Equal("tag=%E9%A3%8E%E9%99%A9&sort=Name", shared.GetProperty("query").GetString());
        var privateView = await repB.PostOk("/api/v1/customer-views", new { name = "只给我", query = "kind=Organisation" });

        var seen = (await repA.GetOk("/api/v1/customer-views")).EnumerateArray().ToList();
        var view = Assert.Single(seen);
        Assert.Equal("我的有风险客户", view.GetProperty("name").GetString());
        Assert.False(view.GetProperty("mine").GetBoolean());
        Assert.Equal(["name", "phone", "rfm"], view.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        // The same view: the admin sees both risky customers, rep-a only their own.
        var query = view.GetProperty("query").GetString();
        Assert.Equal(["乙公司", "甲公司"], Names(await admin.GetOk("/api/v1/customers?" + query)).Order(StringComparer.Ordinal));
        var mine = await repA.GetOk("/api/v1/customers?" + query);
        Assert.Equal(["甲公司"], Names(mine));
        Assert.Equal(1, mine.GetProperty("total").GetInt64());

        // Another's view is not rep-a's to delete, shared or not.
        Assert.Equal(HttpStatusCode.NotFound, (await repA.Send(HttpMethod.Delete, $"/api/v1/customer-views/{shared.GetProperty("id").GetInt64()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await repA.Send(HttpMethod.Delete, $"/api/v1/customer-views/{privateView.GetProperty("id").GetInt64()}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await repB.Send(HttpMethod.Delete, $"/api/v1/customer-views/{privateView.GetProperty("id").GetInt64()}")).Status);

        // Saving again under the same name replaces the view; a filter the list does not know is refused by name.
        var replaced = await admin.PostOk("/api/v1/customer-views", new { name = "我的有风险客户", query = "tag=风险&sort=City", shared = true });
        Assert.Equal(shared.GetProperty("id").GetInt64(), replaced.GetProperty("id").GetInt64());
        var (status, problem) = await admin.Send(HttpMethod.Post, "/api/v1/customer-views", new { name = "坏", query = "kind=Robot" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("query", out _));
    }
}
