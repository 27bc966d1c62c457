using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Security;

/// <summary>
/// Issue 12, item 5: a form on another port of the same host posted, with the victim's cookie and no body, to
/// erase a customer, dismiss a duplicate and replace the two-factor key. SameSite=Lax lets the cookie through
/// (same site), so only the antiforgery header can stop it.
/// </summary>
[ClockIndependent]
public class CrossSiteRequestTests
{
    private const string AttackerOrigin = "http://localhost:5001";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bodyless_form_posts_from_another_origin_with_the_victims_cookie_are_refused_and_change_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var customer = await admin.CreateCustomer("张伟", phone: "13812345678");
        await admin.CreateCustomer("张 伟", phone: "138 1234 5678");
        var duplicate = (await admin.GetOk("/api/v1/duplicates")).GetProperty("items")[0].GetProperty("id").GetInt64();
        app.CreateUser("victim", Roles.Admin);
        var victimId = app.UserId("victim");
        var cookie = await SignInCookieAsync(app, "victim");
        var before = await SnapshotAsync(db, customer, duplicate, victimId);

        var attacks = new[] { $"/api/v1/customers/{customer}/erase", $"/api/v1/duplicates/{duplicate}/dismiss", "/api/v1/account/two-factor/setup" };
        foreach (var url in attacks)
        {
            foreach (var body in new HttpContent?[] { new FormUrlEncodedContent([]), new StringContent("", null, "text/plain"), null })
            {
                var response = await CrossSiteFormPostAsync(app, url, cookie, body);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} gave {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.True(problem.GetProperty("errors").TryGetProperty("X-CSRF-TOKEN", out _), problem.GetRawText());
            }
        }
        Assert.Equal(before, await SnapshotAsync(db, customer, duplicate, victimId));
        await AssertRefusalsAuditedAsync(db, victimId, attacks, 3);

        // The cookie itself is good: a read works, and a change works with the token from the app's own origin.
        var browser = CookieClient(app, cookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/customers/{customer}")).StatusCode);
        using (var tokenResponse = await browser.GetAsync("/api/v1/account/antiforgery"))
        {
            var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement;
            var afCookie = tokenResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("guanxi.af=", StringComparison.Ordinal)).Split(';')[0];
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/duplicates/{duplicate}/dismiss");
            request.Headers.Add("Cookie", $"{cookie}; {afCookie}");
            request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
            Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().SendAsync(request)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_calls_with_a_bearer_token_need_no_antiforgery_token(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var customer = await admin.CreateCustomer("张伟", phone: "13812345678");
        await admin.CreateCustomer("张 伟", phone: "138 1234 5678");
        var duplicate = (await admin.GetOk("/api/v1/duplicates")).GetProperty("items")[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Send(HttpMethod.Post, $"/api/v1/duplicates/{duplicate}/dismiss")).Status);
        await using (var ctx = db.CreateContext())
            Assert.Equal(DuplicateStatus.Dismissed, (await ctx.DuplicateCandidates.AsNoTracking().SingleAsync(d => d.Id == duplicate)).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Post, "/api/v1/account/two-factor/setup")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Post, $"/api/v1/customers/{customer}/erase")).Status);
        await using (var ctx = db.CreateContext())
            Assert.Null((await ctx.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == customer)).Phone);
        // A bearer call that also carries somebody's cookie is still judged by its token alone.
        var cookie = await SignInCookieAsync(app, "admin2", create: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/two-factor/setup");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Authorization = admin.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(request)).StatusCode);
    }

    /// <summary>Each refusal left an <c>access-denied</c> row naming the victim, the path and the 400, like every other refusal.</summary>
    private static async Task AssertRefusalsAuditedAsync(TestDatabase db, long userId, string[] urls, int perUrl)
    {
        await using var ctx = db.CreateContext();
        var denied = await ctx.AuditEvents.AsNoTracking().Where(e => e.Action == "access-denied" && e.UserId == userId).Select(e => e.After!).ToListAsync();
        foreach (var url in urls)
        {
            var rows = denied.Where(a => a.Contains($"\"path\":\"{url}\"", StringComparison.Ordinal)).ToList();
            Assert.True(rows.Count == perUrl, $"{url}: {rows.Count} access-denied rows of {perUrl}; all rows: {string.Join(" | ", denied)}");
            Assert.All(rows, a => Assert.Contains("\"status\":400", a, StringComparison.Ordinal));
            Assert.All(rows, a => Assert.Contains(CrossSiteRequestsHeader, a, StringComparison.Ordinal));
        }
    }

    private const string CrossSiteRequestsHeader = "X-CSRF-TOKEN";

    /// <summary>What a browser sends for &lt;form method=post action=http://localhost/…&gt; on the attacker's page.</summary>
    private static async Task<HttpResponseMessage> CrossSiteFormPostAsync(GuanxiApp app, string url, string cookie, HttpContent? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", AttackerOrigin);
        request.Headers.Referrer = new Uri(AttackerOrigin + "/prize.html");
        request.Headers.Add("Sec-Fetch-Site", "same-site");
        return await CookieClient(app, null).SendAsync(request);
    }

    private static HttpClient CookieClient(GuanxiApp app, string? cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    internal static async Task<string> SignInCookieAsync(GuanxiApp app, string userName, bool create = false)
    {
        if (create) app.CreateUser(userName, Roles.Admin);
        var response = await SignInForm.PostAsync(app, userName, GuanxiApp.TestPassword);
        Assert.Equal("/", SignInForm.Location(response));
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("guanxi.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<string> SnapshotAsync(TestDatabase db, long customer, long duplicate, long userId)
    {
        await using var ctx = db.CreateContext();
        var c = await ctx.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == customer);
        var d = await ctx.DuplicateCandidates.AsNoTracking().SingleAsync(x => x.Id == duplicate);
        var keys = await ctx.UserTokens.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.Name + "=" + t.Value).ToListAsync();
        var u = await ctx.Users.AsNoTracking().SingleAsync(x => x.Id == userId);
        return $"{c.Name}|{c.Phone}|{d.Status}|{string.Join(',', keys)}|{u.TwoFactorEnabled}|{u.SecurityStamp}";
    }
}
