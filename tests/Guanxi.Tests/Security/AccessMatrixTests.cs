using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Security;

/// <summary>
/// Record-level access through every API endpoint that takes an id: a record outside the caller's scope answers 404
/// and is not changed; a read-only role gets 403 on writes to records it can see.
/// </summary>
[ClockIndependent] // who sees what: no dates
public class AccessMatrixTests
{
    /// <summary>Two customers in two regions: A owned by a rep in team 上海一组, B by a rep in 北京一组, each with an order, interaction and contact.</summary>
    internal sealed record World(long A, long B, long OrderA, long OrderB, long InteractionB, long ContactB, long Group, long RepA, long RepB);

    internal static async Task<World> SeedAsync(GuanxiApp app)
    {
        var admin = app.Client();
        var repA = app.CreateUser("rep-a", Roles.SalesRep, "上海一组", "华东");
        var repB = app.CreateUser("rep-b", Roles.SalesRep, "北京一组", "华北");
        var a = await admin.CreateCustomer("甲公司", phone: "13811112222", email: "jia@example.com");
        var b = await admin.CreateCustomer("乙公司", phone: "13933334444", email: "yi.secret@example.com");
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{a}", new { name = "甲公司", phone = "13811112222", email = "jia@example.com", ownerId = repA });
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{b}", new { name = "乙公司", phone = "13933334444", email = "yi.secret@example.com", ownerId = repB, tags = new[] { "VIP" } });
        var orderA = (await admin.PostOk("/api/v1/orders", new { customerId = a, orderedAt = "2026-03-01T10:00:00", amount = 10m, channel = "门店" })).GetProperty("id").GetInt64();
        var orderB = (await admin.PostOk("/api/v1/orders", new { customerId = b, orderedAt = "2026-03-02T10:00:00", amount = 20m, channel = "门店" })).GetProperty("id").GetInt64();
        var interactionB = (await admin.PostOk("/api/v1/interactions", new { customerId = b, channel = "Call", direction = "Inbound", subject = "乙的来电", staffUserId = repB })).GetProperty("id").GetInt64();
        var contactB = (await admin.PostOk($"/api/v1/customers/{b}/contacts", new { name = "乙联系人", phone = "13755556666", email = "contact.b@example.com" })).GetProperty("id").GetInt64();
        var group = (await admin.PostOk("/api/v1/groups", new { name = "重要客户" })).GetProperty("id").GetInt64();
        await admin.Send(HttpMethod.Put, $"/api/v1/customers/{b}/groups/{group}");
        return new World(a, b, orderA, orderB, interactionB, contactB, group, repA, repB);
    }

