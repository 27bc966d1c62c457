using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Security;

[ClockIndependent] // masking, reveal, erasure and audit rules: no dates
public class PrivacyAndAuditTests
{
    private static readonly string[] Secrets = ["13811112222", "13933334444", "13755556666", "jia@example.com", "yi.secret@example.com", "contact.b@example.com"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_masked_role_never_receives_an_unmasked_phone_or_email(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        await app.Client().PostOk($"/api/v1/customers/{w.B}/consents", new { channel = "sms", purpose = "marketing", how = "web form" });
        foreach (var role in new[] { Roles.Marketer, Roles.Analyst })
        {
            var http = app.ClientAs(role);
            var urls = AuthenticationTests.ApiEndpoints(app).Where(e => e.Method == "GET").Select(e => e.Url)
                .Where(u => !u.Contains("/1", StringComparison.Ordinal) && !u.Contains("/x", StringComparison.Ordinal))
                .Concat(AccessMatrixTests.RequestsOnB(w).Where(r => r.Method == HttpMethod.Get).Select(r => r.Url))
                .Concat([$"/api/v1/customers/{w.A}", "/api/v1/customers?q=13933334444", "/api/v1/customers?q=yi.secret@example.com", "/api/v1/customers/export", "/api/v1/customers/export?format=xlsx"])
                .Distinct().ToList();
            foreach (var url in urls)
            {
                var response = await http.GetAsync(url);
                var body = url.Contains("xlsx", StringComparison.Ordinal)
                    ? string.Join("\n", MiniExcelLibs.MiniExcel.Query(await response.Content.ReadAsStreamAsync()).Select(r => string.Join(",", ((IDictionary<string, object?>)r).Values)))
                    : await response.Content.ReadAsStringAsync();
                foreach (var secret in Secrets)
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{role}: GET {url} revealed {secret}");
            }
            // A masked role searches by name and code only (decision 0015): the full number finds nothing, the name finds B, masked.
            Assert.Empty((await http.GetOk("/api/v1/customers?q=13933334444")).GetProperty("items").EnumerateArray());
            var found = (await http.GetOk($"/api/v1/customers?q={Uri.EscapeDataString("乙公司")}")).GetProperty("items").EnumerateArray().Single();
            Assert.Equal(w.B, found.GetProperty("id").GetInt64());
            Assert.Equal("139****4444", found.GetProperty("phone").GetString());
            Assert.Equal("y***@example.com", found.GetProperty("email").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_permitted_reveal_and_personal_data_export_are_audited(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        var rep = app.ClientWithToken(app.TokenFor("rep-b"));

        var revealed = await rep.GetOk($"/api/v1/customers/{w.B}/reveal");
        Assert.Equal("13933334444", revealed.GetProperty("phone").GetString());
        var export = await rep.GetOk($"/api/v1/customers/{w.B}/personal-data");
        Assert.Equal("乙公司", export.GetProperty("customer").GetProperty("name").GetString());
        Assert.Single(export.GetProperty("orders").EnumerateArray());
        Assert.Single(export.GetProperty("interactions").EnumerateArray());
        Assert.DoesNotContain("甲公司", export.GetRawText(), StringComparison.Ordinal);

        var audit = await app.Client().GetOk($"/api/v1/audit?entity=Customer&entityId={w.B}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("reveal", actions);
        Assert.Contains("personal-data-export", actions);
        Assert.Contains("create", actions);
        Assert.Contains("update", actions);
        var reveal = audit.GetProperty("items").EnumerateArray().First(e => e.GetProperty("action").GetString() == "reveal");
        Assert.Equal("rep-b", reveal.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Get, "/api/v1/audit")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_rows_cannot_be_changed_or_deleted_even_by_raw_sql(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        await app.Client().CreateCustomer("审计客户");
        await using var ctx = db.CreateContext();
        var count = await ctx.AuditEvents.CountAsync();
        Assert.True(count > 0);
        await Assert.ThrowsAnyAsync<Exception>(() => ctx.Database.ExecuteSqlRawAsync("UPDATE audit_events SET action = 'tampered'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ctx.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));
        Assert.Equal(count, await ctx.AuditEvents.CountAsync());
        Assert.Equal(0, await ctx.AuditEvents.CountAsync(e => e.Action == "tampered"));

        var csv = await app.Client().GetStringAsync("/api/v1/audit/export?entity=Customer");
        Assert.StartsWith("id,at,user_id", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("审计客户", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erase_removes_identity_keeps_orders_and_is_audited_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        var admin = app.Client();
        var code = (await admin.GetOk($"/api/v1/customers/{w.B}")).GetProperty("code").GetString();

        var result = await admin.PostOk($"/api/v1/customers/{w.B}/erase", new { }, HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("ordersKept").GetInt32());

        var after = await admin.GetOk($"/api/v1/customers/{w.B}");
        Assert.Equal("已删除客户 / Erased customer", after.GetProperty("name").GetString());
        Assert.Equal(code, after.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("email").ValueKind);
        Assert.Empty(after.GetProperty("contacts").EnumerateArray());
        Assert.Empty((await admin.GetOk("/api/v1/customers?q=13933334444")).GetProperty("items").EnumerateArray());
        Assert.Empty((await admin.GetOk("/api/v1/customers?q=乙公司")).GetProperty("items").EnumerateArray());
        Assert.Single((await admin.GetOk($"/api/v1/customers/{w.B}/orders")).GetProperty("items").EnumerateArray());

        await using var ctx = db.CreateContext();
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == "erase" && e.EntityId == w.B.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0, await ctx.Contacts.CountAsync(k => k.CustomerId == w.B));
        Assert.DoesNotContain(await ctx.Interactions.Where(i => i.CustomerId == w.B).Select(i => i.Subject).ToListAsync(), s => s.Contains('乙', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Consents_are_given_and_withdrawn_per_channel_and_purpose(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var id = await admin.CreateCustomer("同意客户");
        var consent = await admin.PostOk($"/api/v1/customers/{id}/consents", new { channel = "wechat", purpose = "marketing", how = "公众号表单" });
        var withdrawn = await admin.PostOk($"/api/v1/customers/{id}/consents/{consent.GetProperty("id").GetInt64()}/withdraw", new { how = "电话" }, HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, withdrawn.GetProperty("withdrawnAt").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Send(HttpMethod.Post, $"/api/v1/customers/{id}/consents", new { channel = "pigeon", purpose = "marketing" })).Status);
        Assert.Single((await admin.GetOk($"/api/v1/customers/{id}/consents")).EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sql_injection_in_filters_and_sort_gives_no_500_and_no_leak(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));
        string[] payloads = ["' OR 1=1--", "name;DROP TABLE customers", "name desc,(select 1)", "%27", "1) OR (1=1", "\" OR \"\"=\"", "*", "NEAR(a b)"];
        string[] parameters = ["q", "tag", "group", "city", "owner", "kind", "createdFrom", "createdTo", "hasOrders", "sort", "after", "limit"];
        var failures = new List<string>();
        foreach (var p in parameters)
        {
            foreach (var payload in payloads)
            {
                foreach (var path in new[] { "/api/v1/customers", "/api/v1/customers/export", "/api/v1/orders", "/api/v1/interactions", "/api/v1/duplicates" })
                {
                    var response = await rep.GetAsync($"{path}?{p}={Uri.EscapeDataString(payload)}");
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500) failures.Add($"{path}?{p}={payload} gave {(int)response.StatusCode}");
                    if (text.Contains("乙公司", StringComparison.Ordinal)) failures.Add($"{path}?{p}={payload} leaked B");
                }
            }
        }
        var admin = app.Client();
        foreach (var payload in payloads)
        {
            var response = await admin.GetAsync($"/api/v1/audit?action={Uri.EscapeDataString(payload)}&entity={Uri.EscapeDataString(payload)}&entityId={Uri.EscapeDataString(payload)}");
            if ((int)response.StatusCode >= 500) failures.Add($"audit {payload} gave {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await using var ctx = db.CreateContext();
        Assert.Equal(2, await ctx.Customers.CountAsync());
    }
}
