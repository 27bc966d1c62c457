using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class AccessAndModelsTests(GuanxiSite site)
{
    [Trait("Clock", "Independent")] // access by url: no dates
    [BrowserFact]
    public async Task A_sales_rep_cannot_open_another_reps_customer_by_url()
    {
        var staff = site.AsSystem<Security.StaffDirectory>();
        string suffix = Guid.NewGuid().ToString("N")[..6];
        var owner = await staff.AddUserAsync("rep-b-" + suffix, Roles.SalesRep, null, "Rep-password-1");
        await staff.AddUserAsync("rep-a-" + suffix, Roles.SalesRep, null, "Rep-password-1");
        var created = await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "乙的客户" + suffix, OwnerId = owner.Id });

        var intruder = await SignInAsync("rep-a-" + suffix, "Rep-password-1");
        await GuanxiSite.GoAsync(intruder, $"/customers/{created.Customer.Id}");
        // Issue 18: beyond reach says so ("no access"), an id nobody has is a real not-found page; the API answers 404 for both.
        await Expect(intruder.GetByText("You do not have access to this customer.")).ToBeVisibleAsync();
        await Expect(intruder.GetByText("乙的客户" + suffix)).ToHaveCountAsync(0);
        var unknown = await intruder.GotoAsync("/customers/999999999");
        Assert.Equal(404, unknown!.Status);
        await GuanxiSite.WaitInteractiveAsync(intruder);
        await Expect(intruder.GetByText("This page does not exist.")).ToBeVisibleAsync();
        await Expect(intruder.Locator("main")).ToHaveCountAsync(1);
        var icon = await intruder.Context.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.Equal(404, (await intruder.Context.APIRequest.GetAsync($"/api/v1/customers/{created.Customer.Id}")).Status);
        // Nor through search: the list does not show it.
        await GuanxiSite.GoAsync(intruder, "/customers");
        await Expect(intruder.GetByText("乙的客户" + suffix)).ToHaveCountAsync(0);

        var rightful = await SignInAsync("rep-b-" + suffix, "Rep-password-1");
        await GuanxiSite.GoAsync(rightful, $"/customers/{created.Customer.Id}");
        await Expect(rightful.GetByRole(AriaRole.Heading, new() { Name = "乙的客户" + suffix })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Model_pages_show_the_classes_drill_down_and_explain_a_customer()
    {
        await CurrentUser.RunAsAsync(AccessScope.System, () => site.Services.GetRequiredService<ModelRunService>().RunAsync(null, "test", CancellationToken.None));

        var page = await site.OpenAsync("/models");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customer models" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("latest-run")).ToContainTextAsync("Latest run");
        await GuanxiSite.ScreenshotAsync(page, "models-en");

        // The biggest comprehensive layer, from the overview to its customers.
        await GuanxiSite.GoAsync(page, "/models/comprehensive?class=low");
        var table = page.GetByTestId("class-customers");
        await Expect(table).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(page, "model-class-en");
        await table.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/customers/", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        var panel = page.GetByTestId("customer-models");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel).ToContainTextAsync("Comprehensive customers");
        // Under the name: a buyer's key signals as chips, and one line of what it means and what to do.
        var signals = page.GetByTestId("customer-signals");
        await Expect(signals.Locator("[data-testid=signal][data-model=rfm_segment]")).ToHaveCountAsync(1);
        await Expect(signals.Locator("[data-testid=signal][data-model=value]")).ToContainTextAsync("Value customers: ");
        await Expect(signals.GetByTestId("signal-meaning")).ToContainTextAsync("Next step: ");

        var zh = await site.OpenAsync("/models", "zh-CN");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "客户模型" })).ToBeVisibleAsync();
        await Expect(zh.GetByText("价值客户").First).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(zh, "models-zh");
        await GuanxiSite.GoAsync(zh, "/models/migration");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "运行之间的迁移" })).ToBeVisibleAsync();

        // Issue 18, charts in zh-CN: an RFM heat-map cell opens the customers in it, and so does a migration cell.
        await CurrentUser.RunAsAsync(AccessScope.System, () => site.Services.GetRequiredService<ModelRunService>().RunAsync(null, "test", CancellationToken.None));
        await GuanxiSite.GoAsync(zh, "/models");
        var cell = zh.GetByTestId("rfm-grid").GetByTestId("rfm-cell").First;
        var (r, f) = (await cell.GetAttributeAsync("data-r"), await cell.GetAttributeAsync("data-f"));
        int inGrid = int.Parse((await cell.TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        await cell.ClickAsync();
        await zh.WaitForURLAsync(url => url.Contains($"/models/rfm_segment?r={r}&f={f}", StringComparison.Ordinal));
        await Expect(zh.GetByTestId("rfm-cell-title")).ToContainTextAsync($"R={r}，购买频次得分 F={f}");
        var inCell = zh.GetByTestId("cell-customers").Locator("tbody tr");
        await Expect(inCell.First).ToBeVisibleAsync();
        await Expect(inCell).ToHaveCountAsync(Math.Min(inGrid, 50)); // the cell's count is the list's length (first page of 50)
        await GuanxiSite.ScreenshotAsync(zh, "rfm-cell-zh");

        await GuanxiSite.GoAsync(zh, "/models/migration");
        var moved = zh.GetByTestId("migration-matrix").GetByTestId("migration-cell").First;
        await moved.ClickAsync();
        await zh.WaitForURLAsync(url => url.Contains("fromClass=", StringComparison.Ordinal));
        await Expect(zh.GetByTestId("migration-cell-title")).ToContainTextAsync("移到");
        await Expect(zh.GetByTestId("cell-customers").Locator("tbody tr").First).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(zh, "migration-cell-zh");
        await zh.GetByTestId("cell-customers").Locator("tbody a").First.ClickAsync();
        await zh.WaitForURLAsync(url => url.Contains("/customers/", StringComparison.Ordinal));

        // Issue 18, 390 px: the top bar holds icons only, and the customer's phone under the name is a tel: link.
        var phoned = await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "手机客户" + Guid.NewGuid().ToString("N")[..6], Phone = "13812345678" });
        var phone = await site.OpenAsync($"/customers/{phoned.Customer.Id}", "zh-CN", width: 390, height: 844);
        await Expect(phone.GetByTestId("account-icon")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("signed-in-user")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("culture-switch").Locator(".gx-wide-only")).ToBeHiddenAsync();
        await Expect(phone.GetByTestId("customer-phone")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("customer-phone")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^tel:(\+86)?13812345678$"));
        await GuanxiSite.ScreenshotAsync(phone, "customer-390-zh");
    }

    private Task<IPage> SignInAsync(string user, string password) => site.SignInAsAsync(user, password);
}