    /// <summary>Every id-taking request against B (and re-parenting into B), with whether it is a write.</summary>
    internal static IEnumerable<(HttpMethod Method, string Url, object? Body, bool Write)> RequestsOnB(World w)
    {
        var customer = new { name = "改名", phone = "10000000000" };
        var order = new { customerId = w.B, orderedAt = "2026-03-03T10:00:00", amount = 1m, channel = "网店" };
        var interaction = new { customerId = w.B, channel = "Call", direction = "Outbound", subject = "改" };
        yield return (HttpMethod.Get, $"/api/v1/customers/{w.B}", null, false);
        yield return (HttpMethod.Get, $"/api/v1/customers/{w.B}/contacts", null, false);
        yield return (HttpMethod.Get, $"/api/v1/customers/{w.B}/orders", null, false);
        yield return (HttpMethod.Get, $"/api/v1/customers/{w.B}/interactions", null, false);
        yield return (HttpMethod.Get, $"/api/v1/customers/{w.B}/shares", null, false);
        yield return (HttpMethod.Get, $"/api/v1/customers/{w.B}/consents", null, false);
        yield return (HttpMethod.Get, $"/api/v1/orders/{w.OrderB}", null, false);
        yield return (HttpMethod.Get, $"/api/v1/interactions/{w.InteractionB}", null, false);
        yield return (HttpMethod.Put, $"/api/v1/customers/{w.B}", customer, true);
        yield return (HttpMethod.Delete, $"/api/v1/customers/{w.B}", null, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.B}/tags", new { tag = "新" }, true);
        yield return (HttpMethod.Delete, $"/api/v1/customers/{w.B}/tags/VIP", null, true);
        yield return (HttpMethod.Put, $"/api/v1/customers/{w.B}/groups/{w.Group}", null, true);
        yield return (HttpMethod.Delete, $"/api/v1/customers/{w.B}/groups/{w.Group}", null, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.B}/contacts", new { name = "新联系人" }, true);
        yield return (HttpMethod.Put, $"/api/v1/customers/{w.B}/contacts/{w.ContactB}", new { name = "改" }, true);
        yield return (HttpMethod.Delete, $"/api/v1/customers/{w.B}/contacts/{w.ContactB}", null, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.A}/merge", new { mergedId = w.B }, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.B}/merge", new { mergedId = w.A }, true);
        yield return (HttpMethod.Put, $"/api/v1/orders/{w.OrderB}", order, true);
        yield return (HttpMethod.Delete, $"/api/v1/orders/{w.OrderB}", null, true);
        yield return (HttpMethod.Put, $"/api/v1/interactions/{w.InteractionB}", interaction, true);
        yield return (HttpMethod.Delete, $"/api/v1/interactions/{w.InteractionB}", null, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.B}/shares", new { userId = w.RepA, access = "Edit" }, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.B}/consents", new { channel = "sms", purpose = "marketing" }, true);
        yield return (HttpMethod.Post, $"/api/v1/customers/{w.B}/erase", null, true);
    }

    /// <summary>Everything about B a change could touch, as one comparable string.</summary>
    internal static async Task<string> SnapshotAsync(TestDatabase database, World w)
    {
        await using var db = database.CreateContext();
        var c = await db.Customers.AsNoTracking().SingleAsync(x => x.Id == w.B);
        var a = await db.Customers.AsNoTracking().SingleAsync(x => x.Id == w.A);
        var parts = new object?[]
        {
            c.Name, c.Phone, c.Email, c.OwnerId, c.Version, a.Version,
            await db.CustomerTags.CountAsync(t => t.CustomerId == w.B),
            await db.CustomerGroupMembers.CountAsync(m => m.CustomerId == w.B),
            string.Join(",", await db.Contacts.Where(k => k.CustomerId == w.B).Select(k => k.Name).ToListAsync()),
            string.Join(",", await db.Orders.Where(o => o.CustomerId == w.B).Select(o => o.Id + ":" + o.Version + ":" + o.AmountCents).ToListAsync()),
            string.Join(",", await db.Orders.Where(o => o.CustomerId == w.A).Select(o => o.Id).ToListAsync()),
            string.Join(",", await db.Interactions.Where(i => i.CustomerId == w.B).Select(i => i.Id + ":" + i.Subject).ToListAsync()),
            await db.CustomerShares.CountAsync(s => s.CustomerId == w.B),
            await db.Consents.CountAsync(s => s.CustomerId == w.B),
        };
        return string.Join("|", parts);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Records_outside_scope_answer_404_and_stay_unchanged_for_every_role(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await SeedAsync(app);
        var before = await SnapshotAsync(db, w);

        var outsiders = new Dictionary<string, HttpClient>
        {
            ["rep in 上海一组"] = app.ClientWithToken(app.TokenFor("rep-a")),
            ["manager of 华东"] = app.ClientAs(Roles.SalesManager, "华东"),
            ["service agent in 上海一组"] = app.ClientAs(Roles.ServiceAgent, "上海一组"),
        };
        var failures = new List<string>();
        foreach (var (who, http) in outsiders)
        {
            foreach (var (method, url, body, _) in RequestsOnB(w))
            {
                var (status, _) = await http.Send(method, url, body);
                // Erasing is a right reps and agents do not hold: refused with 403 before any record is looked at.
                var allowed = status == HttpStatusCode.NotFound
                    || (url.EndsWith("/erase", StringComparison.Ordinal) && who != "manager of 华东" && status == HttpStatusCode.Forbidden);
                if (!allowed) failures.Add($"{who}: {method} {url} gave {(int)status}");
            }
            // Creating under, or re-parenting into, a customer out of sight: refused, nothing created.
            var (create, _) = await http.Send(HttpMethod.Post, "/api/v1/orders", new { customerId = w.B, orderedAt = "2026-03-03T10:00:00", amount = 1m, channel = "网店" });
            if (create is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest)) failures.Add($"{who}: POST order for B gave {(int)create}");
            var (reparent, _) = await http.Send(HttpMethod.Put, $"/api/v1/orders/{w.OrderA}", new { customerId = w.B, orderedAt = "2026-03-01T10:00:00", amount = 10m, channel = "门店" });
            if (reparent is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest)) failures.Add($"{who}: re-parent order A to B gave {(int)reparent}");
            var (interaction, _) = await http.Send(HttpMethod.Post, "/api/v1/interactions", new { customerId = w.B, channel = "Call", direction = "Outbound", subject = "x" });
            if (interaction is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest)) failures.Add($"{who}: POST interaction for B gave {(int)interaction}");
            Assert.Equal(before, await SnapshotAsync(db, w));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(db, w));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Read_only_roles_read_but_get_403_on_every_write(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await SeedAsync(app);
        var before = await SnapshotAsync(db, w);
        var failures = new List<string>();
        foreach (var role in new[] { Roles.Marketer, Roles.Analyst })
        {
            var http = app.ClientAs(role);
            foreach (var (method, url, body, write) in RequestsOnB(w))
            {
                var (status, _) = await http.Send(method, url, body);
                var expected = write ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
                if (status != expected) failures.Add($"{role}: {method} {url} gave {(int)status}, expected {(int)expected}");
            }
            var (create, _) = await http.Send(HttpMethod.Post, "/api/v1/customers", new { name = "新客户" });
            if (create != HttpStatusCode.Forbidden) failures.Add($"{role}: POST customer gave {(int)create}");
            var (personal, _) = await http.Send(HttpMethod.Get, $"/api/v1/customers/{w.B}/personal-data");
            if (personal != HttpStatusCode.Forbidden) failures.Add($"{role}: personal-data gave {(int)personal}");
            var (reveal, _) = await http.Send(HttpMethod.Get, $"/api/v1/customers/{w.B}/reveal");
            if (reveal != HttpStatusCode.Forbidden) failures.Add($"{role}: reveal gave {(int)reveal}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync(db, w));
        await using var ctx = db.CreateContext();
        Assert.True(await ctx.AuditEvents.CountAsync(e => e.Action == "access-denied" && EF.Functions.Like(e.UserName!, "marketer%")) > 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lists_search_export_and_direct_reads_agree_on_scope(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await SeedAsync(app);
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));

        var customers = await rep.GetOk("/api/v1/customers");
        Assert.Equal([w.A], customers.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Empty((await rep.GetOk("/api/v1/customers?q=13933334444")).GetProperty("items").EnumerateArray());
        Assert.Empty((await rep.GetOk("/api/v1/customers?q=乙公司")).GetProperty("items").EnumerateArray());
        Assert.Equal([w.OrderA], (await rep.GetOk("/api/v1/orders")).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
        Assert.Empty((await rep.GetOk("/api/v1/interactions")).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain((await rep.GetOk("/api/v1/duplicates")).GetProperty("items").EnumerateArray(), d => d.GetProperty("customerId").GetInt64() == w.B || d.GetProperty("duplicateOfId").GetInt64() == w.B);
        var csv = await rep.GetStringAsync("/api/v1/customers/export");
        Assert.Contains("甲公司", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("乙公司", csv, StringComparison.Ordinal);

        // A manager sees the customers owned within the subtree of their team (华东 → 上海一组), not other regions.
        var manager = app.ClientAs(Roles.SalesManager, "华东");
        Assert.Equal([w.A], (await manager.GetOk("/api/v1/customers")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        var (reassign, _) = await manager.Send(HttpMethod.Put, $"/api/v1/customers/{w.A}", new { name = "甲公司", ownerId = w.RepB });
        Assert.Equal(HttpStatusCode.BadRequest, reassign);

        // The service agent sees a customer once they have served it.
        var agent = app.ClientAs(Roles.ServiceAgent, "北京一组", out var agentId);
        Assert.Empty((await agent.GetOk("/api/v1/customers")).GetProperty("items").EnumerateArray());
        await app.Client().PostOk("/api/v1/interactions", new { customerId = w.B, channel = "Call", direction = "Inbound", subject = "服务", staffUserId = agentId });
        Assert.Equal([w.B], (await agent.GetOk("/api/v1/customers")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Shares_to_a_person_or_team_grant_read_or_edit(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await SeedAsync(app);
        var admin = app.Client();
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));

        var share = await admin.PostOk($"/api/v1/customers/{w.B}/shares", new { userId = w.RepA, access = "Read" });
        Assert.Equal(HttpStatusCode.OK, (await rep.Send(HttpMethod.Get, $"/api/v1/customers/{w.B}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Put, $"/api/v1/customers/{w.B}", new { name = "改名" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Delete, $"/api/v1/orders/{w.OrderB}")).Status);
        await admin.Send(HttpMethod.Delete, $"/api/v1/customers/{w.B}/shares/{share.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.Send(HttpMethod.Get, $"/api/v1/customers/{w.B}")).Status);

        long teamId;
        await using (var ctx = db.CreateContext()) teamId = ctx.Teams.Single(t => t.Name == "华东").Id;
        await admin.PostOk($"/api/v1/customers/{w.B}/shares", new { teamId, access = "Edit" });
        var (status, body) = await rep.Send(HttpMethod.Put, $"/api/v1/customers/{w.B}", new { name = "乙公司（共享）", ownerId = w.RepA });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(w.RepB, body.GetProperty("ownerId").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_cannot_mass_assign_owner_code_or_audit_fields(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await SeedAsync(app);
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));

        var created = (await rep.PostOk("/api/v1/customers", new
        {
            name = "新客户", ownerId = w.RepB, code = "HACK-1", version = 99, createdAt = "2001-01-01T00:00:00", id = 999999,
        })).GetProperty("customer");
        Assert.Equal(w.RepA, created.GetProperty("ownerId").GetInt64());
        Assert.NotEqual("HACK-1", created.GetProperty("code").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.NotEqual(999999, created.GetProperty("id").GetInt64());

        var (status, updated) = await rep.Send(HttpMethod.Put, $"/api/v1/customers/{w.A}", new { name = "甲公司", ownerId = w.RepB, code = "HACK-2" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(w.RepA, updated.GetProperty("ownerId").GetInt64());
        Assert.NotEqual("HACK-2", updated.GetProperty("code").GetString());

        // A number taken by an order the rep cannot see is refused as a field error, not a 500.
        string numberB;
        await using (var ctx = db.CreateContext()) numberB = ctx.Orders.Single(o => o.Id == w.OrderB).Number;
        var (dup, _) = await rep.Send(HttpMethod.Post, "/api/v1/orders", new { customerId = w.A, number = numberB, orderedAt = "2026-03-05T10:00:00", amount = 5m, channel = "门店" });
        Assert.Equal(HttpStatusCode.BadRequest, dup);

        // The last admin cannot be demoted.
        var adminId = app.UserId("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client().Send(HttpMethod.Put, $"/api/v1/users/{adminId}/role", new { role = "analyst" })).Status);

        // Nor may a rep make themselves admin.
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Put, $"/api/v1/users/{w.RepA}/role", new { role = "admin" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.Send(HttpMethod.Post, "/api/v1/users", new { userName = "evil", role = "admin" })).Status);
    }
}
