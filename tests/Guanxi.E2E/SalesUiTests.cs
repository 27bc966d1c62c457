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

    [BrowserFact]
    public async Task An_admin_sets_up_a_pipeline_a_product_and_a_grade_cadence_and_a_rep_cannot()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var catalog = site.AsSystem<SalesCatalog>();
        var grading = site.AsSystem<LeadGrading>();
        var rulesBefore = await grading.RulesAsync();
        try
        {
            // A new pipeline: the three proposed stages named, the last one's probability lowered; saved in that order.
            var page = await site.OpenAsync("/sales/setup", "zh-CN");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("销售设置");
            // The form shows the default pipeline first; typing waits until the click has emptied it for a new one.
            await Expect(page.GetByTestId("setup-pipeline-name")).Not.ToHaveValueAsync("");
            await page.GetByTestId("setup-pipeline-new").ClickAsync();
            await Expect(page.GetByTestId("setup-pipeline-name")).ToHaveValueAsync("");
            await page.GetByTestId("setup-pipeline-name").FillAsync("渠道-" + suffix);
            var names = page.GetByTestId("setup-stage-name");
            await Expect(names).ToHaveCountAsync(3);
            await names.Nth(0).FillAsync("接洽");
            await names.Nth(1).FillAsync("接洽");
            await names.Nth(2).FillAsync("签约");
            await page.GetByTestId("setup-stage-probability").Nth(2).FillAsync("80");
            // Two stages of one name: refused beside the field, in Chinese, and nothing is saved.
            await page.GetByTestId("setup-pipeline-save").ClickAsync();
            await Expect(page.GetByText("两个阶段名称相同。")).ToBeVisibleAsync();
            Assert.DoesNotContain(await catalog.PipelinesAsync(), p => p.Name == "渠道-" + suffix);
            await names.Nth(1).FillAsync("方案");
            await page.GetByTestId("setup-pipeline-save").ClickAsync();
            await Expect(page.GetByTestId("setup-pipeline").Filter(new() { HasText = "渠道-" + suffix })).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("setup-pipeline-name")).ToHaveValueAsync("渠道-" + suffix);
            var saved = (await catalog.PipelinesAsync()).Single(p => p.Name == "渠道-" + suffix);
            Assert.Equal(["接洽", "方案", "签约"], saved.Stages.Select(s => s.Name));
            Assert.Equal([10, 50, 80], saved.Stages.Select(s => s.Probability));
            // Reordered: the last stage moved up one.
            await page.GetByRole(AriaRole.Button, new() { Name = "上移" }).Nth(2).ClickAsync();
            await page.GetByTestId("setup-pipeline-save").ClickAsync();
            await UntilAsync(async () => (await catalog.PipelineAsync(saved.Id)).Stages.Select(s => s.Name).SequenceEqual(["接洽", "签约", "方案"]));
            await GuanxiSite.ScreenshotAsync(page, "sales-setup-zh");
            // A stage with an opportunity in it is not removed: the reason in Chinese, and the pipeline unchanged.
            var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "设置客户" + suffix })).Customer;
            await site.AsSystem<OpportunityService>().CreateAsync(new OpportunityInput
            {
                CustomerId = customer.Id, Title = "设置商机" + suffix, Amount = 1000m, PipelineId = saved.Id, StageId = saved.Stages[0].Id,
            });
            await page.GetByTestId("setup-stage-remove").Nth(0).ClickAsync();
            await Expect(page.GetByTestId("setup-stage-name")).ToHaveCountAsync(2);
            await page.GetByTestId("setup-pipeline-save").ClickAsync();
            await Expect(page.GetByText("被移除的阶段仍有销售机会或历史记录；请先移走这些机会，或保留该阶段。")).ToBeVisibleAsync();
            Assert.Equal(["接洽", "签约", "方案"], (await catalog.PipelineAsync(saved.Id)).Stages.Select(s => s.Name));

            // A product, found by its code, then marked inactive.
            await page.GetByRole(AriaRole.Tab, new() { Name = "产品" }).ClickAsync();
            await page.GetByTestId("setup-product-code").FillAsync("SKU-" + suffix);
            await page.GetByTestId("setup-product-name").FillAsync("冷水机组");
            await page.GetByTestId("setup-product-price").FillAsync("12800");
            await page.GetByTestId("setup-product-category").FillAsync("设备");
            await page.GetByTestId("setup-product-save").ClickAsync();
            await page.GetByTestId("setup-product-search").FillAsync("SKU-" + suffix);
            await page.GetByTestId("setup-product-search").PressAsync("Enter");
            var row = page.Locator($"[data-testid=setup-product-row][data-product-code='SKU-{suffix}']");
            await Expect(page.GetByTestId("setup-product-row")).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("¥12,800.00");
            await Expect(row).ToContainTextAsync("在售");
            await row.GetByTestId("setup-product-edit").ClickAsync();
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "在售" }).UncheckAsync();
            await page.GetByTestId("setup-product-save").ClickAsync();
            await Expect(row).ToContainTextAsync("停售");
            var product = (await catalog.ProductsAsync("SKU-" + suffix, null, null, 10)).Items.Single();
            Assert.Equal(("冷水机组", 12800m, "设备", false), (product.Name, product.Price, product.Category, product.Active));

            // Grade B followed up every 10 days with two next steps.
            await page.GetByRole(AriaRole.Tab, new() { Name = "线索等级" }).ClickAsync();
            var b = page.Locator("[data-testid=setup-grade-row][data-grade=B]");
            await b.GetByTestId("setup-grade-cadence").FillAsync("10");
            await b.GetByTestId("setup-grade-steps").FillAsync("邀请参加试用活动\n发送同行案例");
            await page.GetByTestId("setup-grades-save").ClickAsync();
            await UntilAsync(async () => (await grading.RulesAsync()).Single(r => r.Grade == "B").CadenceDays == 10);
            Assert.Equal(["邀请参加试用活动", "发送同行案例"], (await grading.RulesAsync()).Single(r => r.Grade == "B").NextSteps);

            // In English, and for a rep: no link, and the page is refused.
            var en = await site.OpenAsync("/sales/setup");
            await Expect(en.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sales set-up");
            await Expect(en.GetByTestId("setup-pipeline").Filter(new() { HasText = "渠道-" + suffix })).ToHaveCountAsync(1);
            await site.AsSystem<StaffDirectory>().AddUserAsync("setup-rep-" + suffix, Roles.SalesRep, null, Password);
            var rep = await SignInAsync("setup-rep-" + suffix);
            await Expect(rep.GetByTestId("nav-opportunities")).ToBeVisibleAsync();
            await Expect(rep.GetByTestId("nav-sales-setup")).ToHaveCountAsync(0);
            await rep.GotoAsync("/sales/setup");
            await Expect(rep.GetByTestId("setup-pipeline-save")).ToHaveCountAsync(0);
            await Expect(rep.GetByRole(AriaRole.Heading, new() { Name = "Sales set-up" })).ToHaveCountAsync(0);
        }
        finally
        {
            // The grade rules are company-wide: the other tests see the defaults again.
            await grading.PutRulesAsync([.. rulesBefore.Select(r => new GradeRuleInput(r.Grade, r.CadenceDays, r.UntilClosed, [.. r.NextSteps]))]);
        }
    }

    private Task<IPage> SignInAsync(string user) => site.SignInAsAsync(user, Password);

    /// <summary>Waits until a save a click sent over the circuit has landed (the page shows nothing new for it).</summary>
    private static async Task UntilAsync(Func<Task<bool>> landed)
    {
        for (var tries = 0; !await landed(); tries++)
        {
            if (tries == 600) throw new TimeoutException("The save did not land within a minute.");
            await Task.Delay(100);
        }
    }
}
