using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Sales;

/// <summary>
/// Sales through the API on SQLite and PostgreSQL: a rep's opportunity from creation through moves to won and back,
/// the guarded errors (another pipeline's stage, probability, amount, currency, lost without a reason, a closed one
/// moved, a stale version, another team's opportunity), the list's filters and paging, the board's totals; pipelines
/// and products; a lead's grade with its history and the follow-up task its cadence sets.
/// </summary>
public class SalesApiTests
{
    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(Id)];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_creates_moves_wins_and_reopens_an_opportunity_and_bad_input_stale_versions_and_other_teams_change_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var repB = app.CreateUser("rep-b", Roles.SalesRep, "北京一组", "华北");
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        var other = app.ClientWithToken(app.TokenFor("rep-b"));
        var customer = await admin.CreateCustomer("意向客户甲");
        var theirs = await admin.CreateCustomer("别组客户乙");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{customer}", new { name = "意向客户甲", ownerId = repA });
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{theirs}", new { name = "别组客户乙", ownerId = repB });

        // The seeded default pipeline; a second one made by an admin gets fresh ids (the seeded ids are not handed out again).
        var pipelines = await rep.GetOk("/api/v1/pipelines");
        var main = pipelines.EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        var stages = main.GetProperty("stages").EnumerateArray().Select(s => (Id: Id(s), Probability: s.GetProperty("probability").GetInt32())).ToList();
        Assert.Equal(5, stages.Count);
        Assert.Equal([10, 25, 50, 75, 90], stages.Select(s => s.Probability));
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, "/api/v1/pipelines", new { name = "项目制", stages = new[] { new { name = "立项", probability = 20 } } })).Status);
        var project = await admin.PostOk("/api/v1/pipelines", new { name = "项目制", stages = new[] { new { name = "立项", probability = 20 }, new { name = "招标", probability = 60 } } });
        var foreignStage = Id(project.GetProperty("stages")[0]);
        Assert.DoesNotContain(foreignStage, stages.Select(s => s.Id));
        Assert.Equal(2, project.GetProperty("stages").GetArrayLength());

        var product = await admin.PostOk("/api/v1/products", new { code = "AC-01", name = "空调", price = 3500m, category = "家电" });
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Send(HttpMethod.Post, "/api/v1/products", new { code = "AC-01", name = "重复", price = 1m })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, "/api/v1/products", new { code = "AC-02", name = "x", price = 1m })).Status);

        // Bad input: 400 naming the field, nothing written.
        async Task Refused(object body, string field)
        {
            var (status, problem) = await rep.Send(HttpMethod.Post, "/api/v1/opportunities", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{field}: {status} {problem}");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(new { customerId = customer, title = "x", amount = 1m, stageId = foreignStage }, "stageId");
        await Refused(new { customerId = customer, title = "x", amount = 1m, probability = 101 }, "probability");
        await Refused(new { customerId = customer, title = "x", amount = -1m }, "amount");
        await Refused(new { customerId = customer, title = "x", amount = 1m, currency = "RMB" }, "currency");
        await Refused(new { customerId = customer, title = " ", amount = 1m }, "title");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.Send(HttpMethod.Post, "/api/v1/opportunities", new { customerId = theirs, title = "抢单", amount = 1m })).Status);

        var created = await rep.PostOk("/api/v1/opportunities", new
        {
            customerId = customer,
            title = "<b>中央空调</b>改造",
            source = "TradeShow",
            channel = "广交会",
            heat = "Hot",
            amount = 120000.50m,
            currency = "cny",
            expectedCloseDate = "2027-03-31",
            nextStep = "约技术交流",
            competitors = new[] { new { name = "格力", price = 110000m, strengths = "价格低" } },
            products = new[] { new { productId = Id(product), quantity = 4m } },
        });
        var id = Id(created);
        Assert.Equal(("open", stages[0].Id, 10, repA, "CNY"), (created.GetProperty("status").GetString(), created.GetProperty("stageId").GetInt64(),
            created.GetProperty("probability").GetInt32(), created.GetProperty("ownerId").GetInt64(), created.GetProperty("currency").GetString()));
        Assert.Equal("<b>中央空调</b>改造", created.GetProperty("title").GetString());
        Assert.Equal(120000.50m, created.GetProperty("amount").GetDecimal());
        Assert.Equal(3500m, created.GetProperty("products")[0].GetProperty("unitPrice").GetDecimal());
        Assert.Equal("价格低", created.GetProperty("competitors")[0].GetProperty("strengths").GetString());
        var second = Id(await rep.PostOk("/api/v1/opportunities", new { customerId = customer, title = "维保合同", amount = 8000m, source = "Referral", heat = "Cold", expectedCloseDate = "2027-06-30" }));
        var third = Id(await rep.PostOk("/api/v1/opportunities", new { customerId = customer, title = "备件", amount = 500m }));

        // A stage of another pipeline: 400, nothing moved. A move: the stage's probability and a follow-up task.
        var wrong = await rep.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/move", new { stageId = foreignStage });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.True(wrong.Body.GetProperty("errors").TryGetProperty("stageId", out _));
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var moved = await rep.PostOk($"/api/v1/opportunities/{id}/move", new { stageId = stages[2].Id, nextStep = "发报价单", followUpOn = today.AddDays(2) }, HttpStatusCode.OK);
        Assert.Equal((stages[2].Id, 50, "发报价单"), (moved.GetProperty("stageId").GetInt64(), moved.GetProperty("probability").GetInt32(), moved.GetProperty("nextStep").GetString()));
        var task = await rep.GetOk($"/api/v1/tasks/{moved.GetProperty("followUpTaskId").GetInt64()}");
        Assert.Equal(("SalesFollowUp", repA), (task.GetProperty("origin").GetString(), task.GetProperty("assigneeId").GetInt64()));
        Assert.Equal(today.AddDays(2), DateOnly.FromDateTime(task.GetProperty("dueAt").GetDateTime()));

        // A stale If-Match: 412, unchanged. Lost without a reason: 400.
        var version = moved.GetProperty("version").GetInt64();
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await rep.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/move", new { stageId = stages[3].Id }, ifMatch: $"\"{version - 1}\"")).Status);
        var noReason = await rep.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/lost", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.True(noReason.Body.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await rep.Send(HttpMethod.Put, $"/api/v1/opportunities/{id}", new { customerId = customer, title = "x", amount = 1m, probability = -1 })).Status);
        Assert.Equal(stages[2].Id, (await rep.GetOk($"/api/v1/opportunities/{id}")).GetProperty("stageId").GetInt64());

        // Another team's rep: 404 on every read and write, and the opportunity stays as it was.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Get, $"/api/v1/opportunities/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/move", new { stageId = stages[4].Id })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/won", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Put, $"/api/v1/opportunities/{id}", new { customerId = customer, title = "改", amount = 1m })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Delete, $"/api/v1/opportunities/{id}")).Status);
        Assert.Empty(Ids(await other.GetOk("/api/v1/opportunities")));
        var unchanged = await rep.GetOk($"/api/v1/opportunities/{id}");
        Assert.Equal((version, stages[2].Id, "open"), (unchanged.GetProperty("version").GetInt64(), unchanged.GetProperty("stageId").GetInt64(), unchanged.GetProperty("status").GetString()));

        // The board: counts and totals per column of the pipeline's open opportunities.
        var board = await rep.GetOk("/api/v1/opportunities/board");
        var columns = board.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("stageId").GetInt64());
        Assert.Equal(2, columns[stages[0].Id].GetProperty("count").GetInt32());
        Assert.Equal(8500m, columns[stages[0].Id].GetProperty("totals")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(850m, columns[stages[0].Id].GetProperty("totals")[0].GetProperty("weighted").GetDecimal());
        Assert.Equal([id], columns[stages[2].Id].GetProperty("items").EnumerateArray().Select(Id));

        // Won; then a move is a conflict until it is reopened; reopening puts it back in its stage.
        var won = await rep.PostOk($"/api/v1/opportunities/{id}/won", new { reason = "技术方案胜出" }, HttpStatusCode.OK);
        Assert.Equal(("won", 100), (won.GetProperty("status").GetString(), won.GetProperty("probability").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await rep.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/move", new { stageId = stages[3].Id })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await rep.Send(HttpMethod.Post, $"/api/v1/opportunities/{id}/lost", new { reason = "x" })).Status);
        var reopened = await rep.PostOk($"/api/v1/opportunities/{id}/reopen", new { }, HttpStatusCode.OK);
        Assert.Equal(("open", stages[2].Id, 50), (reopened.GetProperty("status").GetString(), reopened.GetProperty("stageId").GetInt64(), reopened.GetProperty("probability").GetInt32()));
        await rep.PostOk($"/api/v1/opportunities/{id}/won", new { }, HttpStatusCode.OK);
        await rep.PostOk($"/api/v1/opportunities/{second}/lost", new { reason = "预算取消" }, HttpStatusCode.OK);

        var history = (await rep.GetOk($"/api/v1/opportunities/{id}/history")).EnumerateArray()
            .Select(h => $"{(h.GetProperty("fromStageId").ValueKind == JsonValueKind.Null ? "-" : h.GetProperty("fromStageId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))}>{h.GetProperty("toStageId").GetInt64()}:{h.GetProperty("toStatus").GetString()}").ToList();
        Assert.Equal([$"->{stages[0].Id}:open", $"{stages[0].Id}>{stages[2].Id}:open", $"{stages[2].Id}>{stages[2].Id}:won", $"{stages[2].Id}>{stages[2].Id}:open", $"{stages[2].Id}>{stages[2].Id}:won"], history);

        // Filters and keyset paging; a bad filter is a 400 naming it.
        Assert.Equal([third], Ids(await rep.GetOk("/api/v1/opportunities?status=open")));
        Assert.Equal([id], Ids(await rep.GetOk("/api/v1/opportunities?status=won")));
        Assert.Equal([second], Ids(await rep.GetOk("/api/v1/opportunities?status=lost")));
        Assert.Equal([third, second, id], Ids(await rep.GetOk("/api/v1/opportunities?owner=me")));
        // An owner without a status pages newest first through its own index (owner_id, id).
        var mine = await rep.GetOk("/api/v1/opportunities?owner=me&limit=2");
        Assert.Equal([third, second], Ids(mine));
        Assert.Equal([id], Ids(await rep.GetOk($"/api/v1/opportunities?owner={repA}&limit=2&after={mine.GetProperty("nextCursor").GetString()}")));
        Assert.Equal([third, second, id], Ids(await rep.GetOk($"/api/v1/opportunities?owner={repA}&customerId={customer}")));
        Assert.Empty(Ids(await rep.GetOk($"/api/v1/opportunities?owner={repB}")));
        Assert.Equal([third], Ids(await rep.GetOk($"/api/v1/opportunities?stage={stages[0].Id}&status=open")));
        Assert.Equal([id], Ids(await rep.GetOk("/api/v1/opportunities?closeFrom=2027-01-01&closeTo=2027-03-31")));
        Assert.Equal([second], Ids(await rep.GetOk("/api/v1/opportunities?closeFrom=2027-04-01")));
        var first = await rep.GetOk("/api/v1/opportunities?limit=2");
        Assert.Equal([third, second], Ids(first));
        Assert.Equal([id], Ids(await rep.GetOk($"/api/v1/opportunities?limit=2&after={first.GetProperty("nextCursor").GetString()}")));
        foreach (var (query, field) in new[] { ("status=done", "status"), ("owner=bob", "owner"), ("closeFrom=2027-05-01&closeTo=2027-04-01", "closeTo") })
        {
            var bad = await rep.Send(HttpMethod.Get, "/api/v1/opportunities?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.True(bad.Body.GetProperty("errors").TryGetProperty(field, out _), query);
        }

        // The funnel of the period: each created opportunity counted at the furthest stage it reached; win rates by dimension.
        var funnel = await rep.GetOk("/api/v1/sales/funnel");
        Assert.Equal((3, 1, 1), (funnel.GetProperty("created").GetInt32(), funnel.GetProperty("won").GetInt32(), funnel.GetProperty("lost").GetInt32()));
        var reached = funnel.GetProperty("stages").EnumerateArray().Select(x => x.GetProperty("reached").GetInt32()).ToList();
        Assert.Equal([3, 1, 1, 0, 0], reached);
        Assert.Equal(0.3333m, funnel.GetProperty("stages")[0].GetProperty("conversionToNext").GetDecimal());
        Assert.Equal((2, 0m), (funnel.GetProperty("stages")[0].GetProperty("left").GetInt32(), funnel.GetProperty("stages")[0].GetProperty("averageDays").GetDecimal()));
        string Rates(string dimension) => string.Join(",", funnel.GetProperty(dimension).EnumerateArray().Select(x => $"{x.GetProperty("key").GetString()}:{x.GetProperty("won").GetInt32()}/{x.GetProperty("lost").GetInt32()}"));
        Assert.Equal("Referral:0/1,TradeShow:1/0", Rates("bySource"));
        Assert.Equal("Hot:1/0,Cold:0/1", Rates("byHeat"));
        Assert.Equal(":0/1,广交会:1/0", Rates("byChannel"));
        Assert.Equal(0.5m, funnel.GetProperty("byOwner")[0].GetProperty("winRate").GetDecimal());
        // By the owner's team: rep A's 上海一组.
        Assert.Equal(("上海一组", 1, 1), (funnel.GetProperty("byTeam")[0].GetProperty("name").GetString(), funnel.GetProperty("byTeam")[0].GetProperty("won").GetInt32(), funnel.GetProperty("byTeam")[0].GetProperty("lost").GetInt32()));
        Assert.Equal(0, (await other.GetOk("/api/v1/sales/funnel")).GetProperty("created").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await rep.Send(HttpMethod.Get, "/api/v1/sales/funnel?from=2027-05-01&to=2027-04-01")).Status);

        // A product on an opportunity is not deleted (409); a pipeline stage with history is not removed (409).
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(HttpMethod.Delete, $"/api/v1/products/{Id(product)}")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(HttpMethod.Put, $"/api/v1/pipelines/{main.GetProperty("id").GetInt64()}", new { name = "默认", isDefault = true, stages = new[] { new { name = "唯一", probability = 10 } } })).Status);
        await using var ctx = db.CreateContext();
        Assert.Equal(3, await ctx.Opportunities.CountAsync());
        // Created, moved, won, reopened, won: one audit row each; the refused attempts left none.
        Assert.Equal(5, await ctx.AuditEvents.CountAsync(a => a.Entity == "Opportunity" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_lead_graded_keeps_its_history_gets_the_cadence_follow_up_and_an_s_cadence_ends_with_its_last_open_opportunity(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组");
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        var agent = app.ClientAs(Roles.ServiceAgent, "客服组");
        var lead = await admin.CreateCustomer("潜在客户丙");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{lead}", new { name = "潜在客户丙", ownerId = repA });
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);

        // The rules: S daily until closed, A every 3 days with its steps; admins change them, reps cannot.
        var rules = (await rep.GetOk("/api/v1/leads/grades")).EnumerateArray().ToDictionary(r => r.GetProperty("grade").GetString()!);
        Assert.Equal(["S", "A", "B", "C", "D"], rules.Keys);
        Assert.Equal((1, true), (rules["S"].GetProperty("cadenceDays").GetInt32(), rules["S"].GetProperty("untilClosed").GetBoolean()));
        Assert.Equal(4, rules["A"].GetProperty("nextSteps").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Put, "/api/v1/leads/grades", new[] { new { grade = "B", cadenceDays = 5, nextSteps = new[] { "x" } } })).Status);
        var badRule = await admin.Send(HttpMethod.Put, "/api/v1/leads/grades", new[] { new { grade = "E", cadenceDays = 0, nextSteps = new[] { "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badRule.Status);
        Assert.True(badRule.Body.GetProperty("errors").TryGetProperty("[0].grade", out _) && badRule.Body.GetProperty("errors").TryGetProperty("[0].cadenceDays", out _));
        var changed = await admin.Send(HttpMethod.Put, "/api/v1/leads/grades", new[] { new { grade = "B", cadenceDays = 5, untilClosed = false, nextSteps = new[] { "邀请参加体验课 / Invite to a trial class" } } });
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(5, changed.Body.EnumerateArray().Single(r => r.GetProperty("grade").GetString() == "B").GetProperty("cadenceDays").GetInt32());

        // A grade outside S–D or without a reason: 400 naming the field; a role without the right: 403.
        var bad = await rep.Send(HttpMethod.Put, $"/api/v1/customers/{lead}/grade", new { grade = "E", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Body.GetProperty("errors").TryGetProperty("grade", out _));
        Assert.True((await rep.Send(HttpMethod.Put, $"/api/v1/customers/{lead}/grade", new { grade = "A", reason = " " })).Body.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Send(HttpMethod.Put, $"/api/v1/customers/{lead}/grade", new { grade = "A", reason = "x" })).Status);

        // B, then S: each change kept; the follow-up moves to the new grade's cadence (the old one is cancelled).
        var b = (await rep.Send(HttpMethod.Put, $"/api/v1/customers/{lead}/grade", new { grade = "b", reason = "有兴趣，预算未定" })).Body;
        var bTask = await rep.GetOk($"/api/v1/tasks/{b.GetProperty("followUpTaskId").GetInt64()}");
        Assert.Equal(today.AddDays(5), DateOnly.FromDateTime(bTask.GetProperty("dueAt").GetDateTime()));
        Assert.Equal(("SalesFollowUp", repA), (bTask.GetProperty("origin").GetString(), bTask.GetProperty("assigneeId").GetInt64()));
        var s = (await rep.Send(HttpMethod.Put, $"/api/v1/customers/{lead}/grade", new { grade = "S", reason = "已确认预算和决策人" })).Body;
        Assert.Equal(("S", "已确认预算和决策人"), (s.GetProperty("grade").GetString(), s.GetProperty("reason").GetString()));
        Assert.Equal(["B>S", "->B"], s.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("from").GetString() ?? "-"}>{h.GetProperty("to").GetString()}"));
        var sTaskId = s.GetProperty("followUpTaskId").GetInt64();
        Assert.Equal(today.AddDays(1), DateOnly.FromDateTime((await rep.GetOk($"/api/v1/tasks/{sTaskId}")).GetProperty("dueAt").GetDateTime()));
        Assert.Equal("Cancelled", (await rep.GetOk($"/api/v1/tasks/{bTask.GetProperty("id").GetInt64()}")).GetProperty("state").GetString());

        // Two open opportunities: winning one keeps the daily follow-up, losing the last ends it.
        var one = Id(await rep.PostOk("/api/v1/opportunities", new { customerId = lead, title = "一期", amount = 100m }));
        var two = Id(await rep.PostOk("/api/v1/opportunities", new { customerId = lead, title = "二期", amount = 200m }));
        await rep.PostOk($"/api/v1/opportunities/{one}/won", new { }, HttpStatusCode.OK);
        Assert.Equal("Open", (await rep.GetOk($"/api/v1/tasks/{sTaskId}")).GetProperty("state").GetString());
        await rep.PostOk($"/api/v1/opportunities/{two}/lost", new { reason = "选了别家" }, HttpStatusCode.OK);
        Assert.Equal("Cancelled", (await rep.GetOk($"/api/v1/tasks/{sTaskId}")).GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, (await rep.GetOk($"/api/v1/customers/{lead}/grade")).GetProperty("followUpTaskId").ValueKind);

        // Converting the lead: a reason is required; the grade ends with a history row, the day is kept, the record and its
        // history stay (the opportunities too); a second conversion, or one of a customer never graded, is 409.
        var a = (await rep.Send(HttpMethod.Put, $"/api/v1/customers/{lead}/grade", new { grade = "A", reason = "二期重新洽谈" })).Body;
        var aTask = a.GetProperty("followUpTaskId").GetInt64();
        Assert.True((await rep.Send(HttpMethod.Post, $"/api/v1/customers/{lead}/convert", new { reason = " " })).Body.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Send(HttpMethod.Post, $"/api/v1/customers/{lead}/convert", new { reason = "签约" })).Status);
        var converted = await rep.PostOk($"/api/v1/customers/{lead}/convert", new { reason = "一期合同已签" }, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, converted.GetProperty("grade").ValueKind);
        var at = converted.GetProperty("convertedAt").GetDateTime();
        at = at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc);
        Assert.InRange((at - app.Clock.GetUtcNow().UtcDateTime).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal(["A>-", "S>A", "B>S", "->B"], converted.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("from").GetString() ?? "-"}>{h.GetProperty("to").GetString() ?? "-"}"));
        Assert.Equal("一期合同已签", converted.GetProperty("history")[0].GetProperty("reason").GetString());
        Assert.Equal("Cancelled", (await rep.GetOk($"/api/v1/tasks/{aTask}")).GetProperty("state").GetString());
        Assert.Equal(2, (await rep.GetOk($"/api/v1/opportunities?customerId={lead}")).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await rep.Send(HttpMethod.Post, $"/api/v1/customers/{lead}/convert", new { reason = "再次" })).Status);
    }
}
