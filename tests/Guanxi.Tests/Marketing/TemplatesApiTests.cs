using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Marketing;

/// <summary>
/// Message templates through the API on SQLite and PostgreSQL: a marketer writes one, unknown placeholders and
/// anything reaching beyond the model are refused at save (400 naming them, nothing written), a render for a real
/// customer fills every placeholder (custom fields, the latest model run, the last order) and is masked for the
/// marketer but not for the admin; rights, versions, delete and the audit trail.
/// </summary>
public class TemplatesApiTests
{
    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_marketer_writes_and_renders_templates_and_bad_templates_other_roles_and_stale_versions_change_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var marketer = app.ClientAs(Roles.Marketer);
        var analyst = app.ClientAs(Roles.Analyst);
        var rep = app.ClientAs(Roles.SalesRep, "上海一组");

        await admin.PostOk("/api/v1/custom-fields", new { key = "honorific", label = "称呼", type = "Text" });
        await admin.PostOk("/api/v1/custom-fields", new { key = "points", label = "积分", type = "Number" });
        var wang = await admin.CreateCustomer("王艳明", phone: "13600001111", email: "wang@example.com");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{wang}", new
        {
            name = "王艳明", phone = "13600001111", email = "wang@example.com",
            customFields = new Dictionary<string, string> { ["honorific"] = "王女士（手机 13600001111）", ["points"] = "1280" },
        });
        await admin.PostOk("/api/v1/orders", new { customerId = wang, orderedAt = "2026-05-01T10:00:00", amount = 300m, channel = "门店" });
        await admin.PostOk("/api/v1/orders", new { customerId = wang, orderedAt = "2026-06-01T10:00:00", amount = 1299m, channel = "门店" });
        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(null, "test", CancellationToken.None));

        // Unknown placeholders and reaching beyond the model: 400 naming them, nothing written.
        async Task Refused(object body, string field, string named)
        {
            var (status, problem) = await marketer.Send(HttpMethod.Post, "/api/v1/templates", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{named}: {status} {problem}");
            Assert.Contains(named, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }
        await Refused(new { name = "坏", channel = "email", language = "zh-CN", subject = "你好 {{ nmae }}", body = "x" }, "subject", "nmae");
        await Refused(new { name = "坏", channel = "sms", language = "zh-CN", body = "{{ customer.phone }} {{ email }}" }, "body", "customer.phone, email");
        await Refused(new { name = "坏", channel = "sms", language = "zh-CN", body = "{% include 'secrets' %}" }, "body", "tag include");
        await Refused(new { name = "坏", channel = "fax", language = "zh-CN", body = "x" }, "channel", "email, sms, wechat");
        await Refused(new { name = "坏", channel = "email", language = "fr", subject = "s", body = "x" }, "language", "zh-CN");
        await Refused(new { name = "坏", channel = "email", language = "en", body = "x" }, "subject", "subject");
        Assert.Equal(0, (await marketer.GetOk("/api/v1/templates")).GetArrayLength());

        // Rights: a rep neither reads nor writes; an analyst reads but does not write.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Get, "/api/v1/templates")).Status);
        var good = new
        {
            name = "会员关怀",
            channel = "email",
            language = "zh-CN",
            subject = "{{ honorific }}，{{ name }}的专属礼遇",
            body = "您是{{ member_tier }}，积分 {{ points }}。上次购买：{{ last_purchase_date }}，{{ last_purchase_amount }}。"
                + "{% if recommended_offer != '' %}建议：{{ recommended_offer }}{% endif %} 退订：{{ unsubscribe_link }}",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Post, "/api/v1/templates", good)).Status);
        var created = await marketer.PostOk("/api/v1/templates", good);
        var id = Id(created);
        Assert.Equal(("email", "zh-CN", 1L), (created.GetProperty("channel").GetString(), created.GetProperty("language").GetString(), created.GetProperty("version").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, (await marketer.Send(HttpMethod.Post, "/api/v1/templates", good)).Status);
        Assert.Equal("会员关怀", (await analyst.GetOk($"/api/v1/templates/{id}")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, $"/api/v1/templates/{id}/render", new { customerId = wang })).Status);

        // The admin's render: every placeholder filled from the customer, its custom fields, the model run and the last order.
        var full = await admin.PostOk($"/api/v1/templates/{id}/render", new { customerId = wang }, HttpStatusCode.OK);
        Assert.Equal("王女士（手机 13600001111），王艳明的专属礼遇", full.GetProperty("subject").GetString());
        var body = full.GetProperty("body").GetString()!;
        Assert.Contains("积分 1280。上次购买：2026-06-01，¥1,299.00。", body, StringComparison.Ordinal);
        Assert.Contains("退订：[退订链接]", body, StringComparison.Ordinal);
        Assert.Contains(ModelCatalog.MemberTier.Classes, c => body.StartsWith("您是" + c.NameZh + "，", StringComparison.Ordinal));

        // The marketer's render of the same: the phone inside the text is masked, the rest the same.
        var masked = await marketer.PostOk($"/api/v1/templates/{id}/render", new { customerId = wang }, HttpStatusCode.OK);
        var subject = masked.GetProperty("subject").GetString()!;
        Assert.DoesNotContain("13600001111", subject, StringComparison.Ordinal);
        Assert.StartsWith("王女士（手机 136", subject, StringComparison.Ordinal);
        Assert.Equal(body, masked.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.Send(HttpMethod.Post, $"/api/v1/templates/{id}/render", new { customerId = wang + 1000 })).Status);

        // An English template writes the date, the amount and the tier in English.
        var en = Id(await marketer.PostOk("/api/v1/templates", new { name = "Tier", channel = "wechat", language = "en", body = "{{ member_tier }} since {{ last_purchase_date }}: {{ last_purchase_amount }}" }));
        var english = (await marketer.PostOk($"/api/v1/templates/{en}/render", new { customerId = wang }, HttpStatusCode.OK)).GetProperty("body").GetString()!;
        Assert.Contains(ModelCatalog.MemberTier.Classes, c => english.StartsWith(c.NameEn + " since ", StringComparison.Ordinal));
        Assert.EndsWith(": ¥1,299.00", english, StringComparison.Ordinal);
        Assert.Equal(["Tier"], (await marketer.GetOk("/api/v1/templates?channel=wechat")).EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        // A stale version: 412, unchanged; a bad change: 400, unchanged; a good one bumps the version; delete, then 404.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await marketer.Send(HttpMethod.Put, $"/api/v1/templates/{id}", good with { name = "改" }, ifMatch: "\"7\"")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await marketer.Send(HttpMethod.Put, $"/api/v1/templates/{id}", good with { body = "{{ birthday }}" }, ifMatch: "\"1\"")).Status);
        Assert.Equal(good.body, (await marketer.GetOk($"/api/v1/templates/{id}")).GetProperty("body").GetString());
        var changed = await marketer.Send(HttpMethod.Put, $"/api/v1/templates/{id}", good with { name = "会员关怀二" }, ifMatch: "\"1\"");
        Assert.Equal((HttpStatusCode.OK, 2L), (changed.Status, changed.Body.GetProperty("version").GetInt64()));
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Send(HttpMethod.Delete, $"/api/v1/templates/{id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await marketer.Send(HttpMethod.Delete, $"/api/v1/templates/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.Send(HttpMethod.Get, $"/api/v1/templates/{id}")).Status);

        // Created, changed, deleted: one audit row each.
        await using var ctx = db.CreateContext();
        Assert.Equal(3, await ctx.AuditEvents.CountAsync(a => a.Entity == "MessageTemplate" && a.EntityId == id.ToString(CultureInfo.InvariantCulture)));
    }
}
