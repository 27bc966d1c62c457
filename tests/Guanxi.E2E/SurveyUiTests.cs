using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Guanxi.Models;
using Guanxi.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class SurveyUiTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task The_customer_answers_the_survey_on_a_phone_and_the_next_run_moves_them_into_the_severe_unsatisfied_class()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "调查客户" + suffix })).Customer;
        var complaint = await site.AsSystem<ServiceDesk>().CreateAsync(new ServiceRequestInput
        {
            CustomerId = customer.Id,
            Type = ServiceRequestType.Complaint,
            Channel = ServiceChannel.Phone,
            Subject = "<i>Late</i> delivery " + suffix,
        });

        // Before: an open complaint only (2 points) — moderately unsatisfied.
        Assert.Equal("moderate", await UnsatisfiedClassAsync(customer.Id));

        // The agent sends a CSAT survey from the request page; the link is shown once.
        var staff = await site.OpenAsync($"/service/{complaint.Id}");
        await staff.GetByTestId("send-csat").ClickAsync();
        var link = (await staff.GetByTestId("survey-link").TextContentAsync())!.Trim();
        Assert.Contains("/s/", link, StringComparison.Ordinal);

        // The customer, signed out, on a 390 px phone in Chinese.
        await using var phone = await site.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "您对这次服务满意吗？" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("survey-subject")).ToHaveTextAsync("<i>Late</i> delivery " + suffix);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the survey page scrolls sideways at 390 px");
        await page.Locator("label[for=score-1]").TapAsync();
        await Expect(page.GetByTestId("score-1")).ToBeCheckedAsync();
        await page.GetByTestId("survey-comment").FillAsync("<script>alert(1)</script>等了三天");
        await GuanxiSite.ScreenshotAsync(page, "survey-390-zh");
        await page.GetByTestId("survey-send").TapAsync();
        await Expect(page.GetByTestId("survey-thanks")).ToHaveTextAsync("谢谢！您的评价已记录。");

        // The switch to English: the link is used up now, said in English.
        await page.GetByTestId("lang-en").TapAsync();
        await Expect(page.GetByTestId("survey-gone")).ToHaveTextAsync("This survey link was already used or has expired.");
        await GuanxiSite.ScreenshotAsync(page, "survey-used-390-en");

        // The next run reads the rating: 1/5 (2 points) and the open complaint (2 points) — severely unsatisfied.
        Assert.Equal("severe", await UnsatisfiedClassAsync(customer.Id));

        // The 360 page shows the answer in the satisfaction history, the comment as text.
        var profile = await site.OpenAsync($"/customers/{customer.Id}");
        var answered = profile.GetByTestId("customer-satisfaction-row");
        await Expect(answered).ToHaveAttributeAsync("data-score", "1");
        await Expect(answered).ToContainTextAsync("<script>alert(1)</script>等了三天");
        await Expect(profile.GetByTestId("customer-service-row")).ToContainTextAsync("Late");
    }

    /// <summary>Runs the models as of today and reads the customer's class in the unsatisfied model.</summary>
    private async Task<string?> UnsatisfiedClassAsync(long customerId)
    {
        var run = await CurrentUser.RunAsAsync(AccessScope.System, () => site.Services.GetRequiredService<ModelRunService>().RunAsync(null, "test", CancellationToken.None));
        var queries = site.AsSystem<ModelQueries>();
        foreach (var cls in Guanxi.Domain.Models.ModelCatalog.Unsatisfied.Classes)
        {
            var page = await queries.CustomersOfClassAsync("unsatisfied", cls.Key, run.RunId, (customerId - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, CancellationToken.None);
            if (page.Items.Count == 1 && page.Items[0].Id == customerId) return cls.Key;
        }
        return null;
    }
}
