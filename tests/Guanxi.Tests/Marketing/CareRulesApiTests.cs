using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Care;
using Guanxi.Domain.Marketing;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Marketing;

/// <summary>
/// Care rules through the API and <c>guanxi care run</c> on SQLite and PostgreSQL: 400 naming the field, rights, a
/// birthday rule and a Spring Festival rule run for a fixed day of 2030 (the customers due found in SQL), an unsubscribed
/// customer excluded and counted, a customer greeted by one rule capped for the next, the CLI's exact lines, a second run
/// writing nothing, quiet hours, audit rows.
/// </summary>
public class CareRulesApiTests
{
    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Birthday_and_festival_rules_queue_once_per_day_respecting_consent_and_the_cap(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Outbox:Background"] = "false" });
        var admin = app.Client();
        var marketer = app.ClientAs(Roles.Marketer);
        var analyst = app.ClientAs(Roles.Analyst);
        var rep = app.ClientAs(Roles.SalesRep, "上海一组");

        // Spring Festival 2030 from Festivals; the birthday rule greets 3 days ahead, so birthdays on that day + 3.
        var springFestival = Festivals.DateIn(Festival.SpringFestival, 2030);
        var asOf = springFestival;
        var birthday = new DateOnly(1990, asOf.AddDays(3).Month, asOf.AddDays(3).Day);
        var due = await admin.CreateCustomer("寿星甲", email: "a@example.com");
        var unsubscribed = await admin.CreateCustomer("寿星乙", email: "b@example.com");
        var otherDay = await admin.CreateCustomer("客户丙", email: "c@example.com");
        var noBirthday = await admin.CreateCustomer("客户丁", email: "d@example.com");
        foreach (var c in new[] { due, unsubscribed, otherDay, noBirthday })
            await admin.PostOk($"/api/v1/customers/{c}/consents", new { channel = "email", purpose = "marketing" });
        var consent = (await admin.GetOk($"/api/v1/customers/{unsubscribed}/consents")).EnumerateArray().Single();
        await admin.PostOk($"/api/v1/customers/{unsubscribed}/consents/{Id(consent)}/withdraw", new { how = "电话" }, HttpStatusCode.OK);
        await using (var ctx = db.CreateContext())
        {
            await ctx.Customers.Where(c => c.Id == due || c.Id == unsubscribed).ExecuteUpdateAsync(u => u.SetProperty(c => c.BirthDate, birthday));
            await ctx.Customers.Where(c => c.Id == otherDay).ExecuteUpdateAsync(u => u.SetProperty(c => c.BirthDate, birthday.AddDays(1)));
        }
        var template = Id(await marketer.PostOk("/api/v1/templates", new { name = "关怀", channel = "email", language = "zh-CN", subject = "{{ name }}，您好", body = "{{ honorific }}：祝您快乐。退订：{{ unsubscribe_link }}" }));

        // Bad input: 400 naming the field; rights.
        async Task Refused(object body, string field, string named)
        {
            var (status, problem) = await marketer.Send(HttpMethod.Post, "/api/v1/care-rules", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{named}: {status} {problem}");
            Assert.Contains(named, string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString())), StringComparison.Ordinal);
        }
        await Refused(new { name = "x", kind = "festival", festival = "christmas", templateId = template }, "festival", "Unknown festival \"christmas\"");
        await Refused(new { name = "x", kind = "birthday", days = 61, templateId = template }, "days", "0 to 60");
        await Refused(new { name = "x", kind = "birthday", days = -1, templateId = template }, "days", "0 to 60");
        await Refused(new { name = "x", kind = "anniversary", templateId = template }, "kind", "birthday, festival, welcome, win_back, churn_warning");
        await Refused(new { name = "x", kind = "churn_warning", templateId = template }, "templateId", "takes no template");
        await Refused(new { name = "x", kind = "welcome", days = 7 }, "templateId", "needs a template");
        await Refused(new { name = "x", kind = "welcome", templateId = template + 99 }, "templateId", "was not found");
        await Refused(new { name = "x", kind = "welcome", templateId = template, quietFrom = "25:00", quietTo = "09:00" }, "quietFrom", "HH:mm");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Post, "/api/v1/care-rules", new { name = "x", kind = "welcome", templateId = template })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Get, "/api/v1/care-rules")).Status);

        var birthdayRule = await marketer.PostOk("/api/v1/care-rules", new { name = "Birthday greeting", kind = "birthday", days = 3, templateId = template, quietFrom = "21:00", quietTo = "21:01" });
        var bId = Id(birthdayRule);
        Assert.Equal(("birthday", "email", "21:00", 1L), (birthdayRule.GetProperty("kind").GetString(), birthdayRule.GetProperty("channel").GetString(),
            birthdayRule.GetProperty("quietFrom").GetString(), birthdayRule.GetProperty("version").GetInt64()));
        var fId = Id(await marketer.PostOk("/api/v1/care-rules", new { name = "Spring Festival greeting", kind = "festival", festival = "spring_festival", days = 0, templateId = template, frequencyCapDays = 7 }));
        Assert.Equal(2, (await analyst.GetOk("/api/v1/care-rules")).GetArrayLength());
        // No quiet hours on the birthday rule for the run (whatever time of day the suite's clock shows).
        var (putStatus, put) = await marketer.Send(HttpMethod.Put, $"/api/v1/care-rules/{bId}", new { name = "Birthday greeting", kind = "birthday", days = 3, templateId = template });
        Assert.Equal(HttpStatusCode.OK, putStatus);
        Assert.Equal((2L, JsonValueKind.Null), (put.GetProperty("version").GetInt64(), put.GetProperty("quietFrom").ValueKind));

        // The run: the birthday rule queues the customer due and excludes the unsubscribed one; the festival rule greets
        // everyone, the one just greeted for the birthday is capped (7 days) and the unsubscribed one excluded again.
        var day = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var run = await GuanxiCli.RunAsync("care", "run", "--as-of", day, "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(
            ["Birthday greeting: queued 1, excluded 1, capped 0", "Spring Festival greeting: queued 2, excluded 1, capped 1", "total: queued 3, excluded 2, capped 1"],
            run.Stdout.TrimEnd().Split('\n').Select(l => l.Trim()).ToArray());
        List<OutboxMessage> messages;
        await using (var ctx = db.CreateContext()) messages = await ctx.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(5, messages.Count);
        Assert.Equal([(due, OutboxStatus.Queued), (unsubscribed, OutboxStatus.Excluded)],
            messages.Where(m => m.CareRuleId == bId).OrderBy(m => m.CustomerId).Select(m => (m.CustomerId, m.Status)).ToArray());
        Assert.All(messages.Where(m => m.CareRuleId == bId), m => Assert.StartsWith($"care:{bId}:{day}:", m.IdempotencyKey, StringComparison.Ordinal));
        Assert.Equal([(unsubscribed, OutboxStatus.Excluded), (otherDay, OutboxStatus.Queued), (noBirthday, OutboxStatus.Queued)],
            messages.Where(m => m.CareRuleId == fId).OrderBy(m => m.CustomerId).Select(m => (m.CustomerId, m.Status)).ToArray());
        Assert.All(messages.Where(m => m.CareRuleId == fId), m => Assert.StartsWith($"care:{fId}:2030:", m.IdempotencyKey, StringComparison.Ordinal));
        Assert.Equal("unsubscribed", messages.Single(m => m.CareRuleId == bId && m.CustomerId == unsubscribed).LastError);
        Assert.Equal("寿星甲，您好", messages.Single(m => m.CareRuleId == bId && m.CustomerId == due).Subject);

        // A second run on the same day writes nothing.
        var again = await GuanxiCli.RunAsync("care", "run", "--as-of", day, "--db", db.DbArgument);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("Birthday greeting: queued 0, excluded 0, capped 0", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Spring Festival greeting: queued 0, excluded 0,", again.Stdout, StringComparison.Ordinal);
        await using (var ctx = db.CreateContext()) Assert.Equal(5, await ctx.OutboxMessages.CountAsync());

        // The day after: the customer born a day later is due, no festival; quiet hours around the clock's time of day queue nothing and say so.
        var runner = app.Services.GetRequiredService<Guanxi.Marketing.CareRunner>();
        var next = await CurrentUser.RunAsAsync(AccessScope.System, () => runner.RunAsync(asOf.AddDays(1), CancellationToken.None));
        Assert.Equal((1, 0, 0), (next.Queued, next.Excluded, next.Capped));
        var nextKey = $"care:{bId}:{asOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{otherDay}";
        await using (var ctx = db.CreateContext())
            Assert.Equal(otherDay, (await ctx.OutboxMessages.SingleAsync(m => m.IdempotencyKey == nextKey)).CustomerId);
        var local = TimeOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);
        string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
        await marketer.Send(HttpMethod.Put, $"/api/v1/care-rules/{bId}", new { name = "Birthday greeting", kind = "birthday", days = 3, templateId = template, quietFrom = Hm(local.AddMinutes(-30)), quietTo = Hm(local.AddMinutes(30)) });
        await using (var ctx = db.CreateContext()) await ctx.OutboxMessages.Where(m => m.CareRuleId == bId).ExecuteDeleteAsync();
        var quiet = await CurrentUser.RunAsAsync(AccessScope.System, () => runner.RunAsync(asOf, CancellationToken.None));
        var quietLine = quiet.Rules.Single(r => r.RuleId == bId).Line;
        Assert.StartsWith("Birthday greeting: queued 0, excluded 0, capped 0 (quiet hours ", quietLine, StringComparison.Ordinal);
        await using (var ctx = db.CreateContext()) Assert.Equal(0, await ctx.OutboxMessages.CountAsync(m => m.CareRuleId == bId));

        // A template used by a rule is not deleted; deleting the rule; audit rows.
        Assert.Equal(HttpStatusCode.Conflict, (await marketer.Send(HttpMethod.Delete, $"/api/v1/templates/{template}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Delete, $"/api/v1/care-rules/{fId}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await marketer.Send(HttpMethod.Delete, $"/api/v1/care-rules/{fId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.Send(HttpMethod.Get, $"/api/v1/care-rules/{fId}")).Status);
        await using (var ctx = db.CreateContext())
            Assert.True(await ctx.AuditEvents.CountAsync(a => a.Entity == "CareRule" && a.EntityId == bId.ToString(CultureInfo.InvariantCulture)) >= 3);
    }
}
