using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Service;

/// <summary>
/// Satisfaction surveys and the customer's progress link on SQLite and PostgreSQL: the survey sent on resolution and on
/// demand, answered once through the public link (400 naming the field, 410 when used or expired, 404 then 429 for
/// guesses), comments kept as text, only the token's hash stored, results by agent, team, type and layer; and the
/// unsatisfied model reading ratings and complaints as of its run's day.
/// </summary>
public class SurveyTests
{
    private static async Task<(HttpStatusCode Status, string Html)> Page(HttpClient http, HttpMethod method, string path, string? language = null, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("text/html");
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page's text as a reader sees it (the renderer writes Chinese as character references).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Answer(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body, GuanxiApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_resolved_request_sends_a_survey_the_customer_answers_once_and_the_results_count_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var agentId = app.CreateUser("agent-a", Roles.ServiceAgent, "客服一组");
        var agent = app.ClientWithToken(app.TokenFor("agent-a"));
        var stranger = app.ClientAs(Roles.ServiceAgent, "客服二组");
        var customer = await admin.CreateCustomer("满意度客户甲");
        await admin.PostOk($"/api/v1/customers/{customer}/shares", new { userId = agentId, access = "Edit" });
        var id = (await agent.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Repair", channel = "Phone", subject = "冰箱<b>不制冷</b>" })).GetProperty("id").GetInt64();
        await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "in-progress" }, HttpStatusCode.OK);

