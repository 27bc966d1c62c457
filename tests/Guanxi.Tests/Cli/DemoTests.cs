using Guanxi.Data;
using Guanxi.Domain.Demo;
using Guanxi.Testing;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Cli;

public class DemoTests
{
    // Counts and appends; the same generator on each of the suite's days is Demo_data_ends_on_the_clock_s_today's test.
    [Theory, ClockIndependent]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_fills_exact_counts_and_appends_on_a_second_run(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var first = await GuanxiCli.RunAsync("demo", "--customers", "300", "--orders", "2500", "--seed", "7", "--db", db.DbArgument);
        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        Assert.Contains("created 300 customers, 2500 orders", first.Stdout, StringComparison.Ordinal);
        var second = await GuanxiCli.RunAsync("demo", "--customers", "100", "--orders", "500", "--seed", "8", "--db", db.DbArgument);
        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);

        await using var ctx = db.CreateContext();
        Assert.Equal(400, await ctx.Customers.CountAsync());
        Assert.Equal(3000, await ctx.Orders.CountAsync());
        Assert.Equal(400, await ctx.Customers.Select(c => c.Code).Distinct().CountAsync());
        Assert.True(await ctx.Interactions.CountAsync() > 0);
        Assert.True(await ctx.Customers.CountAsync(c => c.ReferredById != null) > 0);
        // Every referral points at an existing, earlier customer.
        Assert.False(await ctx.Customers.AnyAsync(c => c.ReferredById != null && !ctx.Customers.Any(r => r.Id == c.ReferredById && r.Id < c.Id)));
        // Orders never precede the customer's creation (same calendar day allowed).
        var orphan = await ctx.Orders.AnyAsync(o => !ctx.Customers.Any(c => c.Id == o.CustomerId));
        Assert.False(orphan);

