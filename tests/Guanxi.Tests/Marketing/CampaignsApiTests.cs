using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Guanxi.Domain.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Marketing;

/// <summary>
/// Campaigns through the API and the CLI on SQLite and PostgreSQL: audiences validated at save (400 naming
/// <c>audience</c>) and resolved in SQL (tags, groups, NOT, an RFM segment checked against the stored run), the preview's
/// exclusions (no consent, unsubscribed, no address, capped) and control group from the stored seed, a masked sample for
/// the marketer, the send (recipients stored, outbox rows written, a second send adds nothing), the CLI's exact line
/// with --dry-run writing nothing, and the report of sent versus control in the attribution window.
/// </summary>
public class CampaignsApiTests
{
    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_marketer_previews_sends_and_reads_the_uplift_of_a_campaign_with_a_control_group(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Outbox:Background"] = "false" });
        var admin = app.Client();
        var marketer = app.ClientAs(Roles.Marketer);
        var analyst = app.ClientAs(Roles.Analyst);
        var rep = app.ClientAs(Roles.SalesRep, "上海一组");
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // 13 VIP customers in the audience, one VIP in the excluded group, one customer without the tag.
        var vip = new List<long>();
        for (var i = 1; i <= 13; i++)
        {
            var email = i == 13 ? null : $"vip{i}@example.com";
            vip.Add(await admin.CreateCustomer($"贵宾{i}", phone: $"1390000{i:D4}", email: email, tags: ["VIP"]));
        }
        var blocked = await admin.CreateCustomer("黑名单客户", email: "blocked@example.com", tags: ["VIP"]);
        var other = await admin.CreateCustomer("普通客户", email: "other@example.com");
        var group = Id(await admin.PostOk("/api/v1/groups", new { name = "勿扰" }));
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/customers/{blocked}/groups/{group}")).Status);
        foreach (var c in vip.Where((_, i) => i != 10).Append(blocked).Append(other))
            await admin.PostOk($"/api/v1/customers/{c}/consents", new { channel = "email", purpose = "marketing" });
        // vip[10] never consented (no consent); vip[11] withdrew (unsubscribed); vip[12] has no e-mail (no address).
        var consent = (await admin.GetOk($"/api/v1/customers/{vip[11]}/consents")).EnumerateArray().Single(x => x.GetProperty("channel").GetString() == "email");
        await admin.PostOk($"/api/v1/customers/{vip[11]}/consents/{Id(consent)}/withdraw", new { how = "电话" }, HttpStatusCode.OK);
        // Orders before the send give the model run something to classify (and must not count in the report).
        foreach (var (c, i) in vip.Select((c, i) => (c, i)))
            await admin.PostOk("/api/v1/orders", new { customerId = c, orderedAt = Iso(now.AddDays(-200 + i * 10)), amount = 100m + i * 50, channel = "门店" });
        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(null, "test", CancellationToken.None));

        var template = Id(await marketer.PostOk("/api/v1/templates", new { name = "贵宾回馈", channel = "email", language = "zh-CN", subject = "{{ name }}，专属回馈", body = "{{ honorific }}：感谢支持。退订：{{ unsubscribe_link }}" }));
        // vip[9] was sent something two days ago: the 7-day frequency cap leaves it out.
        await CurrentUser.RunAsAsync(AccessScope.System, () => app.Services.GetRequiredService<Guanxi.Marketing.OutboxWriter>().WriteAsync(template, [vip[9]], "earlier"));
        app.Clock.Advance(TimeSpan.FromDays(2));

