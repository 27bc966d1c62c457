using Guanxi.Customers;
using Guanxi.Hosting;
using Guanxi.Data.Security;
using Guanxi.Domain.Sales;
using Guanxi.Sales;
using Guanxi.Security;
using Microsoft.Extensions.DependencyInjection;
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
        // The save navigates inside the circuit: wait for the URL to change (not for a load event, which a busy machine
        // once kept from coming within the timeout), then for the page itself.
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/opportunities/\d+$"), new() { WaitUntil = WaitUntilState.Commit });
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

        // In Chinese: the page and the customer's sales panel, where the graded lead is converted into a customer.
        await site.AsSystem<LeadGrading>().SetAsync(customer.Id, new GradeInput("S", "预算已确认"));
        var zh = await site.OpenAsync($"/opportunities/{id}", "zh-CN");
        await Expect(zh.GetByTestId("opportunity-status")).ToHaveTextAsync("赢单");
        await Expect(zh.GetByTestId("opportunity-timeline")).ToContainTextAsync("阶段变更记录");
        await GuanxiSite.GoAsync(zh, $"/customers/{customer.Id}");
        await Expect(zh.GetByTestId("customer-sales")).ToContainTextAsync("销售机会");
        await Expect(zh.GetByTestId("customer-opportunity-row")).ToContainTextAsync("赢单");
        await Expect(zh.GetByTestId("customer-grade")).ToContainTextAsync("S");
        await GuanxiSite.WaitInteractiveAsync(zh);
        await zh.GetByTestId("customer-convert").ClickAsync();
        await zh.GetByTestId("convert-reason").FillAsync("首单已签约");
        await zh.GetByTestId("convert-save").ClickAsync();
        await Expect(zh.GetByTestId("customer-converted")).ToContainTextAsync("转化于");
        await Expect(zh.GetByTestId("customer-grade")).ToContainTextAsync("未评级");
        await Expect(zh.GetByTestId("grade-history-row").First).ToContainTextAsync("S → 已转为客户 · 首单已签约");
        Assert.NotNull((await site.AsSystem<LeadGrading>().GetAsync(customer.Id)).ConvertedAt);
        await GuanxiSite.ScreenshotAsync(zh, "customer-sales-zh");
    }

    [BrowserFact]
    public async Task A_manager_opens_the_funnel_and_the_forecast_charts_for_a_period_sets_a_target_and_saves_a_list_view()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var staff = site.AsSystem<StaffDirectory>();
        await staff.AddTeamAsync("华南-" + suffix, null);
        await staff.AddUserAsync("boss-" + suffix, Roles.SalesManager, "华南-" + suffix, Password);
        var rep = await staff.AddUserAsync("seller-" + suffix, Roles.SalesRep, "华南-" + suffix, Password);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "漏斗客户" + suffix, OwnerId = rep.Id })).Customer;
        var stages = (await site.AsSystem<SalesCatalog>().PipelineAsync(Pipeline.DefaultId)).Stages;
        // The server's day (its clock started at the suite's instant and runs on): the period and the funnel's days follow it.
        var today = site.Services.GetRequiredService<TimeProvider>().Today();
        var quarter = SalesPeriod.QuarterOf(today);
        var opportunities = site.AsSystem<OpportunityService>();
        async Task<long> Create(string title, decimal amount, long stageId) => (await opportunities.CreateAsync(new OpportunityInput
        {
            CustomerId = customer.Id, Title = title + suffix, Amount = amount, OwnerId = rep.Id, StageId = stageId, ExpectedCloseDate = quarter.Last, Source = OpportunitySource.Referral,
        })).Id;
        await opportunities.MoveAsync(await Create("方案", 100000m, stages[0].Id), new OpportunityMoveInput(stages[2].Id), null);
        await Create("初谈", 50000m, stages[0].Id);
        await opportunities.WinAsync(await Create("签约", 40000m, stages[0].Id), "价格合适", null);
        await opportunities.LoseAsync(await Create("流失", 10000m, stages[0].Id), "预算取消", null);

        // The funnel of the last 30 days, from the nav: four created, all reached the first stage, one in three on to the
        // third; referral and the rep won one of two.
        var page = await SignInAsync("boss-" + suffix);
        await page.GetByTestId("nav-sales-funnel").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/sales/funnel", StringComparison.Ordinal));
        await GuanxiSite.GoAsync(page, $"/sales/funnel?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        await Expect(page.GetByTestId("funnel-figures")).ToContainTextAsync("4");
        var rows = page.GetByTestId("funnel-stage");
        await Expect(rows).ToHaveCountAsync(stages.Count);
        await Expect(rows.Nth(0)).ToContainTextAsync("4");
        await Expect(rows.Nth(2)).ToContainTextAsync("1");
        await Expect(page.GetByTestId("chart-conversion").Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("win-rate-owner")).ToContainTextAsync("seller-" + suffix);
        await Expect(page.GetByTestId("win-rate-owner")).ToContainTextAsync("50.0 %");
        await Expect(page.GetByTestId("win-rate-source")).ToContainTextAsync("Referral");
        await GuanxiSite.ScreenshotAsync(page, "sales-funnel-en");

        // The forecast of the quarter: weighted 100000 × 50 % + 50000 × 10 %; won 40000; the manager sets the rep's target.
        await GuanxiSite.GoAsync(page, $"/sales/forecast?period={quarter}");
        var row = page.GetByTestId("forecast-owner").Filter(new() { HasText = "seller-" + suffix });
        await Expect(row).ToContainTextAsync("¥55,000.00");
        await Expect(row).ToContainTextAsync("¥40,000.00");
        await Expect(page.GetByTestId("chart-forecast").Locator("svg").First).ToBeVisibleAsync();
        await page.GetByTestId("target-holder").ClickAsync();
        await GuanxiSite.ChooseAsync(page, "seller-" + suffix);
        await page.GetByTestId("target-amount").FillAsync("80000");
        await page.GetByTestId("target-save").ClickAsync();
        await Expect(page.GetByTestId("forecast-total")).ToContainTextAsync("¥80,000.00");
        await Expect(page.GetByTestId("forecast-total")).ToContainTextAsync("50.0 %");
        await GuanxiSite.ScreenshotAsync(page, "sales-forecast-en");

        // The list: the team's two open ones; a search for a title's words leaves one; saved as a view (a chip) with
        // its search, which applies it again on a fresh page.
        await GuanxiSite.GoAsync(page, "/opportunities");
        await Expect(page.GetByTestId("opportunity-row")).ToHaveCountAsync(2);
        await page.GetByTestId("opportunity-search").FillAsync("初谈" + suffix);
        await Expect(page.GetByTestId("opportunity-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("opportunity-row")).ToContainTextAsync("初谈" + suffix);
        await page.GetByTestId("opportunity-view-name").FillAsync("进行中-" + suffix);
        await page.GetByTestId("opportunity-view-save").ClickAsync();
        await Expect(page.GetByTestId("opportunity-view")).ToHaveTextAsync("进行中-" + suffix);
        await GuanxiSite.GoAsync(page, "/opportunities");
        await Expect(page.GetByTestId("opportunity-row")).ToHaveCountAsync(2);
        await page.GetByTestId("opportunity-view").ClickAsync();
        await Expect(page.GetByTestId("opportunity-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("opportunity-search")).ToHaveValueAsync("初谈" + suffix);

        // In Chinese.
        var zh = await site.OpenAsync($"/sales/forecast?period={quarter}", "zh-CN");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("销售预测");
        await Expect(zh.GetByTestId("forecast-owner").Filter(new() { HasText = "seller-" + suffix })).ToContainTextAsync("¥80,000.00");
        await GuanxiSite.GoAsync(zh, "/sales/funnel");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("销售漏斗");
        await GuanxiSite.ScreenshotAsync(zh, "sales-forecast-zh");
    }

    private Task<IPage> SignInAsync(string user) => site.SignInAsAsync(user, Password);
}
