using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Sales;

/// <summary>
/// A rep's list filtered by stage or status, and a rep's board, start from the rep's own customers (owned, shared with them, shared with
/// their team) instead of testing reach on every row: on SQLite and PostgreSQL it must list exactly what the access rule
/// lets them see, newest first and paged, never another team's opportunity in the same stage, while a manager (whose
/// list walks the index) sees their whole subtree.
/// </summary>
[ClockIndependent]
public class OpportunityListReachTests
{
    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reps_stage_and_status_filters_and_board_list_their_own_shared_and_team_shared_customers_opportunities_and_nothing_else(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var repB = app.CreateUser("rep-b", Roles.SalesRep, "北京一组", "华北");
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        long teamA;
        await using (var ctx = db.CreateContext()) teamA = GuanxiApp.EnsureTeam(ctx, "上海一组");

        async Task<long> Customer(string name, long owner)
        {
            var id = await admin.CreateCustomer(name);
            await admin.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name, ownerId = owner });
            return id;
        }
        var own = await Customer("自有客户", repA);
        var sharedWithRep = await Customer("共享给我", repB);
        var sharedWithTeam = await Customer("共享给本组", repB);
        var theirs = await Customer("别组客户", repB);
        await admin.PostOk($"/api/v1/customers/{sharedWithRep}/shares", new { userId = repA, access = "Read" });
        await admin.PostOk($"/api/v1/customers/{sharedWithTeam}/shares", new { teamId = teamA, access = "Read" });

        var stages = (await admin.GetOk("/api/v1/pipelines"))[0].GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
        async Task<long> Opportunity(long customer, string title, int stage)
        {
            var id = (await admin.PostOk("/api/v1/opportunities", new { customerId = customer, title, amount = 100m })).GetProperty("id").GetInt64();
            if (stage > 0) await admin.PostOk($"/api/v1/opportunities/{id}/move", new { stageId = stages[stage] }, HttpStatusCode.OK);
            return id;
        }
        var a1 = await Opportunity(own, "自有一", 2);
        var hidden1 = await Opportunity(theirs, "别组一", 2);
        var s1 = await Opportunity(sharedWithRep, "共享一", 2);
        var t1 = await Opportunity(sharedWithTeam, "本组共享一", 2);
        var a2 = await Opportunity(own, "自有二", 0);
        var hidden2 = await Opportunity(theirs, "别组二", 2);
        var a3 = await Opportunity(own, "自有三", 2);
        await admin.PostOk($"/api/v1/opportunities/{a2}/lost", new { reason = "预算取消" }, HttpStatusCode.OK);
        await admin.PostOk($"/api/v1/opportunities/{hidden2}/lost", new { reason = "预算取消" }, HttpStatusCode.OK);

        var stage = stages[2];
        Assert.Equal([a3, t1, s1, a1], Ids(await rep.GetOk($"/api/v1/opportunities?stage={stage}")));
        Assert.Equal([a3, t1, s1, a1], Ids(await rep.GetOk($"/api/v1/opportunities?stage={stage}&status=open")));
        Assert.Equal([a2], Ids(await rep.GetOk("/api/v1/opportunities?status=lost")));
        Assert.Equal([a3, t1, s1, a1], Ids(await rep.GetOk("/api/v1/opportunities?status=open")));

        // Paged: two pages of two, then nothing more.
        var first = await rep.GetOk($"/api/v1/opportunities?stage={stage}&limit=2");
        Assert.Equal([a3, t1], Ids(first));
        var second = await rep.GetOk($"/api/v1/opportunities?stage={stage}&limit=2&after={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal([s1, a1], Ids(second));
        Assert.True(second.GetProperty("nextCursor").ValueKind == JsonValueKind.Null, second.ToString());

        // The rep's board is driven the same way: the column holds (and counts) exactly the same four.
        var column = (await rep.GetOk("/api/v1/opportunities/board")).GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("stageId").GetInt64() == stage);
        Assert.Equal(4, column.GetProperty("count").GetInt32());
        Assert.Equal([a3, t1, s1, a1], column.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ToList());

        // The other team's rep sees theirs only (their shared customers are theirs by ownership).
        var other = app.ClientWithToken(app.TokenFor("rep-b"));
        Assert.Equal([t1, s1, hidden1], Ids(await other.GetOk($"/api/v1/opportunities?stage={stage}&status=open")));

        // A manager of 华东 sees the rep's customers by the walk, as before.
        var manager = app.ClientAs(Roles.SalesManager, "华东");
        Assert.Equal([a3, a1], Ids(await manager.GetOk($"/api/v1/opportunities?stage={stage}&status=open")));
    }
}
