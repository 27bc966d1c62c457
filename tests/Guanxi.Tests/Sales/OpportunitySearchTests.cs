using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Sales;

/// <summary>
/// The opportunity list's search (`q`, issue 15) on SQLite and PostgreSQL: fragments of titles of one, two and three or
/// more characters (each database's trigram index and the short-text path), Latin letters in any case, the customer's
/// name and its pinyin, combined with the other filters and paging, a renamed title found by its new words only, another
/// team's opportunities never found, a too-long text refused naming the field, and a saved view that keeps its search.
/// </summary>
[ClockIndependent]
public class OpportunitySearchTests
{
    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_finds_opportunities_by_title_fragments_and_by_customer_name_or_pinyin_and_never_another_teams(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var repB = app.CreateUser("rep-b", Roles.SalesRep, "北京一组", "华北");
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        var lei = await admin.CreateCustomer("雷军科技");
        var wang = await admin.CreateCustomer("王艳明");
        var theirs = await admin.CreateCustomer("别组客户");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{lei}", new { name = "雷军科技", ownerId = repA });
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{wang}", new { name = "王艳明", ownerId = repA });
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{theirs}", new { name = "别组客户", ownerId = repB });

        async Task<long> Create(long customer, string title) =>
            (await admin.PostOk("/api/v1/opportunities", new { customerId = customer, title, amount = 1000m })).GetProperty("id").GetInt64();
        var ac = await Create(lei, "中央空调改造");
        var erp = await Create(lei, "ERP Upgrade 2027");
        var sofa = await Create(wang, "办公沙发采购");
        var hidden = await Create(theirs, "中央空调维保");

        async Task<List<long>> Search(string query) => Ids(await rep.GetOk("/api/v1/opportunities?q=" + Uri.EscapeDataString(query)));
        Assert.Equal([ac], await Search("中央空调"));     // four characters: the trigram index; another team's 维保 not found
        Assert.Equal([ac], await Search("空调"));         // two characters: the short-text path
        Assert.Equal([sofa], await Search("沙"));
        Assert.Equal([erp], await Search("erp upg"));     // Latin letters in any case
        Assert.Equal([erp, ac], await Search("雷军"));     // the customer's name
        Assert.Equal([sofa], await Search("wym"));        // the customer's pinyin initials
        Assert.Equal([erp, ac], await Search("leijun"));  // and full pinyin
        Assert.Empty(await Search("别组"));
        Assert.Empty(await Search("维保"));
        Assert.Empty(await Search("%"));                  // a LIKE wildcard taken literally
        Assert.Empty(await Search("空改"));               // two characters of the title, not adjacent
        Assert.Equal([hidden, ac], Ids(await admin.GetOk("/api/v1/opportunities?q=" + Uri.EscapeDataString("中央空调"))));

        // With the other filters and keyset paging.
        await admin.PostOk($"/api/v1/opportunities/{erp}/won", new { reason = "签约" }, HttpStatusCode.OK);
        Assert.Equal([ac], Ids(await rep.GetOk("/api/v1/opportunities?status=open&q=" + Uri.EscapeDataString("雷军"))));
        var first = await rep.GetOk("/api/v1/opportunities?limit=1&q=" + Uri.EscapeDataString("雷军"));
        Assert.Equal([erp], Ids(first));
        Assert.Equal([ac], Ids(await rep.GetOk($"/api/v1/opportunities?limit=1&after={first.GetProperty("nextCursor").GetString()}&q=" + Uri.EscapeDataString("雷军"))));

        // A renamed title is found by its new words, not its old ones.
        var renamed = await rep.Send(HttpMethod.Put, $"/api/v1/opportunities/{sofa}", new { customerId = wang, title = "会议桌椅采购", amount = 1000m });
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Empty(await Search("办公沙发"));
        Assert.Equal([sofa], await Search("会议桌椅"));

        var tooLong = await rep.Send(HttpMethod.Get, "/api/v1/opportunities?q=" + new string('x', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.True(tooLong.Body.GetProperty("errors").TryGetProperty("q", out _), tooLong.Body.ToString());

        // A saved view keeps its search; one too long is refused naming it, and no view is made.
        var longView = await rep.Send(HttpMethod.Post, "/api/v1/opportunity-views", new { name = "太长", q = new string('x', 101) });
        Assert.Equal(HttpStatusCode.BadRequest, longView.Status);
        Assert.True(longView.Body.GetProperty("errors").TryGetProperty("q", out _), longView.Body.ToString());
        Assert.Equal(0, (await rep.GetOk("/api/v1/opportunity-views")).GetArrayLength());
        var view = await rep.PostOk("/api/v1/opportunity-views", new { name = "空调项目", status = "open", q = "空调" });
        Assert.Equal("空调", view.GetProperty("q").GetString());
        var saved = (await rep.GetOk("/api/v1/opportunity-views")).EnumerateArray().Single();
        Assert.Equal(("空调项目", "空调"), (saved.GetProperty("name").GetString(), saved.GetProperty("q").GetString()));
    }
}