        // Validation at save: unknown tag, group, model class and segment are named under audience; bounds of the shares.
        var audience = JsonSerializer.Deserialize<JsonElement>($$$"""{"and":[{"tag":"VIP"},{"not":{"group":{{{group}}}}}]}""");
        object Input(object aud, int control = 50, string name = "贵宾回馈活动") => new { name, templateId = template, audience = aud, controlPercent = control, frequencyCapDays = 7 };
        async Task Refused(object body, string field, string named)
        {
            var (status, problem) = await marketer.Send(HttpMethod.Post, "/api/v1/campaigns", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{named}: {status} {problem}");
            Assert.Contains(named, string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString())), StringComparison.Ordinal);
        }
        await Refused(Input(new { tag = "不存在" }), "audience", "unknown tag '不存在'");
        await Refused(Input(new { or = new object[] { new { group = group + 99 }, new { model = "value", @class = "golden" }, new { rfm = "sleepy" } } }), "audience", "unknown group");
        await Refused(Input(new { model = "value", @class = "golden" }), "audience", "unknown class 'golden' of model 'value'");
        await Refused(Input(new { rfm = "sleepy" }), "audience", "unknown RFM segment 'sleepy'");
        await Refused(Input(new { xor = 1 }), "audience", "Unknown audience condition");
        await Refused(Input(audience, control: 60), "controlPercent", "0 to 50");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Post, "/api/v1/campaigns", Input(audience))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Get, "/api/v1/campaigns")).Status);
        Assert.Equal(0, (await marketer.GetOk("/api/v1/campaigns")).GetArrayLength());

        var created = await marketer.PostOk("/api/v1/campaigns", Input(audience));
        var id = Id(created);
        Assert.Equal(("email", "draft", 50, 30), (created.GetProperty("channel").GetString(), created.GetProperty("status").GetString(),
            created.GetProperty("controlPercent").GetInt32(), created.GetProperty("attributionDays").GetInt32()));
        // The stored seed decides the control group; one that splits the nine eligible customers keeps every check below meaningful.
        var eligible = vip.Take(9).ToList();
        long seed;
        await using (var ctx = db.CreateContext()) seed = await ctx.Campaigns.Where(c => c.Id == id).Select(c => c.Seed).SingleAsync();
        while (eligible.Count(c => ControlGroup.IsControl(seed, c, 50)) is < 2 or > 7) seed++;
        await using (var ctx = db.CreateContext()) await ctx.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Seed, seed));
        var control = eligible.Where(c => ControlGroup.IsControl(seed, c, 50)).ToList();

        // The preview: 13 in the audience, one of each exclusion, the control group drawn by the seed; masked for the marketer.
        var preview = await marketer.PostOk($"/api/v1/campaigns/{id}/preview", new { }, HttpStatusCode.OK);
        int P(string n) => preview.GetProperty(n).GetInt32();
        Assert.Equal((13, 4, 1, 1, 1, 1, control.Count, 9 - control.Count), (P("audience"), P("excluded"), P("noConsent"), P("unsubscribed"), P("noAddress"), P("capped"), P("control"), P("queued")));
        var sample = preview.GetProperty("sample").EnumerateArray().ToList();
        Assert.Equal(Math.Min(10, 9 - control.Count), sample.Count);
        Assert.All(sample, s => Assert.Contains(s.GetProperty("id").GetInt64(), eligible.Except(control)));
        Assert.All(sample, s => Assert.Equal(("v***@example.com", "139****"), (s.GetProperty("email").GetString(), s.GetProperty("phone").GetString()![..7])));
        var adminSample = (await admin.PostOk($"/api/v1/campaigns/{id}/preview", new { }, HttpStatusCode.OK)).GetProperty("sample").EnumerateArray().ToList();
        Assert.All(adminSample, s => Assert.Matches("^vip[0-9]+@example.com$", s.GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/preview", new { })).Status);

        // An RFM segment leaf resolves to exactly the customers the stored run put in it.
        long run;
        short segment;
        int inSegment;
        await using (var ctx = db.CreateContext())
        {
            run = await ctx.ModelRuns.MaxAsync(r => r.Id);
            segment = (await ctx.ModelResults.Where(r => r.RunId == run && r.RfmSegment != null).Select(r => r.RfmSegment).FirstAsync())!.Value;
            inSegment = await ctx.ModelResults.CountAsync(r => r.RunId == run && r.RfmSegment == segment);
        }
        var rfm = Id(await marketer.PostOk("/api/v1/campaigns", Input(new { rfm = ModelCatalog.Rfm.Classes[segment].NameEn }, name: "RFM")));
        Assert.Equal(inSegment, (await marketer.PostOk($"/api/v1/campaigns/{rfm}/preview", new { }, HttpStatusCode.OK)).GetProperty("audience").GetInt32());
        // A saved view of the customer list is an audience: the customers the list shows the marketer with its filters.
        // Another user's private view is unknown to the marketer.
        var view = Id(await marketer.PostOk("/api/v1/customer-views", new { name = "贵宾一字头", query = "q=贵宾1&tag=VIP", columns = new[] { "name" } }));
        var listed = (await marketer.GetOk("/api/v1/customers?q=贵宾1&tag=VIP")).GetProperty("total").GetInt64();
        Assert.InRange(listed, 1, 12);
        var byView = Id(await marketer.PostOk("/api/v1/campaigns", Input(new { view }, name: "视图")));
        Assert.Equal(listed, (await marketer.PostOk($"/api/v1/campaigns/{byView}/preview", new { }, HttpStatusCode.OK)).GetProperty("audience").GetInt32());
        var adminsView = Id(await admin.PostOk("/api/v1/customer-views", new { name = "管理员的", query = "tag=VIP", columns = new[] { "name" } }));
        await Refused(Input(new { view = adminsView }), "audience", $"unknown saved view {adminsView}");
        // A custom model's label is an audience once a run has labelled customers: the 13 buyers, not the two without orders.
        await admin.PostOk("/api/v1/custom-models", new { name = "复购", rules = "orders >= 1 -> \"Buyer\"" }, HttpStatusCode.Created);
        await Refused(Input(new { custom = "复购", label = "Nope" }), "audience", "unknown label 'Nope' of custom model '复购'");
        await Refused(Input(new { custom = "无此模型", label = "Buyer" }), "audience", "unknown custom model '无此模型'");
        await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(null, "test", CancellationToken.None));
        var byLabel = Id(await marketer.PostOk("/api/v1/campaigns", Input(new { and = new object[] { new { custom = "复购", label = "Buyer" }, new { not = new { view } } } }, name: "复购客户")));
        Assert.Equal(13 - listed, (await marketer.PostOk($"/api/v1/campaigns/{byLabel}/preview", new { }, HttpStatusCode.OK)).GetProperty("audience").GetInt32());

        // An audience nobody matches: 400 naming audience.
        var none = Id(await marketer.PostOk("/api/v1/campaigns", Input(new { and = new object[] { new { tag = "VIP" }, new { not = new { tag = "VIP" } } } }, name: "空")));
        var (emptyStatus, emptyProblem) = await marketer.Send(HttpMethod.Post, $"/api/v1/campaigns/{none}/preview", new { });
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.True(emptyProblem.GetProperty("errors").TryGetProperty("audience", out _));

        // The CLI: a dry run prints the exact line and writes nothing.
        var dry = await GuanxiCli.RunAsync("campaigns", "send", id.ToString(CultureInfo.InvariantCulture), "--dry-run", "--db", db.DbArgument);
        var line = $"queued {9 - control.Count}, excluded 4 (no consent 1, unsubscribed 1, no address 1, capped 1), control {control.Count}";
        Assert.True(dry.ExitCode == 0 && dry.LastLine == line, dry.Stdout + dry.Stderr);
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(0, await ctx.CampaignRecipients.CountAsync());
            Assert.Equal(CampaignStatus.Draft, (await ctx.Campaigns.SingleAsync(c => c.Id == id)).Status);
        }

        // The send: 202 with the counts; recipients stored; the sent group's messages queued, control and excluded not.
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/send")).Status);
        var (sentStatus, sent) = await marketer.Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/send");
        Assert.Equal(HttpStatusCode.Accepted, sentStatus);
        Assert.Equal(("queued", 9 - control.Count, control.Count, 4), (sent.GetProperty("status").GetString(), sent.GetProperty("queued").GetInt32(), sent.GetProperty("control").GetInt32(), sent.GetProperty("excluded").GetInt32()));
        List<long> queuedTo;
        await using (var ctx = db.CreateContext())
        {
            var recipients = await ctx.CampaignRecipients.Where(r => r.CampaignId == id).ToListAsync();
            Assert.Equal(13, recipients.Count);
            Assert.Equal(control.Order(), recipients.Where(r => r.Group == RecipientGroup.Control).Select(r => r.CustomerId).Order());
            Assert.Equal("capped", recipients.Single(r => r.CustomerId == vip[9]).Reason);
            queuedTo = await ctx.OutboxMessages.Where(m => m.CampaignId == id).Select(m => m.CustomerId).OrderBy(x => x).ToListAsync();
            Assert.Equal(eligible.Except(control).Order(), queuedTo);
            Assert.All(await ctx.OutboxMessages.Where(m => m.CampaignId == id).ToListAsync(), m => Assert.Equal(OutboxStatus.Queued, m.Status));
        }

        // A second send, through the API and the CLI: the same counts, nothing added.
        var again = await marketer.Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/send");
        Assert.Equal((HttpStatusCode.Accepted, 9 - control.Count), (again.Status, again.Body.GetProperty("queued").GetInt32()));
        var cli = await GuanxiCli.RunAsync("campaigns", "send", id.ToString(CultureInfo.InvariantCulture), "--db", db.DbArgument);
        Assert.True(cli.ExitCode == 0 && cli.LastLine == line, cli.Stdout + cli.Stderr);
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(queuedTo.Count, await ctx.OutboxMessages.CountAsync(m => m.CampaignId == id));
            Assert.Equal(13, await ctx.CampaignRecipients.CountAsync(r => r.CampaignId == id));
        }
        Assert.Equal(HttpStatusCode.Conflict, (await marketer.Send(HttpMethod.Put, $"/api/v1/campaigns/{id}", Input(audience, name: "改"))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await marketer.Send(HttpMethod.Delete, $"/api/v1/campaigns/{id}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await marketer.Send(HttpMethod.Get, $"/api/v1/campaigns/{rfm}/report")).Status);

        // Orders in the window: one sent customer buys twice (300 + 100), one control customer once (50); vip[12] (excluded) buys too.
        var sentGroup = eligible.Except(control).ToList();
        app.Clock.Advance(TimeSpan.FromDays(10));
        await admin.PostOk("/api/v1/orders", new { customerId = sentGroup[0], orderedAt = Iso(now.AddDays(5)), amount = 300m, channel = "网店" });
        await admin.PostOk("/api/v1/orders", new { customerId = sentGroup[0], orderedAt = Iso(now.AddDays(6)), amount = 100m, channel = "网店" });
        await admin.PostOk("/api/v1/orders", new { customerId = control[0], orderedAt = Iso(now.AddDays(5)), amount = 50m, channel = "网店" });
        await admin.PostOk("/api/v1/orders", new { customerId = vip[12], orderedAt = Iso(now.AddDays(5)), amount = 999m, channel = "网店" });

        var report = await analyst.GetOk($"/api/v1/campaigns/{id}/report");
        var s = report.GetProperty("sent");
        var k = report.GetProperty("control");
        Assert.Equal((sentGroup.Count, 1L, 2L, 400m), (s.GetProperty("customers").GetInt64(), s.GetProperty("converted").GetInt64(), s.GetProperty("orders").GetInt64(), s.GetProperty("revenue").GetDecimal()));
        Assert.Equal((control.Count, 1L, 50m), (k.GetProperty("customers").GetInt64(), k.GetProperty("converted").GetInt64(), k.GetProperty("revenue").GetDecimal()));
        var expected = 400d / sentGroup.Count - 50d / control.Count;
        Assert.Equal(expected, report.GetProperty("uplift").GetProperty("revenuePerCustomer").GetProperty("value").GetDouble(), 6);
        var layers = report.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(sentGroup.Count, layers.Sum(l => l.GetProperty("sent").GetProperty("customers").GetInt64()));
        Assert.Equal(400m, layers.Sum(l => l.GetProperty("sent").GetProperty("revenue").GetDecimal()));
        var messages = report.GetProperty("messages");
        Assert.Equal((sentGroup.Count, 0, 0), (messages.GetProperty("queued").GetInt32(), messages.GetProperty("sent").GetInt32(), messages.GetProperty("failed").GetInt32()));

        // Created and sent (status changed twice): audit rows of the campaign.
        await using (var ctx = db.CreateContext())
            Assert.True(await ctx.AuditEvents.CountAsync(a => a.Entity == "Campaign" && a.EntityId == id.ToString(CultureInfo.InvariantCulture)) >= 2);
    }

    /// <summary>
    /// A/B variants: a B template of the same channel is checked at save, the sent group is split by the stored seed,
    /// each customer gets their variant's template, and the report shows each variant against the control group and B − A.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_ab_campaign_sends_each_variant_its_template_and_reports_both_against_control(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Outbox:Background"] = "false" });
        var admin = app.Client();
        var marketer = app.ClientAs(Roles.Marketer);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var customers = new List<long>();
        for (var i = 1; i <= 12; i++)
        {
            var c = await admin.CreateCustomer($"测试{i}", email: $"ab{i}@example.com", tags: ["AB"]);
            await admin.PostOk($"/api/v1/customers/{c}/consents", new { channel = "email", purpose = "marketing" });
            customers.Add(c);
        }
        var a = Id(await marketer.PostOk("/api/v1/templates", new { name = "版本A", channel = "email", language = "zh-CN", subject = "A：{{ name }}", body = "A {{ unsubscribe_link }}" }));
        var b = Id(await marketer.PostOk("/api/v1/templates", new { name = "Variant B", channel = "email", language = "en", subject = "B: {{ name }}", body = "B {{ unsubscribe_link }}" }));
        var sms = Id(await marketer.PostOk("/api/v1/templates", new { name = "短信", channel = "sms", language = "zh-CN", subject = "", body = "短信" }));
        object Input(long? variant, int? percent = null) => new { name = "AB", templateId = a, audience = new { tag = "AB" }, controlPercent = 20, variantTemplateId = variant, variantPercent = percent };
        async Task Refused(object body, string field, string named)
        {
            var (status, problem) = await marketer.Send(HttpMethod.Post, "/api/v1/campaigns", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{named}: {status} {problem}");
            Assert.Contains(named, string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString())), StringComparison.Ordinal);
        }
        await Refused(Input(a), "variantTemplateId", "other than A's");
        await Refused(Input(sms), "variantTemplateId", "same channel");
        await Refused(Input(b + 99), "variantTemplateId", "was not found");
        await Refused(Input(b, 100), "variantPercent", "1 to 99");

        var created = await marketer.PostOk("/api/v1/campaigns", Input(b, 40));
        var id = Id(created);
        Assert.Equal((b, 40), (created.GetProperty("variantTemplateId").GetInt64(), created.GetProperty("variantPercent").GetInt32()));
        // A seed that leaves someone in control and at least two customers in each variant.
        long seed;
        await using (var ctx = db.CreateContext()) seed = await ctx.Campaigns.Where(c => c.Id == id).Select(c => c.Seed).SingleAsync();
        List<long> Sent(long s) => customers.Where(c => !ControlGroup.IsControl(s, c, 20)).ToList();
        while (customers.Count(c => ControlGroup.IsControl(seed, c, 20)) < 2 || Sent(seed).Count(c => VariantSplit.Of(seed, c, 40) == VariantSplit.B) is < 2 or > 8) seed++;
        await using (var ctx = db.CreateContext()) await ctx.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Seed, seed));
        var groupB = Sent(seed).Where(c => VariantSplit.Of(seed, c, 40) == VariantSplit.B).ToList();
        var groupA = Sent(seed).Except(groupB).ToList();

        var preview = await marketer.PostOk($"/api/v1/campaigns/{id}/preview", new { }, HttpStatusCode.OK);
        Assert.Equal((groupA.Count + groupB.Count, groupB.Count), (preview.GetProperty("queued").GetInt32(), preview.GetProperty("variantB").GetInt32()));
        var (status, sent) = await marketer.Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/send");
        Assert.Equal((HttpStatusCode.Accepted, groupB.Count), (status, sent.GetProperty("variantB").GetInt32()));
        await using (var ctx = db.CreateContext())
        {
            var recipients = await ctx.CampaignRecipients.Where(r => r.CampaignId == id).ToListAsync();
            Assert.Equal(groupB.Order(), recipients.Where(r => r.Variant == VariantSplit.B).Select(r => r.CustomerId).Order());
            Assert.All(recipients.Where(r => r.Group == RecipientGroup.Control), r => Assert.Null(r.Variant));
            var messages = await ctx.OutboxMessages.Where(m => m.CampaignId == id).ToListAsync();
            Assert.Equal(groupA.Order(), messages.Where(m => m.TemplateId == a).Select(m => m.CustomerId).Order());
            Assert.Equal(groupB.Order(), messages.Where(m => m.TemplateId == b).Select(m => m.CustomerId).Order());
            Assert.All(messages.Where(m => m.TemplateId == b), m => Assert.StartsWith("B: ", m.Subject, StringComparison.Ordinal));
        }

        // The outreach calendar shows the campaign on the day it was sent, with the size of its sent group.
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var month = await CurrentUser.RunAsAsync(AccessScope.System, () => app.Services.GetRequiredService<Guanxi.Marketing.OutreachCalendar>().MonthAsync(today.Year, today.Month));
        var entry = Assert.Single(month.SelectMany(d => d.Entries.Select(e => (d.Date, e))), x => x.e.Kind == "campaign");
        Assert.Equal((today, id, groupA.Count + groupB.Count), (entry.Date, entry.e.Id, entry.e.Count));

        // One B customer buys 100 in the window.
        await admin.PostOk("/api/v1/orders", new { customerId = groupB[0], orderedAt = Iso(now.AddDays(3)), amount = 100m, channel = "网店" });
        var report = await marketer.GetOk($"/api/v1/campaigns/{id}/report");
        var variants = report.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal([("A", a, (long)groupA.Count, 0m), ("B", b, (long)groupB.Count, 100m)],
            variants.Select(v => (v.GetProperty("variant").GetString(), v.GetProperty("templateId").GetInt64(), v.GetProperty("sent").GetProperty("customers").GetInt64(),
                v.GetProperty("sent").GetProperty("revenue").GetDecimal())).ToArray());
        Assert.Equal(100d / groupB.Count, variants[1].GetProperty("uplift").GetProperty("revenuePerCustomer").GetProperty("value").GetDouble(), 6);
        var comparison = report.GetProperty("comparison");
        Assert.Equal(100d / groupB.Count, comparison.GetProperty("bMinusA").GetProperty("revenuePerCustomer").GetProperty("value").GetDouble(), 6);
        // One buyer cannot make B a winner: both intervals include 0.
        Assert.Equal(JsonValueKind.Null, comparison.GetProperty("winner").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await marketer.Send(HttpMethod.Delete, $"/api/v1/templates/{b}")).Status);
    }
}
