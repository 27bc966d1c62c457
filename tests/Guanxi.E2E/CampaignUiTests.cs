using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Marketing;
using Guanxi.Privacy;
using Guanxi.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Trait("Clock", "Independent")] // the send and its report are relative to the site's clock; no calendar dates involved
[Collection(SiteCollection.Name)]
public sealed class CampaignUiTests(GuanxiSite site)
{
    private const string Password = "Campaign-password-1";

    [BrowserFact]
    public async Task A_marketer_builds_a_campaign_previews_the_exclusions_sends_it_and_reads_sent_versus_control()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var tag = "e2e-" + suffix;
        await site.AsSystem<StaffDirectory>().AddUserAsync("camp-" + suffix, Roles.Marketer, null, Password);
        var customers = site.AsSystem<CustomerService>();
        var privacy = site.AsSystem<PrivacyService>();
        for (var i = 0; i < 12; i++)
        {
            var c = (await customers.CreateAsync(new CustomerInput { Name = $"活动客户{suffix}-{i}", Email = $"c{i}{suffix}@example.com", Tags = [tag] })).Customer;
            if (i > 0) await privacy.GiveConsentAsync(c.Id, new ConsentInput("email", "marketing", "e2e", null)); // the first has no consent
        }
        var template = await site.AsSystem<TemplateService>().CreateAsync(new MessageTemplateInput("Offer " + suffix, "email", "en", "{{ name }}, an offer", "Dear {{ name }}. {{ unsubscribe_link }}"));

        var page = await SignInAsync("camp-" + suffix);
        await GuanxiSite.GoAsync(page, "/marketing/campaigns");
        await page.GetByTestId("new-campaign").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/marketing/campaigns/new", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);

        // 1. Audience: customers with the tag.
        await page.GetByTestId("campaign-name").FillAsync("Campaign " + suffix);
        await page.GetByTestId("condition-value-0").ClickAsync();
        await GuanxiSite.ChooseAsync(page, tag);
        await Expect(page.GetByTestId("campaign-audience")).ToHaveValueAsync($$"""{"tag":"{{tag}}"}""");
        // 2. Template.
        await page.GetByTestId("campaign-next").ClickAsync();
        await page.GetByTestId("campaign-template").ClickAsync();
        await GuanxiSite.ChooseAsync(page, "Offer " + suffix, exact: false);
        // 3. Control group of 50 %.
        await page.GetByTestId("campaign-next").ClickAsync();
        await page.GetByTestId("campaign-control").FillAsync("50");
        // 4. Review: 12 in the audience, the one without consent excluded, the rest split into sent and control.
        await page.GetByTestId("campaign-next").ClickAsync();
        await page.GetByTestId("campaign-preview").ClickAsync();
        await Expect(page.GetByTestId("count-audience")).ToHaveTextAsync("12");
        await Expect(page.GetByTestId("count-excluded")).ToHaveTextAsync("1");
        var queued = int.Parse(await page.GetByTestId("count-queued").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var control = int.Parse(await page.GetByTestId("count-control").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(11, queued + control);
        await Expect(page.GetByTestId("sample-row")).ToHaveCountAsync(Math.Min(10, queued));
        await GuanxiSite.ScreenshotAsync(page, "campaign-review-en");
        await page.GetByTestId("campaign-send").ClickAsync();
        await page.GetByTestId("campaign-send-confirm").ClickAsync();
        await Expect(page.GetByTestId("campaign-message")).ToContainTextAsync("Written to the outbox.");

        // The results page: sent versus control, and the messages of the campaign.
        await page.GetByTestId("campaign-results").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/results", StringComparison.Ordinal));
        var groups = page.GetByTestId("results-group");
        await Expect(groups).ToHaveCountAsync(2);
        await Expect(groups.Nth(0)).ToContainTextAsync(queued.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(groups.Nth(1)).ToContainTextAsync(control.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("chart-revenue")).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(page, "campaign-results-en");
        var id = long.Parse(page.Url.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        var report = await site.AsSystem<CampaignService>().ReportAsync(id);
        Assert.Equal((queued, control), ((int)report.Sent.Customers, (int)report.Control.Customers));
        Assert.Equal(template.Id, (await site.AsSystem<CampaignService>().GetAsync(id)).TemplateId);

        // The list in Chinese shows it as sent.
        var zh = await site.OpenAsync("/marketing/campaigns", "zh-CN");
        await Expect(zh.GetByTestId("campaign-row").Filter(new() { HasText = "Campaign " + suffix })).ToContainTextAsync("已发送");
    }

    private Task<IPage> SignInAsync(string user) => site.SignInAsAsync(user, Password);
}
