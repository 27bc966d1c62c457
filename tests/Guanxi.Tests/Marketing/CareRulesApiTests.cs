using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Care;
using Guanxi.Domain.Maintenance;
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

        // The outreach calendar places both ahead: the birthday greetings 3 days before the birthdays (two on the festival
        // day, one the day after), the festival greeting on its day for all four customers, and nothing else of the festival.
        var calendar = app.Services.GetRequiredService<Guanxi.Marketing.OutreachCalendar>();
        var month = await CurrentUser.RunAsAsync(AccessScope.System, () => calendar.MonthAsync(asOf.Year, asOf.Month));
        Assert.Equal(DateTime.DaysInMonth(asOf.Year, asOf.Month), month.Count);
        var onDay = month.Single(d => d.Date == asOf).Entries;
        Assert.Contains(onDay, e => e.Kind == "birthday" && e.Id == bId && e.Count == 2);
        Assert.Contains(onDay, e => e.Kind == "festival" && e.Id == fId && e.Festival == "spring_festival" && e.Count == 4);
        Assert.Contains(month.Single(d => d.Date == asOf.AddDays(1)).Entries, e => e.Kind == "birthday" && e.Count == 1);
        Assert.Single(month, d => d.Entries.Any(e => e.Id == fId && e.Kind == "festival"));

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
        var next = await CurrentUser.RunAsAsync(AccessScope.System, () => runner.RunAsync(asOf.AddDays(1), ct: CancellationToken.None));
        Assert.Equal((1, 0, 0), (next.Queued, next.Excluded, next.Capped));
        var nextKey = $"care:{bId}:{asOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{otherDay}";
        await using (var ctx = db.CreateContext())
            Assert.Equal(otherDay, (await ctx.OutboxMessages.SingleAsync(m => m.IdempotencyKey == nextKey)).CustomerId);
        var local = TimeOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);
        string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
        await marketer.Send(HttpMethod.Put, $"/api/v1/care-rules/{bId}", new { name = "Birthday greeting", kind = "birthday", days = 3, templateId = template, quietFrom = Hm(local.AddMinutes(-30)), quietTo = Hm(local.AddMinutes(30)) });
        await using (var ctx = db.CreateContext()) await ctx.OutboxMessages.Where(m => m.CareRuleId == bId).ExecuteDeleteAsync();
        var quiet = await CurrentUser.RunAsAsync(AccessScope.System, () => runner.RunAsync(asOf, ct: CancellationToken.None));
        var quietLine = quiet.Rules.Single(r => r.RuleId == bId).Line;
        Assert.StartsWith("Birthday greeting: queued 0, excluded 0, capped 0 (quiet hours ", quietLine, StringComparison.Ordinal);
        await using (var ctx = db.CreateContext()) Assert.Equal(0, await ctx.OutboxMessages.CountAsync(m => m.CareRuleId == bId));
        // Quiet hours are read at the run's instant, not the clock's: the same day at a time two hours later queues.
        var later = await GuanxiCli.RunAsync("care", "run", "--as-of", day + "T" + Hm(local.AddHours(2)), "--db", db.DbArgument);
        Assert.True(later.ExitCode == 0, later.Stdout + later.Stderr);
        Assert.Contains("Birthday greeting: queued 1, excluded 1, capped 0", later.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await GuanxiCli.RunAsync("care", "run", "--as-of", day + "T25:00", "--db", db.DbArgument)).ExitCode);

        // A template used by a rule is not deleted; deleting the rule; audit rows.
        Assert.Equal(HttpStatusCode.Conflict, (await marketer.Send(HttpMethod.Delete, $"/api/v1/templates/{template}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Delete, $"/api/v1/care-rules/{fId}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await marketer.Send(HttpMethod.Delete, $"/api/v1/care-rules/{fId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.Send(HttpMethod.Get, $"/api/v1/care-rules/{fId}")).Status);
        await using (var ctx = db.CreateContext())
            Assert.True(await ctx.AuditEvents.CountAsync(a => a.Entity == "CareRule" && a.EntityId == bId.ToString(CultureInfo.InvariantCulture)) >= 3);
    }

    /// <summary>
    /// Welcome, win-back and churn warning from a real model run (playbooks not applied, so the rule's alerts are its
    /// own): a first purchase three days before the run's day is welcomed; a customer without consent who was also
    /// contacted within the cap counts as no consent, not capped (the campaigns' order); the big customer lost since
    /// gets the win-back offer; the owner of the customer in churn warning gets one alert; a second run adds nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Welcome_win_back_and_churn_warning_rules_follow_first_purchases_and_the_lost_model(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Outbox:Background"] = "false", ["Playbooks:ApplyAfterRuns"] = "false" });
        var admin = app.Client();
        var rep = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        string At(int daysAgo) => today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        async Task<long> Owned(string name, string? email = null, bool consent = true)
        {
            var id = await admin.CreateCustomer(name, email: email);
            await admin.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name, email, ownerId = rep });
            if (consent) await admin.PostOk($"/api/v1/customers/{id}/consents", new { channel = "email", purpose = "marketing" });
            return id;
        }
        // As in the maintenance test: three regulars every 30 days set the rhythm; 预警 bought once 60 days ago (churn
        // warning); 大客户 spent ¥1,000,000 once 400 days ago (lost, high value). Two newcomers bought first 3 days ago.
        foreach (var (n, k0) in new[] { ("常客一", 1), ("常客二", 2), ("常客三", 3) })
        {
            var regular = await Owned(n, $"regular{k0}@example.com");
            for (int k = 0; k < 12; k++)
                await admin.PostOk("/api/v1/orders", new { customerId = regular, orderedAt = At(10 + (30 * k)), amount = 100m, channel = "门店" });
        }
        var warned = await Owned("预警客户", "warned@example.com");
        await admin.PostOk("/api/v1/orders", new { customerId = warned, orderedAt = At(60), amount = 100m, channel = "门店" });
        var big = await Owned("大客户", "big@example.com");
        await admin.PostOk("/api/v1/orders", new { customerId = big, orderedAt = At(400), amount = 1_000_000m, channel = "门店" });
        var newcomer = await Owned("新客甲", "new1@example.com");
        var noConsent = await Owned("新客乙", "new2@example.com", consent: false);
        foreach (var c in new[] { newcomer, noConsent })
            await admin.PostOk("/api/v1/orders", new { customerId = c, orderedAt = At(3), amount = 50m, channel = "门店" });
        await AsSystemRun(app);

        var template = Id(await admin.PostOk("/api/v1/templates", new { name = "关怀", channel = "email", language = "zh-CN", subject = "{{ name }}，您好", body = "{{ honorific }}：欢迎。退订：{{ unsubscribe_link }}" }));
        var welcome = Id(await admin.PostOk("/api/v1/care-rules", new { name = "Welcome", kind = "welcome", days = 3, templateId = template, frequencyCapDays = 30 }));
        var winBack = Id(await admin.PostOk("/api/v1/care-rules", new { name = "Win-back offer", kind = "win_back", templateId = template }));
        var churn = Id(await admin.PostOk("/api/v1/care-rules", new { name = "Churn warning", kind = "churn_warning" }));
        // 新客乙 was written to yesterday by some campaign: within the welcome rule's cap, but without consent.
        await using (var ctx = db.CreateContext())
        {
            ctx.OutboxMessages.Add(new OutboxMessage
            {
                Channel = MarketingChannel.Email, CustomerId = noConsent, Address = "new2@example.com", Subject = "s", Body = "b", Status = OutboxStatus.Sent,
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(-1), NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(-1),
                IdempotencyKey = "campaign:0:" + noConsent.ToString(CultureInfo.InvariantCulture), UnsubscribeToken = Guanxi.Marketing.OutboxWriter.NewToken(),
            });
            await ctx.SaveChangesAsync();
        }

        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var run = await GuanxiCli.RunAsync("care", "run", "--as-of", day, "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(
            ["Churn warning: queued 1, excluded 0, capped 0", "Welcome: queued 1, excluded 1, capped 0", "Win-back offer: queued 1, excluded 0, capped 0", "total: queued 3, excluded 1, capped 0"],
            run.Stdout.TrimEnd().Split('\n').Select(l => l.Trim()).ToArray());
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal([(newcomer, OutboxStatus.Queued), (noConsent, OutboxStatus.Excluded)],
                (await ctx.OutboxMessages.Where(m => m.CareRuleId == welcome).OrderBy(m => m.CustomerId).ToListAsync()).Select(m => (m.CustomerId, m.Status)).ToArray());
            Assert.Equal("no consent", (await ctx.OutboxMessages.SingleAsync(m => m.CareRuleId == welcome && m.CustomerId == noConsent)).LastError);
            var offer = await ctx.OutboxMessages.SingleAsync(m => m.CareRuleId == winBack);
            Assert.Equal((big, OutboxStatus.Queued), (offer.CustomerId, offer.Status));
            Assert.StartsWith($"care:{winBack}:run", offer.IdempotencyKey, StringComparison.Ordinal);
            var alert = await ctx.Notifications.IgnoreQueryFilters().SingleAsync(n => n.Kind == NotificationKind.ChurnAlert);
            Assert.Equal((warned, rep), (alert.CustomerId, alert.UserId));
            Assert.Equal(0, await ctx.OutboxMessages.CountAsync(m => m.CareRuleId == churn));
        }
        var again = await GuanxiCli.RunAsync("care", "run", "--as-of", day, "--db", db.DbArgument);
        Assert.Contains("total: queued 0, excluded 0, capped 0", again.Stdout, StringComparison.Ordinal);
        await using (var ctx = db.CreateContext()) Assert.Equal(1, await ctx.Notifications.IgnoreQueryFilters().CountAsync(n => n.Kind == NotificationKind.ChurnAlert));
    }

    private static Task AsSystemRun(GuanxiApp app) =>
        CurrentUser.RunAsAsync(AccessScope.System, () => app.Services.GetRequiredService<Guanxi.Models.ModelRunService>().RunAsync(null, "test", CancellationToken.None));
}
