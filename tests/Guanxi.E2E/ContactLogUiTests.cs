using System.Globalization;
using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Maintenance;
using Guanxi.Interactions;
using Guanxi.Maintenance;
using Guanxi.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

/// <summary>
/// Logging contact on the customer page (issue 18): a dated WeChat contact of yesterday with its contact person, outcome
/// and "remind me" in Chinese, the history filtered by kind; at phone width, a future time refused by the field.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ContactLogUiTests(GuanxiSite site)
{
    private const string Password = "Rep-password-1";
    private const string Minutes = "yyyy-MM-ddTHH:mm";

    [BrowserFact]
    public async Task A_rep_logs_yesterdays_wechat_with_remind_me_in_chinese_filters_the_history_and_has_the_follow_up_task()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var rep = await site.AsSystem<StaffDirectory>().AddUserAsync("wx-rep-" + suffix, Roles.SalesRep, null, Password);
        var customers = site.AsSystem<CustomerService>();
        var customer = (await customers.CreateAsync(new CustomerInput { Name = "微信客户" + suffix, OwnerId = rep.Id })).Customer;
        var contact = await customers.AddContactAsync(customer.Id, new ContactInput("李经理" + suffix, null, null, null, true));
        await site.AsSystem<InteractionService>().CreateAsync(new InteractionInput
        {
            CustomerId = customer.Id, Channel = InteractionChannel.Call, Direction = InteractionDirection.Outbound, Subject = "早先的电话" + suffix,
        });
        var now = site.Services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime;
        var yesterday = now.Date.AddDays(-1).AddHours(15).AddMinutes(30);
        var subject = "微信发送新品目录" + suffix;

        var page = await SignInAsync("wx-rep-" + suffix, "zh-CN");
        await GuanxiSite.GoAsync(page, $"/customers/{customer.Id}");
        var entry = page.GetByTestId("quick-contact");
        await Expect(entry.GetByRole(AriaRole.Heading, new() { Name = "记录联系" })).ToBeVisibleAsync();
        // All seven kinds are offered.
        foreach (var kind in new[] { "电话", "拜访", "微信", "邮件", "短信", "会议", "备注" })
            await Expect(page.GetByTestId("log-channel").GetByText(kind, new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByTestId("log-channel").GetByText("微信", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("log-when").FillAsync(yesterday.ToString(Minutes, CultureInfo.InvariantCulture));
        await page.GetByTestId("log-contact").ClickAsync();
        await GuanxiSite.ChooseAsync(page, contact.Name);
        await page.GetByTestId("log-outcome").ClickAsync();
        await GuanxiSite.ChooseAsync(page, "有意向");
        await page.GetByTestId("log-subject").FillAsync(subject);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "提醒我跟进" }).CheckAsync();
        // The reminder follows up the way the contact was made, by default tomorrow morning.
        await Expect(page.GetByTestId("log-remind-kind")).ToHaveValueAsync("微信");
        var remindAt = page.GetByTestId("log-remind-at");
        await Expect(remindAt).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d"));
        var due = DateTime.ParseExact((await remindAt.InputValueAsync())[..16], Minutes, CultureInfo.InvariantCulture);
        Assert.True(due > now, $"the reminder is due at {due}, not after {now}");
        await GuanxiSite.ScreenshotAsync(page, "contact-log-zh");
        await page.GetByTestId("log-save").ClickAsync();

        var logged = page.GetByTestId("timeline-interaction").Filter(new() { HasText = subject });
        await Expect(logged).ToContainTextAsync("微信");
        await Expect(logged).ToContainTextAsync("有意向");
        await Expect(logged).ToContainTextAsync("联系人：" + contact.Name);
        // Dates in the Chinese UI as 2026-12-30 15:30.
        await Expect(logged).ToContainTextAsync(yesterday.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("timeline-interaction").Filter(new() { HasText = "早先的电话" })).ToHaveCountAsync(1);
        // Saved, the form is blank again for the next contact.
        await Expect(page.GetByTestId("log-subject")).ToHaveValueAsync("");

        // Filtered to WeChat, the history shows the chat and leaves the call out; back to all, both are there.
        await page.GetByTestId("timeline-filter").GetByText("微信", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("timeline-interaction").Filter(new() { HasText = "早先的电话" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("timeline-interaction")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("timeline-interaction")).ToContainTextAsync(subject);
        await page.GetByTestId("timeline-filter").GetByText("拜访", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByText("暂无此类记录。")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline-interaction")).ToHaveCountAsync(0);
        await page.GetByTestId("timeline-filter").GetByText("全部", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("timeline-interaction")).ToHaveCountAsync(2);

        var chats = (await site.AsSystem<InteractionService>().ListAsync(customer.Id, InteractionChannel.Chat, null, 10)).Items;
        var chat = Assert.Single(chats);
        Assert.Equal(yesterday, chat.OccurredAt);
        Assert.Equal(contact.Id, chat.ContactId);
        Assert.Equal(ContactOutcome.Interested, chat.Outcome);

        // The reminder is the rep's own task, due when the form said, and on their task list.
        var task = Assert.Single((await site.AsSystem<TaskService>().OfCustomerAsync(customer.Id, "open")).Items);
        Assert.Equal(rep.Id, task.AssigneeId);
        Assert.Equal(TaskKind.WeChat, task.Kind);
        Assert.Equal(subject, task.Title);
        Assert.Equal(due, task.DueAt);
        await GuanxiSite.GoAsync(page, "/tasks");
        await page.GetByTestId("task-due").GetByText("全部未完成", new() { Exact = true }).ClickAsync();
        var row = page.GetByTestId("task-row").Filter(new() { HasText = subject });
        await Expect(row).ToContainTextAsync("微信");
        await Expect(row).ToContainTextAsync(customer.Name);
    }

    [BrowserFact]
    public async Task At_phone_width_a_future_contact_is_refused_and_yesterdays_visit_is_logged_and_filtered()
    {
        var customer = (await site.AsSystem<CustomerService>().CreateAsync(new CustomerInput { Name = "Phone visit " + Guid.NewGuid().ToString("N")[..6] })).Customer;
        var now = site.Services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime;
        var page = await site.OpenAsync($"/customers/{customer.Id}", "en-US", 390, 844);

        await page.GetByTestId("log-channel").GetByText("Visit", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("log-when").FillAsync(now.AddHours(3).ToString(Minutes, CultureInfo.InvariantCulture));
        await page.GetByTestId("log-subject").FillAsync("Showroom visit");
        await page.GetByTestId("log-save").ClickAsync();
        await Expect(page.GetByTestId("quick-contact")).ToContainTextAsync("A contact cannot be logged in the future.");
        Assert.Empty((await site.AsSystem<InteractionService>().ListAsync(customer.Id, null, 10)).Items);

        var yesterday = now.Date.AddDays(-1).AddHours(10);
        await page.GetByTestId("log-when").FillAsync(yesterday.ToString(Minutes, CultureInfo.InvariantCulture));
        await page.GetByTestId("log-save").ClickAsync();
        await Expect(page.GetByTestId("timeline-interaction")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("quick-contact")).Not.ToContainTextAsync("A contact cannot be logged in the future.");
        await page.GetByTestId("timeline-filter").GetByText("Visit", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("timeline-interaction")).ToContainTextAsync("Showroom visit");
        await page.GetByTestId("timeline-filter").GetByText("Orders", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByText("Nothing of this kind yet.")).ToBeVisibleAsync();
        // Nothing spills sideways at 390 px.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await GuanxiSite.ScreenshotAsync(page, "contact-log-390-en");

        var visit = Assert.Single((await site.AsSystem<InteractionService>().ListAsync(customer.Id, InteractionChannel.Visit, null, 10)).Items);
        Assert.Equal(yesterday, visit.OccurredAt);
        Assert.Null(visit.ContactId);
        Assert.Null(visit.Outcome);
    }

    private Task<IPage> SignInAsync(string user, string locale) => site.SignInAsAsync(user, Password, locale);
}
