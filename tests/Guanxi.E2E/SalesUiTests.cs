using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Sales;
using Guanxi.Sales;
using Guanxi.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class SalesUiTests(GuanxiSite site)
{
    private const string Password = "Sales-password-1";

    [BrowserFact]
    public async Task A_rep_creates_an_opportunity_drags_it_across_the_board_and_marks_it_won()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var rep = await site.AsSystem<StaffDirectory>().AddUserAsync("rep-" + suffix, Roles.SalesRep, null, Password);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "意向客户" + suffix, OwnerId = rep.Id })).Customer;
        var stages = (await site.AsSystem<SalesCatalog>().PipelineAsync(Pipeline.DefaultId)).Stages;

        // Created from the customer's 360 page.
        var page = await SignInAsync("rep-" + suffix);
        await GuanxiSite.GoAsync(page, $"/customers/{customer.Id}");
        await page.GetByTestId("customer-new-opportunity").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/opportunities/new", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("opportunity-new-fixed-customer")).ToContainTextAsync("意向客户" + suffix);
        var title = "<i>Chiller</i> upgrade " + suffix;
        await page.GetByTestId("opportunity-new-title").FillAsync(title);
        await page.GetByTestId("opportunity-new-amount").FillAsync("250000");
        await page.GetByTestId("opportunity-new-save").ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/opportunities/\d+$"));
        await GuanxiSite.WaitInteractiveAsync(page);
        // The title is text: the markup shows as typed.
        await Expect(page.GetByTestId("opportunity-title")).ToHaveTextAsync(title);
        var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        // The board: the card starts in the first stage and is dragged to the third; the columns' counts follow.
        await GuanxiSite.GoAsync(page, "/opportunities/board");
        var card = page.Locator($"[data-testid=board-card][data-opportunity-id='{id}']");
        var first = page.Locator($"[data-testid=board-column][data-stage-id='{stages[0].Id}']");
        var third = page.Locator($"[data-testid=board-column][data-stage-id='{stages[2].Id}']");
        await Expect(first.Locator($"[data-opportunity-id='{id}']")).ToHaveCountAsync(1);
        await card.DragToAsync(third.GetByTestId("board-zone"));
        await Expect(third.Locator($"[data-opportunity-id='{id}']")).ToHaveCountAsync(1);
        await Expect(first.Locator($"[data-opportunity-id='{id}']")).ToHaveCountAsync(0);
        await Expect(third.GetByTestId("board-column-total").First).ToContainTextAsync("¥250,000.00");
        var moved = await site.AsSystem<OpportunityService>().GetAsync(id);
        Assert.Equal((stages[2].Id, stages[2].Probability), (moved.StageId, moved.Probability));
        await GuanxiSite.ScreenshotAsync(page, "opportunity-board-en");

        // Won from the opportunity page; the timeline has the move and the win.
        await third.Locator($"[data-opportunity-id='{id}'] a").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/opportunities/{id}", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await page.GetByTestId("opportunity-won").ClickAsync();
        await Expect(page.GetByTestId("opportunity-status")).ToHaveTextAsync("Won");
        await Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("opportunity-timeline")).ToContainTextAsync($"{stages[0].Name} → {stages[2].Name}");
        await Expect(page.GetByTestId("opportunity-reopen")).ToBeVisibleAsync();
        Assert.Equal("won", (await site.AsSystem<OpportunityService>().GetAsync(id)).Status);

        // In Chinese: the page and the customer's sales panel.
        var zh = await site.OpenAsync($"/opportunities/{id}", "zh-CN");
        await Expect(zh.GetByTestId("opportunity-status")).ToHaveTextAsync("赢单");
        await Expect(zh.GetByTestId("opportunity-timeline")).ToContainTextAsync("阶段变更记录");
        await GuanxiSite.GoAsync(zh, $"/customers/{customer.Id}");
        await Expect(zh.GetByTestId("customer-sales")).ToContainTextAsync("销售机会");
        await Expect(zh.GetByTestId("customer-opportunity-row")).ToContainTextAsync("赢单");
        await GuanxiSite.ScreenshotAsync(zh, "customer-sales-zh");
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }
}
