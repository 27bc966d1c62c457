using Guanxi.Customers;
using Guanxi.Data.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
[Trait("Clock", "Independent")] // sign-in, users, consents and erasure: no dates; scripts/test.sh runs it on the first day only
public sealed class AdminUiTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task Pages_need_a_signed_in_user_and_the_app_bar_shows_who()
    {
        await using var anonymous = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl });
        var page = await anonymous.NewPageAsync();
        await page.GotoAsync("/customers");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        Assert.Contains("returnUrl=%2Fcustomers", page.Url, StringComparison.OrdinalIgnoreCase);

        var signedIn = await site.OpenAsync("/customers");
        await Expect(signedIn.GetByTestId("signed-in-user")).ToContainTextAsync(GuanxiSite.UserName);
        await Expect(signedIn.GetByTestId("customer-table")).ToBeVisibleAsync();
        await Expect(signedIn.GetByTestId("nav-audit")).ToBeVisibleAsync();
        // The bar has a worded button for wide screens and an icon for phones; the visible one signs out.
        await signedIn.GetByTestId("signout-form").Locator("button:visible").ClickAsync();
        await signedIn.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        await signedIn.GotoAsync("/customers");
        Assert.Contains("/signin", signedIn.Url, StringComparison.Ordinal);
        await signedIn.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_non_admin_sees_a_friendly_notice_on_admin_pages_and_no_admin_links()
    {
        var name = "analyst" + Guid.NewGuid().ToString("N")[..6];
        await site.AsSystem<Security.StaffDirectory>().AddUserAsync(name, Roles.Analyst, null, "Analyst-password-1");
        await using var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Faudit");
        await page.FillAsync("#userName", name);
        await page.FillAsync("#password", "Analyst-password-1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/audit", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByText("This page is for administrators.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-table")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("nav-audit")).ToHaveCountAsync(0);
        await GuanxiSite.GoAsync(page, "/admin/users");
        await Expect(page.GetByText("This page is for administrators.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Analyst");
        var customers = site.AsSystem<CustomerService>();
        var someone = (await customers.SearchAsync(new CustomerQuery { Limit = 1 })).Items[0];
        await GuanxiSite.GoAsync(page, $"/customers/{someone.Id}");
        var panel = page.GetByTestId("customer-privacy");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("consent-add")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("erase-customer")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("personal-data-export")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task An_admin_creates_and_locks_a_user_adds_a_team_and_reads_the_audit_trail()
    {
        var page = await site.OpenAsync("/admin/users");
        await Expect(page.GetByTestId("users-table")).ToBeVisibleAsync();
        var name = "rep" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByTestId("new-user-name").FillAsync(name);
        await page.GetByTestId("new-user-password").FillAsync("Rep-password-1");
        await page.GetByTestId("new-user-create").ClickAsync();
        var row = page.Locator($"[data-testid=user-row][data-user={name}]");
        await Expect(row).ToBeVisibleAsync();
        await row.GetByLabel("Lock " + name).ClickAsync();
        await Expect(row).ToContainTextAsync("Locked");

        var team = "Team " + Guid.NewGuid().ToString("N")[..4];
        await page.GetByTestId("new-team-name").FillAsync(team);
        await page.GetByTestId("new-team-add").ClickAsync();
        await Expect(page.GetByTestId("team-tree")).ToContainTextAsync(team);
        await GuanxiSite.ScreenshotAsync(page, "users-and-teams-en");

        await GuanxiSite.GoAsync(page, "/audit");
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("User locked");
        await GuanxiSite.ScreenshotAsync(page, "audit-en");
        await page.Context.CloseAsync();

        var zh = await site.OpenAsync("/admin/users", "zh-CN");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "用户与团队" })).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(zh, "users-and-teams-zh");
        await zh.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Consents_are_recorded_and_withdrawn_on_the_customer_page()
    {
        var customers = site.Services.GetRequiredService<CustomerService>();
        var someone = await CurrentUser.RunAsAsync(AccessScope.System, () => customers.SearchAsync(new CustomerQuery { HasOrders = true, Limit = 1 }));
        var page = await site.OpenAsync($"/customers/{someone.Items[0].Id}");
        var panel = page.GetByTestId("customer-privacy");
        await Expect(panel).ToBeVisibleAsync();
        var rows = await panel.GetByTestId("consent-row").CountAsync();
        await panel.GetByTestId("consent-how").FillAsync("signed form");
        await panel.GetByTestId("consent-add").ClickAsync();
        await Expect(panel.GetByTestId("consent-row")).ToHaveCountAsync(rows + 1);
        await panel.GetByTestId("consent-withdraw").First.ClickAsync();
        await Expect(panel.GetByTestId("consent-withdraw")).ToHaveCountAsync(rows);
        await Expect(panel.GetByTestId("personal-data-export")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("erase-customer")).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(page, "customer-privacy-en");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Erasing_a_customer_asks_first_and_shows_what_was_removed()
    {
        var created = await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "Erase me " + Guid.NewGuid().ToString("N")[..6], Phone = "13912345678" });
        var page = await site.OpenAsync($"/customers/{created.Customer.Id}");
        await page.GetByTestId("erase-customer").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("erase-result")).ToContainTextAsync(created.Customer.Code);
        var after = await site.AsSystem<CustomerService>().GetAsync(created.Customer.Id);
        Assert.Null(after.Phone);
        await page.Context.CloseAsync();
    }
}
