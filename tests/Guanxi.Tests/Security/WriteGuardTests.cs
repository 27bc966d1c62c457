using System.Net;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>
/// The defects issue 12 found in paths none of the old checks covered: model configuration and runs by any role, the
/// list's bulk owner reassignment, and tag rename/delete across all customers. Each now passes the one guard.
/// </summary>
[ClockIndependent] // who may write: no dates
public class WriteGuardTests
{
    private static Task<T> As<T>(GuanxiApp app, string userName, Func<Task<T>> work) => CurrentUser.RunAsAsync(
        app.Services.GetRequiredService<ScopeResolver>().ResolveAsync(app.UserId(userName), null, CancellationToken.None).GetAwaiter().GetResult(), work);

    private static async Task<HttpStatusCode> StatusOf(Func<Task> work)
    {
        try
        {
            await work();
            return HttpStatusCode.OK;
        }
        catch (AccessDeniedException denied)
        {
            return denied.Hidden ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_an_admin_configures_models_runs_are_refused_to_roles_without_the_right_and_rate_limited(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Models:RunsPerHour"] = "2", ["Models:Nightly"] = "false" });
        var admin = app.Client();
        var settings = await admin.GetOk("/api/v1/models/settings");
        await using (var ctx = db.CreateContext())
        {
            Assert.False(await ctx.Settings.AnyAsync(s => s.Key == "models.settings"));
        }
        foreach (var role in new[] { Roles.SalesManager, Roles.SalesRep, Roles.ServiceAgent, Roles.Marketer, Roles.Analyst })
        {
            var http = app.ClientAs(role, "华东");
            Assert.Equal(HttpStatusCode.Forbidden, (await http.Send(HttpMethod.Put, "/api/v1/models/settings", settings)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.Send(HttpMethod.Post, "/api/v1/custom-models", new { name = "Buyers", rules = "orders >= 1 -> \"Buyer\"" })).Status);
            var run = (await http.Send(HttpMethod.Post, "/api/v1/model-runs", new { })).Status;
            Assert.Equal(role == Roles.Analyst ? HttpStatusCode.Accepted : HttpStatusCode.Forbidden, run);
        }
        await using (var ctx = db.CreateContext())
        {
            Assert.False(await ctx.Settings.AnyAsync(s => s.Key == "models.settings"));
            Assert.Equal(0, await ctx.CustomModels.CountAsync());
            Assert.Equal(1, await ctx.ModelRuns.CountAsync());
            Assert.True(await ctx.AuditEvents.CountAsync(e => e.Action == "access-denied") >= 14);
        }

        // The analyst's third run within the hour is refused with 429; the admin's settings change is audited.
        var analyst = app.ClientAs(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Accepted, (await analyst.Send(HttpMethod.Post, "/api/v1/model-runs", new { })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await analyst.Send(HttpMethod.Post, "/api/v1/model-runs", new { })).Status);
        var (tooMany, problem) = await analyst.Send(HttpMethod.Post, "/api/v1/model-runs", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany);
        Assert.Contains("Models:RunsPerHour", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, "/api/v1/models/settings", settings)).Status);
        await using (var ctx = db.CreateContext())
        {
            Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Entity == nameof(Setting) && e.UserName == "admin"));
            Assert.True(await ctx.AuditEvents.CountAsync(e => e.Entity == nameof(ModelRun) && e.Action == "create") >= 3);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_owner_reassignment_needs_the_right_and_edit_rights_and_is_audited(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        var admin = app.Client();
        await admin.PostOk($"/api/v1/customers/{w.B}/shares", new { userId = w.RepA, access = "Read" });
        app.CreateUser("marketer-1", Roles.Marketer);
        app.CreateUser("agent-1", Roles.ServiceAgent, "北京一组", "华北");
        app.CreateUser("manager-1", Roles.SalesManager, "华北");
        await admin.PostOk($"/api/v1/customers/{w.B}/shares", new { userId = app.UserId("agent-1"), access = "Edit" });
        var customers = app.Services.GetRequiredService<CustomerService>();
        var before = await AccessMatrixTests.SnapshotAsync(db, w);

        // A marketer, a rep on a customer only shared read-only with him, a service agent: all refused, nothing changed.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(() => As(app, "marketer-1", () => customers.ReassignOwnerAsync([w.B], app.UserId("marketer-1")))));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(() => As(app, "rep-a", () => customers.ReassignOwnerAsync([w.B], w.RepA))));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(() => As(app, "agent-1", () => customers.ReassignOwnerAsync([w.B], app.UserId("agent-1")))));
        // A manager cannot reach a customer outside their subtree, even mixed with one inside: all or nothing.
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(() => As(app, "manager-1", () => customers.ReassignOwnerAsync([w.B, w.A], app.UserId("manager-1")))));
        Assert.Equal(before, await AccessMatrixTests.SnapshotAsync(db, w));

        // The manager of 华北 gives B to himself: done, and audited with the old and new owner.
        Assert.Equal(1, await As(app, "manager-1", () => customers.ReassignOwnerAsync([w.B], app.UserId("manager-1"))));
        await using var ctx = db.CreateContext();
        Assert.Equal(app.UserId("manager-1"), (await ctx.Customers.SingleAsync(c => c.Id == w.B)).OwnerId);
        var audit = await ctx.AuditEvents.SingleAsync(e => e.Entity == "Customer" && e.EntityId == w.B.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.UserName == "manager-1");
        Assert.Contains(w.RepB.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Before, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Renaming_or_deleting_a_tag_on_every_customer_is_the_admins_and_is_audited(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        app.CreateUser("marketer-1", Roles.Marketer);
        var customers = app.Services.GetRequiredService<CustomerService>();
        var before = await AccessMatrixTests.SnapshotAsync(db, w);
        foreach (var user in new[] { "marketer-1", "rep-a" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(() => As(app, user, async () => { await customers.DeleteTagAsync("VIP"); return 0; })));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusOf(() => As(app, user, async () => { await customers.RenameTagAsync("VIP", "普通"); return 0; })));
        }
        Assert.Equal(before, await AccessMatrixTests.SnapshotAsync(db, w));
        // The rep does not even see the tag of a customer out of reach in the tag list.
        Assert.DoesNotContain(await As(app, "rep-a", () => customers.TagsAsync()), t => t.Tag == "VIP");

        await As(app, "admin", async () => { await customers.RenameTagAsync("VIP", "重要"); return 0; });
        await using var ctx = db.CreateContext();
        Assert.Equal(["重要"], await ctx.CustomerTags.Where(t => t.CustomerId == w.B).Select(t => t.Tag).ToListAsync());
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == "tag-rename" && e.UserName == "admin"));
    }
}