        // Sales: opportunities (one per three customers) with a history of stage changes over two years, won, lost and
        // open; graded leads with their grade history.
        Assert.Contains("100 opportunities", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(133, await ctx.Opportunities.CountAsync());
        var statuses = await ctx.Opportunities.GroupBy(o => o.Status).Select(g => g.Key).ToListAsync();
        Assert.Equal(3, statuses.Count);
        Assert.True(await ctx.OpportunityStageChanges.CountAsync() > 2 * 133);
        var (earliest, latest) = (await ctx.OpportunityStageChanges.MinAsync(c => c.At), await ctx.OpportunityStageChanges.MaxAsync(c => c.At));
        Assert.True((latest - earliest).TotalDays > 400, $"{earliest:O} – {latest:O}");
        Assert.False(await ctx.Opportunities.AnyAsync(o => o.Status != Guanxi.Domain.Sales.OpportunityStatus.Open && o.CloseReason == null));
        Assert.True(await ctx.Customers.CountAsync(c => c.Grade != null) > 20);
        Assert.Equal(await ctx.Customers.CountAsync(c => c.Grade != null), await ctx.CustomerGradeChanges.Select(g => g.CustomerId).Distinct().CountAsync());

        // Marketing, once (the second run finds templates and adds none): consents, templates in both languages, one care
        // rule of each kind, and an A/B campaign sent 30 days before the clock's now, its sent group written and delivered.
        Assert.Contains("marketing: ", first.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("marketing: ", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(6, await ctx.MessageTemplates.CountAsync());
        Assert.Equal(["en", "zh-CN"], await ctx.MessageTemplates.Select(t => t.Language).Distinct().OrderBy(l => l).ToListAsync());
        Assert.Equal(5, await ctx.CareRules.Select(r => r.Kind).Distinct().CountAsync());
        Assert.True(await ctx.Consents.CountAsync(k => k.Channel == "email" && k.WithdrawnAt != null) > 0);
        var campaign = await ctx.Campaigns.SingleAsync();
        Assert.Equal((Guanxi.Domain.Marketing.CampaignStatus.Sent, true), (campaign.Status, campaign.VariantTemplateId is not null));
        Assert.InRange(campaign.SentAt!.Value, TestClock.Start.UtcDateTime.AddDays(-31), TestClock.Start.UtcDateTime.AddDays(-29));
        var sentTo = await ctx.CampaignRecipients.CountAsync(r => r.CampaignId == campaign.Id && r.Group == Guanxi.Domain.Marketing.RecipientGroup.Sent);
        Assert.True(sentTo > 0 && await ctx.CampaignRecipients.AnyAsync(r => r.CampaignId == campaign.Id && r.Group == Guanxi.Domain.Marketing.RecipientGroup.Control));
        Assert.Equal(sentTo, await ctx.OutboxMessages.CountAsync(m => m.CampaignId == campaign.Id && m.Status == Guanxi.Domain.Marketing.OutboxStatus.Sent));
        Assert.Equal(2, await ctx.CampaignRecipients.Where(r => r.CampaignId == campaign.Id && r.Variant != null).Select(r => r.Variant).Distinct().CountAsync());

        // PostgreSQL plans from table statistics: the load analyses what it wrote before anything plans over it (the sales
        // facts' rebuild planned on the empty tables' statistics ran past its timeout at 200,000 demo customers).
        // reltuples is -1 until a table was first analysed or vacuumed.
        if (provider == DatabaseProvider.Postgres)
        {
            foreach (var table in (string[])["opportunities", "opportunity_stage_changes", "customers", "orders", "interactions"])
            {
                var rows = await ctx.Database.SqlQuery<float>($"SELECT reltuples AS \"Value\" FROM pg_class WHERE relname = {table}").SingleAsync();
                Assert.True(rows > 0, $"{table}: reltuples {rows}");
            }
        }

        // Rows written by the bulk path are ordinary rows for the API: a new customer after the demo gets a fresh id and code.
        await using var app = new GuanxiApp(db);
        var created = await Api.ApiClient.CreateCustomer(app.Client(), "新客户");
        Assert.True(created > 400);
    }

    [Fact]
    public async Task The_server_loads_demo_data_into_an_empty_database_only()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var app = new DemoEnabledApp(db))
        {
            app.Client();
        }
        await using var ctx = db.CreateContext();
        var count = await ctx.Customers.CountAsync();
        Assert.True(count >= 100, $"only {count} demo customers");
        // Every role finds something: the demo's staff (the first admin made before them), the reps owning the customers
        // in turn and each opportunity its customer's owner.
        var staff = await ctx.Users.Select(u => new { u.Id, u.UserName, u.TeamId }).ToListAsync();
        Assert.Contains(staff, u => u.UserName == "admin");
        Assert.All(Guanxi.Demo.DemoSeeder.Staff, s => Assert.Contains(staff, u => u.UserName == s.UserName && (s.Team is null) == (u.TeamId is null)));
        var reps = staff.Where(u => u.UserName is "li.rep" or "zhao.rep").Select(u => u.Id).Order().ToList();
        var owners = await ctx.Customers.GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(reps, owners.Select(o => o.Key ?? 0).Order().ToList());
        Assert.InRange(owners.Max(o => o.Count) - owners.Min(o => o.Count), 0, 1);
        var deals = await ctx.Opportunities.Select(o => new { o.OwnerId, CustomerOwner = ctx.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.OwnerId).FirstOrDefault() }).ToListAsync();
        Assert.NotEmpty(deals);
        Assert.All(deals, d => Assert.Equal(d.CustomerOwner, d.OwnerId));
        await using (var again = new DemoEnabledApp(db))
        {
            again.Client();
        }
        Assert.Equal(count, await ctx.Customers.CountAsync());
        // Dated by the server's clock: orders run up to the suite's today and no further.
        var last = DateOnly.FromDateTime(await ctx.Orders.IgnoreQueryFilters().MaxAsync(o => o.OrderedAt));
        Assert.InRange(last, TestClock.Today.AddDays(-30), TestClock.Today);
    }

    /// <summary>About the day, not the database: SQLite only (the bulk paths of both are covered above).</summary>
    [Fact]
    public async Task Demo_data_ends_on_the_clock_s_today_or_on_the_day_given()
    {
        await using var given = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var onClock = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var run = await GuanxiCli.RunAsync("demo", "--customers", "60", "--orders", "600", "--seed", "3", "--today", "2024-02-29", "--db", given.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var clock = await GuanxiCli.RunAsync("demo", "--customers", "60", "--orders", "600", "--seed", "3", "--db", onClock.DbArgument);
        Assert.True(clock.ExitCode == 0, clock.Stderr + clock.Stdout);
        var bad = await GuanxiCli.RunAsync("demo", "--customers", "1", "--orders", "1", "--today", "2024-02-30", "--db", onClock.DbArgument);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--today", bad.Stderr, StringComparison.Ordinal);

        // The same seed and day give the same data set: exactly what the generator makes for that day.
        var expected = new DemoDataGenerator(new DemoOptions(60, 600, 3, new DateOnly(2024, 2, 29))).Orders()
            .Select(o => (Day: DateOnly.FromDateTime(o.OrderedAt), o.AmountCents)).Order().ToList();
        var stored = await OrdersAsync(given);
        Assert.Equal(expected, stored);
        Assert.InRange(stored.Max(o => o.Day), new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 29));
        Assert.InRange((await OrdersAsync(onClock)).Max(o => o.Day), TestClock.Today.AddDays(-30), TestClock.Today);
    }

    private static async Task<List<(DateOnly Day, long AmountCents)>> OrdersAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        var rows = await ctx.Orders.IgnoreQueryFilters().Select(o => new { o.OrderedAt, o.AmountCents }).ToListAsync();
        return rows.Select(o => (DateOnly.FromDateTime(o.OrderedAt), o.AmountCents)).Order().ToList();
    }

    private sealed class DemoEnabledApp(TestDatabase db) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Guanxi", db.Target.ConnectionString);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting(Hosting.Clock.StartSetting, TestClock.StartText);
        }

        public HttpClient Client() => CreateClient();
    }
}
