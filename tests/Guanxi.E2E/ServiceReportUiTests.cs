using System.Text;
using Guanxi.Customers;
using Guanxi.Import;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class ServiceReportUiTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task The_service_report_shows_a_months_requests_as_bars_that_open_the_queue_and_exports_them()
    {
        // A month of its own (June 2025, before anything the other tests make), imported like a real desk's history.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "报表客户" + suffix })).Customer;
        var dir = Directory.CreateTempSubdirectory("guanxi-e2e-report").FullName;
        var file = Path.Combine(dir, "requests.csv");
        await File.WriteAllTextAsync(file, $"""
            request_id,customer_code,type,channel,subject,created_at,resolved_at
            R{suffix}-1,{customer.Code},complaint,wechat,Late delivery {suffix},2025-06-02T09:00:00,2025-06-02T09:40:00
            R{suffix}-2,{customer.Code},complaint,phone,Rude staff {suffix},2025-06-03T09:00:00,
            R{suffix}-3,{customer.Code},repair,wechat,Broken hinge {suffix},2025-06-04T09:00:00,2025-06-05T09:00:00

            """.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
        var summary = await site.AsSystem<ImportService>().RunAsync(ImportKind.ServiceRequests, file, new ImportOptions(), null, null, CancellationToken.None);
        Assert.Equal("imported 3, updated 0, unchanged 0, rejected 0", summary.Line);

        var page = await site.OpenAsync("/service/reports?from=2025-06-01&to=2025-06-30");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Service reports" })).ToBeVisibleAsync();
        var figures = page.GetByTestId("report-figures");
        await Expect(figures).ToContainTextAsync("Requests made");
        await Expect(figures.Locator(".mud-paper").First).ToContainTextAsync("3");
        var complaints = page.GetByTestId("chart-type").GetByTestId("report-bar").Filter(new() { HasText = "Complaint" });
        await Expect(complaints).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.GetByTestId("chart-channel").GetByTestId("report-bar").Filter(new() { HasText = "WeChat" })).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.GetByTestId("report-times").GetByTestId("time-resolution")).ToContainTextAsync("40 min");
        // The satisfaction trend: a bar per week of June for CSAT and for NPS, none answered in this month of its own.
        var trend = page.GetByTestId("chart-satisfaction");
        await Expect(trend.GetByTestId("trend-csat")).ToHaveCountAsync(5);
        await Expect(trend.GetByTestId("trend-nps").First).ToHaveAttributeAsync("data-from", "2025-06-01");
        await Expect(trend.GetByTestId("trend-nps").First).ToContainTextAsync("0 answers");
        await GuanxiSite.ScreenshotAsync(page, "service-reports-en");

        // The export is a workbook of the same range.
        await page.GetByTestId("report-export").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-download").ClickAsync());
        Assert.Equal("service-report-20250601-20250630.xlsx", download.SuggestedFilename);

        // A type's bar opens the queue on that type, all statuses.
        await complaints.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/service?view=all&type=Complaint", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        var rows = page.GetByTestId("service-row").Filter(new() { HasText = suffix });
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("service-row").Filter(new() { HasText = "Broken hinge " + suffix })).ToHaveCountAsync(0);
    }
}
