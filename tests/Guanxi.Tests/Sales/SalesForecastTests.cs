using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Sales;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Sales;

/// <summary>
/// Targets, commitments, the forecast and its backtest through the API (and the CLI's tables) on SQLite and
/// PostgreSQL: a manager sets targets in their subtree only (another team's rep answers 404, a rep may not), a rep's
/// commitments keep their history and the latest counts; saved list views are one's own; the forecast's weighted pipeline, model (stage-to-won rates
/// learnt from the history), committed, target, won and attainment per owner, team and in total, within the caller's
/// reach; the backtest rebuilt from the stage history as of each period's start. Periods follow the suite's clock.
/// </summary>
public class SalesForecastTests
{
    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static decimal? Dec(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    private static async Task<JsonElement> PutOk(HttpClient http, string url, object body)
    {
        var (status, json) = await http.Send(HttpMethod.Put, url, body);
        Assert.True(status == HttpStatusCode.OK, $"PUT {url} gave {status}: {json}");
        return json;
    }

    private static void Field(HttpStatusCode status, JsonElement problem, string field)
    {
        Assert.True(status == HttpStatusCode.BadRequest, $"{field}: {status} {problem}");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Targets_commitments_and_the_forecast_per_owner_team_and_total_within_reach_and_the_backtest_from_the_history(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var repB = app.CreateUser("rep-b", Roles.SalesRep, "北京一组", "华北");
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        var other = app.ClientWithToken(app.TokenFor("rep-b"));
        var manager = app.ClientAs(Roles.SalesManager, "华东");
        var customer = await admin.CreateCustomer("意向客户甲");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{customer}", new { name = "意向客户甲", ownerId = repA });

        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var quarter = SalesPeriod.QuarterOf(today);
        var q = quarter.ToString();
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Targets: the manager sets their subtree's (a rep and the team), not another team's rep (404, nothing written);
        // a rep may not set any (403); a bad period is a 400 naming it.
        var teamA = (await admin.GetOk("/api/v1/teams")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "上海一组");
        var target = await PutOk(manager, "/api/v1/sales/targets", new { period = q, userId = repA, amount = 100000m });
        Assert.Equal((repA, 100000m, q), (target.GetProperty("userId").GetInt64(), target.GetProperty("amount").GetDecimal(), target.GetProperty("period").GetString()));
        await PutOk(manager, "/api/v1/sales/targets", new { period = q.ToLowerInvariant(), teamId = Id(teamA), amount = 250000m });
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Send(HttpMethod.Put, "/api/v1/sales/targets", new { period = q, userId = repB, amount = 1m })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Put, "/api/v1/sales/targets", new { period = q, userId = repA, amount = 1m })).Status);
        var (status, problem) = await manager.Send(HttpMethod.Put, "/api/v1/sales/targets", new { period = "2027-Q5", userId = repA, amount = 1m });
        Field(status, problem, "period");
        (status, problem) = await manager.Send(HttpMethod.Put, "/api/v1/sales/targets", new { period = q, userId = repA, teamId = Id(teamA), amount = 1m });
        Field(status, problem, "userId");
        var theirs = await PutOk(admin, "/api/v1/sales/targets", new { period = q, userId = repB, amount = 80000m });
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Send(HttpMethod.Delete, $"/api/v1/sales/targets/{Id(theirs)}")).Status);
        // Setting again changes the one row; reads follow reach.
        await PutOk(manager, "/api/v1/sales/targets", new { period = q, userId = repA, amount = 100000m });
        Assert.Equal(3, (await admin.GetOk($"/api/v1/sales/targets?period={q}")).GetArrayLength());
        Assert.Equal(2, (await manager.GetOk($"/api/v1/sales/targets?period={q}")).GetArrayLength());
        Assert.Equal([repB], (await other.GetOk($"/api/v1/sales/targets?period={q}")).EnumerateArray().Select(t => t.GetProperty("userId").GetInt64()));

        // Commitments: a rep's own, each kept, the latest counts; others' are not theirs to read.
        await rep.PostOk("/api/v1/sales/commitments", new { period = q, amount = 50000m, note = "保守" });
        await rep.PostOk("/api/v1/sales/commitments", new { period = q, amount = 60000m, note = "<b>加上</b>大单" });
        (status, problem) = await rep.Send(HttpMethod.Post, "/api/v1/sales/commitments", new { period = "2027-1", amount = 1m });
        Field(status, problem, "period");
        (status, problem) = await rep.Send(HttpMethod.Post, "/api/v1/sales/commitments", new { period = q, amount = -1m });
        Field(status, problem, "amount");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(Roles.Analyst).Send(HttpMethod.Post, "/api/v1/sales/commitments", new { period = q, amount = 1m })).Status);
        var history = await manager.GetOk($"/api/v1/sales/commitments?period={q}&userId={repA}");
        Assert.Equal([60000m, 50000m], history.EnumerateArray().Select(c => c.GetProperty("amount").GetDecimal()));
        Assert.Equal("<b>加上</b>大单", history[0].GetProperty("note").GetString());
        Assert.Equal(0, (await other.GetOk($"/api/v1/sales/commitments?period={q}&userId={repA}")).GetArrayLength());

        // Rep A's opportunities: two open ones expected in the quarter (stage 3 at 50 %, stage 1 at 10 %), one expected
        // later, one won and one lost now from stage 1 (the history the model learns from).
        async Task<long> Opportunity(decimal amount, DateOnly close) =>
            Id(await admin.PostOk("/api/v1/opportunities", new { customerId = customer, title = "商机", amount, ownerId = repA, expectedCloseDate = Day(close) }));
        var proposal = await Opportunity(10000m, quarter.Last);
        await admin.PostOk($"/api/v1/opportunities/{proposal}/move", new { stageId = 3 }, HttpStatusCode.OK);
        await Opportunity(20000m, quarter.First);
        await Opportunity(7000m, quarter.Next().First);
        var won = await Opportunity(30000m, quarter.Last);
        await admin.PostOk($"/api/v1/opportunities/{won}/won", new { reason = "方案契合" }, HttpStatusCode.OK);
        var lost = await Opportunity(1000m, quarter.Last);
        await admin.PostOk($"/api/v1/opportunities/{lost}/lost", new { reason = "价格" }, HttpStatusCode.OK);

        // weighted = 10000 × 50 % + 20000 × 10 %; model: stage 1 (one won, one lost, under 14 days) (1 + 5 × 0.1) / (2 + 5)
        // × 20000 = 4285.71, stage 3 without history its 50 % × 10000, plus the 30000 won.
        var forecast = await admin.GetOk($"/api/v1/sales/forecast?period={q}");
        Assert.Equal((q, Day(quarter.First), Day(quarter.Last)), (forecast.GetProperty("period").GetString(), forecast.GetProperty("from").GetString(), forecast.GetProperty("to").GetString()));
        var a = forecast.GetProperty("owners").EnumerateArray().Single(o => o.GetProperty("ownerId").GetInt64() == repA);
        Assert.Equal((2, 30000m, 7000m, 39285.71m), (a.GetProperty("open").GetInt32(), Dec(a, "pipeline"), Dec(a, "weighted"), Dec(a, "model")));
        Assert.Equal((60000m, 100000m, 30000m, 0.3m), (Dec(a, "committed"), Dec(a, "target"), Dec(a, "won"), Dec(a, "attainment")));
        Assert.Equal("上海一组", a.GetProperty("team").GetString());
        var b = forecast.GetProperty("owners").EnumerateArray().Single(o => o.GetProperty("ownerId").GetInt64() == repB);
        Assert.Equal((0m, null, 80000m, 0m), (Dec(b, "weighted"), Dec(b, "committed"), Dec(b, "target"), Dec(b, "won")));
        var team = forecast.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("teamId").GetInt64() == Id(teamA));
        Assert.Equal((7000m, 250000m, 0.12m), (Dec(team, "weighted"), Dec(team, "target"), Dec(team, "attainment")));
        var total = forecast.GetProperty("total");
        Assert.Equal((7000m, 39285.71m, 60000m, 180000m, 30000m, 0.1667m),
            (Dec(total, "weighted"), Dec(total, "model"), Dec(total, "committed"), Dec(total, "target"), Dec(total, "won"), Dec(total, "attainment")));

        // Within reach: the manager sees rep A (not rep B's target), rep B only their own target.
        var managed = await manager.GetOk($"/api/v1/sales/forecast?period={q}");
        Assert.Equal([repA], managed.GetProperty("owners").EnumerateArray().Select(o => o.GetProperty("ownerId").GetInt64()));
        Assert.Equal((39285.71m, 100000m), (Dec(managed.GetProperty("total"), "model"), Dec(managed.GetProperty("total"), "target")));
        var theirsOnly = await other.GetOk($"/api/v1/sales/forecast?period={q}");
        Assert.Equal((0m, 0m, 80000m), (Dec(theirsOnly.GetProperty("total"), "weighted"), Dec(theirsOnly.GetProperty("total"), "won"), Dec(theirsOnly.GetProperty("total"), "target")));
        // A month of the quarter holds the same open ones expected in it; a bad period or currency is a 400 naming it.
        var month = await admin.GetOk($"/api/v1/sales/forecast?period={SalesPeriod.MonthOf(quarter.First)}");
        Assert.Equal(2000m, Dec(month.GetProperty("total"), "weighted"));
        (status, problem) = await rep.Send(HttpMethod.Get, "/api/v1/sales/forecast?period=2027-Q9");
        Field(status, problem, "period");
        (status, problem) = await rep.Send(HttpMethod.Get, "/api/v1/sales/forecast?currency=RMB");
        Field(status, problem, "currency");

        // The backtest of the quarter before: an opportunity open at its start (in stage 2 since 5 days), expected and
        // won in it; one lost earlier teaches the model that stage 1 and 2 lose. As of the start: weighted 25 % of
        // 50000; model (0 + 5 × 0.25) / (1 + 5) × 50000 = 10416.67; actual 50000.
        var previous = quarter.Previous();
        var start = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(previous.First.ToDateTime(TimeOnly.MinValue), app.Clock.LocalTimeZone), DateTimeKind.Utc);
        await using (var ctx = db.CreateContext())
        {
            Opportunity Past(long cents, DateTime created, DateOnly close, OpportunityStatus status, DateTime closed) => new()
            {
                CustomerId = customer, Title = "往期", AmountCents = cents, PipelineId = 1, StageId = 2, Probability = status == OpportunityStatus.Won ? 100 : 0,
                OwnerId = repA, ExpectedCloseOn = close, Status = status, ClosedAt = closed, CreatedAt = created, StageEnteredAt = created.AddDays(10), CloseReason = "x",
            };
            var lostBefore = Past(900000, start.AddDays(-60), previous.First.AddDays(-30), OpportunityStatus.Lost, start.AddDays(-40));
            var wonIn = Past(5000000, start.AddDays(-10), previous.First.AddDays(20), OpportunityStatus.Won, start.AddDays(10));
            ctx.Opportunities.AddRange(lostBefore, wonIn);
            await ctx.SaveChangesAsync();
            OpportunityStageChange Change(long id, long? from, long to, OpportunityStatus toStatus, DateTime at, double? days) => new()
            {
                OpportunityId = id, FromStageId = from, ToStageId = to, FromStatus = OpportunityStatus.Open, ToStatus = toStatus, At = at, SecondsInStage = days is { } d ? (long)(d * 86400) : null,
            };
            ctx.OpportunityStageChanges.AddRange(
                Change(lostBefore.Id, null, 1, OpportunityStatus.Open, start.AddDays(-60), null),
                Change(lostBefore.Id, 1, 2, OpportunityStatus.Open, start.AddDays(-50), 10),
                Change(lostBefore.Id, 2, 2, OpportunityStatus.Lost, start.AddDays(-40), 10),
                Change(wonIn.Id, null, 1, OpportunityStatus.Open, start.AddDays(-10), null),
                Change(wonIn.Id, 1, 2, OpportunityStatus.Open, start.AddDays(-5), 5),
                Change(wonIn.Id, 2, 2, OpportunityStatus.Won, start.AddDays(10), 15));
            await ctx.SaveChangesAsync();
        }
        var backtest = await admin.GetOk("/api/v1/sales/backtest?periods=1");
        var period = backtest.GetProperty("periods").EnumerateArray().Single();
        Assert.Equal((previous.ToString(), 1), (period.GetProperty("period").GetString(), period.GetProperty("open").GetInt32()));
        Assert.Equal((12500m, 10416.67m, 50000m, 50000m), (Dec(period, "weighted"), Dec(period, "model"), Dec(period, "actual"), Dec(period, "wonInPeriod")));
        Assert.Equal((75.0m, 79.2m), (Dec(backtest, "weightedMape"), Dec(backtest, "modelMape")));
        Assert.Equal(2, (await admin.GetOk("/api/v1/sales/backtest?periods=2&kind=month")).GetProperty("periods").GetArrayLength());
        (status, problem) = await rep.Send(HttpMethod.Get, "/api/v1/sales/backtest?periods=0");
        Field(status, problem, "periods");
        (status, problem) = await rep.Send(HttpMethod.Get, "/api/v1/sales/backtest?kind=week");
        Field(status, problem, "kind");
        // Rep B reaches none of it.
        Assert.Equal(0, (await other.GetOk("/api/v1/sales/backtest?periods=1")).GetProperty("periods")[0].GetProperty("open").GetInt32());

        // Saved views of the opportunity list: one's own (saving a name again replaces it), another's is not found.
        var view = await rep.PostOk("/api/v1/opportunity-views", new { name = "本季度", status = "open", owner = "me", closeFrom = Day(quarter.First), closeTo = Day(quarter.Last) });
        await rep.PostOk("/api/v1/opportunity-views", new { name = "本季度", status = "open", owner = "me", stageId = 3, closeFrom = Day(quarter.First), closeTo = Day(quarter.Last) });
        var views = await rep.GetOk("/api/v1/opportunity-views");
        Assert.Equal([(Id(view), 3L)], views.EnumerateArray().Select(v => (Id(v), v.GetProperty("stageId").GetInt64())));
        (status, problem) = await rep.Send(HttpMethod.Post, "/api/v1/opportunity-views", new { name = "坏", status = "done" });
        Field(status, problem, "status");
        (status, problem) = await rep.Send(HttpMethod.Post, "/api/v1/opportunity-views", new { name = " " });
        Field(status, problem, "name");
        Assert.Equal(0, (await other.GetOk("/api/v1/opportunity-views")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Delete, $"/api/v1/opportunity-views/{Id(view)}")).Status);
        Assert.Equal(1, (await rep.GetOk("/api/v1/opportunity-views")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await rep.Send(HttpMethod.Delete, $"/api/v1/opportunity-views/{Id(view)}")).Status);
        Assert.Equal(0, (await rep.GetOk("/api/v1/opportunity-views")).GetArrayLength());

        if (provider != DatabaseProvider.Sqlite) return; // the CLI's table prints the same figures; once is enough
        var cli = await GuanxiCli.RunAsync("sales", "forecast", "--period", q, "--db", db.DbArgument);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        var line = cli.Stdout.Split('\n').Single(l => l.StartsWith("rep-a ", StringComparison.Ordinal));
        Assert.Equal(["rep-a", "7,000", "40,556", "60,000", "100,000", "30,000", "30.0%"], line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("total ", cli.LastLine, StringComparison.Ordinal);
        var bad = await GuanxiCli.RunAsync("sales", "forecast", "--period", "2027-Q5", "--db", db.DbArgument);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--period", bad.Stderr, StringComparison.Ordinal);
        var bt = await GuanxiCli.RunAsync("sales", "backtest", "--periods", "1", "--db", db.DbArgument);
        Assert.True(bt.ExitCode == 0, bt.Stderr);
        Assert.Equal("MAPE weighted 75.0%, model 79.2%", bt.LastLine);
    }
}
