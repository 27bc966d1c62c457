using System.Net;
using System.Text.RegularExpressions;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>
/// Masking where answers are made (issue 12, item 3; decision 0015): what a marketer or analyst can read through every
/// GET endpoint, every export and the pages, and what their searches can tell them.
/// </summary>
[ClockIndependent]
public class MaskingTests
{
    private static readonly string[] MaskedRoles = [Roles.Marketer, Roles.Analyst];

    /// <summary>Five customers whose phone and e-mail an attacker tries to rebuild.</summary>
    private static readonly (string Name, string Phone, string Email)[] Targets =
    [
        ("赵一", "13812345678", "zhao7@example.com"),
        ("钱二", "13998765432", "qian.er@example.cn"),
        ("孙三", "15011223344", "sun3x@example.com"),
        ("李四", "18655443322", "li_si@example.org"),
        ("周五", "17700998877", "zw05@example.net"),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_prefix_extension_attack_rebuilds_no_masked_phone_or_email_and_every_search_is_audited(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var ids = new List<long>();
        foreach (var (name, phone, email) in Targets) ids.Add(await admin.CreateCustomer(name, phone: phone, email: email));

        // The attack works where search matches phones and e-mails: a role that sees them anyway rebuilds all five,
        // so zero below means the search gave nothing away, not that the attack is broken.
        Assert.Equal(5, await RebuiltPhonesAsync(admin, ids));
        Assert.Equal(5, await RebuiltEmailsAsync(admin, ids));

        foreach (var role in MaskedRoles)
        {
            var http = app.ClientAs(role, null, out var userId);
            Assert.Equal(0, await RebuiltPhonesAsync(http, ids));
            Assert.Equal(0, await RebuiltEmailsAsync(http, ids));
            // Not even a full number or address finds the customer: with four hidden digits that would be 10 000 guesses.
            Assert.Empty((await http.GetOk($"/api/v1/customers?q={Targets[0].Phone}")).GetProperty("items").EnumerateArray());
            Assert.Empty((await http.GetOk($"/api/v1/customers?q={Uri.EscapeDataString(Targets[1].Email)}")).GetProperty("items").EnumerateArray());
            // Names still search, with the answer masked.
            var found = (await http.GetOk($"/api/v1/customers?q={Uri.EscapeDataString("钱二")}")).GetProperty("items").EnumerateArray().Single();
            Assert.Equal("139****5432", found.GetProperty("phone").GetString());
            Assert.Equal("q***@example.cn", found.GetProperty("email").GetString());
            // The duplicate check matches phones exactly: for a masked role it answers nothing.
            var (_, duplicates) = await http.Send(HttpMethod.Post, "/api/v1/customers/duplicates/check", new { name = "x", phone = Targets[2].Phone });
            Assert.DoesNotContain(ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture), duplicates.GetRawText(), StringComparison.Ordinal);

            await app.FlushAuditAsync();
            await using var ctx = db.CreateContext();
            var searches = await ctx.AuditEvents.Where(e => e.Action == "search" && e.UserId == userId).ToListAsync();
            Assert.True(searches.Count >= 40, $"{role}: only {searches.Count} searches audited");
            Assert.Contains(searches, e => e.After!.Contains(Targets[0].Phone, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The issue's attack on phones: the list shows `138****5678`; try each next digit after the visible prefix and keep
    /// the one whose search still returns the customer, until the number is complete.
    /// </summary>
    private static async Task<int> RebuiltPhonesAsync(HttpClient http, List<long> ids)
    {
        var rebuilt = 0;
        for (var t = 0; t < ids.Count; t++)
        {
            var known = Targets[t].Phone[..3];
            var suffix = Targets[t].Phone[^4..];
            for (var position = 3; position < 7; position++)
            {
                string? next = null;
                foreach (var digit in "0123456789")
                {
                    if (await FindsAsync(http, known + digit, ids[t])) { next = known + digit; break; }
                }
                if (next is null) break;
                known = next;
            }
            if (known + suffix == Targets[t].Phone) rebuilt++;
        }
        return rebuilt;
    }

    /// <summary>The attack on e-mails: `z***@example.com` shows the domain; grow the local part leftwards one character at a time.</summary>
    private static async Task<int> RebuiltEmailsAsync(HttpClient http, List<long> ids)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789._";
        var rebuilt = 0;
        for (var t = 0; t < ids.Count; t++)
        {
            var email = Targets[t].Email;
            var known = email[email.IndexOf('@', StringComparison.Ordinal)..];
            for (var guard = 0; guard < 12; guard++)
            {
                string? next = null;
                foreach (var ch in alphabet)
                {
                    if (await FindsAsync(http, ch + known, ids[t])) { next = ch + known; break; }
                }
                if (next is null) break;
                known = next;
            }
            if (known == email) rebuilt++;
        }
        return rebuilt;
    }

    private static async Task<bool> FindsAsync(HttpClient http, string q, long id) =>
        (await http.GetOk($"/api/v1/customers?q={Uri.EscapeDataString(q)}&limit=200")).GetProperty("items").EnumerateArray()
            .Any(i => i.GetProperty("id").GetInt64() == id);

    /// <summary>Personal values seeded below; none may reach a masked role in any form.</summary>
    private static readonly string[] Secrets =
    [
        "13811112222", "13933334444", "13755556666", "jia@example.com", "yi.secret@example.com", "contact.b@example.com",
        "yi_wechat_8899", "朝阳区建国路88号SOHO现代城5号楼", "110101199003071234",
        // Typed into notes, interaction subjects and bodies, and a consent's note, in the forms people type them.
        "13600001111", "136 0000 1111", "136-0000-1111", "notes.mail@example.com", "15822223333", "+86 158 2222 3333",
        "body.mail@example.com", "18544445555", "subject.mail@example.com", "17766667777",
        // Landlines without a mobile's length and WeChat ids typed into free text.
        "6552 1234", "87654321", "0755 2345 6789", "6552 7788", "abc_12345", "wxid_abc123", "zhangwei1988",
    ];

    /// <summary>The secrets as digits only too, so a phone cannot slip out reformatted.</summary>
    private static IEnumerable<string> Forms(string secret) =>
        Regex.IsMatch(secret, @"^[+\d \-]+$") ? [secret, Regex.Replace(secret, @"\D", "")] : [secret];

    private static async Task<AccessMatrixTests.World> SeedPersonalDataAsync(GuanxiApp app, TestDatabase db)
    {
        var w = await AccessMatrixTests.SeedAsync(app);
        var admin = app.Client();
        await admin.PostOk("/api/v1/custom-fields", new { key = "id_number", label = "身份证号", type = "Text" });
        await admin.PostOk("/api/v1/custom-fields", new { key = "remark", label = "备注", type = "Text" });
        var (status, body) = await admin.Send(HttpMethod.Put, $"/api/v1/customers/{w.B}", new
        {
            name = "乙公司", phone = "13933334444", email = "yi.secret@example.com", ownerId = w.RepB, tags = new[] { "VIP" },
            weChatId = "yi_wechat_8899", address = "朝阳区建国路88号SOHO现代城5号楼", birthDate = "1990-03-07",
            notes = "老板手机 13600001111，也可打 136 0000 1111 或 136-0000-1111；邮件 notes.mail@example.com；座机 6552 1234，微信: abc_12345",
            customFields = new Dictionary<string, string> { ["id_number"] = "110101199003071234", ["remark"] = "备用 17766667777" },
        });
        Assert.True(status == HttpStatusCode.OK, body.GetRawText());
        await admin.PostOk("/api/v1/interactions", new
        {
            customerId = w.B, channel = "Call", direction = "Inbound", subject = "回电 18544445555 subject.mail@example.com",
            body = "客户留了新号码 15822223333（+86 158 2222 3333），邮箱 body.mail@example.com；前台 87654321，深圳 0755 2345 6789，总机（010）6552 7788；wechat id wxid_abc123",
        });
        await admin.PostOk($"/api/v1/customers/{w.B}/consents", new { channel = "sms", purpose = "marketing", how = "电话 13600001111 确认，微信号：zhangwei1988" });

        // Two finished model runs over both customers, so the run, export, class and migration endpoints answer with data.
        await using var ctx = db.CreateContext();
        var at = app.Clock.GetUtcNow().UtcDateTime;
        foreach (var asOf in new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1) })
        {
            var run = new ModelRun { AsOf = asOf, Status = ModelRunStatus.Succeeded, Trigger = "cli", StartedAt = at, FinishedAt = at, CustomerCount = 2 };
            ctx.ModelRuns.Add(run);
            await ctx.SaveChangesAsync();
            await ctx.Database.ExecuteSqlAsync($"""
                INSERT INTO model_results (run_id, customer_id, recency_days, frequency, monetary_cents, r, f, m, rfm_segment,
                    value, active, undeveloped, unsatisfied, repeat_purchase, first_purchase, lost, potential, social, comprehensive,
                    lifecycle, category, credit_rating, member_tier, relationship_recommended, relationship_practised, p_alive, clv, referral_tree_revenue_cents, referral_tree_size, referrals)
                SELECT {run.Id}, id, 12, 3, 123456, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1234.5, 0, 0, 0 FROM customers
                """);
        }
        return w;
    }

    /// <summary>Every GET route of the API from ASP.NET Core's endpoint data source, its parameters filled from the seeded data.</summary>
    private static List<string> GetEndpoints(GuanxiApp app, AccessMatrixTests.World w, long firstRun, long lastRun, long customModel, (long Task, long WinBack, long Playbook, long Request, long Policy, long Attachment, long Opportunity, long Product, long Template, long Campaign, long CareRule) work)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var urls = new List<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (!pattern.StartsWith("api/v1", StringComparison.Ordinal)) continue;
            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { } methods && !methods.Contains("GET")) continue;
            var collection = pattern.Split('/').ElementAtOrDefault(2) ?? "";
            urls.Add("/" + Regex.Replace(pattern, @"\{(\w+)(:\w+)?\}", m => Value(m.Groups[1].Value, collection, pattern)));
        }
        return urls;

        string Value(string parameter, string collection, string pattern) => parameter switch
        {
            "id" => collection switch
            {
                "customers" => Invariant(w.B),
                "orders" => Invariant(w.OrderB),
                "interactions" => Invariant(w.InteractionB),
                "model-runs" => Invariant(lastRun),
                "custom-models" => Invariant(customModel),
                "tasks" => Invariant(work.Task),
                "win-back-cases" => Invariant(work.WinBack),
                "playbooks" => Invariant(work.Playbook),
                "service-requests" => Invariant(work.Request),
                "sla-policies" => Invariant(work.Policy),
                "opportunities" => Invariant(work.Opportunity),
                "pipelines" => Invariant(Guanxi.Domain.Sales.Pipeline.DefaultId),
                "products" => Invariant(work.Product),
                "templates" => Invariant(work.Template),
                "campaigns" => Invariant(work.Campaign),
                "care-rules" => Invariant(work.CareRule),
                _ => throw new InvalidOperationException($"No value for {{id}} in {pattern}: add one here."),
            },
            "attachmentId" => Invariant(work.Attachment),
            "from" => Invariant(firstRun),
            "to" => Invariant(lastRun),
            "model" => ModelCatalog.Value.Key,
            "cls" => ModelCatalog.Value.Classes[0].Key,
            "r" or "f" => "1",
            _ => throw new InvalidOperationException($"No value for {{{parameter}}} in {pattern}: add one here."),
        };
    }

    private static string Invariant(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_get_endpoint_export_and_page_shows_masked_roles_no_personal_value(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await SeedPersonalDataAsync(app, db);
        var admin = app.Client();
        var customModel = (await admin.PostOk("/api/v1/custom-models", new { name = "Buyers", rules = "orders >= 1 -> \"Buyer\"" })).GetProperty("id").GetInt64();
        long firstRun, lastRun;
        await using (var ctx = db.CreateContext())
        {
            firstRun = await ctx.ModelRuns.MinAsync(r => r.Id);
            lastRun = await ctx.ModelRuns.MaxAsync(r => r.Id);
        }

        // The secrets are really there for a role that may see them: the scan below can fail.
        var seen = await ReadableAsync(await admin.GetAsync($"/api/v1/customers/{w.B}")) + await ReadableAsync(await admin.GetAsync($"/api/v1/customers/{w.B}/interactions"))
            + await ReadableAsync(await admin.GetAsync("/api/v1/customers/export?format=xlsx"))
            + await ReadableAsync(await admin.GetAsync($"/api/v1/customers/{w.B}/merge-preview?with={w.A}"));
        foreach (var secret in new[] { "13933334444", "yi_wechat_8899", "110101199003071234", "13600001111", "15822223333", "subject.mail@example.com", "朝阳区建国路88号SOHO现代城5号楼", "+86 158 2222 3333", "6552 1234", "abc_12345", "87654321", "wxid_abc123" })
            Assert.Contains(secret, seen, StringComparison.Ordinal);

        app.CreateUser("scan-admin", Roles.Admin);
        var adminPage = System.Net.WebUtility.HtmlDecode(await (await SignedInBrowserAsync(app, "scan-admin")).GetStringAsync($"/customers/{w.B}"));
        foreach (var secret in new[] { "13933334444", "13755556666", "yi_wechat_8899", "13600001111", "15822223333", "body.mail@example.com" })
            Assert.Contains(secret, adminPage, StringComparison.Ordinal);

        // Work on B with personal data typed into it: a task's notes and a win-back case's apology.
        var task = (await admin.PostOk("/api/v1/tasks", new { customerId = w.B, assigneeId = w.RepB, kind = "Call", title = "回电 13600001111", notes = "新号码 15822223333，邮箱 body.mail@example.com" })).GetProperty("id").GetInt64();
        var winBack = await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>().CreateDbContext();
            var c = new Guanxi.Domain.Maintenance.WinBackCase { CustomerId = w.B, Reason = "流失 13933334444", Apology = "已致电 15822223333 致歉", OpenedOn = new DateOnly(2026, 11, 1), State = Guanxi.Domain.Maintenance.WinBackState.Apologised };
            sys.WinBackCases.Add(c);
            await sys.SaveChangesAsync();
            return c.Id;
        });
        var playbook = (await admin.GetOk("/api/v1/playbooks")).EnumerateArray().First().GetProperty("id").GetInt64();
        // A service request with personal data in its subject, description, notes and complaint steps.
        var policy = (await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 60, resolutionMinutes = 480 })).GetProperty("id").GetInt64();
        var request = (await admin.PostOk("/api/v1/service-requests", new { customerId = w.B, type = "Complaint", channel = "Phone", subject = "投诉 13600001111", description = "回拨 15822223333，邮箱 body.mail@example.com" })).GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/service-requests/{request}/notes", new { body = "客户新号码 15822223333", toCustomer = false });
        await admin.PostOk($"/api/v1/service-requests/{request}/complaint-steps", new { step = "Acknowledged", text = "已致电 13600001111 致歉" }, HttpStatusCode.OK);
        await admin.PostOk($"/api/v1/service-requests/{request}/transition", new { to = "in-progress", note = "联系 15822223333" }, HttpStatusCode.OK);
        // A file whose name holds a phone number: the list masks it, and roles that mask cannot download the file at all.
        using var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("回拨 15822223333"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        using var form = new MultipartFormDataContent { { file, "file", "回拨15822223333.txt" } };
        using var uploaded = await admin.PostAsync(new Uri($"/api/v1/service-requests/{request}/attachments", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachment = System.Text.Json.JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        // An opportunity and a grade on B with personal data in the title, next step, competitor notes, reasons.
        var product = (await admin.PostOk("/api/v1/products", new { code = "P-1", name = "空调", price = 3500m })).GetProperty("id").GetInt64();
        var opportunity = (await admin.PostOk("/api/v1/opportunities", new
        {
            customerId = w.B, title = "采购 致电 13600001111", amount = 1000m, nextStep = "回拨 15822223333，邮箱 body.mail@example.com",
            competitors = new[] { new { name = "对手", price = 900m, strengths = "联系人微信: abc_12345" } }, products = new[] { new { productId = product } },
        })).GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/opportunities/{opportunity}/lost", new { reason = "客户说 13600001111 停机了" }, HttpStatusCode.OK);
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{w.B}/grade", new { grade = "A", reason = "老板手机 13600001111 已加" });
        // A commitment whose note names a phone number (the sales/commitments list).
        await admin.PostOk("/api/v1/sales/commitments", new { period = "2027-Q1", amount = 1000m, note = "客户 13600001111 已口头答应" });
        var template = (await admin.PostOk("/api/v1/templates", new { name = "模板", channel = "sms", language = "zh-CN", body = "{{ name }}您好" })).GetProperty("id").GetInt64();
        // Outbox rows to B: their addresses are B's phone and e-mail.
        var mail = (await admin.PostOk("/api/v1/templates", new { name = "邮件", channel = "email", language = "zh-CN", subject = "{{ name }}您好", body = "{{ name }}：感谢支持" })).GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/customers/{w.B}/consents", new { channel = "sms", purpose = "marketing" });
        await admin.PostOk($"/api/v1/customers/{w.B}/consents", new { channel = "email", purpose = "marketing" });
        var outbox = app.Services.GetRequiredService<Guanxi.Marketing.OutboxWriter>();
        Assert.Equal(2, (await CurrentUser.RunAsAsync(AccessScope.System, async () =>
            (await outbox.WriteAsync(template, [w.B], "scan")).Queued + (await outbox.WriteAsync(mail, [w.B], "scan-mail")).Queued)));
        // A campaign sent to B (the report and the campaign answer; the preview's masked sample is CampaignsApiTests').
        var campaign = (await admin.PostOk("/api/v1/campaigns", new { name = "活动", templateId = mail, audience = new { tag = "VIP" } })).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.Send(HttpMethod.Post, $"/api/v1/campaigns/{campaign}/send")).Status);
        var careRule = (await admin.PostOk("/api/v1/care-rules", new { name = "生日关怀", kind = "birthday", days = 3, templateId = mail })).GetProperty("id").GetInt64();
        var endpoints = GetEndpoints(app, w, firstRun, lastRun, customModel, (task, winBack, playbook, request, policy, attachment, opportunity, product, template, campaign, careRule));
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} GET endpoints found");
        foreach (var role in MaskedRoles)
        {
            var userName = $"scan-{role}";
            app.CreateUser(userName, role);
            var http = app.ClientWithToken(app.TokenFor(userName));
            var failures = new List<string>();
            var answered = 0;
            var reads = endpoints.Concat(
            [
                $"/api/v1/customers?q={Uri.EscapeDataString("乙公司")}", "/api/v1/customers?limit=200", $"/api/v1/interactions?customerId={w.B}",
                "/api/v1/customers/export", "/api/v1/customers/export?format=csv&q=" + Uri.EscapeDataString("乙"), "/api/v1/customers/export?format=xlsx",
                $"/api/v1/customers/{w.B}/merge-preview?with={w.A}",
            ]).Distinct();
            foreach (var url in reads)
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) answered++;
                Scan(failures, $"{role}: GET {url}", await ReadableAsync(response));
            }
            Assert.True(answered >= 25, $"{role}: only {answered} GETs answered 2xx");
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/v1/customers/{w.B}/personal-data")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/v1/customers/{w.B}/reveal")).StatusCode);

            // The customer export carries the masks and the model-run export has no personal column.
            var csv = await http.GetStringAsync("/api/v1/customers/export");
            Assert.Contains("139****4444", csv, StringComparison.Ordinal);
            Assert.Contains("136****1111", csv, StringComparison.Ordinal);
            // The merge preview's side-by-side fields carry the same masks (B is the customer merged away).
            var preview = await http.GetOk($"/api/v1/customers/{w.B}/merge-preview?with={w.A}");
            Assert.Contains(preview.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "phone" && f.GetProperty("merged").GetString() == "139****4444");
            Assert.StartsWith("customer_code,recency_days", (await http.GetStringAsync($"/api/v1/model-runs/{lastRun}/export")).TrimStart('\uFEFF'), StringComparison.Ordinal);

            // The pages, server-rendered for the signed-in user as a browser first receives them.
            var browser = await SignedInBrowserAsync(app, userName);
            foreach (var page in new[] { "/", "/customers", $"/customers/{w.B}", $"/customers/{w.B}/edit", "/models" })
            {
                using var response = await browser.GetAsync(page);
                // The edit page needs EditCustomers, which masked roles lack: they get the status page's notice (still scanned).
                var expected = page.EndsWith("/edit", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
                Assert.True(response.StatusCode == expected, $"{role}: {page} gave {(int)response.StatusCode}");
                Scan(failures, $"{role}: page {page}", await ReadableAsync(response));
            }
            var customerPage = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/customers/{w.B}"));
            Assert.Contains("乙公司", customerPage, StringComparison.Ordinal);
            Assert.Contains("139****4444", customerPage, StringComparison.Ordinal);

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }

    /// <summary>
    /// The answer as a reader sees it: JSON and HTML escape non-ASCII text (\u4E59, &amp;#x4E59;), so an address in
    /// Chinese would slip past a scan of the raw bytes.
    /// </summary>
    private static async Task<string> ReadableAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type.Contains("spreadsheetml", StringComparison.Ordinal))
        {
            var rows = MiniExcelLibs.MiniExcel.Query(await response.Content.ReadAsStreamAsync());
            return string.Join("\n", rows.Select(r => string.Join(",", ((IDictionary<string, object?>)r).Values)));
        }
        var text = await response.Content.ReadAsStringAsync();
        if (type.Contains("json", StringComparison.Ordinal))
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            return string.Join("\n", Strings(json.RootElement));
        }
        return type.Contains("html", StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;
    }

    private static IEnumerable<string> Strings(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [e.ToString()],
    };

    private static void Scan(List<string> failures, string where, string text)
    {
        foreach (var secret in Secrets)
        {
            foreach (var form in Forms(secret))
            {
                if (text.Contains(form, StringComparison.Ordinal)) failures.Add($"{where} revealed {form}");
            }
        }
    }

    /// <summary>A cookie-carrying client signed in through the form, as a browser is.</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(GuanxiApp app, string userName)
    {
        var signIn = await SignInForm.PostAsync(app, userName, GuanxiApp.TestPassword);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("guanxi.auth=", StringComparison.Ordinal));
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        browser.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        return browser;
    }
}
