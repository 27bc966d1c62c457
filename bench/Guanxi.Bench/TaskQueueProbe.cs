using System.Diagnostics;
using Guanxi.Cli;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Maintenance;
using Guanxi.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Bench;

/// <summary>
/// The work queue at scale (issue 13): on a SQLite database with customers (e.g. after bench/scripts/playbooks-bench.sh),
/// gives the customers 200 owners in 20 teams with a manager each, tops the tasks up to <c>total</c> (a third open,
/// due within ±60 days of today), then times through <see cref="TaskService"/> with each user's own scope: a rep's
/// tasks due today, a rep's overdue tasks, a manager's team overdue, the 360 page's action panel; and <see cref="PlaybookEvaluation"/> over 30 runs.
/// </summary>
internal static class TaskQueueProbe
{
    private const int Reps = 200;
    private const int Teams = 20;

    public static async Task<int> RunAsync(string databaseFile, long total)
    {
        await using var services = await CliServices.CreateAsync(databaseFile, CancellationToken.None);
        CurrentUser.Set(AccessScope.System);
        var staff = services.GetRequiredService<StaffDirectory>();
        var users = await staff.ListUsersAsync();
        if (!users.Any(u => u.UserName == "bench-rep-0"))
        {
            for (int t = 0; t < Teams; t++)
            {
                await staff.AddTeamAsync($"bench-team-{t}", null);
                await staff.AddUserAsync($"bench-manager-{t}", Roles.SalesManager, $"bench-team-{t}", "Bench-password-1");
            }
            for (int r = 0; r < Reps; r++) await staff.AddUserAsync($"bench-rep-{r}", Roles.SalesRep, $"bench-team-{r % Teams}", "Bench-password-1");
            users = await staff.ListUsersAsync();
        }
        var reps = users.Where(u => u.UserName.StartsWith("bench-rep-", StringComparison.Ordinal)).Select(u => u.Id).Order().ToArray();
        var managers = users.Where(u => u.UserName.StartsWith("bench-manager-", StringComparison.Ordinal)).Select(u => u.Id).Order().ToArray();

        await using (var db = new SqliteConnection($"Data Source={databaseFile}"))
        {
            db.Open();
            Exec(db, $"UPDATE customers SET owner_id = {reps[0]} + (id % {Reps}) WHERE owner_id IS NULL OR owner_id NOT BETWEEN {reps[0]} AND {reps[^1]}");
            long have = Scalar(db, "SELECT count(*) FROM tasks");
            long customers = Scalar(db, "SELECT max(id) FROM customers");
            if (have < total)
            {
                var clock = Stopwatch.StartNew();
                // Synthetic manual tasks, a third open; assignee = the customer's owner; due within ±60 days of today.
                Exec(db, $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total - have})
                    INSERT INTO tasks (customer_id, assignee_id, kind, title, notes, due_at, priority, state, origin, created_at, updated_at, version, completed_at)
                    SELECT c.id, c.owner_id, 'Call', '回访 ' || n.i, NULL,
                           strftime('%Y-%m-%d %H:%M:%S', 'now', ((n.i * 7919) % 121 - 60) || ' days', 'start of day', '+' || (8 + n.i % 10) || ' hours'),
                           'Normal', CASE WHEN n.i % 3 = 0 THEN 'Open' ELSE 'Done' END, 'Manual',
                           strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now'), 1,
                           CASE WHEN n.i % 3 = 0 THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%S', 'now') END
                    FROM n JOIN customers c ON c.id = 1 + (n.i * 104729) % {customers}
                    """);
                Exec(db, "ANALYZE");
                Console.WriteLine($"added {total - have:N0} tasks in {clock.Elapsed.TotalSeconds:F1} s");
            }
            Console.WriteLine($"tasks: {Scalar(db, "SELECT count(*) FROM tasks"):N0}, open: {Scalar(db, "SELECT count(*) FROM tasks WHERE state = 'Open'"):N0}");
        }

        var resolver = new ScopeResolver(services.GetRequiredService<DbContextOptions<GuanxiDbContext>>());
        var tasks = services.GetRequiredService<TaskService>();
        await TimeAsync("rep: my tasks due today", reps, resolver, id => tasks.ListAsync(new TaskFilter("me", "today", null, "open"), null, 50));
        await TimeAsync("rep: my overdue tasks", reps, resolver, id => tasks.ListAsync(new TaskFilter("me", "overdue", null, "open"), null, 50));
        await TimeAsync("manager: team overdue", managers, resolver, id => tasks.ListAsync(new TaskFilter(null, "overdue", null, "open"), null, 50));
        await TimeAsync("rep: counts for the home page", reps, resolver, id => tasks.CountsAsync("me"));

        // The 360 page's action panel for a customer the rep owns (customers spread over the id range).
        var owned = new Dictionary<long, long>();
        await using (var db = new SqliteConnection($"Data Source={databaseFile}"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT owner_id, max(id) FROM customers WHERE owner_id IS NOT NULL AND id % 997 = 0 GROUP BY owner_id";
            using var reader = command.ExecuteReader();
            while (reader.Read()) owned[reader.GetInt64(0)] = reader.GetInt64(1);
        }
        var actions = services.GetRequiredService<CustomerActions>();
        await TimeAsync("rep: a customer's action panel (360 page)", [.. owned.Keys], resolver, id => actions.ForCustomerAsync(owned[id]));

        var evaluation = services.GetRequiredService<PlaybookEvaluation>();
        var playbooks = await services.GetRequiredService<PlaybookService>().ListAsync();
        await using (var db = new SqliteConnection($"Data Source={databaseFile}"))
        {
            db.Open();
            // 30 runs of flows: the stored runs' flows copied back in time, as if playbooks had been applied nightly for a month.
            long runs = Scalar(db, "SELECT count(DISTINCT run_id) FROM layer_flows");
            if (runs < 30)
            {
                Exec(db, $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {30 - runs})
                    INSERT INTO layer_flows (run_id, model_key, from_class, to_class, as_of, buyers, customers, revenue_cents)
                    SELECT -n.i * 1000 - f.run_id, f.model_key, f.from_class, f.to_class, date(f.as_of, '-' || n.i || ' days'), f.buyers, f.customers, f.revenue_cents
                    FROM n CROSS JOIN layer_flows f WHERE f.run_id = (SELECT max(run_id) FROM layer_flows)
                    """);
            }
        }
        foreach (var p in playbooks.Take(3))
        {
            var clock = Stopwatch.StartNew();
            var result = await evaluation.EvaluateAsync(p.Id, new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1));
            Console.WriteLine($"evaluation of {p.Name} ({result.Series.Count} runs): {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
        return 0;
    }

    private static async Task TimeAsync<T>(string what, long[] users, ScopeResolver resolver, Func<long, Task<T>> query)
    {
        var times = new List<double>();
        foreach (var id in users)
        {
            var scope = await resolver.ResolveAsync(id, null, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            await CurrentUser.RunAsAsync(scope, () => query(id));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{what}: p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)(times.Count * 0.99)]:F1} ms, max {times[^1]:F1} ms ({times.Count} users)");
        CurrentUser.Set(AccessScope.System);
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
