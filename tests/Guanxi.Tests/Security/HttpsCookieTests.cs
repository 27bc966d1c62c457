using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Guanxi.Tests.Security;

/// <summary>
/// Issue 12, item 5: under https every cookie the app sets is Secure and HSTS is sent; under plain http (a
/// development machine, a TLS-terminating proxy the app is not told to trust) neither, so nothing breaks there.
/// The test server takes the scheme from the client's base address; X-Forwarded-Proto is not trusted.
/// </summary>
[ClockIndependent]
public class HttpsCookieTests
{
    private static readonly Uri Https = new("https://crm.example.com");
    private static readonly Uri Http = new("http://crm.example.com");

    [Fact]
    public async Task Under_https_the_sign_in_antiforgery_and_language_cookies_are_secure_and_hsts_is_sent()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        app.CreateUser("lin.tao", Roles.SalesRep);

        var https = await CookiesAsync(app, Https);
        Assert.All(https, c => Assert.Contains("; secure", c.Value, StringComparison.OrdinalIgnoreCase));
        Assert.Equal([".AspNetCore.Culture", "guanxi.af", "guanxi.auth"], https.Keys.Order(StringComparer.Ordinal));
        var page = await Client(app, Https).GetAsync("/signin");
        Assert.StartsWith("max-age=", string.Join(',', page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);

        var http = await CookiesAsync(app, Http);
        Assert.All(http, c => Assert.DoesNotContain("secure", c.Value, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, http.Count);
        Assert.False((await Client(app, Http).GetAsync("/signin")).Headers.Contains("Strict-Transport-Security"));
        // A proxy header alone does not make a request https.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/signin");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        Assert.False((await Client(app, Http).SendAsync(forwarded)).Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The cookies set by the sign-in page, signing in and the language switch, by name.</summary>
    private static async Task<Dictionary<string, string>> CookiesAsync(GuanxiApp app, Uri baseAddress)
    {
        var client = Client(app, baseAddress);
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var response in new[]
                 {
                     await client.GetAsync("/signin"),
                     await SignInForm.PostAsync(app, "lin.tao", GuanxiApp.TestPassword, baseAddress: baseAddress),
                     await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=/"),
                 })
        {
            foreach (var c in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                cookies[c[..c.IndexOf('=', StringComparison.Ordinal)]] = c;
        }
        return cookies;
    }

    private static HttpClient Client(GuanxiApp app, Uri baseAddress) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = baseAddress, AllowAutoRedirect = false, HandleCookies = false });
}
