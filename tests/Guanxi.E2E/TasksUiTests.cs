using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Hosting;
using Guanxi.Maintenance;
using Guanxi.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

[Collection(SiteCollection.Name)]
public sealed class TasksUiTests(GuanxiSite site)
{
    private const string Password = "Rep-password-1";

    [BrowserFact]
    public async Task A_reps_day_sees_todays_task_completes_it_with_an_outcome_and_the_next_task_appears()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var rep = await site.AsSystem<StaffDirectory>().AddUserAsync("day-rep-" + suffix, Roles.SalesRep, null, Password);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "任务客户" + suffix, OwnerId = rep.Id })).Customer;
        var today = site.Services.GetRequiredService<TimeProvider>().Today();
        var title = "Call about the order " + suffix;
        var next = "Send the quote " + suffix;
        await site.AsSystem<TaskService>().CreateAsync(new TaskInput
        {
            CustomerId = customer.Id,
            AssigneeId = rep.Id,
            Kind = TaskKind.Call,
            Title = title,
            DueAt = today.ToDateTime(new TimeOnly(10, 0)),
        });

        var page = await SignInAsync("day-rep-" + suffix);
        await GuanxiSite.GoAsync(page, "/");
        await Expect(page.GetByTestId("today-card")).ToContainTextAsync(title);
        await Expect(page.GetByTestId("today-due")).ToHaveTextAsync("1");

        await page.GetByTestId("today-open-tasks").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/tasks", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tasks" })).ToBeVisibleAsync();
        var row = page.GetByTestId("task-row").Filter(new() { HasText = title });
        await Expect(row).ToContainTextAsync(customer.Name);
        await GuanxiSite.ScreenshotAsync(page, "tasks-en");

        await row.GetByTestId("task-complete").ClickAsync();
        await page.GetByTestId("complete-outcome").ClickAsync();
        await GuanxiSite.ChooseAsync(page, "Interested");
        await page.GetByTestId("complete-note").FillAsync("<script>alert(1)</script> wants a quote");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Schedule a next task" }).CheckAsync();
        await page.GetByTestId("complete-next-title").FillAsync(next);
        await page.GetByTestId("complete-save").ClickAsync();

        await Expect(page.GetByTestId("task-row").Filter(new() { HasText = next })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-row").Filter(new() { HasText = title })).ToHaveCountAsync(0);

        await page.GetByTestId("task-row").Filter(new() { HasText = next }).GetByRole(AriaRole.Link, new() { Name = customer.Name }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/customers/{customer.Id}", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        var panel = page.GetByTestId("action-panel");
        await Expect(panel.GetByTestId("action-next-task")).ToContainTextAsync(next);
        await Expect(panel.GetByTestId("action-contact")).ToContainTextAsync("Last contact today");
        // The completion was recorded as an interaction with its outcome; the note is text, not markup.
        await Expect(page.GetByText("<script>alert(1)</script> wants a quote", new() { Exact = false }).First).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(page, "customer-action-panel-en");
    }

    [BrowserFact]
    public async Task A_manager_reassigns_a_reps_task_and_the_other_reps_bell_shows_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var staff = site.AsSystem<StaffDirectory>();
        var team = await staff.AddTeamAsync("team-" + suffix, null);
        await staff.AddUserAsync("mgr-" + suffix, Roles.SalesManager, team.Name, Password);
        var first = await staff.AddUserAsync("rep1-" + suffix, Roles.SalesRep, team.Name, Password);
        var second = await staff.AddUserAsync("rep2-" + suffix, Roles.SalesRep, team.Name, Password);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "改派客户" + suffix, OwnerId = first.Id })).Customer;
        // A task goes only to someone who sees its customer: rep1 covers for rep2 on a customer shared with both.
        await using (var db = site.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.GuanxiDbContext>>().CreateDbContext())
        {
            db.CustomerShares.Add(new CustomerShare { CustomerId = customer.Id, UserId = second.Id, Access = ShareAccess.Edit });
            await db.SaveChangesAsync();
        }
        var title = "Visit the new shop " + suffix;
        await site.AsSystem<TaskService>().CreateAsync(new TaskInput
        {
            CustomerId = customer.Id,
            AssigneeId = first.Id,
            Kind = TaskKind.Visit,
            Title = title,
            DueAt = site.Services.GetRequiredService<TimeProvider>().Today().ToDateTime(new TimeOnly(15, 0)),
        });

        var manager = await SignInAsync("mgr-" + suffix);
        await GuanxiSite.GoAsync(manager, "/tasks");
        await manager.GetByTestId("task-view").GetByText("Team", new() { Exact = true }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Team tasks" })).ToBeVisibleAsync();
        var row = manager.GetByTestId("task-row").Filter(new() { HasText = title });
        await Expect(row.GetByTestId("task-assignee")).ToHaveTextAsync("rep1-" + suffix);
        await row.GetByTestId("task-reassign").ClickAsync();
        await manager.GetByTestId("reassign-user").ClickAsync();
        await GuanxiSite.ChooseAsync(manager, "rep2-" + suffix);
        await manager.GetByTestId("reassign-save").ClickAsync();
        await Expect(row.GetByTestId("task-assignee")).ToHaveTextAsync("rep2-" + suffix);

        var other = await SignInAsync("rep2-" + suffix);
        await GuanxiSite.GoAsync(other, "/");
        await Expect(other.GetByTestId("bell")).ToHaveAttributeAsync("data-unread", "1");
        await other.GetByTestId("bell-button").ClickAsync();
        // The customer is rep1's, out of rep2's reach: the notification names no customer rep2 may not see.
        await Expect(other.GetByTestId("notification").First).ToContainTextAsync("Task reassigned to you");
    }

    [BrowserFact]
    public async Task The_calendar_shows_todays_task_and_hands_out_a_feed_link_once_that_can_be_revoked()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var me = (await site.AsSystem<StaffDirectory>().ListUsersAsync()).Single(u => u.UserName == GuanxiSite.UserName);
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "日历客户" + suffix, OwnerId = me.Id })).Customer;
        var title = "Meet at the fair " + suffix;
        await site.AsSystem<TaskService>().CreateAsync(new TaskInput
        {
            CustomerId = customer.Id,
            AssigneeId = me.Id,
            Kind = TaskKind.Meeting,
            Title = title,
            DueAt = site.Services.GetRequiredService<TimeProvider>().Today().ToDateTime(new TimeOnly(11, 0)),
        });

        var page = await site.OpenAsync("/calendar");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendar", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("calendar-grid")).ToContainTextAsync(title);
        await page.GetByTestId("calendar-view").GetByText("Day", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("calendar-day")).ToContainTextAsync(title);

        await page.GetByTestId("feed-create").ClickAsync();
        var url = await page.GetByTestId("feed-url").InputValueAsync();
        Assert.Contains("/api/v1/calendar.ics?token=", url, StringComparison.Ordinal);
        var feed = await page.APIRequest.GetAsync(url);
        Assert.Equal(200, feed.Status);
        Assert.Contains(title, await feed.TextAsync(), StringComparison.Ordinal);

        await page.GetByTestId("feed-revoke").ClickAsync();
        await Expect(page.GetByTestId("feed-url")).ToHaveCountAsync(0);
        Assert.Equal(401, (await page.APIRequest.GetAsync(url)).Status);
    }

    [BrowserFact]
    public async Task The_tasks_page_speaks_chinese()
    {
        var page = await site.OpenAsync("/tasks", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的任务" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-calendar")).ToContainTextAsync("日历");
        await GuanxiSite.ScreenshotAsync(page, "tasks-zh");

        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "中文面板客户" + Guid.NewGuid().ToString("N")[..6] })).Customer;
        await GuanxiSite.GoAsync(page, $"/customers/{customer.Id}");
        var panel = page.GetByTestId("action-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "现在该做什么" })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("action-no-tasks")).ToHaveTextAsync("没有未完成任务。");
    }

    private Task<IPage> SignInAsync(string user) => site.SignInAsAsync(user, Password);
}
