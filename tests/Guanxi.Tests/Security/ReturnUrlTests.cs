using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

/// <summary>
/// After signing in, and after switching the language, the browser goes back only to a path on this site
/// (issue 12: "/%09/host/page" passed the local check and Chromium, which drops the tab, went to another site).
/// </summary>
[ClockIndependent]
public class ReturnUrlTests
{
    /// <summary>Return addresses as the app receives them (form-decoded); none may lead off the site.</summary>
    public static readonly string[] Hostile =
    [
        "/%09/evil.example/p", "/\t/evil.example/p", "/\tevil.example", "/\n/evil.example", "/\r\n/evil.example",
        "/ok\r\nSet-Cookie: gx=1", "/%0D%0ALocation:%20https://evil.example", "//evil.example/p", "/\\evil.example",
        "/\\\\evil.example", "\\\\evil.example", "https://evil.example/p", "javascript:alert(1)", "/%2F%2Fevil.example",
        "/%2f/evil.example", "/%5Cevil.example", " //evil.example", "/ /evil.example", "evil.example",
    ];

    /// <summary>Ordinary local addresses, kept as they are.</summary>
    public static readonly string[] Local = ["/ok/page?x=1", "/customers?q=%E5%BC%A0%20%E4%B8%89", "/"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sign_in_redirects_only_to_a_local_path(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        app.CreateUser("wang.fang", Roles.SalesRep);

        var failures = new List<string>();
        foreach (var url in Hostile.Concat(Local))
        {
            var response = await SignInForm.PostAsync(app, "wang.fang", GuanxiApp.TestPassword, returnUrl: url);
            var expected = Local.Contains(url) ? url : "/";
            var location = SignInForm.Location(response);
            if (location != expected) failures.Add($"{Show(url)} → {(int)response.StatusCode} {Show(location)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Culture_switch_redirects_only_to_a_local_path(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var failures = new List<string>();
        foreach (var url in Hostile.Concat(Local))
        {
            var response = await http.GetAsync("/culture/set?culture=zh-CN&redirectUri=" + Uri.EscapeDataString(url));
            var expected = Local.Contains(url) ? url : "/";
            var location = SignInForm.Location(response);
            if (location != expected) failures.Add($"{Show(url)} → {(int)response.StatusCode} {Show(location)}");
            else if (!response.Headers.TryGetValues("Set-Cookie", out var cookies) || !cookies.Any(c => c.Contains("zh-CN", StringComparison.Ordinal)))
                failures.Add($"{Show(url)}: no culture cookie");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Show(string? s) => s is null ? "(none)" : System.Text.Json.JsonSerializer.Serialize(s);
}
