using Guanxi.Customers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

/// <summary>
/// Issue 12, item 5: a real Content-Security-Policy (scripts only from this site and the import map's nonce). Every
/// page is opened in Chromium, in both languages where it matters, and must come alive (the Blazor circuit over its
/// WebSocket) without a single CSP violation: the browser's <c>securitypolicyviolation</c> events and its console
/// errors are both listened to.
/// </summary>
[Collection(SiteCollection.Name)]
[Trait("Clock", "Independent")] // the policy holds whatever the day; scripts/test.sh runs it on the first day only
public sealed class ContentSecurityPolicyTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task Every_page_works_under_the_policy_with_no_violation()
    {
        var customer = await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "策略测试客户", Phone = "13912345670" });
        var id = customer.Customer.Id;
        string[] pages =
        [
            "/", "/customers", "/customers/new", $"/customers/{id}", $"/customers/{id}/edit", "/import", "/models",
            "/models/custom", "/models/migration", "/models/comprehensive", "/settings", "/settings/users", "/admin/users", "/admin/currencies", "/audit",
            "/not-found", "/status/404",
        ];
        var violations = new List<string>();
        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            var page = await site.OpenAsync("/", locale);
            await WatchAsync(page, violations);
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(path);
                var policy = await response!.HeaderValueAsync("content-security-policy") ?? "";
                Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
                Assert.DoesNotContain("unsafe-inline'; default-src", policy, StringComparison.Ordinal);
                await GuanxiSite.WaitInteractiveAsync(page);
                violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__gxCsp ?? []"));
            }
            // The page still reacts: the customer list's search goes over the circuit and back.
            await GuanxiSite.GoAsync(page, "/customers");
            await GuanxiSite.SearchCustomersAsync(page, "策略测试客户", expectedRows: 1);
            violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__gxCsp ?? []"));
            await page.Context.CloseAsync();
        }

        // The sign-in page (static, a plain form) and the API reference, without a session.
        await using var anonymous = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl });
        var signIn = await anonymous.NewPageAsync();
        await WatchAsync(signIn, violations);
        await signIn.GotoAsync("/signin");
        await Expect(signIn.Locator("#userName")).ToBeVisibleAsync();
        violations.AddRange(await signIn.EvaluateAsync<string[]>("() => window.__gxCsp ?? []"));
        await signIn.GotoAsync("/api-docs");
        await Expect(signIn.Locator("a[href='#tag/account']").First).ToBeVisibleAsync();
        await signIn.WaitForLoadStateAsync(LoadState.NetworkIdle);
        violations.AddRange(await signIn.EvaluateAsync<string[]>("() => window.__gxCsp ?? []"));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>Collects CSP violations: the DOM event (recorded by a script the browser runs before the page's own) and console errors.</summary>
    private static async Task WatchAsync(IPage page, List<string> violations)
    {
        await page.Context.AddInitScriptAsync("""
            window.__gxCsp = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__gxCsp.push(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (violations) violations.Add($"{page.Url}: {message.Text}");
        };
    }
}
