using System.CommandLine;
using Guanxi.Cli;
using Guanxi.Domain.Demo;
using Guanxi.Hosting;

namespace Guanxi.Demo;

internal static class DemoCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db;
        var customers = new Option<int>("--customers") { Description = "Customers to create", Required = true };
        var orders = new Option<long>("--orders") { Description = "Orders to create (exactly)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same data)", DefaultValueFactory = _ => 42 };
        var today = new Option<string?>("--today") { Description = "The day the demo data ends on, YYYY-MM-DD (default: today); with --seed, the same data set every time" };
        customers.Validators.Add(r =>
        {
            if (r.GetValue(customers) < 1) r.AddError("--customers must be at least 1.");
        });
        orders.Validators.Add(r =>
        {
            if (r.GetValue(orders) < 0) r.AddError("--orders cannot be negative.");
        });
        var command = new Command("demo", "Fill the database with believable demo customers, orders, interactions and referrals, and (once) consents, message templates, care rules and a sent A/B campaign.") { customers, orders, seed, today, db };
        command.SetAction(async (parse, ct) =>
        {
            if (!CliOptions.TryDay(parse, today, out var day)) return 2;
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var loader = services.GetRequiredService<DemoLoader>();
            var options = new DemoOptions(parse.GetValue(customers), parse.GetValue(orders), parse.GetValue(seed), day ?? services.GetRequiredService<TimeProvider>().Today());
            var summary = await loader.LoadAsync(options, new Progress<string>(Console.WriteLine), ct);
            Console.WriteLine($"created {summary.Customers} customers, {summary.Orders} orders, {summary.Interactions} interactions, {summary.Opportunities} opportunities, {summary.GradedLeads} graded leads in {summary.Elapsed.TotalSeconds:F1} s");
            // Templates, care rules and a sent A/B campaign, once (skipped when the database has templates already).
            if (await services.GetRequiredService<DemoMarketing>().SeedAsync(ct) is { } marketing) Console.WriteLine(DemoMarketing.Line(marketing));
            return 0;
        });
        return command;
    }
}

/// <summary>Gives a newcomer a living CRM: a small demo data set in an empty database at start.</summary>
public sealed partial class DemoSeeder(
    DemoLoader loader,
    DemoMarketing marketing,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.GuanxiDbContext> contexts,
    Models.ModelRunService runs,
    Security.StaffDirectory staff,
    ILogger<DemoSeeder> logger,
    TimeProvider time)
{
    /// <summary>
    /// The demo's sales organisation, so every role finds something on the first day: a sales department with two
    /// groups, its manager and a rep in each (the reps own the customers in turn, and their opportunities), plus a
    /// service agent, a marketer and an analyst. Their passwords are random and shown nowhere: an admin sets one on
    /// the users page ("reset password") to try a role.
    /// </summary>
    public static readonly (string Name, string? Parent)[] Teams = [("销售部", null), ("华东销售组", "销售部"), ("华南销售组", "销售部")];

    public static readonly (string UserName, string Role, string? Team)[] Staff =
    [
        ("wang.manager", Data.Security.Roles.SalesManager, "销售部"),
        ("li.rep", Data.Security.Roles.SalesRep, "华东销售组"),
        ("zhao.rep", Data.Security.Roles.SalesRep, "华南销售组"),
        ("chen.service", Data.Security.Roles.ServiceAgent, null),
        ("liu.marketing", Data.Security.Roles.Marketer, null),
        ("zhou.analyst", Data.Security.Roles.Analyst, null),
    ];

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Customers, ct)) return;
        }
        var owners = await AddStaffAsync(ct);
        var summary = await loader.LoadAsync(new DemoOptions(300, 3000, 42, time.Today()), null, ct, owners);
        // Two model runs a month apart, so a newcomer sees classes, movement between them, and the work the playbooks
        // made of it (tasks, alerts, win-back cases, an evaluation) instead of empty pages.
        await runs.RunAsync(time.Today().AddDays(-30), "demo", ct);
        await runs.RunAsync(null, "demo", ct);
        // Templates, care rules and an A/B campaign sent a month ago with its control group and results.
        await marketing.SeedAsync(ct);
        LogSeeded(logger, summary.Customers, summary.Orders);
    }

    /// <summary>Adds the demo's teams and staff that are not there yet; returns the reps, who will own the customers.</summary>
    private async Task<IReadOnlyList<long>> AddStaffAsync(CancellationToken ct)
    {
        var teams = (await staff.ListTeamsAsync(ct)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, parent) in Teams)
        {
            if (!teams.Contains(name)) await staff.AddTeamAsync(name, parent, ct);
        }

        var users = (await staff.ListUsersAsync(ct)).ToDictionary(u => u.UserName, u => u.Id, StringComparer.Ordinal);
        var reps = new List<long>();
        foreach (var (userName, role, team) in Staff)
        {
            if (!users.TryGetValue(userName, out long id)) id = (await staff.AddUserAsync(userName, role, team, null, ct)).Id;
            if (role == Data.Security.Roles.SalesRep) reps.Add(id);
        }

        return reps;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: loaded {Customers} demo customers with {Orders} orders, classified them twice, applied the playbooks and added templates, care rules and a sent campaign (start with --no-demo to skip)")]
    private static partial void LogSeeded(ILogger logger, long customers, long orders);
}
