using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Api;

public class CustomersApiTests
{
    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_generates_a_code_from_the_pattern_and_reads_back(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();

        var created = await http.PostOk("/api/v1/customers", new
        {
            name = "张伟",
            phone = "+86 138-1234-5678",
            email = "Zhang.Wei@Example.com",
            city = "上海",
            tags = new[] { "VIP", "关注新品", "VIP" },
            code = "HACKED-1",
            version = 99,
        });
        var customer = created.GetProperty("customer");
        var code = customer.GetProperty("code").GetString()!;
        Assert.Matches(@"^C-\d{4}-000001$", code);
        Assert.Equal(1, customer.GetProperty("version").GetInt64());
        Assert.Equal(["VIP", "关注新品"], customer.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));

        var id = customer.GetProperty("id").GetInt64();
        var response = await http.GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var read = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("张伟", read.GetProperty("name").GetString());
        Assert.Equal(code, read.GetProperty("code").GetString());

        var second = await http.CreateCustomer("李娜");
        var secondCode = (await http.GetOk($"/api/v1/customers/{second}")).GetProperty("code").GetString();
        Assert.EndsWith("000002", secondCode, StringComparison.Ordinal);
    }

    /// <summary>A non-admin's new customer with tags and custom fields once answered 404 (issue 12, item 8).</summary>
    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sales_rep_creates_a_customer_with_tags_and_custom_fields(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        await app.Client().PostOk("/api/v1/custom-fields", new { key = "budget", label = "预算", type = "Number" });
        var rep = app.ClientAs(Guanxi.Data.Security.Roles.SalesRep, "上海一组");

        var (status, body) = await rep.Send(HttpMethod.Post, "/api/v1/customers", new
        {
            name = "吴刚", tags = new[] { "VIP" }, customFields = new Dictionary<string, string> { ["budget"] = "50000" },
        });

        Assert.True(status == HttpStatusCode.Created, $"{status}: {body.GetRawText()}");
        var id = body.GetProperty("customer").GetProperty("id").GetInt64();
        var read = await rep.GetOk($"/api/v1/customers/{id}");
        Assert.Equal(["VIP"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal("50000", read.GetProperty("customFields").GetProperty("budget").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Created_date_filters_take_the_ends_of_the_calendar(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var id = await http.CreateCustomer("周敏");
        static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

        // 9999-12-31 has no next day to cut off at: once a 500.
        Assert.Equal([id], Ids(await http.GetOk("/api/v1/customers?createdTo=9999-12-31")));
        Assert.Equal([id], Ids(await http.GetOk("/api/v1/customers?createdFrom=0001-01-01&createdTo=9999-12-31")));
        Assert.Empty(Ids(await http.GetOk("/api/v1/customers?createdFrom=9999-12-31")));
        Assert.Empty(Ids(await http.GetOk("/api/v1/customers?createdTo=0001-01-01")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invalid_input_is_a_problem_details_with_a_message_per_field(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();

        var (status, body) = await http.Send(HttpMethod.Post, "/api/v1/customers", new { name = "", email = "not-an-email", phone = "12", city = new string('x', 65) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("city", out _));
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        await using var ctx = db.CreateContext();
        Assert.Empty(ctx.Customers);
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_ids_answer_404_problem_details(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();

        var (get, body) = await http.Send(HttpMethod.Get, "/api/v1/customers/424242");
        var (put, _) = await http.Send(HttpMethod.Put, "/api/v1/customers/424242", new { name = "x" });
        var (delete, _) = await http.Send(HttpMethod.Delete, "/api/v1/customers/424242");
        var (order, _) = await http.Send(HttpMethod.Get, "/api/v1/orders/424242");

        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, put);
        Assert.Equal(HttpStatusCode.NotFound, delete);
        Assert.Equal(HttpStatusCode.NotFound, order);
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_If_Match_is_refused_with_412_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var id = await http.CreateCustomer("王芳", city: "北京");

        var (first, updated) = await http.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name = "王芳", city = "天津" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(2, updated.GetProperty("version").GetInt64());

        var (stale, problem) = await http.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name = "王芳", city = "广州" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal(412, problem.GetProperty("status").GetInt32());
        Assert.Equal("天津", (await http.GetOk($"/api/v1/customers/{id}")).GetProperty("city").GetString());

        var (staleDelete, _) = await http.Send(HttpMethod.Delete, $"/api/v1/customers/{id}", ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete);
        var (delete, _) = await http.Send(HttpMethod.Delete, $"/api/v1/customers/{id}", ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.NoContent, delete);
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_finds_by_phone_fragment_email_name_and_code_and_filters(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var zhang = await http.CreateCustomer("张伟", phone: "138-1234-5678", email: "zw@example.com", city: "上海", tags: ["VIP"]);
        var li = await http.CreateCustomer("李娜", phone: "13987654321", city: "北京");
        var company = await http.CreateCustomer("上海恒达贸易有限公司", phone: "021-62345678", kind: "Organisation", city: "上海");

        static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

        Assert.Equal([zhang], Ids(await http.GetOk("/api/v1/customers?q=81234")));
        Assert.Equal([li], Ids(await http.GetOk("/api/v1/customers?q=8765")));
        Assert.Equal([company], Ids(await http.GetOk("/api/v1/customers?q=6234")));
        Assert.Equal([zhang], Ids(await http.GetOk("/api/v1/customers?q=ZW@EXAMPLE")));
        Assert.Equal([company], Ids(await http.GetOk("/api/v1/customers?q=恒达")));
        var code = (await http.GetOk($"/api/v1/customers/{li}")).GetProperty("code").GetString();
        Assert.Equal([li], Ids(await http.GetOk($"/api/v1/customers?q={code}")));
        Assert.Equal([company, zhang], Ids(await http.GetOk("/api/v1/customers?city=上海")));
        Assert.Equal([zhang], Ids(await http.GetOk("/api/v1/customers?tag=VIP")));
        Assert.Equal([company], Ids(await http.GetOk("/api/v1/customers?kind=Organisation")));
        Assert.Empty(Ids(await http.GetOk("/api/v1/customers?hasOrders=true")));
        Assert.Equal(3, Ids(await http.GetOk("/api/v1/customers?hasOrders=false")).Length);
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Keyset_paging_visits_every_customer_once_in_each_sort(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var names = new[] { "赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫", "蒋" };
        var ids = new List<long>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            ids.Add(await http.CreateCustomer(name + (i % 3), city: i % 2 == 0 ? "上海" : null));
        // Orders for five (two tied in spend and count, one on a later day): the figure sorts walk those first, then the rest.
        var bought = new (int Customer, decimal Amount, string At)[] { (3, 50m, "2026-03-01"), (7, 80m, "2026-03-02"), (1, 80m, "2026-03-02"), (10, 20m, "2026-04-01"), (5, 10m, "2026-02-01"), (5, 15m, "2026-02-02") };
        foreach (var (customer, amount, at) in bought)
            await http.PostOk("/api/v1/orders", new { customerId = ids[customer], orderedAt = at + "T10:00:00", amount, channel = "网店" });
        long[] Expected(Func<int, IComparable> figure) =>
            ids.Select((id, i) => (id, i)).OrderByDescending(x => figure(x.i)).ThenByDescending(x => x.id).Select(x => x.id).ToArray();
        var expected = new Dictionary<string, long[]>
        {
            ["Spend"] = Expected(i => bought.Where(b => b.Customer == i).Sum(b => b.Amount)),
            ["Orders"] = Expected(i => bought.Count(b => b.Customer == i)),
            ["LastPurchase"] = Expected(i => bought.Where(b => b.Customer == i).Select(b => b.At).DefaultIfEmpty("").Max()!),
        };

        foreach (var sort in new[] { "Newest", "Name", "Code", "City", "Spend", "Orders", "LastPurchase" })
        {
            var seen = new List<long>();
            string? after = null;
            do
            {
                var url = $"/api/v1/customers?sort={sort}&limit=4" + (after is null ? "" : "&after=" + after);
                var page = await http.GetOk(url);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
                after = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            }
            while (after is not null);
            Assert.Equal(ids.Order(), seen.Order());
            if (expected.TryGetValue(sort, out var order)) Assert.Equal(order, seen);
        }
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_filter_and_sort_values_are_refused_or_taken_literally(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        await http.CreateCustomer("张伟", city: "上海");

        foreach (var payload in new[] { "' OR 1=1--", "name;DROP TABLE customers", "%", "_", "\\", "%27" })
        {
            var page = await http.GetOk("/api/v1/customers?q=" + Uri.EscapeDataString(payload));
            Assert.Empty(page.GetProperty("items").EnumerateArray());
            var byCity = await http.GetOk("/api/v1/customers?city=" + Uri.EscapeDataString(payload));
            Assert.Empty(byCity.GetProperty("items").EnumerateArray());
        }
        var (badSort, _) = await http.Send(HttpMethod.Get, "/api/v1/customers?sort=" + Uri.EscapeDataString("name desc,(select 1)"));
        Assert.Equal(HttpStatusCode.BadRequest, badSort);
        var (badCursor, _) = await http.Send(HttpMethod.Get, "/api/v1/customers?after=" + Uri.EscapeDataString("' OR 1=1--"));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor);
        Assert.Single((await http.GetOk("/api/v1/customers")).GetProperty("items").EnumerateArray());
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_warns_of_likely_duplicates_and_flags_them(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var first = await http.CreateCustomer("张伟", phone: "13812345678", email: "zw@example.com");
        await http.CreateCustomer("恒达贸易有限公司", kind: "Organisation");

        var check = await http.PostOk("/api/v1/customers/duplicates/check", new { name = "张 伟", phone = "+86 138 1234 5678" }, HttpStatusCode.OK);
        Assert.Equal(first, Assert.Single(check.EnumerateArray()).GetProperty("customerId").GetInt64());

        var created = await http.PostOk("/api/v1/customers", new { name = "Zhang Wei", email = "ZW@example.com" });
        var match = Assert.Single(created.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal("SameEmail", match.GetProperty("reason").GetString());

        var org = await http.PostOk("/api/v1/customers", new { name = "恒达贸易有限公司", kind = "Organisation" });
        Assert.Equal("SameOrganisationName", Assert.Single(org.GetProperty("possibleDuplicates").EnumerateArray()).GetProperty("reason").GetString());
        await using var ctx = db.CreateContext();
        Assert.Equal(2, ctx.DuplicateCandidates.Count());
    }

    [ClockIndependent]
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_keeps_one_code_and_moves_history_tags_groups_and_contacts(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var keep = await http.CreateCustomer("张伟", phone: "13812345678", tags: ["VIP"]);
        var gone = await http.CreateCustomer("张伟", email: "zw@example.com", city: "上海", tags: ["VIP", "价格敏感"]);
        var keepCode = (await http.GetOk($"/api/v1/customers/{keep}")).GetProperty("code").GetString();
        var goneCode = (await http.GetOk($"/api/v1/customers/{gone}")).GetProperty("code").GetString();
        var group = (await http.PostOk("/api/v1/groups", new { name = "重要客户" })).GetProperty("id").GetInt64();
        await http.Send(HttpMethod.Put, $"/api/v1/customers/{gone}/groups/{group}");
        await http.PostOk($"/api/v1/customers/{gone}/contacts", new { name = "王秘书", role = "助理", phone = "13900000000" });
        await http.PostOk("/api/v1/orders", new { customerId = gone, orderedAt = "2026-05-01T10:00:00", amount = 99.5m, channel = "store" });
        await http.PostOk("/api/v1/orders", new { customerId = keep, orderedAt = "2026-05-02T10:00:00", amount = 10m, channel = "web" });
        await http.PostOk("/api/v1/interactions", new { customerId = gone, channel = "Call", direction = "Inbound", subject = "咨询" });

        var result = await http.PostOk($"/api/v1/customers/{keep}/merge", new { mergedId = gone }, HttpStatusCode.OK);

        Assert.Equal(goneCode, result.GetProperty("mergedCode").GetString());
        Assert.Equal(1, result.GetProperty("ordersMoved").GetInt32());
        Assert.Equal(1, result.GetProperty("interactionsMoved").GetInt32());
        Assert.Equal(1, result.GetProperty("contactsMoved").GetInt32());
        var survivor = result.GetProperty("survivor");
        Assert.Equal(keepCode, survivor.GetProperty("code").GetString());
        Assert.Equal("zw@example.com", survivor.GetProperty("email").GetString());
        Assert.Equal("上海", survivor.GetProperty("city").GetString());
        Assert.Equal(["VIP", "价格敏感"], survivor.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("重要客户", Assert.Single(survivor.GetProperty("groups").EnumerateArray()).GetProperty("name").GetString());
        Assert.Single(survivor.GetProperty("contacts").EnumerateArray());
        Assert.Equal(2, (await http.GetOk($"/api/v1/customers/{keep}/orders")).GetProperty("items").GetArrayLength());
        var (missing, _) = await http.Send(HttpMethod.Get, $"/api/v1/customers/{gone}");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        await using var ctx = db.CreateContext();
        var merge = Assert.Single(ctx.CustomerMerges);
        Assert.Contains(goneCode!, merge.MergedSnapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_takes_the_chosen_fields_from_the_merged_customer_and_records_them_on_the_survivors_history()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var keep = await http.CreateCustomer("张伟", phone: "13812345678", city: "上海");
        var gone = await http.CreateCustomer("张伟（北京）", phone: "13900000002", city: "北京", email: "zw@example.com");
        var goneCode = (await http.GetOk($"/api/v1/customers/{gone}")).GetProperty("code").GetString();

        var (refused, problem) = await http.Send(HttpMethod.Post, $"/api/v1/customers/{keep}/merge", new { mergedId = gone, fields = new[] { "salary" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields", out _));

        // The preview of merging `gone` into `keep`: what moves, and the fields side by side.
        var preview = await http.GetOk($"/api/v1/customers/{gone}/merge-preview?with={keep}");
        Assert.Equal(goneCode, preview.GetProperty("code").GetString());
        var phone = preview.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "phone");
        Assert.Equal(("13812345678", "13900000002"), (phone.GetProperty("survivor").GetString(), phone.GetProperty("merged").GetString()));
        var (self, selfProblem) = await http.Send(HttpMethod.Get, $"/api/v1/customers/{gone}/merge-preview?with={gone}");
        Assert.Equal(HttpStatusCode.BadRequest, self);
        Assert.True(selfProblem.GetProperty("errors").TryGetProperty("with", out _));

        var result = await http.PostOk($"/api/v1/customers/{keep}/merge", new { mergedId = gone, fields = new[] { "phone" } }, HttpStatusCode.OK);

        var survivor = result.GetProperty("survivor");
        Assert.Equal("张伟", survivor.GetProperty("name").GetString());
        Assert.Equal("13900000002", survivor.GetProperty("phone").GetString());
        Assert.Equal("上海", survivor.GetProperty("city").GetString());
        Assert.Equal("zw@example.com", survivor.GetProperty("email").GetString());

        var entry = Assert.Single((await http.GetOk($"/api/v1/customers/{keep}/merges")).EnumerateArray());
        Assert.Equal("admin", entry.GetProperty("by").GetString());
        Assert.Equal(goneCode, entry.GetProperty("mergedCode").GetString());
        Assert.Equal("张伟（北京）", entry.GetProperty("mergedName").GetString());
        Assert.Equal(["phone", "email"], entry.GetProperty("fieldsFromMerged").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, entry.GetProperty("at").GetDateTime());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Custom_fields_are_type_checked(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        await http.PostOk("/api/v1/custom-fields", new { key = "budget", label = "预算", type = "Number" });
        await http.PostOk("/api/v1/custom-fields", new { key = "contract_end", label = "合同到期", type = "Date" });
        await http.PostOk("/api/v1/custom-fields", new { key = "level", label = "级别", type = "Choice", choices = new[] { "A", "B" } });
        var (badField, _) = await http.Send(HttpMethod.Post, "/api/v1/custom-fields", new { key = "1bad key", label = "x", type = "Text" });
        Assert.Equal(HttpStatusCode.BadRequest, badField);

        var (bad, problem) = await http.Send(HttpMethod.Post, "/api/v1/customers", new
        {
            name = "张伟",
            customFields = new Dictionary<string, string> { ["budget"] = "lots", ["contract_end"] = "2026-02-30", ["level"] = "Z", ["nope"] = "1" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var errors = problem.GetProperty("errors");
        foreach (var key in new[] { "customFields.budget", "customFields.contract_end", "customFields.level", "customFields.nope" })
            Assert.True(errors.TryGetProperty(key, out _), key);

        var ok = await http.PostOk("/api/v1/customers", new
        {
            name = "张伟",
            customFields = new Dictionary<string, string> { ["budget"] = "5000.50", ["contract_end"] = "2027-01-31", ["level"] = "A" },
        });
        var fields = ok.GetProperty("customer").GetProperty("customFields");
        Assert.Equal("5000.50", fields.GetProperty("budget").GetString());
        Assert.Equal("2027-01-31", fields.GetProperty("contract_end").GetString());
        Assert.Equal("A", fields.GetProperty("level").GetString());
    }

    [ClockIndependent]
    [Fact]
    public async Task Oversized_request_bodies_are_refused()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var (status, _) = await http.Send(HttpMethod.Post, "/api/v1/customers", new { name = "x", notes = new string('a', 2 * 1024 * 1024) });
        Assert.True(status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {status}");
        await using var ctx = db.CreateContext();
        Assert.Empty(ctx.Customers);
    }

    [ClockIndependent]
    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_endpoints()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var doc = await app.Client().GetOk("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/orders", "/api/v1/interactions", "/api/v1/custom-fields", "/api/v1/customers/{id}/merge",
            "/api/v1/customers/{id}/merge-preview", "/api/v1/customers/{id}/merges",
            "/api/v1/service-requests", "/api/v1/service-requests/{id}/transition", "/api/v1/service-requests/{id}/notes", "/api/v1/sla-policies", "/api/v1/business-calendar", "/api/v1/customers/{id}/service-requests",
            "/api/v1/service-reports", "/api/v1/service-reports/export" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        var reference = await app.Client().GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}

[ClockIndependent] // code patterns: no dates
public class CustomerSettingsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_code_pattern_applies_to_new_customers_only(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var before = await http.CreateCustomer("张伟");
        var oldCode = (await http.GetOk($"/api/v1/customers/{before}")).GetProperty("code").GetString();

        var (bad, problem) = await http.Send(HttpMethod.Put, "/api/v1/settings/customer-code-pattern", new { pattern = "KH-{yyyy}" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pattern", out _));

        var (ok, set) = await http.Send(HttpMethod.Put, "/api/v1/settings/customer-code-pattern", new { pattern = "KH{yy}{MM}-{seq:4}" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Matches(@"^KH\d{4}-0123$", set.GetProperty("example").GetString());
        var after = await http.CreateCustomer("李娜");

        Assert.Matches(@"^KH\d{4}-0001$", (await http.GetOk($"/api/v1/customers/{after}")).GetProperty("code").GetString());
        Assert.Equal(oldCode, (await http.GetOk($"/api/v1/customers/{before}")).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Flagged_duplicates_can_be_listed_and_dismissed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var first = await http.CreateCustomer("张伟", phone: "13812345678");
        var second = await http.CreateCustomer("张 伟", phone: "138 1234 5678");

        var open = await http.GetOk("/api/v1/duplicates");
        var item = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal(second, item.GetProperty("customerId").GetInt64());
        Assert.Equal(first, item.GetProperty("duplicateOfId").GetInt64());
        Assert.Equal("SamePhone", item.GetProperty("reason").GetString());

        var (dismissed, _) = await http.Send(HttpMethod.Post, $"/api/v1/duplicates/{item.GetProperty("id").GetInt64()}/dismiss");
        Assert.Equal(HttpStatusCode.NoContent, dismissed);
        Assert.Empty((await http.GetOk("/api/v1/duplicates")).GetProperty("items").EnumerateArray());
        Assert.Single((await http.GetOk("/api/v1/duplicates?status=Dismissed")).GetProperty("items").EnumerateArray());
    }
}