        // Resolving sends the survey: its link comes back once, with a history line (never the token).
        var resolved = await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "resolved" }, HttpStatusCode.OK);
        var link = resolved.GetProperty("surveyLink").GetString()!;
        Assert.StartsWith("/s/", link, StringComparison.Ordinal);
        var token = link[3..];
        Assert.True(token.Length >= 40, token);
        var history = await agent.GetOk($"/api/v1/service-requests/{id}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "survey");
        Assert.DoesNotContain(token, history.ToString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await agent.GetOk($"/api/v1/service-requests/{id}")).GetProperty("surveyLink").ValueKind);
        await using (var context = db.CreateContext())
        {
            var stored = await context.SatisfactionSurveys.IgnoreQueryFilters().SingleAsync(s => s.ServiceRequestId == id);
            Assert.Equal(StaffDirectory.HashOf(token), stored.TokenHash);
            Assert.Equal(agentId, stored.AgentId);
            Assert.NotNull(stored.TeamId);
            Assert.Null(stored.AnsweredAt);
        }

        // The form: public, in the reader's language, CSAT 1–5, the subject as text.
        var customerSide = app.Anonymous();
        var zh = await Page(customerSide, HttpMethod.Get, link, "zh-CN,zh;q=0.9");
        Assert.Equal(HttpStatusCode.OK, zh.Status);
        Assert.Contains("您对这次服务满意吗", Text(zh.Html), StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", zh.Html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"score-5\"", zh.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"score-6\"", zh.Html, StringComparison.Ordinal);
        // The subject is text: its markup arrives escaped, never as an element.
        Assert.Contains("&lt;b&gt;", zh.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", zh.Html, StringComparison.Ordinal);
        Assert.Contains("冰箱<b>不制冷</b>", Text(zh.Html), StringComparison.Ordinal);
        var en = await Page(customerSide, HttpMethod.Get, link, "en-US");
        Assert.Contains("How satisfied are you", en.Html, StringComparison.Ordinal);
        Assert.Contains("/culture/set?culture=zh-CN&amp;redirectUri=" + Uri.EscapeDataString(link), en.Html, StringComparison.Ordinal);

        // Out of range: 400 naming the field, nothing recorded; then the form answers, the comment kept as text.
        var six = await Answer(customerSide, link, new { score = 6 });
        Assert.Equal(HttpStatusCode.BadRequest, six.Status);
        Assert.True(six.Body.GetProperty("errors").TryGetProperty("score", out _), six.Body.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Answer(customerSide, link, new { score = 0 })).Status);
        var missing = await Page(customerSide, HttpMethod.Post, link, "en", new() { ["comment"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("Please choose a score", missing.Html, StringComparison.Ordinal);
        var answered = await Page(customerSide, HttpMethod.Post, link, "en", new() { ["score"] = "2", ["comment"] = "<script>alert(1)</script>师傅迟到" });
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Contains("data-testid=\"survey-thanks\"", answered.Html, StringComparison.Ordinal);

        // Once only: the link is gone (410) for a second answer and for the form.
        Assert.Equal(HttpStatusCode.Gone, (await Answer(customerSide, link, new { score = 5 })).Status);
        Assert.Equal(HttpStatusCode.Gone, (await Page(customerSide, HttpMethod.Get, link)).Status);
        var surveys = await agent.GetOk($"/api/v1/customers/{customer}/surveys");
        var first = surveys.EnumerateArray().Single();
        Assert.Equal(2, first.GetProperty("score").GetInt32());
        Assert.Equal("<script>alert(1)</script>师傅迟到", first.GetProperty("comment").GetString());

        // On demand: an NPS survey for the customer; the link is absolute; out of reach or a bad kind is refused.
        var nps = await agent.PostOk("/api/v1/surveys", new { customerId = customer, kind = "nps" });
        Assert.Equal("nps", nps.GetProperty("kind").GetString());
        Assert.StartsWith("http", nps.GetProperty("url").GetString(), StringComparison.Ordinal);
        var npsLink = nps.GetProperty("path").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, "/api/v1/surveys", new { customerId = customer, kind = "csat" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, "/api/v1/surveys", new { serviceRequestId = id, kind = "csat" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Get, $"/api/v1/customers/{customer}/surveys")).Status);
        var badKind = await agent.Send(HttpMethod.Post, "/api/v1/surveys", new { customerId = customer, kind = "stars" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.Status);
        Assert.True(badKind.Body.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(Roles.Analyst).Send(HttpMethod.Post, "/api/v1/surveys", new { customerId = customer, kind = "csat" })).Status);
        Assert.Contains("data-testid=\"score-10\"", (await Page(customerSide, HttpMethod.Get, npsLink)).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Answer(customerSide, npsLink, new { score = 11 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Answer(customerSide, npsLink, new { score = 10 })).Status);

        // A request's CSAT, answered later: results by agent, team, type and layer.
        var second = await agent.PostOk("/api/v1/surveys", new { serviceRequestId = id, kind = "csat" });
        Assert.Equal(HttpStatusCode.OK, (await Answer(customerSide, second.GetProperty("path").GetString()!, new { score = 5 })).Status);
        var byAgent = (await admin.GetOk("/api/v1/surveys/results?by=agent")).GetProperty("rows").EnumerateArray().ToList();
        var mine = byAgent.Single(r => r.GetProperty("key").GetString() == agentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((2, 2, 3.5), (mine.GetProperty("sent").GetInt32(), mine.GetProperty("csatAnswers").GetInt32(), mine.GetProperty("csatAverage").GetDouble()));
        Assert.Equal("agent-a", mine.GetProperty("label").GetString());
        var none = byAgent.Single(r => r.GetProperty("key").GetString() == "none");
        Assert.Equal((1, 100), (none.GetProperty("npsAnswers").GetInt32(), none.GetProperty("nps").GetInt32()));
        var byType = (await admin.GetOk("/api/v1/surveys/results?by=type")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, byType.Single(r => r.GetProperty("key").GetString() == "repair").GetProperty("sent").GetInt32());
        var byTeam = (await admin.GetOk("/api/v1/surveys/results?by=team")).GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(byTeam, r => r.GetProperty("label").GetString() == "客服一组" && r.GetProperty("csatAnswers").GetInt32() == 2);
        var byLayer = await admin.GetOk("/api/v1/surveys/results?by=layer&model=unsatisfied");
        Assert.Equal(3, byLayer.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("sent").GetInt32()));
        Assert.Empty((await stranger.GetOk("/api/v1/surveys/results?by=agent")).GetProperty("rows").EnumerateArray());
        var badBy = await admin.Send(HttpMethod.Get, "/api/v1/surveys/results?by=city");
        Assert.Equal(HttpStatusCode.BadRequest, badBy.Status);
        Assert.True(badBy.Body.GetProperty("errors").TryGetProperty("by", out _));

        // Expired: a link older than the expiry (14 days) is gone.
        var late = (await agent.PostOk("/api/v1/surveys", new { customerId = customer, kind = "csat" })).GetProperty("path").GetString()!;
        app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(HttpStatusCode.Gone, (await Answer(customerSide, late, new { score = 3 })).Status);
        Assert.Equal(HttpStatusCode.Gone, (await Page(customerSide, HttpMethod.Get, late)).Status);

        // Guessed links: 404, and after ten guesses in the minute every link from that address waits (429).
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Page(customerSide, HttpMethod.Get, "/s/guess" + i)).Status);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Page(customerSide, HttpMethod.Get, "/s/guess-more")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Answer(customerSide, late, new { score = 3 })).Status);
    }

    [Theory, ClockIndependent] // what the customer may read: no dates decide it
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_progress_link_shows_the_customer_the_status_and_replies_but_not_internal_notes(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var stranger = app.ClientAs(Roles.ServiceAgent, "客服二组");
        var customer = await admin.CreateCustomer("进度客户乙");
        var id = (await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Return", channel = "WebForm", subject = "退货<i>申请</i>" })).GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/service-requests/{id}/notes", new { body = "内部：客户难缠", toCustomer = false });
        await admin.PostOk($"/api/v1/service-requests/{id}/notes", new { body = "<b>已收到</b>您的退货", toCustomer = true });
        await admin.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "in-progress" }, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, $"/api/v1/service-requests/{id}/progress-link")).Status);
        var first = await admin.PostOk($"/api/v1/service-requests/{id}/progress-link", new { }, HttpStatusCode.OK);
        var link = await admin.PostOk($"/api/v1/service-requests/{id}/progress-link", new { }, HttpStatusCode.OK);
        var path = link.GetProperty("path").GetString()!;
        Assert.StartsWith("/p/", path, StringComparison.Ordinal);
        await using (var context = db.CreateContext())
        {
            Assert.Equal(StaffDirectory.HashOf(path[3..]), (await context.ServiceRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == id)).ProgressTokenHash);
        }

        var customerSide = app.Anonymous();
        var zh = await Page(customerSide, HttpMethod.Get, path, "zh-CN");
        Assert.Equal(HttpStatusCode.OK, zh.Status);
        Assert.Contains("data-status=\"in-progress\"", zh.Html, StringComparison.Ordinal);
        Assert.Contains("您的服务请求", Text(zh.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", zh.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", zh.Html, StringComparison.Ordinal);
        Assert.Contains("<b>已收到</b>您的退货", Text(zh.Html), StringComparison.Ordinal);
        Assert.Contains("退货<i>申请</i>", Text(zh.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("客户难缠", Text(zh.Html), StringComparison.Ordinal);
        Assert.Contains("Your service request", (await Page(customerSide, HttpMethod.Get, path, "en")).Html, StringComparison.Ordinal);

        // The new link replaced the first; an unknown one is 404.
        Assert.Equal(HttpStatusCode.NotFound, (await Page(customerSide, HttpMethod.Get, first.GetProperty("path").GetString()!)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Page(customerSide, HttpMethod.Get, "/p/nothing-here")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_low_rating_and_an_open_complaint_move_the_customer_into_the_unsatisfied_classes_from_the_day_they_happened(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var unhappy = await admin.CreateCustomer("不满客户丙");
        var complainer = await admin.CreateCustomer("投诉客户丁");
        var content = await admin.CreateCustomer("满意客户戊");
        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        // The customers are on file since yesterday; what follows happens today.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);

        async Task<long> Run(DateOnly asOf) => (await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(asOf, "test", CancellationToken.None))).RunId;
        async Task<HashSet<long>> In(long run, string cls) =>
            [.. (await admin.GetOk($"/api/v1/models/unsatisfied/classes/{cls}/customers?run={run}&limit=200")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64())];

        var before = await Run(today);
        Assert.Contains(unhappy, await In(before, "none"));
        Assert.Contains(complainer, await In(before, "none"));

        // Today: a CSAT of 1 and an open complaint (2 + 2 points: severe); a complaint alone (2: moderate); a 5 (none).
        var complaint = (await admin.PostOk("/api/v1/service-requests", new { customerId = unhappy, type = "Complaint", channel = "Phone", subject = "服务态度差" })).GetProperty("id").GetInt64();
        await admin.PostOk("/api/v1/service-requests", new { customerId = complainer, type = "Complaint", channel = "Email", subject = "发货慢" });
        var customerSide = app.Anonymous();
        foreach (var (who, score) in new[] { (unhappy, 1), (content, 5) })
        {
            var link = (await admin.PostOk("/api/v1/surveys", new { customerId = who, kind = "csat" })).GetProperty("path").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await Answer(customerSide, link, new { score })).Status);
        }

        var after = await Run(today);
        Assert.Contains(unhappy, await In(after, "severe"));
        Assert.Contains(complainer, await In(after, "moderate"));
        Assert.Contains(content, await In(after, "none"));
        var explained = await admin.GetOk($"/api/v1/customers/{unhappy}/models?lang=en");
        Assert.Contains("1 open complaint", explained.ToString(), StringComparison.Ordinal);

        // A run as of yesterday does not see today's answers or complaints.
        var yesterday = await Run(today.AddDays(-1));
        Assert.Contains(unhappy, await In(yesterday, "none"));
        Assert.Contains(complainer, await In(yesterday, "none"));
        Assert.Contains(content, await In(yesterday, "none"));

        // Resolving the complaint closes it for later runs: the low rating alone is moderate (2 points).
        await admin.PostOk($"/api/v1/service-requests/{complaint}/transition", new { to = "resolved" }, HttpStatusCode.OK);
        Assert.Contains(unhappy, await In(await Run(today), "moderate"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_merge_moves_requests_and_surveys_to_the_survivor_and_erasure_removes_the_comment_but_keeps_the_score(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var keep = await admin.CreateCustomer("留下的客户");
        var merged = await admin.CreateCustomer("并入的客户");
        var request = (await admin.PostOk("/api/v1/service-requests", new { customerId = merged, type = "Inquiry", channel = "Phone", subject = "发票" })).GetProperty("id").GetInt64();
        var link = (await admin.PostOk("/api/v1/surveys", new { serviceRequestId = request, kind = "nps" })).GetProperty("path").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Answer(app.Anonymous(), link, new { score = 3, comment = "电话号码 13812345678 打不通" })).Status);

        await admin.PostOk($"/api/v1/customers/{keep}/merge", new { mergedId = merged }, HttpStatusCode.OK);
        Assert.Equal(keep, (await admin.GetOk($"/api/v1/service-requests/{request}")).GetProperty("customerId").GetInt64());
        var moved = (await admin.GetOk($"/api/v1/customers/{keep}/surveys")).EnumerateArray().Single();
        Assert.Equal("电话号码 13812345678 打不通", moved.GetProperty("comment").GetString());

        await admin.PostOk($"/api/v1/customers/{keep}/erase", new { }, HttpStatusCode.OK);
        var erased = (await admin.GetOk($"/api/v1/customers/{keep}/surveys")).EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("comment").ValueKind);
        Assert.Equal(3, erased.GetProperty("score").GetInt32());
    }
}
