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
        var command = new Command("demo", "Fill the database with believable demo customers, orders, interactions and referrals.") { customers, orders, seed, today, db };
        command.SetAction(async (parse, ct) =>
        {
            if (!CliOptions.TryDay(parse, today, out var day)) return 2;
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var loader = services.GetRequiredService<DemoLoader>();
            var options = new DemoOptions(parse.GetValue(customers), parse.GetValue(orders), parse.GetValue(seed), day ?? services.GetRequiredService<TimeProvider>().Today());
            var summary = await loader.LoadAsync(options, new Progress<string>(Console.WriteLine), ct);
            Console.WriteLine($"created {summary.Customers} customers, {summary.Orders} orders, {summary.Interactions} interactions, {summary.Opportunities} opportunities, {summary.GradedLeads} graded leads in {summary.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}

/// <summary>Gives a newcomer a living CRM: a small demo data set in an empty database at start.</summary>
public sealed partial class DemoSeeder(
    DemoLoader loader,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.GuanxiDbContext> contexts,
    Models.ModelRunService runs,
    ILogger<DemoSeeder> logger,
    TimeProvider time)
{
    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Customers, ct)) return;
        }
        var summary = await loader.LoadAsync(new DemoOptions(300, 3000, 42, time.Today()), null, ct);
        // Two model runs a month apart, so a newcomer sees classes, movement between them, and the work the playbooks
        // made of it (tasks, alerts, win-back cases, an evaluation) instead of empty pages.
        await runs.RunAsync(time.Today().AddDays(-30), "demo", ct);
        await runs.RunAsync(null, "demo", ct);
        LogSeeded(logger, summary.Customers, summary.Orders);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: loaded {Customers} demo customers with {Orders} orders, classified them twice and applied the playbooks (start with --no-demo to skip)")]
    private static partial void LogSeeded(ILogger logger, long customers, long orders);
}
