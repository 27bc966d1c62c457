using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Maintenance;

/// <summary>
/// Layered maintenance end to end through the API, on SQLite and PostgreSQL: a playbook on a class turns customers who
/// enter it into tasks once; a rep works their day; managers reassign; win-back steps are enforced; the calendar feed
/// answers only to a live token; evaluation reads the stored layer flows.
/// </summary>
public class MaintenanceTests
{
    private static async Task<long> AddOrder(HttpClient admin, long customer, string at) =>
        (await admin.PostOk("/api/v1/orders", new { customerId = customer, orderedAt = at, amount = 100m, channel = "门店" })).GetProperty("id").GetInt64();

    private static Task<T> AsSystem<T>(Func<Task<T>> work) => CurrentUser.RunAsAsync(AccessScope.System, work);

    /// <summary>A custom model "复购" whose class "Regular" holds customers with two orders or more, and a playbook on it.</summary>
    private static async Task<long> RegularPlaybookAsync(HttpClient admin)
    {
        await admin.PostOk("/api/v1/custom-models", new { name = "复购", rules = "orders >= 2 -> \"Regular\"" });
        var playbook = await admin.PostOk("/api/v1/playbooks", new
        {
            name = "复购客户维护",
            modelKey = "custom:复购",
            classKey = "Regular",
            cadenceDays = 30,
            channels = new[] { "Call", "WeChat" },
            serviceLevel = "Priority",
            targetRelationship = "proactive",
            steps = new[] { new { kind = "Call", title = "感谢复购并了解需求", assignTo = "Owner", dueAfterDays = 2, priority = "High" } },
        });
        return playbook.GetProperty("id").GetInt64();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Customers_entering_a_class_get_its_tasks_once_and_a_second_application_creates_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var rep = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var x = await admin.CreateCustomer("新客户甲");
        var y = await admin.CreateCustomer("老客户乙");
        foreach (var c in new[] { x, y }) await admin.Send(HttpMethod.Put, $"/api/v1/customers/{c}", new { name = c == x ? "新客户甲" : "老客户乙", ownerId = rep });
        await AddOrder(admin, x, "2026-06-01T10:00:00");
        await AddOrder(admin, y, "2026-06-01T10:00:00");
        await AddOrder(admin, y, "2026-07-01T10:00:00");
        var playbook = await RegularPlaybookAsync(admin);
        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();

        // Run 1: only 乙 is Regular; the run's follower applies the playbooks.
        await AsSystem(() => runs.RunAsync(null, "test", CancellationToken.None));
        var tasks = await PlaybookTasksAsync(app, playbook);
        Assert.Equal([(y, "t0")], tasks.Where(t => t.StepKey == "t0").Select(t => (t.CustomerId, t.StepKey!)).ToList());
        var first = tasks.Single(t => t.StepKey == "t0");
        Assert.Equal(rep, first.AssigneeId);
        Assert.Equal(TaskPriority.High, first.Priority);

        // 甲 buys again and enters Regular in run 2: one task for 甲, none again for 乙.
        await AddOrder(admin, x, "2026-08-01T10:00:00");
        await AsSystem(() => runs.RunAsync(null, "test", CancellationToken.None));
        tasks = await PlaybookTasksAsync(app, playbook);
        Assert.Equal(new[] { x, y }.Order(), tasks.Where(t => t.StepKey == "t0").Select(t => t.CustomerId).Order());

        // Applying again on unchanged data adds no rows at all; nor does a dry run, which counts what it would make.
        var before = await CountRowsAsync(app);
        var dry = await admin.PostOk("/api/v1/playbooks/apply", new { dryRun = true }, HttpStatusCode.OK);
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(before, await CountRowsAsync(app));
        var again = await admin.PostOk("/api/v1/playbooks/apply", new { }, HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("tasks").GetInt32());
        Assert.Equal(0, again.GetProperty("winBackCases").GetInt32());
        Assert.Equal(0, again.GetProperty("alerts").GetInt32());
        Assert.Equal(before, await CountRowsAsync(app));

        // The preview lists what the playbook would create now: nothing new for these two.
        var preview = await admin.GetOk($"/api/v1/playbooks/{playbook}/preview");
        Assert.Equal(0, preview.GetProperty("total").GetInt32());

        // The rep sees the tasks as theirs; another rep does not.
        var mine = await app.ClientWithToken(app.TokenFor("rep-a")).GetOk("/api/v1/tasks?assignee=me");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("customerId").GetInt64() == x);
        var other = app.ClientAs(Roles.SalesRep, "北京一组");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Get, $"/api/v1/tasks/{first.Id}")).Status);

        // Evaluation reads the flows stored per run: two runs, 乙 stayed Regular, 甲 entered.
        var evaluation = await admin.GetOk($"/api/v1/playbooks/{playbook}/evaluation?from=2000-01-01&to=2100-01-01");
        var series = evaluation.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(2, series.Count);
        Assert.Equal(2, series[1].GetProperty("customers").GetInt32());
        Assert.Equal(1, series[1].GetProperty("stayed").GetInt32());
        Assert.Equal(1.0, series[1].GetProperty("retention").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientWithToken(app.TokenFor("rep-a")).Send(HttpMethod.Get, $"/api/v1/playbooks/{playbook}/evaluation")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Send(HttpMethod.Get, $"/api/v1/playbooks/{playbook}/evaluation?from=2026-12-01&to=2026-01-01")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_alerts_owners_to_churn_warnings_opens_win_back_cases_and_a_purchase_closes_them(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var rep = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        string At(int daysAgo) => today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        async Task<long> Owned(string name)
        {
            var id = await admin.CreateCustomer(name);
            await admin.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name, ownerId = rep });
            return id;
        }
        // Three regulars buying every 30 days set the base's rhythm; 预警 bought once 60 days ago (twice the rhythm: a
        // warning, not yet lost); 大客户 spent ¥1,000,000 once 400 days ago (lost, and worth winning back).
        foreach (var n in new[] { "常客一", "常客二", "常客三" })
        {
            var regular = await Owned(n);
            for (int k = 0; k < 12; k++)
                await admin.PostOk("/api/v1/orders", new { customerId = regular, orderedAt = At(10 + (30 * k)), amount = 100m, channel = "门店" });
        }
        var warned = await Owned("预警客户");
        await admin.PostOk("/api/v1/orders", new { customerId = warned, orderedAt = At(60), amount = 100m, channel = "门店" });
        var big = await Owned("大客户");
        await admin.PostOk("/api/v1/orders", new { customerId = big, orderedAt = At(400), amount = 1_000_000m, channel = "门店" });

        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        await AsSystem(() => runs.RunAsync(null, "test", CancellationToken.None));

        var bell = await app.ClientWithToken(app.TokenFor("rep-a")).GetOk("/api/v1/notifications");
        var items = bell.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, n => n.GetProperty("kind").GetString() == "ChurnAlert" && n.GetProperty("customerId").GetInt64() == warned);
        var opened = Assert.Single(items, n => n.GetProperty("kind").GetString() == "WinBackOpened");
        Assert.Equal(big, opened.GetProperty("customerId").GetInt64());
        var cases = await admin.GetOk($"/api/v1/win-back-cases?customerId={big}");
        var winBack = Assert.Single(cases.EnumerateArray());
        Assert.Equal(("Open", rep), (winBack.GetProperty("state").GetString(), winBack.GetProperty("ownerId").GetInt64()));
        Assert.Equal(winBack.GetProperty("id").GetInt64(), opened.GetProperty("winBackCaseId").GetInt64());
        var apology = (await admin.GetOk($"/api/v1/customers/{big}/tasks")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("origin").GetString() == "WinBack");
        Assert.Equal(winBack.GetProperty("id").GetInt64(), apology.GetProperty("winBackCaseId").GetInt64());
        Assert.Equal(rep, apology.GetProperty("assigneeId").GetInt64());

        // Applying again on the same run: no second alert, case or apology task.
        var again = await admin.PostOk("/api/v1/playbooks/apply", new { }, HttpStatusCode.OK);
        Assert.Equal((0, 0, 0), (again.GetProperty("tasks").GetInt32(), again.GetProperty("alerts").GetInt32(), again.GetProperty("winBackCases").GetInt32()));

        // 大客户 buys again today: the next application closes the case as won back.
        await admin.PostOk("/api/v1/orders", new { customerId = big, orderedAt = At(0), amount = 500m, channel = "门店" });
        var closing = await admin.PostOk("/api/v1/playbooks/apply", new { }, HttpStatusCode.OK);
        Assert.Equal(1, closing.GetProperty("wonBack").GetInt32());
        Assert.Equal("WonBack", (await admin.GetOk($"/api/v1/win-back-cases/{winBack.GetProperty("id").GetInt64()}")).GetProperty("state").GetString());

        // Applying once more on the same run: the customer won back is not "newly lost" again, no second case.
        var after = await admin.PostOk("/api/v1/playbooks/apply", new { }, HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("winBackCases").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_applying_after_runs_switched_off_a_run_makes_no_work_until_playbooks_are_applied(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Playbooks:ApplyAfterRuns"] = "false" });
        var admin = app.Client();
        var y = await admin.CreateCustomer("老客户乙");
        await AddOrder(admin, y, "2026-06-01T10:00:00");
        await AddOrder(admin, y, "2026-07-01T10:00:00");
        var playbook = await RegularPlaybookAsync(admin);
        await AsSystem(() => app.Services.GetRequiredService<Guanxi.Models.ModelRunService>().RunAsync(null, "test", CancellationToken.None));
        Assert.Empty(await PlaybookTasksAsync(app, playbook));
        await admin.PostOk("/api/v1/playbooks/apply", new { }, HttpStatusCode.OK);
        Assert.Contains(await PlaybookTasksAsync(app, playbook), t => t.CustomerId == y && t.StepKey == "t0");
    }

    private static async Task<List<CustomerTask>> PlaybookTasksAsync(GuanxiApp app, long playbook)
    {
        await using var db = app.Database.CreateContext();
        return await db.Tasks.Where(t => t.PlaybookId == playbook).OrderBy(t => t.Id).ToListAsync();
    }

    private static async Task<string> CountRowsAsync(GuanxiApp app)
    {
        await using var db = app.Database.CreateContext();
        return $"{await db.Tasks.CountAsync()}/{await db.Notifications.CountAsync()}/{await db.WinBackCases.CountAsync()}/{await db.LayerFlows.CountAsync()}/{await db.AuditEvents.CountAsync(a => a.Action == "playbooks-apply")}";
    }

    [Theory, ClockIndependent] // validation of a playbook: no dates
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_playbooks_get_a_clear_answer_naming_the_field(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        object Body(string model, string cls, int cadence, string name = "测试策略") => new { name, modelKey = model, classKey = cls, cadenceDays = cadence };
        async Task<JsonElement> Bad(object body, HttpStatusCode expected)
        {
            var (status, json) = await admin.Send(HttpMethod.Post, "/api/v1/playbooks", body);
            Assert.Equal(expected, status);
            return json;
        }
        Assert.True((await Bad(Body("no_such_model", "key", 30), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("modelKey", out _));
        Assert.True((await Bad(Body("comprehensive", "no_such_class", 30), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("classKey", out _));
        Assert.True((await Bad(Body("comprehensive", "key", 0), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cadenceDays", out _));
        Assert.True((await Bad(Body("comprehensive", "key", 3651), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cadenceDays", out _));

        // The defaults hold comprehensive/key: a second active playbook there is refused, naming the first.
        var conflict = await Bad(Body("comprehensive", "key", 30), HttpStatusCode.Conflict);
        Assert.Contains("关键客户维护", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Editing makes a new version; a stale If-Match is refused.
        var key = (await admin.GetOk("/api/v1/playbooks")).EnumerateArray().First(p => p.GetProperty("classKey").GetString() == "key");
        var id = key.GetProperty("id").GetInt64();
        var edit = new { name = "关键客户维护", modelKey = "comprehensive", classKey = "key", cadenceDays = 10, channels = new[] { "Visit" } };
        var (ok, updated) = await admin.Send(HttpMethod.Put, $"/api/v1/playbooks/{id}", edit, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.Send(HttpMethod.Put, $"/api/v1/playbooks/{id}", edit, "\"1\"")).Status);
        Assert.Equal([1, 2], (await admin.GetOk($"/api/v1/playbooks/{id}/versions")).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        // Only admins manage playbooks; everyone reads them.
        var rep = app.ClientAs(Roles.SalesRep, "上海一组");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, "/api/v1/playbooks", Body("comprehensive", "low", 30, "x"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, "/api/v1/playbooks/apply", new { })).Status);
        Assert.True((await rep.GetOk("/api/v1/playbooks")).GetArrayLength() >= 8);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_completes_a_task_with_an_outcome_the_next_appears_and_a_manager_reassigns(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var repA2 = app.CreateUser("rep-a2", Roles.SalesRep, "上海一组", "华东");
        app.CreateUser("rep-b", Roles.SalesRep, "北京一组", "华北");
        var customer = await admin.CreateCustomer("甲公司", phone: "13811112222");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{customer}", new { name = "甲公司", phone = "13811112222", ownerId = repA });
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var task = await rep.PostOk("/api/v1/tasks", new { customerId = customer, kind = "Call", title = "回访", notes = "客户手机 13811112222 <script>alert(1)</script>", dueAt = today + "T15:00:00" });
        var id = task.GetProperty("id").GetInt64();
        Assert.Equal(repA, task.GetProperty("assigneeId").GetInt64());

        var due = await rep.GetOk("/api/v1/tasks?assignee=me&due=today");
        Assert.Equal([id], due.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));

        // Another rep: not found, and nothing changes.
        var repB = app.ClientWithToken(app.TokenFor("rep-b"));
        Assert.Equal(HttpStatusCode.NotFound, (await repB.Send(HttpMethod.Post, $"/api/v1/tasks/{id}/complete", new { outcome = "Reached" })).Status);
        Assert.Equal("Open", (await rep.GetOk($"/api/v1/tasks/{id}")).GetProperty("state").GetString());

        // A marketer sees the task with the phone in its notes masked.
        var marketerView = await app.ClientAs(Roles.Marketer).GetOk($"/api/v1/tasks/{id}");
        Assert.DoesNotContain("13811112222", marketerView.GetProperty("notes").GetString(), StringComparison.Ordinal);

        // Complete with an outcome: an interaction is recorded and the next task is scheduled.
        var done = await rep.PostOk($"/api/v1/tasks/{id}/complete", new { outcome = "Interested", note = "想看报价", next = new { kind = "Visit", title = "上门送报价", dueAt = "2027-01-10T10:00:00" } }, HttpStatusCode.OK);
        Assert.Equal("Done", done.GetProperty("task").GetProperty("state").GetString());
        Assert.Equal("Interested", done.GetProperty("task").GetProperty("outcome").GetString());
        var interaction = await rep.GetOk($"/api/v1/interactions/{done.GetProperty("interactionId").GetInt64()}");
        Assert.Contains("想看报价", interaction.GetProperty("body").GetString(), StringComparison.Ordinal);
        var next = done.GetProperty("next").GetProperty("id").GetInt64();
        var open = await rep.GetOk($"/api/v1/customers/{customer}/tasks");
        Assert.Equal([next], open.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));

        // Completing a done task is a conflict; a stale If-Match a failed precondition.
        Assert.Equal(HttpStatusCode.Conflict, (await rep.Send(HttpMethod.Post, $"/api/v1/tasks/{id}/complete", new { outcome = "Reached" })).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await rep.Send(HttpMethod.Post, $"/api/v1/tasks/{next}/snooze", new { until = "2027-01-11T10:00:00" }, "\"99\"")).Status);

        // A rep may not hand tasks on; the manager may, within the team, and the new assignee is told.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, $"/api/v1/tasks/{next}/reassign", new { assigneeId = repA2 })).Status);
        var manager = app.ClientAs(Roles.SalesManager, "华东");
        var team = await manager.GetOk("/api/v1/tasks");
        Assert.Contains(team.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == next);
        var (badAssignee, _) = await manager.Send(HttpMethod.Post, $"/api/v1/tasks/{next}/reassign", new { assigneeId = app.UserId("rep-b") });
        Assert.Equal(HttpStatusCode.BadRequest, badAssignee);
        // rep-a2 is in the team but cannot see rep-a's customer: refused, naming the field, until it is shared.
        var (unseen, unseenBody) = await manager.Send(HttpMethod.Post, $"/api/v1/tasks/{next}/reassign", new { assigneeId = repA2 });
        Assert.Equal(HttpStatusCode.BadRequest, unseen);
        Assert.True(unseenBody.GetProperty("errors").TryGetProperty("assigneeId", out _));
        await admin.PostOk($"/api/v1/customers/{customer}/shares", new { userId = repA2, access = "Edit" });
        var moved = await manager.PostOk($"/api/v1/tasks/{next}/reassign", new { assigneeId = repA2 }, HttpStatusCode.OK);
        Assert.Equal(repA2, moved.GetProperty("assigneeId").GetInt64());
        var bell = await app.ClientWithToken(app.TokenFor("rep-a2")).GetOk("/api/v1/notifications");
        Assert.Equal(1, bell.GetProperty("unread").GetInt32());
        Assert.Equal("TaskReassigned", bell.GetProperty("items")[0].GetProperty("kind").GetString());
        var repA2Client = app.ClientWithToken(app.TokenFor("rep-a2"));
        Assert.Equal(HttpStatusCode.NoContent, (await repA2Client.Send(HttpMethod.Post, $"/api/v1/notifications/{bell.GetProperty("items")[0].GetProperty("id").GetInt64()}/read")).Status);
        Assert.Equal(0, (await repA2Client.GetOk("/api/v1/notifications")).GetProperty("unread").GetInt32());
        // Someone else's notification is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await rep.Send(HttpMethod.Post, $"/api/v1/notifications/{bell.GetProperty("items")[0].GetProperty("id").GetInt64()}/read")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.Send(HttpMethod.Get, $"/api/v1/tasks/{next}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Win_back_steps_are_enforced_and_a_purchase_in_the_window_wins_the_customer_back(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var customer = await admin.CreateCustomer("流失大客户");
        var opened = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).AddDays(-10);
        var caseId = await AsSystem(async () =>
        {
            await using var sys = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>().CreateDbContext();
            var c = new WinBackCase { CustomerId = customer, Reason = "高价值流失", OpenedOn = opened };
            sys.WinBackCases.Add(c);
            await sys.SaveChangesAsync();
            return c.Id;
        });
        var url = $"/api/v1/win-back-cases/{caseId}/transition";
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(HttpMethod.Post, url, new { to = "LostForGood" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(HttpMethod.Post, url, new { to = "Apologised" })).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.Send(HttpMethod.Post, url, new { to = "Apologised", apology = "电话致歉" }, "\"7\"")).Status);
        Assert.Equal("Apologised", (await admin.PostOk(url, new { to = "Apologised", apology = "电话致歉" }, HttpStatusCode.OK)).GetProperty("state").GetString());
        var offered = await admin.PostOk(url, new { to = "RemedyOffered", remedy = "免费上门维修一次", followUpInDays = 14 }, HttpStatusCode.OK);
        Assert.Equal("RemedyOffered", offered.GetProperty("state").GetString());
        var followUps = await admin.GetOk($"/api/v1/customers/{customer}/tasks");
        Assert.Contains(followUps.GetProperty("items").EnumerateArray(), t => t.GetProperty("origin").GetString() == "WinBack");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(HttpMethod.Post, url, new { to = "WonBack" })).Status);

        var orderAt = opened.AddDays(5).ToDateTime(new TimeOnly(11, 0)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await AddOrder(admin, customer, orderAt);
        var won = await admin.PostOk(url, new { to = "WonBack" }, HttpStatusCode.OK);
        Assert.Equal("WonBack", won.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(HttpMethod.Post, url, new { to = "LostForGood" })).Status);

        // Out of reach: a rep of another customer does not find the case.
        var rep = app.ClientAs(Roles.SalesRep, "北京一组");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.Send(HttpMethod.Get, $"/api/v1/win-back-cases/{caseId}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_calendar_feed_answers_only_to_a_live_token(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var customer = await admin.CreateCustomer("日历客户");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{customer}", new { name = "日历客户", ownerId = repA });
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        // Due five days after the suite's day (whatever day the suite runs on: the feed shows a month back to a year ahead).
        var due = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).AddDays(5).ToDateTime(new TimeOnly(10, 0));
        await rep.PostOk("/api/v1/tasks", new { customerId = customer, kind = "Visit", title = "拜访日历客户", dueAt = due.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) });
        var feed = await rep.PostOk("/api/v1/account/calendar-feed", new { }, HttpStatusCode.OK);
        var link = feed.GetProperty("url").GetString()!;

        var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("拜访日历客户", ics, StringComparison.Ordinal);
        Assert.Contains(due.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture), ics, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/calendar.ics?token=not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rep.Send(HttpMethod.Delete, "/api/v1/account/calendar-feed")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(link)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_cli_applies_playbooks_and_lists_tasks(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var app = new GuanxiApp(db))
        {
            var admin = app.Client();
            var y = await admin.CreateCustomer("老客户乙");
            await AddOrder(admin, y, "2026-06-01T10:00:00");
            await AddOrder(admin, y, "2026-07-01T10:00:00");
            await RegularPlaybookAsync(admin);
        }
        var run = await GuanxiCli.RunAsync("models", "run", "--db", db.DbArgument);
        Assert.Equal(0, run.ExitCode);
        var apply = await GuanxiCli.RunAsync("playbooks", "apply", "--db", db.DbArgument);
        Assert.Equal(0, apply.ExitCode);
        Assert.Matches(@"^created 0 tasks, 0 alerts, 0 win-back cases; \d+ already open$", apply.LastLine);
        var dry = await GuanxiCli.RunAsync("playbooks", "apply", "--dry-run", "--as-of", "2026-13-01", "--db", db.DbArgument);
        Assert.Equal(2, dry.ExitCode);
        var list = await GuanxiCli.RunAsync("tasks", "list", "--db", db.DbArgument);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(list.Stdout.Split('\n'), l => l.Contains("老客户乙", StringComparison.Ordinal) && l.Contains("感谢复购并了解需求", StringComparison.Ordinal));
        var unknown = await GuanxiCli.RunAsync("tasks", "list", "--user", "nobody", "--db", db.DbArgument);
        Assert.Equal(2, unknown.ExitCode);
    }
}
