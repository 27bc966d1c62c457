using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Interactions;

/// <summary>
/// Logging a contact through the API on SQLite and PostgreSQL: a dated WeChat contact with its contact person, outcome
/// and a "remind me" task in one request; the history filtered by channel with keyset paging; bad input named by field.
/// </summary>
public class LoggingContactTests
{
    private static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static void AssertField(HttpStatusCode status, JsonElement problem, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_logs_yesterdays_wechat_with_outcome_and_a_reminder_and_filters_the_history_by_channel(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repId = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        var mine = await admin.CreateCustomer("微信客户甲");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{mine}", new { name = "微信客户甲", ownerId = repId });
        var other = await admin.CreateCustomer("别家客户乙");
        var contact = (await admin.PostOk($"/api/v1/customers/{mine}/contacts", new { name = "李经理" })).GetProperty("id").GetInt64();
        var foreign = (await admin.PostOk($"/api/v1/customers/{other}/contacts", new { name = "赵秘书" })).GetProperty("id").GetInt64();

        var now = app.Clock.GetLocalNow().DateTime;
        var yesterday = now.Date.AddDays(-1).AddHours(15).AddMinutes(30);
        var due = now.Date.AddDays(3).AddHours(10);
        var logged = await rep.PostOk("/api/v1/interactions", new
        {
            customerId = mine, channel = "Chat", direction = "Outbound", subject = "微信问候新品", occurredAt = Iso(yesterday),
            contactId = contact, outcome = "Interested", followUp = new { kind = "WeChat", dueAt = Iso(due) },
        });
        Assert.Equal(Iso(yesterday), logged.GetProperty("occurredAt").GetString());
        Assert.Equal(contact, logged.GetProperty("contactId").GetInt64());
        Assert.Equal("Interested", logged.GetProperty("outcome").GetString());

        // The reminder is the rep's own manual task, due when asked, titled after the contact.
        var tasks = (await rep.GetOk($"/api/v1/tasks?assignee=me&customerId={mine}")).GetProperty("items").EnumerateArray().ToList();
        var reminder = Assert.Single(tasks);
        Assert.Equal(Iso(due), reminder.GetProperty("dueAt").GetString());
        Assert.Equal("WeChat", reminder.GetProperty("kind").GetString());
        Assert.Equal("Manual", reminder.GetProperty("origin").GetString());
        Assert.Equal(repId, reminder.GetProperty("assigneeId").GetInt64());
        Assert.Equal("微信问候新品", reminder.GetProperty("title").GetString());

        // Bad input is a 400 naming the field, and nothing is written: no second task, no second interaction.
        var future = await rep.Send(HttpMethod.Post, "/api/v1/interactions", new
        {
            customerId = mine, channel = "Visit", subject = "明天的拜访", occurredAt = Iso(now.AddHours(2)), followUp = new { kind = "Call", dueAt = Iso(due) },
        });
        AssertField(future.Status, future.Body, "occurredAt");
        var wrongContact = await rep.Send(HttpMethod.Post, "/api/v1/interactions", new { customerId = mine, channel = "Call", subject = "电话", contactId = foreign });
        AssertField(wrongContact.Status, wrongContact.Body, "contactId");
        var noDue = await rep.Send(HttpMethod.Post, "/api/v1/interactions", new { customerId = mine, channel = "Call", subject = "电话", followUp = new { kind = "Call" } });
        AssertField(noDue.Status, noDue.Body, "followUp.dueAt");
        Assert.Single((await rep.GetOk($"/api/v1/tasks?assignee=me&customerId={mine}")).GetProperty("items").EnumerateArray());

        // Without the new fields a contact is logged as before (now, no contact person, no outcome).
        var plain = await rep.PostOk("/api/v1/interactions", new { customerId = mine, channel = "Call", direction = "Outbound", subject = "回访电话" });
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("outcome").ValueKind);
        for (int k = 1; k <= 2; k++)
            await rep.PostOk("/api/v1/interactions", new { customerId = mine, channel = "Chat", subject = $"微信 {k}", occurredAt = Iso(yesterday.AddHours(-k)) });

        // The history filtered to WeChat pages by keyset: three chats, two then one, the newest first; calls left out.
        var first = await rep.GetOk($"/api/v1/interactions?customerId={mine}&channel=wechat&limit=2");
        var page1 = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).ToList();
        Assert.Equal(["微信问候新品", "微信 1"], page1);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await rep.GetOk($"/api/v1/interactions?customerId={mine}&channel=Chat&limit=2&after={Uri.EscapeDataString(cursor!)}");
        Assert.Equal(["微信 2"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).ToList());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var calls = await rep.GetOk($"/api/v1/interactions?customerId={mine}&channel=call");
        Assert.Equal(["回访电话"], calls.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).ToList());
        var bogus = await rep.Send(HttpMethod.Get, $"/api/v1/interactions?customerId={mine}&channel=pigeon");
        AssertField(bogus.Status, bogus.Body, "channel");
    }
}
