using System.Net;
using Guanxi.Components;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Infrastructure;
using Guanxi.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>Issue 12: <c>/downloads/{token}</c> served a page's export to anyone holding the link, without a session.</summary>
[ClockIndependent] // whose download it is: no dates
public class DownloadTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_download_is_served_only_to_the_user_whose_page_made_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var ownerId = app.CreateUser("zhou.min", Roles.SalesRep);
        app.CreateUser("wu.lei", Roles.SalesRep);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "code,name\nKH0001,孙丽\n");
        var ownerCookie = await CrossSiteRequestTests.SignInCookieAsync(app, "zhou.min");
        var owner = Browser(app, ownerCookie);
        var sameUserElsewhere = Browser(app, await CrossSiteRequestTests.SignInCookieAsync(app, "zhou.min"));
        var other = Browser(app, await CrossSiteRequestTests.SignInCookieAsync(app, "wu.lei"));
        // What the customer list page does in the user's circuit, where the circuit handler has set user and session.
        var downloads = app.Services.GetRequiredService<Downloads>();
        BrowserSession.Set(SessionOf(app, ownerCookie));
        var token = await CurrentUser.RunAsAsync(AccessScope.For(ownerId, "zhou.min", Roles.SalesRep, [], []),
            () => Task.FromResult(downloads.Register(file, "customers.csv", "text/csv; charset=utf-8")));
        var url = Downloads.UrlOf(token);

        // Without a session: sent to sign in, no file.
        var anonymous = await Browser(app, null).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sameUserElsewhere.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientWithToken(app.TokenFor("admin")).GetAsync(url)).StatusCode);
        var mine = await owner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("code,name\nKH0001,孙丽\n", await mine.Content.ReadAsStringAsync());
        // A file registered with no user behind it (no session) is nobody's.
        var orphan = await CurrentUser.RunAsAsync(AccessScope.Nobody, () => Task.FromResult(downloads.Register(file, "x.csv", "text/csv")));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(Downloads.UrlOf(orphan))).StatusCode);
    }

    /// <summary>The session id inside a sign-in cookie, read with the app's own cookie format.</summary>
    private static string SessionOf(GuanxiApp app, string cookie)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..])!;
        return BrowserSession.Of(ticket.Principal)!;
    }

    private static HttpClient Browser(GuanxiApp app, string? cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
