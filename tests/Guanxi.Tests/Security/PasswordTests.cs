using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

/// <summary>Issue 18: a password can be changed by its owner and reset by an admin or the CLI; each ends the browser sessions and is audited.</summary>
[ClockIndependent] // password changes and sessions: no dates
public class PasswordTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reset_password_from_the_cli_and_the_api_and_a_change_by_the_owner_each_work_and_end_the_sessions(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repId = app.CreateUser("li.na", Roles.SalesRep);
        var session = await CrossSiteRequestTests.SignInCookieAsync(app, "li.na");
        Assert.Equal(HttpStatusCode.OK, (await CookieGetAsync(app, session, "/api/v1/account")).StatusCode);

        // The CLI with --password-stdin: the new password signs in, the old one does not, the open session is over.
        var cli = await GuanxiCli.RunWithInputAsync("Neues-Passwort-7\n", "users", "reset-password", "li.na", "--password-stdin", "--db", db.DbArgument);
        Assert.True(cli.ExitCode == 0, cli.Stderr + cli.Stdout);
        Assert.DoesNotContain("Neues-Passwort-7", cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CookieGetAsync(app, session, "/api/v1/account")).StatusCode);
        Assert.Equal("/signin?error=1", SignInForm.Location(await SignInForm.PostAsync(app, "li.na", GuanxiApp.TestPassword)));
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(app, "li.na", "Neues-Passwort-7")));

        // Without --password-stdin the CLI makes one up and prints it once; an unknown user is a message, not a trace.
        var generated = await GuanxiCli.RunAsync("users", "reset-password", "li.na", "--db", db.DbArgument);
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        var printed = generated.LastLine["password: ".Length..];
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(app, "li.na", printed)));

        // An admin's reset through the API: a random password in the answer, or the one given; others get 403.
        var rep = app.ClientWithToken(app.TokenFor("li.na"));
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, $"/api/v1/users/{repId}/password", new { password = "Hijacked-123" })).Status);
        var reset = await admin.PostOk($"/api/v1/users/{repId}/password", new { }, HttpStatusCode.OK);
        var fromApi = reset.GetProperty("password").GetString()!;
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(app, "li.na", fromApi)));
        var (shortStatus, shortProblem) = await admin.Send(HttpMethod.Post, $"/api/v1/users/{repId}/password", new { password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, shortStatus);
        Assert.True(shortProblem.GetProperty("errors").TryGetProperty("password", out _));

        // The owner changes it, knowing the current one; the token they use stays valid.
        var (wrongStatus, wrong) = await rep.Send(HttpMethod.Post, "/api/v1/account/password", new { currentPassword = "not-it-at-all", newPassword = "Mein-Passwort-9" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await rep.Send(HttpMethod.Post, "/api/v1/account/password", new { currentPassword = fromApi, newPassword = "Mein-Passwort-9" })).Status);
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(app, "li.na", "Mein-Passwort-9")));
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/v1/account")).StatusCode);

        var actions = (await admin.GetOk("/api/v1/audit?entity=GuanxiUser&limit=200")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(3, actions.Count(a => a == "password-reset"));
        Assert.Equal(1, actions.Count(a => a == "password-change"));
    }

    private static Task<HttpResponseMessage> CookieGetAsync(GuanxiApp app, string cookie, string url)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client.GetAsync(url);
    }
}
