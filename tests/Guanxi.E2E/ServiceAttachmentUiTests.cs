using System.Text;
using Guanxi.Customers;
using Guanxi.Domain.Service;
using Guanxi.Service;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class ServiceAttachmentUiTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task A_file_attached_on_the_request_page_is_listed_with_a_download_link_and_markup_is_refused()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "附件客户" + suffix })).Customer;
        var request = await site.AsSystem<ServiceDesk>().CreateAsync(new ServiceRequestInput
        {
            CustomerId = customer.Id, Type = ServiceRequestType.Repair, Channel = ServiceChannel.Phone, Subject = "Cracked screen " + suffix,
        });
        var dir = Directory.CreateTempSubdirectory("guanxi-e2e-attach").FullName;
        var note = Path.Combine(dir, $"notes-{suffix}.txt");
        await File.WriteAllTextAsync(note, "客户说：屏幕在周一摔碎。", new UTF8Encoding(false));
        var page = await site.OpenAsync($"/service/{request.Id}", "zh-CN");
        var panel = page.GetByTestId("service-attachments");
        await Expect(panel).ToContainTextAsync("附件");
        // MudFileUpload adds a fresh input after each pick: the last one is the live one.
        var input = panel.Locator("input[type=file]").Last;
        var row = panel.GetByTestId("service-attachment").Filter(new() { HasText = $"notes-{suffix}.txt" });
        // The file input's script attaches just after the circuit starts: set the file again until the page takes it.
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0) await input.SetInputFilesAsync(Array.Empty<string>());
            await input.SetInputFilesAsync(note);
            try
            {
                await row.First.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await Expect(row.First.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/api/v1/service-requests/{request.Id}/attachments/\\d+$"));
        await Expect(page.GetByTestId("service-history")).ToContainTextAsync("上传附件");

        // Markup with a .txt name is not text: refused, named on the page, nothing listed.
        var html = Path.Combine(dir, $"page-{suffix}.txt");
        await File.WriteAllTextAsync(html, "<html><script>alert(1)</script></html>", new UTF8Encoding(false));
        await input.SetInputFilesAsync(html);
        await Expect(panel.GetByTestId("service-attachment-error")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("service-attachment").Filter(new() { HasText = $"page-{suffix}.txt" })).ToHaveCountAsync(0);
        await GuanxiSite.ScreenshotAsync(page, "service-attachments-zh");
    }
}
