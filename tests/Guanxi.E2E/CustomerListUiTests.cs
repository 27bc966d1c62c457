using Guanxi.Customers;
using Guanxi.Data.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

/// <summary>A rep works the customer list in Chinese: sorts, filters, saves a view, reopens it by its address, finds 王艳明 by `wym`, and on a phone dials from the list.</summary>
[Collection(SiteCollection.Name)]
public sealed class CustomerListUiTests(GuanxiSite site)
{
    [Trait("Clock", "Independent")] // names, cities and views: no dates
    [BrowserFact]
    public async Task A_rep_sorts_filters_saves_a_view_reopens_it_and_finds_by_initials()
    {
        string suffix = Guid.NewGuid().ToString("N")[..6];
        var rep = await site.AsSystem<Security.StaffDirectory>().AddUserAsync("rep-list-" + suffix, Roles.SalesRep, null, "Rep-password-1");
        var customers = site.AsSystem<CustomerService>();
        await customers.CreateAsync(new CustomerInput { Name = "王艳明", Phone = "13812345678", City = "上海", OwnerId = rep.Id });
        var lei = await customers.CreateAsync(new CustomerInput { Name = "雷军", Phone = "13900001111", City = "上海", OwnerId = rep.Id });
        await site.AsSystem<Orders.OrderService>().CreateAsync(new Orders.OrderInput { CustomerId = lei.Customer.Id, OrderedAt = new DateTime(2026, 3, 1, 10, 0, 0), Amount = 88m, Channel = "门店" });
        await customers.CreateAsync(new CustomerInput { Name = "Alpha 贸易", City = "北京", OwnerId = rep.Id });

        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl, Locale = "zh-CN" });
        // Sign-in on a busy machine: as generous as the site's own sign-in.
        context.SetDefaultTimeout(180_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", "rep-list-" + suffix);
        await page.FillAsync("#password", "Rep-password-1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        // Later steps keep the 30 s of the site's other signed-in pages: saving a view timed out once at 15 s with CI at load 25.
        context.SetDefaultTimeout(30_000);

        await GuanxiSite.GoAsync(page, "/customers");
        var rows = page.GetByTestId("customer-row");
        await Expect(page.GetByTestId("customer-total")).ToHaveTextAsync("共 3 条");

        // The spend header sorts the biggest buyer first (the only one with an order), and the address keeps it too.
        await page.GetByTestId("sort-spend").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("sort=Spend", StringComparison.Ordinal));
        await Expect(rows.First).ToContainTextAsync("雷军");

        // Sort by the name header: the address keeps it.
        await page.GetByTestId("sort-name").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("sort=Name", StringComparison.Ordinal));
        await Expect(rows.First).ToContainTextAsync("Alpha 贸易");

        // Filter by city (typed as a person types; a keystroke lost before the page wires its events is typed again).
        await page.GetByTestId("toggle-filters").ClickAsync();
        var city = page.GetByTestId("filter-city");
        for (var attempt = 0; ; attempt++)
        {
            await city.FillAsync("");
            await city.FillAsync("上海");
            try
            {
                await page.WaitForURLAsync(url => url.Contains("city=", StringComparison.Ordinal), new() { Timeout = 8_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await Expect(page.GetByTestId("customer-total")).ToHaveTextAsync("共 2 条");
        await Expect(rows).ToHaveCountAsync(2);

        // Save the view and reopen it by its address in a fresh tab.
        await page.GetByTestId("view-save-open").ClickAsync();
        await page.GetByTestId("view-name").FillAsync("我的上海客户");
        await page.GetByTestId("view-save").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("view=", StringComparison.Ordinal));
        var viewUrl = page.Url;
        var reopened = await context.NewPageAsync();
        await GuanxiSite.GoAsync(reopened, viewUrl);
        await Expect(reopened.GetByTestId("customer-total")).ToHaveTextAsync("共 2 条");
        await Expect(reopened.GetByTestId("views-menu")).ToContainTextAsync("我的上海客户");
        await Expect(reopened.GetByTestId("customer-row").First).ToContainTextAsync("王艳明");

        // The initials find 王艳明 and the list marks what matched; one button clears search and filters.
        await GuanxiSite.SearchCustomersAsync(reopened, "wym", 1);
        await Expect(reopened.GetByTestId("search-match")).ToHaveTextAsync("王艳明");
        await reopened.GetByTestId("clear-all").ClickAsync();
        await Expect(reopened.GetByTestId("customer-total")).ToHaveTextAsync("共 3 条");

        // At 390 px the list shows the phone as a link to call.
        var phone = await context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await GuanxiSite.GoAsync(phone, "/customers?sort=Name");
        var call = phone.GetByTestId("phone-link").Filter(new() { HasText = "13812345678" });
        await Expect(call).ToBeVisibleAsync();
        await Expect(call).ToHaveAttributeAsync("href", "tel:13812345678");
        await GuanxiSite.ScreenshotAsync(phone, "customer-list-390-zh");
        await context.CloseAsync();
    }
}
