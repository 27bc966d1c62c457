using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Guanxi.Marketing;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Marketing;

/// <summary>
/// The outbox end to end on SQLite and PostgreSQL, through a real SMTP server on loopback and a real HTTP gateway
/// endpoint: personalised mails with the unsubscribe header, the signed gateway request, exclusions counted and never
/// sent, an invalid or refused address failing that message only, a crash before and after hand-over, an SMTP
/// outage retried with backoff and then failed with its reason, the public unsubscribe link and the outbox list.
/// Clock-independent: every time in it is relative to the fixed clock (sent at, leases, backoff), the templates use no
/// date, and no model run or day boundary is involved, so the day cannot change its outcome.
/// </summary>
[ClockIndependent]
public class OutboxSendingTests
{
    private const string Secret = "gateway-secret-测试";

    private sealed record GatewayCall(string Body, string? Signature, string? Key);

    /// <summary>A real HTTP endpoint (HttpListener on loopback) that records each request and answers 200.</summary>
    private static (HttpListener Listener, ConcurrentQueue<GatewayCall> Calls, Task Loop) StartGateway(int port)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var calls = new ConcurrentQueue<GatewayCall>();
        var loop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
                calls.Enqueue(new GatewayCall(await reader.ReadToEndAsync(), ctx.Request.Headers[GatewayTransport.SignatureHeader], ctx.Request.Headers["Idempotency-Key"]));
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
            }
        });
        return (listener, calls, loop);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Messages_reach_a_real_smtp_server_and_gateway_once_and_failures_exclusions_and_unsubscribes_are_kept(DatabaseProvider provider)
    {
        await using var smtp = new LoopbackMailServer();
        await smtp.StartAsync();
        var gatewayPort = LoopbackMailServer.FreePort();
        var (listener, calls, loop) = StartGateway(gatewayPort);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:UseTls"] = "false",
            ["Smtp:From"] = "Guanxi 营销 <shop@guanxi.test>",
            ["Gateway:Url"] = $"http://127.0.0.1:{gatewayPort}/send",
            ["Gateway:Secret"] = Secret,
            ["Outbox:Background"] = "false",
            ["Outbox:MaxAttempts"] = "3",
            ["Outbox:FirstRetrySeconds"] = "60",
            ["Outbox:PublicUrl"] = "http://guanxi.test/",
        });
        try
        {
            var admin = app.Client();
            async Task<long> Customer(string name, string? email, string? phone = null, string? consent = "email", bool withdrawn = false)
            {
                var id = await admin.CreateCustomer(name, phone: phone, email: email);
                if (consent is null) return id;
                var c = await admin.PostOk($"/api/v1/customers/{id}/consents", new { channel = consent, purpose = "marketing", how = "门店登记" });
                if (withdrawn) await admin.PostOk($"/api/v1/customers/{id}/consents/{c.GetProperty("id").GetInt64()}/withdraw", new { how = "电话要求" }, HttpStatusCode.OK);
                return id;
            }
            var wang = await Customer("王艳明", "wang@example.com");
            var li = await Customer("李四", "li@example.com");
            // An address the entry forms would refuse but older imported data may hold.
            var bad = await Customer("坏地址", null);
            await using (var ctx = db.CreateContext())
            {
                await ctx.Customers.Where(c => c.Id == bad).ExecuteUpdateAsync(u => u.SetProperty(c => c.Email, "not-an-address"));
            }
            var refused = await Customer("拒收", "nobody@" + LoopbackMailServer.RefusedDomain);
            var none = await Customer("无邮箱", null);
            var silent = await Customer("未同意", "silent@example.com", consent: null);
            var gone = await Customer("已撤回", "gone@example.com", withdrawn: true);
            var sms = await Customer("短信客户", null, phone: "13600001111", consent: "sms");
            var marketer = app.ClientAs(Roles.Marketer);
            var mail = (await marketer.PostOk("/api/v1/templates", new
            {
                name = "关怀邮件", channel = "email", language = "zh-CN", subject = "{{ name }}，您好", body = "亲爱的{{ name }}：\n感谢支持。\n退订：{{ unsubscribe_link }}",
            })).GetProperty("id").GetInt64();
            var text = (await marketer.PostOk("/api/v1/templates", new { name = "关怀短信", channel = "sms", language = "zh-CN", body = "{{ name }}您好，回T退订 {{ unsubscribe_link }}" })).GetProperty("id").GetInt64();

            var writer = app.Services.GetRequiredService<OutboxWriter>();
            var sender = app.Services.GetRequiredService<OutboxSender>();
            Task<T> AsSystem<T>(Func<Task<T>> work) => CurrentUser.RunAsAsync(AccessScope.System, work);

            // Written before sending; exclusions are rows with their reason. The same key again writes nothing.
            var everyone = new[] { wang, li, bad, refused, none, silent, gone };
            var written = await AsSystem(() => writer.WriteAsync(mail, everyone, "test-1"));
            Assert.Equal(new OutboxWriteResult(4, 1, 1, 1, 0), written);
            Assert.Equal(new OutboxWriteResult(0, 0, 0, 0, 7), await AsSystem(() => writer.WriteAsync(mail, everyone, "test-1")));
            await AsSystem(() => writer.WriteAsync(text, new[] { sms }, "sms-1"));

            var pass = await sender.SendDueAsync();
            Assert.Equal((5, 3, 2), (pass.Claimed, pass.Sent, pass.Failed));
            Assert.Equal((0, 0), ((await sender.SendDueAsync()).Claimed, (await sender.SendDueAsync()).Sent));

            // Two personalised mails, each with the unsubscribe header naming its own link.
            var mails = smtp.Received.ToList();
            Assert.Equal(["li@example.com", "wang@example.com"], mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
            var toWang = mails.Single(m => m.To.Mailboxes.Single().Address == "wang@example.com");
            Assert.Equal("王艳明，您好", toWang.Subject);
            Assert.StartsWith("亲爱的王艳明：", toWang.TextBody, StringComparison.Ordinal);
            var link = toWang.Headers["List-Unsubscribe"]!.Trim('<', '>');
            Assert.StartsWith("http://guanxi.test/u/", link, StringComparison.Ordinal);
            Assert.Contains(link, toWang.TextBody, StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", toWang.Headers["List-Unsubscribe-Post"]);

            // The gateway got one signed JSON request for the SMS.
            var call = Assert.Single(calls);
            Assert.Equal(GatewayTransport.Sign(Secret, Encoding.UTF8.GetBytes(call.Body)), call.Signature);
            var json = JsonDocument.Parse(call.Body).RootElement;
            Assert.Equal(("sms", "13600001111", call.Key), (json.GetProperty("channel").GetString(), json.GetProperty("to").GetString(), json.GetProperty("id").GetString()));
            Assert.StartsWith("短信客户您好，回T退订 http://guanxi.test/u/", json.GetProperty("text").GetString(), StringComparison.Ordinal);

            await using (var ctx = db.CreateContext())
            {
                var rows = await ctx.OutboxMessages.IgnoreQueryFilters().ToDictionaryAsync(m => m.CustomerId);
                Assert.Equal(OutboxStatus.Sent, rows[wang].Status);
                Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, rows[wang].SentAt);
                Assert.Equal((OutboxStatus.Failed, 1), (rows[bad].Status, rows[bad].Attempts));
                Assert.Contains("Not a valid e-mail address", rows[bad].LastError, StringComparison.Ordinal);
                Assert.Equal(OutboxStatus.Failed, rows[refused].Status);
                Assert.Contains("Refused by the SMTP server: 550", rows[refused].LastError, StringComparison.Ordinal);
                Assert.Equal((OutboxStatus.Excluded, OutboxWriter.NoAddressReason), (rows[none].Status, rows[none].LastError));
                Assert.Equal((OutboxStatus.Excluded, OutboxWriter.NoConsentReason), (rows[silent].Status, rows[silent].LastError));
                Assert.Equal((OutboxStatus.Excluded, OutboxWriter.UnsubscribedReason), (rows[gone].Status, rows[gone].LastError));
                Assert.Equal(OutboxStatus.Sent, rows[sms].Status);
            }

            // A crash mid-send: a claim that was never handed over is sent after its lease; one that was is never resent.
            await AsSystem(() => writer.WriteAsync(mail, new[] { wang, li }, "crash"));
            await using (var ctx = db.CreateContext())
            {
                var now = app.Clock.GetUtcNow().UtcDateTime;
                var crashed = await ctx.OutboxMessages.IgnoreQueryFilters().Where(m => m.IdempotencyKey.StartsWith("crash:")).OrderBy(m => m.CustomerId).ToListAsync();
                foreach (var m in crashed)
                {
                    (m.Status, m.ClaimId, m.LeaseUntil, m.Attempts) = (OutboxStatus.Sending, "dead", now.AddMinutes(5), 1);
                    m.HandedOverAt = m.CustomerId == li ? now : null;
                }
                await CurrentUser.RunAsAsync(AccessScope.System, () => ctx.SaveChangesAsync());
            }
            Assert.Equal(0, (await sender.SendDueAsync()).Claimed); // leases still running: untouched
            app.Clock.Advance(TimeSpan.FromMinutes(6));
            var recovered = await sender.SendDueAsync();
            Assert.Equal((2, 1, 1), (recovered.Recovered, recovered.Claimed, recovered.Sent));
            int To(string address) => smtp.Received.Count(m => m.To.Mailboxes.Single().Address == address);
            Assert.Equal((2, 1), (To("wang@example.com"), To("li@example.com")));
            await using (var ctx = db.CreateContext())
            {
                var li2 = await ctx.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.IdempotencyKey == "crash:" + li);
                Assert.Equal(OutboxStatus.Failed, li2.Status);
                Assert.Contains("not resent", li2.LastError, StringComparison.Ordinal);
            }

            // SMTP down: retried with backoff (1, then 2 minutes), then failed with the reason; nothing else touched.
            await smtp.StopAsync();
            var before = smtp.Received.Count;
            await AsSystem(() => writer.WriteAsync(mail, new[] { wang }, "outage"));
            Assert.Equal(1, (await sender.SendDueAsync()).Retried);
            Assert.Equal(0, (await sender.SendDueAsync()).Claimed);
            app.Clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(1, (await sender.SendDueAsync()).Retried);
            app.Clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(0, (await sender.SendDueAsync()).Claimed); // the second wait is two minutes
            app.Clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(1, (await sender.SendDueAsync()).Failed);
            await using (var ctx = db.CreateContext())
            {
                var outage = await ctx.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.IdempotencyKey == "outage:" + wang);
                Assert.Equal((OutboxStatus.Failed, 3), (outage.Status, outage.Attempts));
                Assert.StartsWith("Gave up after 3 attempts: SMTP server 127.0.0.1:", outage.LastError, StringComparison.Ordinal);
            }
            Assert.Equal(before, smtp.Received.Count);

            // The unsubscribe link: public, a confirm page on GET, the withdrawal on POST; a forged token is 404.
            var anonymous = app.CreateClient();
            var path = new Uri(link).AbsolutePath;
            using (var page = await anonymous.GetAsync(new Uri(path, UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("unsubscribe-form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            using (var forged = await anonymous.GetAsync(new Uri("/u/" + OutboxWriter.NewToken(), UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            }
            using (var forgedPost = await anonymous.PostAsync(new Uri("/u/" + OutboxWriter.NewToken(), UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.NotFound, forgedPost.StatusCode);
            }
            using (var done = await anonymous.PostAsync(new Uri(path, UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.OK, done.StatusCode);
                Assert.Contains("unsubscribe-done", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            var consents = await admin.GetOk($"/api/v1/customers/{wang}/consents");
            var email = consents.EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "email");
            Assert.Equal(JsonValueKind.String, email.GetProperty("withdrawnAt").ValueKind);
            Assert.Contains("unsubscribe link", email.GetProperty("how").GetString(), StringComparison.Ordinal);
            Assert.Equal(new OutboxWriteResult(0, 0, 1, 0, 0), await AsSystem(() => writer.WriteAsync(mail, new[] { wang }, "after")));

            // The outbox list: filtered by status, addresses masked for the marketer; a bad status is 400.
            var failed = await marketer.GetOk("/api/v1/outbox?status=failed");
            var items = failed.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(4, items.Count);
            Assert.All(items, i => Assert.Equal("failed", i.GetProperty("status").GetString()));
            Assert.Contains(items, i => i.GetProperty("address").GetString() == "n***");
            Assert.Equal("not-an-address", (await admin.GetOk("/api/v1/outbox?status=failed")).GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("customerId").GetInt64() == bad).GetProperty("address").GetString());
            var (status, problem) = await marketer.Send(HttpMethod.Get, "/api/v1/outbox?status=lost");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(Roles.SalesRep, "上海一组").Send(HttpMethod.Get, "/api/v1/outbox")).Status);
        }
        finally
        {
            listener.Stop();
            listener.Close();
            await loop;
        }
    }
}
