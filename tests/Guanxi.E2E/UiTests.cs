using System.Globalization;
using System.Text.RegularExpressions;
using Guanxi.Customers;
using Guanxi.Interactions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class UiTests(GuanxiSite site)
{
    private CustomerService Customers => site.AsSystem<CustomerService>();

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static string UniquePhone() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    [Trait("Clock", "Independent")] // no dates
    [BrowserFact]
    public async Task Create_edit_and_find_a_customer()
    {
        // Letters only after the Chinese part, so the name's pinyin initials are a letters-only query (decision 0021).
        var letters = string.Concat(Guid.NewGuid().ToString("N")[..6].Select(ch => (char)('a' + Convert.ToInt32(ch.ToString(), 16))));
        var name = "测试客户 Alpha " + letters;
        var page = await site.OpenAsync("/customers/new");
        // The service's validation message appears beside its field.
        await page.GetByTestId("field-email").FillAsync("not-an-email");
        await page.GetByTestId("save-customer").ClickAsync();
        await Expect(page.GetByText("A customer needs a name.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Not a valid email address.")).ToBeVisibleAsync();
        await page.GetByTestId("field-email").FillAsync("");
        await page.GetByTestId("field-name").FillAsync(name);
        await page.GetByTestId("field-phone").FillAsync(UniquePhone());
        await page.GetByTestId("field-city").FillAsync("杭州");
        await GuanxiSite.ScreenshotAsync(page, "create-form-en");
        await page.GetByTestId("save-customer").ClickAsync();

        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(name);
        await Expect(page.GetByText("杭州")).ToBeVisibleAsync();
        await GuanxiSite.WaitInteractiveAsync(page);
        await page.GetByTestId("edit-customer").ClickAsync();
        await Expect(page.GetByTestId("field-city")).ToHaveValueAsync("杭州");
        // On a loaded machine text typed just as the edit form rendered once landed in the name field (seen twice in
        // eight runs; see the closing note): set both fields and check them before saving.
        await page.GetByTestId("field-name").FillAsync(name);
        await page.GetByTestId("field-city").FillAsync("苏州");
        await Expect(page.GetByTestId("field-name")).ToHaveValueAsync(name);
        await Expect(page.GetByTestId("field-city")).ToHaveValueAsync("苏州");
        await page.GetByTestId("save-customer").ClickAsync();
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(name);
        await Expect(page.GetByText("苏州")).ToBeVisibleAsync();

        await GuanxiSite.GoAsync(page, "/customers");
        await GuanxiSite.SearchCustomersAsync(page, name, expectedRows: 1);
        var table = page.GetByTestId("customer-table");
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(table).ToContainTextAsync("苏州");

        // The pinyin initials find it as well: 测试客户 Alpha … → cskhalpha….
        await GuanxiSite.SearchCustomersAsync(page, "CSKHalpha" + letters, expectedRows: 1);
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Log_an_interaction_and_see_it_on_the_timeline()
    {
        var created = await Customers.CreateAsync(new CustomerInput { Name = Unique("Timeline ") });
        var page = await site.OpenAsync($"/customers/{created.Customer.Id}");
        await Expect(page.GetByText("No orders or interactions yet.")).ToBeVisibleAsync();
        await page.GetByTestId("log-channel").GetByText("Visit").ClickAsync();
        var subject = Unique("Visited the showroom ");
        await page.GetByTestId("log-subject").FillAsync(subject);
        await page.GetByTestId("log-body").FillAsync("Wants a quote for 20 units.");
        await page.GetByTestId("log-save").ClickAsync();

        var entry = page.GetByTestId("timeline-interaction").First;
        await Expect(entry).ToContainTextAsync(subject);
        await Expect(entry).ToContainTextAsync("Visit");
        var logged = await site.AsSystem<InteractionService>().ListAsync(created.Customer.Id, null, 10);
        Assert.Equal(Domain.Interactions.InteractionChannel.Visit, Assert.Single(logged.Items).Channel);
    }

    [BrowserFact]
    public async Task Import_a_csv_with_one_bad_row_and_download_the_rejects()
    {
        var tag = Unique("imp");
        var file = Path.Combine(Path.GetTempPath(), tag + ".csv");
        await File.WriteAllTextAsync(file,
            "客户名称,手机号,邮箱,城市,标签\n" +
            $"导入客户甲 {tag},13700001{Random.Shared.Next(100, 999)},a-{tag}@example.com,上海,{tag}\n" +
            $",13700002000,b-{tag}@example.com,北京,{tag}\n" +
            $"导入客户丙 {tag},,c-{tag}@example.com,广州,{tag}\n");
        var page = await site.OpenAsync("/import");
        await GuanxiSite.ScreenshotAsync(page, "import-1-choose-en");
        await GuanxiSite.UploadAsync(page, file);

        await Expect(page.GetByTestId("import-encoding")).ToHaveTextAsync("utf-8");
        var mapping = page.GetByTestId("import-mapping");
        await Expect(mapping).ToContainTextAsync("客户名称");
        await Expect(page.GetByTestId("mapping-客户名称")).ToHaveValueAsync("name");
        await Expect(page.GetByTestId("mapping-手机号")).ToHaveValueAsync("phone");
        var preview = page.GetByTestId("import-preview");
        await Expect(preview.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(preview.Locator("tbody tr").Nth(1)).ToContainTextAsync("Rejected");
        await GuanxiSite.ScreenshotAsync(page, "import-2-mapping-en");

        await page.GetByTestId("import-run").ClickAsync();
        await Expect(page.GetByTestId("import-summary-line")).ToHaveTextAsync("imported 2, updated 0, unchanged 0, rejected 1", new() { Timeout = 30_000 });
        await GuanxiSite.ScreenshotAsync(page, "import-3-summary-en");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-rejects").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), tag + "-rejects.csv");
        await download.SaveAsAsync(saved);
        var lines = await File.ReadAllLinesAsync(saved);
        Assert.Equal("line,reason,raw", lines[0]);
        var reject = Assert.Single(lines.Skip(1));
        Assert.StartsWith("3,", reject, StringComparison.Ordinal);
        Assert.Contains("name", reject, StringComparison.Ordinal);

        foreach (var email in new[] { $"a-{tag}@example.com", $"c-{tag}@example.com" })
            Assert.Single((await Customers.SearchAsync(new CustomerQuery { Q = email })).Items);
    }

    [BrowserFact]
    public async Task An_unknown_header_can_be_mapped_by_hand_and_imported()
    {
        var tag = Unique("map");
        var file = Path.Combine(Path.GetTempPath(), tag + ".csv");
        await File.WriteAllTextAsync(file, $"客户全称,手机号\n手工映射客户 {tag},13600001{Random.Shared.Next(100, 999)}\n");
        var page = await site.OpenAsync("/import");
        await GuanxiSite.UploadAsync(page, file);
        await Expect(page.GetByTestId("import-file-error")).ToContainTextAsync("name");
        await Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();

        await page.GetByTestId("mapping-客户全称").ClickAsync();
        await GuanxiSite.ChooseAsync(page, "name");

        await Expect(page.GetByTestId("import-file-error")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync($"手工映射客户 {tag}");
        await page.GetByTestId("import-run").ClickAsync();
        await Expect(page.GetByTestId("import-summary-line")).ToHaveTextAsync("imported 1, updated 0, unchanged 0, rejected 0");
        await Expect(page.GetByTestId("import-rejects")).ToHaveCountAsync(0);
    }

    [Trait("Clock", "Independent")] // no dates
    [BrowserFact]
    public async Task Switching_the_language_shows_chinese()
    {
        var page = await site.OpenAsync("/customers");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
        await page.GetByTestId("culture-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("客户");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "首页" })).ToBeVisibleAsync();
        // And back: the cookie now says English.
        await page.GetByTestId("culture-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
    }

    [Trait("Clock", "Independent")] // no dates
    [BrowserFact]
    public async Task Creating_a_look_alike_warns_of_the_duplicate_and_merges_it()
    {
        var phone = UniquePhone();
        var existing = await Customers.CreateAsync(new CustomerInput { Name = Unique("Existing "), Phone = phone });
        var page = await site.OpenAsync("/customers/new");
        var lookAlike = Unique("Look-alike ");
        await page.GetByTestId("field-name").FillAsync(lookAlike);
        await page.GetByTestId("field-phone").FillAsync(phone);
        await page.GetByTestId("save-customer").ClickAsync();

        var warning = page.GetByTestId("duplicate-warning");
        await Expect(warning).ToContainTextAsync(existing.Customer.Name);
        await Expect(warning).ToContainTextAsync("same phone");
        await GuanxiSite.ScreenshotAsync(page, "duplicate-warning-en");

        await page.GetByTestId("create-anyway").ClickAsync();
        await Expect(page.GetByTestId("duplicate-banner")).ToContainTextAsync(existing.Customer.Name);
        await GuanxiSite.WaitInteractiveAsync(page);
        await page.GetByTestId("merge-preview").ClickAsync();
        await Expect(page.GetByTestId("merge-panel")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("merge-orders")).ToHaveTextAsync("0");
        // The field picker: the survivor takes this record's name; the phone is the same on both, so it is not offered.
        var nameRow = page.Locator("[data-testid=merge-field][data-field=name]");
        await Expect(page.Locator("[data-testid=merge-field][data-field=phone]")).ToHaveCountAsync(0);
        await nameRow.GetByTestId("merge-take").ClickAsync();
        await page.GetByTestId("merge-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/customers/{existing.Customer.Id}$"));
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(lookAlike);
        await Expect(page.GetByTestId("merge-history-row")).ToContainTextAsync(lookAlike);
        await Expect(page.GetByTestId("merge-history-row")).ToContainTextAsync("Taken from it: Name");
    }

    [Trait("Clock", "Independent")] // no dates
    [BrowserFact]
    public async Task Bulk_tag_selected_customers()
    {
        var prefix = Unique("Bulk");
        var ids = new List<long>();
        foreach (var n in new[] { "A", "B", "C" })
            ids.Add((await Customers.CreateAsync(new CustomerInput { Name = $"{prefix} {n}" })).Customer.Id);
        var page = await site.OpenAsync("/customers");
        await GuanxiSite.SearchCustomersAsync(page, prefix, expectedRows: 3);
        var rows = page.GetByTestId("customer-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all on this page" }).CheckAsync();
        await page.GetByTestId("bulk-tag").FillAsync("vip-" + prefix);
        await page.GetByTestId("bulk-tag-apply").ClickAsync();
        await Expect(page.GetByText("Tagged 3 customers.")).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(page, "list-bulk-en");

        await page.GetByRole(AriaRole.Button, new() { Name = "Export selected CSV" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-download").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), prefix + ".csv");
        await download.SaveAsAsync(saved);
        var lines = (await File.ReadAllLinesAsync(saved)).Where(l => l.Length > 0).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines.Skip(1), l => Assert.Contains(prefix, l, StringComparison.Ordinal));

        foreach (var id in ids) Assert.Contains("vip-" + prefix, (await Customers.GetAsync(id)).Tags);
    }

    [BrowserFact]
    public async Task Screenshots_of_the_main_pages_in_both_languages()
    {
        var someone = (await Customers.SearchAsync(new CustomerQuery { HasOrders = true, Limit = 1 })).Items[0];
        var sample = Path.Combine(Path.GetTempPath(), Unique("sample") + ".csv");
        await File.WriteAllTextAsync(sample, "客户名称,手机号,城市,会员等级\n张三,13800138000,上海,金卡\n,13800138001,北京,银卡\n");
        // A buyer of last month (a month of the home page's charts, never in the future on any test day).
        var month = new DateOnly(Testing.TestClock.Today.Year, Testing.TestClock.Today.Month, 1).AddMonths(-1);
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var buyer = (await Customers.CreateAsync(new CustomerInput { Name = Unique("月度买家") })).Customer;
        await site.AsSystem<Orders.OrderService>().CreateAsync(new Orders.OrderInput { CustomerId = buyer.Id, OrderedAt = month.ToDateTime(new TimeOnly(10, 0)), Amount = 66m, Channel = "门店" });
        foreach (var (locale, suffix) in new[] { ("en-US", "en"), ("zh-CN", "zh") })
        {
            var page = await site.OpenAsync("/", locale);
            await Expect(page.GetByTestId("figure-customers")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("figure-revenue")).ToHaveTextAsync(new Regex(@"^¥[\d,]+\.\d{2}$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync(suffix == "zh" ? "首页" : "Home");
            await GuanxiSite.ScreenshotAsync(page, $"home-{suffix}");
            // Each month of the charts opens its customers: last month's revenue opens its buyers, the newest first.
            await Expect(page.Locator($"[data-testid=new-customer-month][data-month='{monthText}']")).ToHaveAttributeAsync("href", $"/customers?firstBoughtIn={monthText}");
            await page.Locator($"[data-testid=revenue-month][data-month='{monthText}']").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("boughtIn=" + monthText, StringComparison.Ordinal));
            await Expect(page.GetByTestId("filter-bought-in")).ToContainTextAsync(monthText);
            await Expect(page.GetByTestId("customer-row").First).ToContainTextAsync(buyer.Name);
            await GuanxiSite.GoAsync(page, "/customers");
            await Expect(page.GetByTestId("customer-table")).ToBeVisibleAsync();
            await GuanxiSite.ScreenshotAsync(page, $"list-{suffix}");
            await GuanxiSite.GoAsync(page, $"/customers/{someone.Id}");
            await Expect(page.GetByTestId("timeline")).ToBeVisibleAsync();
            await GuanxiSite.ScreenshotAsync(page, $"customer-360-{suffix}");
            await GuanxiSite.GoAsync(page, "/customers/new");
            await GuanxiSite.ScreenshotAsync(page, $"create-form-{suffix}");
            await GuanxiSite.GoAsync(page, "/import");
            await GuanxiSite.ScreenshotAsync(page, $"import-{suffix}");
            await GuanxiSite.UploadAsync(page, sample);
            await Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync();
            await GuanxiSite.ScreenshotAsync(page, $"import-mapping-{suffix}");
            await GuanxiSite.GoAsync(page, "/settings");
            await GuanxiSite.ScreenshotAsync(page, $"settings-{suffix}");
            await page.GotoAsync("/signin?error=1");
            await GuanxiSite.ScreenshotAsync(page, $"signin-{suffix}");
            await page.Context.CloseAsync();
        }

        var phone = await site.OpenAsync("/customers", "zh-CN", 390, 844);
        await GuanxiSite.ScreenshotAsync(phone, "list-phone-zh");
        await GuanxiSite.GoAsync(phone, $"/customers/{someone.Id}");
        await GuanxiSite.ScreenshotAsync(phone, "customer-360-phone-zh");
    }
}
