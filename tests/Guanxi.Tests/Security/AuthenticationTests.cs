using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

[ClockIndependent] // credentials, lockout and expiry relative to the clock, never a calendar day
public class AuthenticationTests
{
    /// <summary>Every API endpoint the app maps (from its endpoint data source), with route values filled in.</summary>
    internal static IEnumerable<(string Method, string Url)> ApiEndpoints(GuanxiApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal)) continue;
            var url = "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), @"\{(\w+)(:long|:int)?\}", m => m.Groups[2].Success ? "1" : "x");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                yield return (method, url);
        }
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_without_credentials_but_the_openapi_document_is_public()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var anonymous = app.Anonymous();
        var endpoints = ApiEndpoints(app).ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var failures = new List<string>();
        foreach (var (method, url) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            var response = await anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{method} {url} gave {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.True((int)(await anonymous.GetAsync("/api-docs")).StatusCode < 400);
        var junk = app.ClientWithToken("gx_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await junk.GetAsync("/api/v1/customers")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tokens_stop_working_when_revoked_or_expired_and_only_their_hash_is_stored(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();

        var created = await admin.PostOk("/api/v1/account/tokens", new { name = "integration", expiresDays = 30 });
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("token").GetProperty("id").GetInt64();
        var http = app.ClientWithToken(secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/customers")).StatusCode);
        await using (var ctx = db.CreateContext())
        {
            Assert.DoesNotContain(ctx.AccessTokens.Select(t => t.Hash).ToList(), h => h.Contains(secret, StringComparison.Ordinal));
            Assert.Contains(ctx.AccessTokens.Select(t => t.Hash).ToList(), h => h == Guanxi.Security.StaffDirectory.HashOf(secret));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Send(HttpMethod.Delete, $"/api/v1/account/tokens/{id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/customers")).StatusCode);

        var expired = app.ClientWithToken(app.TokenFor("admin", app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/v1/customers")).StatusCode);

        // Another user's token cannot be revoked through one's own account.
        var rep = app.ClientAs(Roles.SalesRep);
        var other = (await admin.PostOk("/api/v1/account/tokens", new { name = "second" })).GetProperty("token").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await rep.Send(HttpMethod.Delete, $"/api/v1/account/tokens/{other}")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sign_in_sets_the_cookie_refuses_missing_antiforgery_and_locks_out(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        app.CreateUser("li.na", Roles.SalesRep);

        var csrf = await SignInForm.PostAsync(app, "li.na", GuanxiApp.TestPassword, withAntiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, csrf.StatusCode);
        Assert.False(csrf.Headers.TryGetValues("Set-Cookie", out var none) && none.Any(c => c.StartsWith("guanxi.auth", StringComparison.Ordinal)));

        var ok = await SignInForm.PostAsync(app, "li.na", GuanxiApp.TestPassword, returnUrl: "/customers");
        Assert.Equal("/customers", SignInForm.Location(ok));
        var cookie = ok.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("guanxi.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        browser.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/customers")).StatusCode);

        var offsite = await SignInForm.PostAsync(app, "li.na", GuanxiApp.TestPassword, returnUrl: "//evil.example/x");
        Assert.Equal("/", SignInForm.Location(offsite));

        Assert.Equal("/signin?error=1", SignInForm.Location(await SignInForm.PostAsync(app, "nobody", "whatever-1")));
        for (var i = 0; i < 5; i++) await SignInForm.PostAsync(app, "li.na", "wrong-password");
        var locked = await SignInForm.PostAsync(app, "li.na", GuanxiApp.TestPassword);
        Assert.Equal("/signin?error=locked", SignInForm.Location(locked));

        var events = await app.Client().GetOk("/api/v1/audit?action=signin-failed");
        Assert.True(events.GetProperty("items").GetArrayLength() >= 6);
        Assert.True((await app.Client().GetOk("/api/v1/audit?action=signin")).GetProperty("items").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Security:SignInsPerMinute"] = "3" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await SignInForm.PostAsync(app, "x", "y")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task First_start_creates_an_admin_and_the_six_roles(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var users = await app.Client().GetOk("/api/v1/users");
        var admin = Assert.Single(users.EnumerateArray());
        Assert.Equal("admin", admin.GetProperty("userName").GetString());
        Assert.Equal("admin", admin.GetProperty("role").GetString());
        await using var ctx = db.CreateContext();
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), ctx.Roles.Select(r => r.Name!).ToList().Order(StringComparer.Ordinal));
    }
}
