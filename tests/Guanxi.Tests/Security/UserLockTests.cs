using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

[ClockIndependent] // locking and unlocking: no dates
public class UserLockTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_locked_user_cannot_sign_in_and_their_token_sees_nothing_until_unlocked(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repId = app.CreateUser("zhao.lei", Roles.SalesRep);
        var rep = app.ClientWithToken(app.TokenFor("zhao.lei"));
        var customer = await rep.CreateCustomer("赵氏茶行");

        var (status, locked) = await admin.Send(HttpMethod.Put, $"/api/v1/users/{repId}/lock", new { locked = true });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(locked.GetProperty("lockedOut").GetBoolean());
        // A locked user's token acts for nobody: nobody holds a right, so even reading is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync($"/api/v1/customers/{customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Put, $"/api/v1/users/{repId}/lock", new { locked = false })).Status);
        Assert.Equal("/signin?error=locked", SignInForm.Location(await SignInForm.PostAsync(app, "zhao.lei", GuanxiApp.TestPassword)));

        var (unlockStatus, unlocked) = await admin.Send(HttpMethod.Put, $"/api/v1/users/{repId}/lock", new { locked = false });
        Assert.Equal(HttpStatusCode.OK, unlockStatus);
        Assert.False(unlocked.GetProperty("lockedOut").GetBoolean());
        Assert.Equal("赵氏茶行", (await rep.GetOk($"/api/v1/customers/{customer}")).GetProperty("name").GetString());
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(app, "zhao.lei", GuanxiApp.TestPassword)));

        var events = (await admin.GetOk("/api/v1/audit?entity=GuanxiUser")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("user-lock", events);
        Assert.Contains("user-unlock", events);
    }

    /// <summary>
    /// Issue 12 (item 8) reported a 500 for a locked user's token. Probed here on every operation without a path
    /// parameter, with an empty body: refused or empty, never a server error.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_locked_user_s_token_gets_no_500_anywhere(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repId = app.CreateUser("qian.li", Roles.SalesRep);
        var rep = app.ClientWithToken(app.TokenFor("qian.li"));
        await rep.CreateCustomer("钱氏布庄");
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/users/{repId}/lock", new { locked = true })).Status);

        var document = await admin.GetOk("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => !p.Name.Contains('{', StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: new HttpMethod(o.Name.ToUpperInvariant()), Path: p.Name)))
            .ToList();
        Assert.True(operations.Count > 10, $"only {operations.Count} operations without path parameters");
        var failures = new List<string>();
        foreach (var (method, path) in operations)
        {
            var status = method == HttpMethod.Get ? (await rep.GetAsync(path)).StatusCode : (await rep.Send(method, path, new { })).Status;
            if ((int)status >= 500) failures.Add($"{method} {path}: {(int)status}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_admin_cannot_lock_themselves_and_unknown_users_answer_404(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var (status, problem) = await admin.Send(HttpMethod.Put, $"/api/v1/users/{app.UserId("admin")}/lock", new { locked = true });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("locked", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Send(HttpMethod.Put, "/api/v1/users/999999/lock", new { locked = true })).Status);
    }
}
