using System.CommandLine;
using System.Globalization;
using Guanxi.Cli;
using Guanxi.Data;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

/// <summary>`guanxi playbooks apply [--as-of] [--dry-run]` and `guanxi tasks list [--user NAME] [--due today|overdue|week]`.</summary>
internal static class MaintenanceCommands
{
    public static Command Playbooks()
    {
        var playbooks = new Command("playbooks", "Maintenance playbooks: turn each customer class into tasks, alerts and win-back cases.");
        var db = CliOptions.Db;
        var asOf = new Option<string?>("--as-of") { Description = "Apply as of this day (YYYY-MM-DD): due dates and validity count from it. Default: today." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be created; write nothing." };
        var apply = new Command("apply", "Apply every active playbook to the latest model run.") { asOf, dryRun, db };
        apply.SetAction(async (parse, ct) =>
        {
            if (!CliOptions.TryDay(parse, asOf, out var day)) return 2;
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            await services.GetRequiredService<PlaybookService>().AddDefaultsOnceAsync(ct);
            var summary = await services.GetRequiredService<PlaybookEngine>().ApplyAsync(day, parse.GetValue(dryRun), ct);
            if (summary.RunId is null) Console.Error.WriteLine("No finished model run yet: run `guanxi models run` first.");
            else if (summary.DryRun) Console.WriteLine($"dry run on model run {summary.RunId} as of {summary.AsOf:yyyy-MM-dd}: nothing written");
            else if (summary.WonBack > 0) Console.WriteLine($"{summary.WonBack} win-back cases won back by a purchase");
            Console.WriteLine(summary.Line);
            return 0;
        });
        playbooks.Subcommands.Add(apply);
        return playbooks;
    }

    public static Command Tasks()
    {
        var tasks = new Command("tasks", "The work queue.");
        var db = CliOptions.Db;
        var user = new Option<string?>("--user") { Description = "Only this user's tasks (user name)." };
        var due = new Option<string?>("--due") { Description = "today, overdue or week." };
        due.AcceptOnlyFromAmong("today", "overdue", "week");
        var list = new Command("list", "Print open tasks, one a line: id, due, assignee, customer, kind, priority, title.") { user, due, db };
        list.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            string? assignee = null;
            if (parse.GetValue(user) is { } name)
            {
                await using var context = await services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>().CreateDbContextAsync(ct);
                var id = await context.Users.Where(u => u.UserName == name).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
                if (id is null)
                {
                    Console.Error.WriteLine($"--user: no user named '{name}'.");
                    return 2;
                }
                assignee = id.Value.ToString(CultureInfo.InvariantCulture);
            }
            var service = services.GetRequiredService<TaskService>();
            string? after = null;
            do
            {
                var page = await service.ListAsync(new TaskFilter(assignee, parse.GetValue(due), null, "open"), after, 200, ct);
                foreach (var t in page.Items)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{t.Id}\t{t.DueAt:yyyy-MM-dd HH:mm}\t{t.AssigneeName ?? "-"}\t{t.CustomerName}\t{t.Kind}\t{t.Priority}\t{t.Title}"));
                }
                after = page.NextCursor;
            }
            while (after is not null);
            return 0;
        });
        tasks.Subcommands.Add(list);
        return tasks;
    }
}
