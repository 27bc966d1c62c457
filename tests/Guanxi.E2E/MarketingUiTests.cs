using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Marketing;
using Guanxi.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Trait("Clock", "Independent")] // templates and the outbox page: no dates; scripts/test.sh runs it on the first day only
[Collection(SiteCollection.Name)]
public sealed class MarketingUiTests(GuanxiSite site)
{
    private const string Password = "Marketing-password-1";

    [BrowserFact]
    public async Task A_marketer_writes_a_template_with_a_live_preview_and_finds_its_messages_in_the_outbox()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await site.AsSystem<StaffDirectory>().AddUserAsync("mkt-" + suffix, Roles.Marketer, null, Password);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "预览客户" + suffix, Email = $"p{suffix}@example.com" })).Customer;

        var page = await SignInAsync("mkt-" + suffix);
        await GuanxiSite.GoAsync(page, "/marketing/templates");
        await page.GetByTestId("new-template").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/marketing/templates/new", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await page.GetByTestId("template-name").FillAsync("Welcome " + suffix);
        await page.GetByTestId("template-subject").FillAsync("Hello {{ name }}");

        // The live preview on a chosen customer; an unknown placeholder is named at once.
        await GuanxiSite.PickAsync(page, "template-preview-customer", "预览客户" + suffix, $"预览客户{suffix} ({customer.Code})");
        // A body typed while the choice is still being taken can be cleared by its re-render (seen on a busy machine):
        // type it again until the preview answers, as a person would.
        for (var attempt = 0; ; attempt++)
        {
            await page.GetByTestId("template-body").FillAsync("Dear {{ nmae }}");
            try
            {
                await Expect(page.GetByTestId("template-preview-error")).ToContainTextAsync("nmae", new() { Timeout = 8_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await page.GetByTestId("template-body").FillAsync("Dear <b>{{ name }}</b>, {{ honorific }}.");
        await Expect(page.GetByTestId("template-preview-subject")).ToHaveTextAsync("Hello 预览客户" + suffix);
        await Expect(page.GetByTestId("template-preview-body")).ToHaveTextAsync($"Dear <b>预览客户{suffix}</b>, Dear customer.");
        await page.GetByTestId("template-save").ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/marketing/templates/\d+$"));
        var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("Dear <b>{{ name }}</b>, {{ honorific }}.", (await site.AsSystem<TemplateService>().GetAsync(id)).Body);
        await GuanxiSite.ScreenshotAsync(page, "template-editor-en");

        // The customer has no consent: the message is written as excluded, with the reason, and shown in the outbox.
        var written = await site.AsSystem<OutboxWriter>().WriteAsync(id, [customer.Id], "e2e-" + suffix);
        Assert.Equal(1, written.NoConsent);
        var zh = await site.OpenAsync("/marketing/outbox", "zh-CN");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "发件箱" })).ToBeVisibleAsync();
        await zh.GetByTestId("outbox-status").GetByText("已排除").ClickAsync();
        var row = zh.GetByTestId("outbox-row").Filter(new() { HasText = "预览客户" + suffix });
        await Expect(row).ToContainTextAsync("no consent");
        await Expect(row).ToContainTextAsync("已排除");
        await GuanxiSite.GoAsync(zh, "/marketing/templates");
        await Expect(zh.GetByTestId("template-row").Filter(new() { HasText = "Welcome " + suffix })).ToContainTextAsync("电子邮件");
        await GuanxiSite.ScreenshotAsync(zh, "templates-zh");

        // The care rules page in Chinese: a Spring Festival rule on the template is listed with its kind and festival.
        await site.AsSystem<CareRuleService>().CreateAsync(new CareRuleInput("春节 " + suffix, "festival", "spring_festival", 2, id, "21:00", "09:00", 7, true));
        await GuanxiSite.GoAsync(zh, "/marketing/care");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "客户关怀" })).ToBeVisibleAsync();
        var care = zh.GetByTestId("care-row").Filter(new() { HasText = "春节 " + suffix });
        await Expect(care).ToContainTextAsync("节日祝福 · 春节");
        await Expect(care).ToContainTextAsync("21:00–09:00");
        await GuanxiSite.WaitInteractiveAsync(zh);
        await care.GetByTestId("care-edit").ClickAsync();
        await Expect(zh.GetByTestId("care-editor")).ToContainTextAsync("编辑关怀规则");
        await Expect(zh.GetByTestId("care-name")).ToHaveValueAsync("春节 " + suffix);
        await GuanxiSite.ScreenshotAsync(zh, "care-rules-zh");

        // The outreach calendar in Chinese places the rule's greeting two days before the next Spring Festival.
        var today = DateOnly.FromDateTime(site.Services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);
        var greet = Guanxi.Domain.Care.Festivals.DateIn(Guanxi.Domain.Care.Festival.SpringFestival, today.Year).AddDays(-2);
        if (greet < today) greet = Guanxi.Domain.Care.Festivals.DateIn(Guanxi.Domain.Care.Festival.SpringFestival, today.Year + 1).AddDays(-2);
        await GuanxiSite.GoAsync(zh, "/marketing/calendar");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "营销日历" })).ToBeVisibleAsync();
        await GuanxiSite.WaitInteractiveAsync(zh);
        for (var m = (greet.Year - today.Year) * 12 + greet.Month - today.Month; m > 0; m--)
        {
            var shown = await zh.GetByTestId("calendar-month").InnerTextAsync();
            await zh.GetByTestId("calendar-next").ClickAsync();
            await Expect(zh.GetByTestId("calendar-month")).Not.ToHaveTextAsync(shown);
        }
        await Expect(zh.GetByTestId("calendar-month")).ToHaveTextAsync($"{greet.Year}年{greet.Month}月");
        await Expect(zh.GetByTestId($"calendar-day-{greet.Day}")).ToContainTextAsync("春节 · 春节 " + suffix);
        await GuanxiSite.ScreenshotAsync(zh, "outreach-calendar-zh");
    }

    private Task<IPage> SignInAsync(string user) => site.SignInAsAsync(user, Password);
}
