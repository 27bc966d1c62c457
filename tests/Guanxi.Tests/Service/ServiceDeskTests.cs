using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Service;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Guanxi.Service;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Service;

/// <summary>
/// The service desk through the API on SQLite and PostgreSQL: deadlines in business time from the matching policy, an
/// agent taking and working a request, the follow-up visit on resolution, scope, versions and the transition table; the
/// SLA check warning before and escalating after a deadline once each; complaints from key customers alerting the owner.
/// </summary>
public class ServiceDeskTests
{
    private static readonly BusinessCalendar China = BusinessCalendar.China();

    private static DateTime Utc(JsonElement e, string property) =>
        DateTime.Parse(e.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_agent_takes_a_request_works_it_within_business_time_resolves_it_and_the_follow_up_visit_is_scheduled(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var agentId = app.CreateUser("agent-a", Roles.ServiceAgent, "客服一组");
        var agent = app.ClientWithToken(app.TokenFor("agent-a"));
        var stranger = app.ClientAs(Roles.ServiceAgent, "客服二组");
        var customer = await admin.CreateCustomer("报修客户甲");
        var hidden = await admin.CreateCustomer("别人的客户乙");
        await admin.PostOk($"/api/v1/customers/{customer}/shares", new { userId = agentId, access = "Edit" });

        // Policies: a default for everyone; a second one for the same customers and types is refused, naming both.
        var policy = await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 60, resolutionMinutes = 480, followUpDays = 3 });
        var clash = await admin.Send(HttpMethod.Post, "/api/v1/sla-policies", new { name = "维修加急", types = new[] { "Repair" }, firstResponseMinutes = 30, resolutionMinutes = 120 });
        Assert.Equal(HttpStatusCode.BadRequest, clash.Status);
        Assert.Contains("默认服务", clash.Body.ToString(), StringComparison.Ordinal);
        Assert.Contains("维修加急", clash.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Send(HttpMethod.Post, "/api/v1/sla-policies", new { name = "半个", modelKey = "comprehensive", firstResponseMinutes = 30, resolutionMinutes = 120 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Send(HttpMethod.Post, "/api/v1/sla-policies", new { name = "代理", modelKey = "value", classKey = "high_value", firstResponseMinutes = 1, resolutionMinutes = 2 })).Status);

        // The business calendar: admins replace a year's days; weekdays cannot be "working days", agents cannot edit.
        var calendar = await admin.GetOk("/api/v1/business-calendar?year=2026");
        Assert.Contains(calendar.GetProperty("days").EnumerateArray(), d => d.GetProperty("day").GetString() == "2026-02-14" && d.GetProperty("isWorkday").GetBoolean());
        Assert.Equal("Asia/Shanghai", calendar.GetProperty("timeZone").GetString());
        var year2030 = new { days = new[] { new { day = "2030-01-01", isWorkday = false, name = "元旦" }, new { day = "2030-01-05", isWorkday = true, name = "调休上班" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Send(HttpMethod.Put, "/api/v1/business-calendar", year2030)).Status);
        var put = await admin.Send(HttpMethod.Put, "/api/v1/business-calendar", year2030);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(["2030-01-01", "2030-01-05"], (await admin.GetOk("/api/v1/business-calendar?year=2030")).GetProperty("days").EnumerateArray().Select(d => d.GetProperty("day").GetString()));
        var weekday = await admin.Send(HttpMethod.Put, "/api/v1/business-calendar", new { days = new[] { new { day = "2030-01-02", isWorkday = true, name = "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, weekday.Status);
        Assert.Contains("days[0].isWorkday", weekday.Body.ToString(), StringComparison.Ordinal);
        await admin.Send(HttpMethod.Put, "/api/v1/business-calendar", new { clearYears = new[] { 2030 } });
        Assert.Equal(0, (await admin.GetOk("/api/v1/business-calendar?year=2030")).GetProperty("days").GetArrayLength());

        // Unknown customer: 404, nothing written; a customer out of the agent's reach: 404 as well.
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Send(HttpMethod.Post, "/api/v1/service-requests", new { customerId = 987654, type = "Repair", channel = "Phone", subject = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Send(HttpMethod.Post, "/api/v1/service-requests", new { customerId = hidden, type = "Repair", channel = "Phone", subject = "x" })).Status);

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var created = await agent.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Repair", channel = "WeChat", priority = "High", subject = "<script>alert(1)</script>空调不制冷" });
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("new", created.GetProperty("status").GetString());
        Assert.Equal(policy.GetProperty("id").GetInt64(), created.GetProperty("slaPolicyId").GetInt64());
        Assert.Equal(China.AddBusinessMinutesUtc(now, 60), Utc(created, "responseDueAt"));
        Assert.Equal(China.AddBusinessMinutesUtc(now, 480), Utc(created, "resolutionDueAt"));
        Assert.Equal("<script>alert(1)</script>空调不制冷", created.GetProperty("subject").GetString());

        // The shared queue shows it; the agent takes it by starting work (the first response).
        var queue = await agent.GetOk("/api/v1/service-requests?assignee=none");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        var started = await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "in-progress", note = "已联系客户" }, HttpStatusCode.OK);
        Assert.Equal("in-progress", started.GetProperty("status").GetString());
        Assert.Equal(agentId, started.GetProperty("assigneeId").GetInt64());
        Assert.Equal(now, Utc(started, "firstRespondedAt"));
        Assert.Contains((await agent.GetOk("/api/v1/service-requests?assignee=me")).GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

        // A stale version answers 412 and changes nothing.
        var stale = await agent.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/transition", new { to = "resolved" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);

        await agent.PostOk($"/api/v1/service-requests/{id}/notes", new { body = "内部：需要配件", toCustomer = false });
        await agent.PostOk($"/api/v1/service-requests/{id}/notes", new { body = "师傅明天上门", toCustomer = true });
        Assert.Equal(2, (await agent.GetOk($"/api/v1/service-requests/{id}/notes")).GetArrayLength());

        var resolved = await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "resolved", note = "已更换压缩机" }, HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("nextDueAt").ValueKind);
        var taskId = resolved.GetProperty("followUpTaskId").GetInt64();
        var task = await agent.GetOk($"/api/v1/tasks/{taskId}");
        Assert.Equal("ServiceFollowUp", task.GetProperty("origin").GetString());
        Assert.Equal(agentId, task.GetProperty("assigneeId").GetInt64());
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        Assert.Equal(today.AddDays(3), DateOnly.FromDateTime(task.GetProperty("dueAt").GetDateTime()));

        // resolved → in progress is not in the table: 409 naming the allowed ones, nothing changes.
        var illegal = await agent.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/transition", new { to = "in-progress" });
        Assert.Equal(HttpStatusCode.Conflict, illegal.Status);
        Assert.Contains("closed, reopened", illegal.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(["closed", "reopened"], illegal.Body.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/transition", new { to = "done" })).Status);
        await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "closed" }, HttpStatusCode.OK);
        await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "reopen" }, HttpStatusCode.OK);

        var history = (await agent.GetOk($"/api/v1/service-requests/{id}/history")).EnumerateArray().Select(e => e.GetProperty("kind").GetString() + ":" + e.GetProperty("to").GetString()).ToList();
        long surveyId;
        await using (var context = db.CreateContext())
        {
            surveyId = (await context.SatisfactionSurveys.IgnoreQueryFilters().SingleAsync(s => s.ServiceRequestId == id)).Id;
        }
        Assert.Equal(["created:new", "assigned:" + agentId, "status:in-progress", "note:", "reply:", "status:resolved", "follow-up:" + taskId, "survey:" + surveyId, "status:closed", "status:reopened"], history);

        // Another agent, who does not reach the customer, finds nothing and changes nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Get, $"/api/v1/service-requests/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/transition", new { to = "in-progress" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/notes", new { body = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Get, $"/api/v1/customers/{customer}/service-requests")).Status);
        Assert.Empty((await stranger.GetOk("/api/v1/service-requests?status=all")).GetProperty("items").EnumerateArray());
        // The agent's unassigned and breached views start from the customers they reach by their own ties (owned,
        // shared with them or their team, served): each way in counts, and nobody else's request shows.
        var served = await admin.CreateCustomer("服务过的客户丙");
        await admin.PostOk("/api/v1/interactions", new { customerId = served, channel = "Call", direction = "Inbound", subject = "上门服务", staffUserId = agentId });
        var teamShared = await admin.CreateCustomer("组共享客户丁");
        var teamId = (await admin.GetOk("/api/v1/teams")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "客服一组").GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/customers/{teamShared}/shares", new { teamId, access = "Edit" });
        var waiting = new List<long>();
        foreach (var c in new[] { served, teamShared, hidden })
            waiting.Add((await admin.PostOk("/api/v1/service-requests", new { customerId = c, type = "Inquiry", channel = "Phone", subject = "待处理" })).GetProperty("id").GetInt64());
        var unassigned = (await agent.GetOk("/api/v1/service-requests?assignee=none")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(waiting[0], unassigned);
        Assert.Contains(waiting[1], unassigned);
        Assert.DoesNotContain(waiting[2], unassigned);
        Assert.Contains(waiting[2], (await admin.GetOk("/api/v1/service-requests?assignee=none")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        app.Clock.Advance(TimeSpan.FromDays(20)); // past any holiday run in the business calendar
        var breached = (await agent.GetOk("/api/v1/service-requests?breach=breached")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([waiting[0], waiting[1]], breached.Where(waiting.Contains).Order());

        var mine = await agent.GetOk($"/api/v1/customers/{customer}/service-requests");
        Assert.Equal([id], mine.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal("reopened", (await agent.GetOk($"/api/v1/service-requests/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_manager_with_more_escalations_than_a_bell_holds_gets_one_notice_for_them_all(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var agentId = app.CreateUser("agent-a", Roles.ServiceAgent, "客服一组", "客服部");
        var managerId = app.CreateUser("mgr-a", Roles.SalesManager, "客服一组", "客服部");
        var customer = await admin.CreateCustomer("客户丁");
        await admin.PostOk($"/api/v1/customers/{customer}/shares", new { userId = agentId, access = "Edit" });
        await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 30, resolutionMinutes = 240 });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var ids = new List<long>();
        for (int k = 0; k <= ServiceSetWrites.NoticesPerPerson; k++)
        {
            ids.Add((await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Repair", channel = "Phone", subject = "报修 " + k, assigneeId = agentId }))
                .GetProperty("id").GetInt64());
        }

        // Past every first-response deadline: all are escalated to the manager, who gets one notice that opens the queue.
        app.Clock.SetUtcNow(new DateTimeOffset(China.AddBusinessMinutesUtc(now, 31), TimeSpan.Zero));
        var check = app.Services.GetRequiredService<SlaCheck>();
        var summary = await CurrentUser.RunAsAsync(AccessScope.System, () => check.RunAsync(null, CancellationToken.None));
        Assert.Equal((ids.Count, ids.Count), (summary.Marked, summary.Escalated));
        var notice = Assert.Single((await app.ClientWithToken(app.TokenFor("mgr-a")).GetOk("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "SlaBreached");
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("serviceRequestId").ValueKind);
        // Each request still records its escalation to the manager.
        foreach (var id in (long[])[ids[0], ids[^1]])
        {
            var line = Assert.Single((await admin.GetOk($"/api/v1/service-requests/{id}/history")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "escalated");
            Assert.Equal(managerId.ToString(CultureInfo.InvariantCulture), line.GetProperty("to").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_sla_check_warns_once_before_escalates_once_after_and_a_key_customers_complaint_alerts_the_owner(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var agentId = app.CreateUser("agent-a", Roles.ServiceAgent, "客服一组", "客服部");
        var managerId = app.CreateUser("mgr-a", Roles.SalesManager, "客服一组", "客服部");
        var rep = app.CreateUser("rep-a", Roles.SalesRep, "销售一组");
        var customer = await admin.CreateCustomer("关键客户丙");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{customer}", new { name = "关键客户丙", ownerId = rep });
        await admin.PostOk($"/api/v1/customers/{customer}/shares", new { userId = agentId, access = "Edit" });

        // The latest run classes the customer key in the comprehensive model (written as a run would store it).
        await using (var context = db.CreateContext())
        {
            var run = new ModelRun { AsOf = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime), Status = ModelRunStatus.Succeeded, Trigger = "test", StartedAt = app.Clock.GetUtcNow().UtcDateTime };
            context.ModelRuns.Add(run);
            await context.SaveChangesAsync();
            var row = new ModelResultRow { RunId = run.Id, CustomerId = customer };
            typeof(ModelResultRow).GetProperty(Guanxi.Models.ModelQueries.PropertyOf("comprehensive"))!.SetValue(row, (short?)Domain.Models.ModelCatalog.Comprehensive.IndexOf("key"));
            context.ModelResults.Add(row);
            await context.SaveChangesAsync();
        }
        await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 240, resolutionMinutes = 2400 });
        var keyPolicy = await admin.PostOk("/api/v1/sla-policies", new { name = "关键客户投诉", modelKey = "comprehensive", classKey = "key", types = new[] { "Complaint" }, firstResponseMinutes = 30, resolutionMinutes = 240 });

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var complaint = await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Complaint", channel = "Phone", subject = "送货延误", assigneeId = agentId });
        var id = complaint.GetProperty("id").GetInt64();
        Assert.Equal("assigned", complaint.GetProperty("status").GetString());
        Assert.Equal(keyPolicy.GetProperty("id").GetInt64(), complaint.GetProperty("slaPolicyId").GetInt64());
        var due = China.AddBusinessMinutesUtc(now, 30);
        Assert.Equal(due, Utc(complaint, "responseDueAt"));

        // The owner hears of the complaint as a churn alert; the agent of the assignment.
        Assert.Contains((await app.ClientWithToken(app.TokenFor("rep-a")).GetOk("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "ChurnAlert" && n.GetProperty("customerId").GetInt64() == customer);
        var agent = app.ClientWithToken(app.TokenFor("agent-a"));
        Assert.Contains((await agent.GetOk("/api/v1/notifications")).GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "ServiceRequestAssigned");

        // Complaint steps go in order.
        Assert.Equal(HttpStatusCode.Conflict, (await agent.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/complaint-steps", new { step = "Remedy", text = "补发" })).Status);
        var check = app.Services.GetRequiredService<SlaCheck>();
        async Task<SlaCheckSummary> Check() => await CurrentUser.RunAsAsync(AccessScope.System, () => check.RunAsync(null, CancellationToken.None));

        // Half an hour before the deadline: the agent is warned, once.
        app.Clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(-30), TimeSpan.Zero));
        var first = await Check();
        Assert.Equal("0 breached, 1 due within 1 h", first.Line);
        Assert.Equal(1, first.Warned);
        Assert.Equal(0, (await Check()).Warned);
        Assert.Contains((await agent.GetOk("/api/v1/service-requests?breach=soon")).GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

        // A minute after it: marked breached, the manager is told, once.
        app.Clock.SetUtcNow(new DateTimeOffset(due.AddMinutes(1), TimeSpan.Zero));
        var after = await Check();
        Assert.Equal("1 breached, 0 due within 1 h", after.Line);
        Assert.Equal((1, 1), (after.Marked, after.Escalated));
        var again = await Check();
        Assert.Equal((0, 0), (again.Marked, again.Escalated));
        var bell = (await app.ClientWithToken(app.TokenFor("mgr-a")).GetOk("/api/v1/notifications")).GetProperty("items").EnumerateArray().ToList();
        Assert.Single(bell, n => n.GetProperty("kind").GetString() == "SlaBreached");
        Assert.Single((await agent.GetOk("/api/v1/notifications")).GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "SlaWarning");
        var breached = await agent.GetOk("/api/v1/service-requests?breach=breached");
        Assert.NotEqual(JsonValueKind.Null, breached.GetProperty("items")[0].GetProperty("breachedAt").ValueKind);
        // The request's history shows the escalation once, to the manager.
        var escalatedLine = Assert.Single((await agent.GetOk($"/api/v1/service-requests/{id}/history")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "escalated");
        Assert.Equal(managerId.ToString(CultureInfo.InvariantCulture), escalatedLine.GetProperty("to").GetString());
        Assert.Equal("mgr-a", escalatedLine.GetProperty("toName").GetString());

        // The command line prints the counts as its last line.
        var asOf = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cli = await GuanxiCli.RunAsync("sla", "check", "--as-of", asOf, "--db", db.DbArgument);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal("1 breached, 0 due within 1 h", cli.LastLine);
        await using (var context = db.CreateContext())
        {
            Assert.NotNull((await context.ServiceRequests.SingleAsync(r => r.Id == id)).BreachedAt);
        }

        // The queue pages by time left: the breached complaint first, then the later deadlines, then a resolved request (none).
        var later = (await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Inquiry", channel = "Email", subject = "发票" })).GetProperty("id").GetInt64();
        var done = (await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Suggestion", channel = "Store", subject = "建议" })).GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/service-requests/{done}/transition", new { to = "resolved" }, HttpStatusCode.OK);
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await admin.GetOk("/api/v1/service-requests?status=all&limit=1" + (cursor is null ? "" : "&after=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 10);
        Assert.Equal([id, later, done], seen);
        Assert.Equal([id, later], (await admin.GetOk("/api/v1/service-requests")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }
}
