using Guanxi.Data.Security;
using Guanxi.Maintenance;
using Guanxi.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

/// <summary>The playbook pages as an admin uses them: the list, a playbook's strategy, a new version, the evaluation's charts.</summary>
[Collection(SiteCollection.Name)]
public sealed class PlaybookUiTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task An_admin_edits_a_playbook_into_a_new_version_and_reads_its_evaluation_charts()
    {
        // Two runs a month apart over the demo data: the second tells who stayed, moved and bought again.
        var runs = site.Services.GetRequiredService<ModelRunService>();
        var today = runs.Today;
        await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(today.AddDays(-30), "test", CancellationToken.None));
        await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(today, "test", CancellationToken.None));
        var playbook = (await CurrentUser.RunAsAsync(AccessScope.System, () => site.Services.GetRequiredService<PlaybookService>().ListAsync()))
            .First(p => p.ModelKey == "comprehensive" && p.ClassKey == "key");

        var page = await site.OpenAsync("/playbooks");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playbooks" })).ToBeVisibleAsync();
        await page.GetByTestId("playbooks").GetByRole(AriaRole.Link, new() { Name = playbook.Name }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/playbooks/{playbook.Id}", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByText("Comprehensive customers · Key")).ToBeVisibleAsync();

        // Edit the cadence: saving makes a new version, listed on the playbook's page.
        await GuanxiSite.GoAsync(page, $"/playbooks/{playbook.Id}/edit");
        var cadence = page.GetByTestId("playbook-cadence");
        await cadence.FillAsync("10");
        await page.GetByTestId("playbook-save").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/playbooks/{playbook.Id}", StringComparison.Ordinal));
        await Expect(page.GetByText("every 10 days")).ToBeVisibleAsync();
        await Expect(page.GetByText($"Version {playbook.Version + 1} ·")).ToBeVisibleAsync();

        // The evaluation: figures and charts drawn from the two runs.
        await page.GetByTestId("open-evaluation").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/evaluation", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("evaluation-figures")).ToContainTextAsync("Retention");
        foreach (var chart in new[] { "chart-layer", "chart-rates", "chart-movement", "chart-flow" })
            await Expect(page.GetByTestId(chart).Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("versions")).ToContainTextAsync("→");
        await GuanxiSite.ScreenshotAsync(page, "playbook-evaluation-en");

        var zh = await site.OpenAsync($"/playbooks/{playbook.Id}/evaluation", "zh-CN");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "效果评估 · " + playbook.Name })).ToBeVisibleAsync();
        await Expect(zh.GetByTestId("chart-layer").Locator("svg").First).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(zh, "playbook-evaluation-zh");
        await GuanxiSite.GoAsync(zh, "/win-back");
        await Expect(zh.GetByRole(AriaRole.Heading, new() { Name = "客户挽回" })).ToBeVisibleAsync();
    }
}
