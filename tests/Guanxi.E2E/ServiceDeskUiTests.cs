using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Service;
using Guanxi.Maintenance;
using Guanxi.Security;
using Guanxi.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class ServiceDeskUiTests(GuanxiSite site)
{
    private const string Password = "Agent-password-1";

    [BrowserFact]
    public async Task An_agent_takes_a_request_from_the_queue_works_it_resolves_it_and_the_follow_up_visit_is_scheduled()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var agent = await site.AsSystem<StaffDirectory>().AddUserAsync("agent-" + suffix, Roles.ServiceAgent, null, Password);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "服务客户" + suffix })).Customer;
        await using (var db = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.GuanxiDbContext>>().CreateDbContext())
        {
            db.CustomerShares.Add(new CustomerShare { CustomerId = customer.Id, UserId = agent.Id, Access = ShareAccess.Edit });
            await db.SaveChangesAsync();
        }
        var subject = "<b>Fridge</b> is not cooling " + suffix;
        var request = await site.AsSystem<ServiceDesk>().CreateAsync(new ServiceRequestInput
        {
            CustomerId = customer.Id, Type = ServiceRequestType.Repair, Channel = ServiceChannel.WeChat, Priority = ServicePriority.High, Subject = subject,
        });

        var page = await SignInAsync("agent-" + suffix);
        await GuanxiSite.GoAsync(page, "/service");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Service queue" })).ToBeVisibleAsync();
        await page.GetByTestId("service-view").GetByText("Unassigned", new() { Exact = true }).ClickAsync();
        var row = page.GetByTestId("service-row").Filter(new() { HasText = suffix });
        // The subject is text: the markup shows as typed.
        await Expect(row).ToContainTextAsync(subject);
        await row.GetByTestId("service-take").ClickAsync();
        await Expect(page.GetByTestId("service-row").Filter(new() { HasText = suffix })).ToHaveCountAsync(0);
        await page.GetByTestId("service-view").GetByText("Mine", new() { Exact = true }).ClickAsync();
        var mine = page.GetByTestId("service-row").Filter(new() { HasText = suffix });
        await Expect(mine).ToContainTextAsync("agent-" + suffix);
        await GuanxiSite.ScreenshotAsync(page, "service-queue-en");

        await mine.GetByTestId("service-open").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/service/{request.Id}", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("service-status")).ToHaveAttributeAsync("data-status", "assigned");
        await page.GetByTestId("service-move-note").FillAsync("Called the customer");
        await page.GetByTestId("service-to-in-progress").ClickAsync();
        await Expect(page.GetByTestId("service-status")).ToHaveAttributeAsync("data-status", "in-progress");
        await page.GetByTestId("service-note-body").FillAsync("Technician booked for tomorrow");
        await page.GetByTestId("service-note-save").ClickAsync();
        await Expect(page.GetByTestId("service-note")).ToContainTextAsync("Technician booked for tomorrow");
        await page.GetByTestId("service-to-resolved").ClickAsync();
        await Expect(page.GetByTestId("service-status")).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(page.GetByTestId("service-follow-up")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("service-history")).ToContainTextAsync("In progress → Resolved");
        await GuanxiSite.ScreenshotAsync(page, "service-request-en");

        // The follow-up visit is the agent's task, due after the policy's days (the default without a policy).
        var taskId = long.Parse(await page.GetByTestId("service-follow-up").GetAttributeAsync("data-task-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var task = await site.AsSystem<TaskService>().GetAsync(taskId);
        Assert.Equal(TaskOrigin.ServiceFollowUp, task.Origin);
        Assert.Equal(agent.Id, task.AssigneeId);
        Assert.Equal(customer.Id, task.CustomerId);

        // In Chinese: the request page and the customer's service panel (closed requests leave the panel).
        var zh = await site.OpenAsync($"/service/{request.Id}", "zh-CN");
        await Expect(zh.GetByTestId("service-status")).ToHaveTextAsync("已解决");
        await Expect(zh.GetByTestId("service-history")).ToContainTextAsync("处理中 → 已解决");
        await GuanxiSite.ScreenshotAsync(zh, "service-request-zh");
        await GuanxiSite.GoAsync(zh, $"/customers/{customer.Id}");
        await Expect(zh.GetByTestId("customer-service")).ToContainTextAsync("服务请求");
        await Expect(zh.GetByTestId("customer-service-row")).ToHaveCountAsync(0);
    }

    private Task<IPage> SignInAsync(string user) => site.SignInAsAsync(user, Password);
}
