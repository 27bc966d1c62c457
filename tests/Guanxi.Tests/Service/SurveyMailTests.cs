using System.Net;
using System.Net.Http.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Guanxi.Marketing;
using Guanxi.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Tests.Marketing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Service;

/// <summary>
/// Surveys go out by e-mail through the outbox (a real SMTP server on loopback): resolving a request mails its
/// customer the invitation with the link, written by an agent who has no marketing rights; a customer without an
/// address, or who unsubscribed from e-mail, gets none and the agent is given the link to pass on.
/// </summary>
[ClockIndependent]
public class SurveyMailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Resolving_mails_the_survey_to_the_customer_and_the_mailed_link_takes_the_answer(DatabaseProvider provider)
    {
        await using var smtp = new LoopbackMailServer();
        await smtp.StartAsync();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:UseTls"] = "false",
            ["Smtp:From"] = "Guanxi 客服 <service@guanxi.test>",
            ["Outbox:Background"] = "false",
            ["Outbox:PublicUrl"] = "http://guanxi.test/",
        });
        var admin = app.Client();
        var agentId = app.CreateUser("agent-m", Roles.ServiceAgent, "客服一组");
        var agent = app.ClientWithToken(app.TokenFor("agent-m"));
        var mailed = await admin.CreateCustomer("邮件客户", email: "kehu@example.com");
        var gone = await admin.CreateCustomer("已退订客户", email: "gone@example.com");
        var consent = await admin.PostOk($"/api/v1/customers/{gone}/consents", new { channel = "email", purpose = "marketing", how = "门店登记" });
        await admin.PostOk($"/api/v1/customers/{gone}/consents/{consent.GetProperty("id").GetInt64()}/withdraw", new { how = "电话要求" }, HttpStatusCode.OK);
        var none = await admin.CreateCustomer("无邮箱客户");
        foreach (var c in new[] { mailed, gone, none })
            await admin.PostOk($"/api/v1/customers/{c}/shares", new { userId = agentId, access = "Edit" });

        var id = (await agent.PostOk("/api/v1/service-requests", new { customerId = mailed, type = "Repair", channel = "Phone", subject = "洗衣机漏水" })).GetProperty("id").GetInt64();
        var resolved = await agent.PostOk($"/api/v1/service-requests/{id}/transition", new { to = "resolved" }, HttpStatusCode.OK);
        Assert.True(resolved.GetProperty("surveyMailed").GetBoolean());
        var path = resolved.GetProperty("surveyLink").GetString()!;

        // On demand: mailed too; not to an unsubscribed customer or one without an address.
        var nps = await agent.PostOk("/api/v1/surveys", new { customerId = mailed, kind = "nps" });
        Assert.True(nps.GetProperty("mailed").GetBoolean());
        Assert.False((await agent.PostOk("/api/v1/surveys", new { customerId = gone, kind = "csat" })).GetProperty("mailed").GetBoolean());
        Assert.False((await agent.PostOk("/api/v1/surveys", new { customerId = none, kind = "csat" })).GetProperty("mailed").GetBoolean());

        var sender = app.Services.GetRequiredService<OutboxSender>();
        var pass = await CurrentUser.RunAsAsync(AccessScope.System, () => sender.SendDueAsync());
        Assert.Equal((2, 2), (pass.Claimed, pass.Sent));
        var mails = smtp.Received.ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("kehu@example.com", m.To.Mailboxes.Single().Address));
        var csat = mails.Single(m => (m.TextBody ?? "").Contains("洗衣机漏水", StringComparison.Ordinal));
        Assert.Equal("请评价我们的服务：洗衣机漏水 / How did we do?", csat.Subject);
        Assert.Contains("http://guanxi.test" + path, csat.TextBody, StringComparison.Ordinal);
        Assert.Contains("1–5", csat.TextBody, StringComparison.Ordinal);
        Assert.Contains("0–10", mails.Single(m => m != csat).TextBody, StringComparison.Ordinal);
        await using (var context = db.CreateContext())
        {
            var rows = await context.OutboxMessages.IgnoreQueryFilters().Where(m => m.SurveyId != null).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, mailed), (r.Status, r.CustomerId)));
        }

        // The link in the mail takes the customer's answer once.
        var link = new Uri((csat.TextBody ?? "").Split('\n').First(l => l.StartsWith("http://guanxi.test/s/", StringComparison.Ordinal)).Trim()).AbsolutePath;
        var customerSide = app.Anonymous();
        using var posted = await customerSide.PostAsJsonAsync(link, new { score = 4 }, GuanxiApp.Json);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(4, (await agent.GetOk($"/api/v1/customers/{mailed}/surveys")).EnumerateArray().Single(s => s.GetProperty("serviceRequestId").ValueKind != System.Text.Json.JsonValueKind.Null).GetProperty("score").GetInt32());
    }
}
