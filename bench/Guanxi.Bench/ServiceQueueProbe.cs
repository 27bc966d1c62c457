using System.Diagnostics;
using Guanxi.Cli;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Service;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Bench;

/// <summary>
/// The service desk at scale (issue 14): on a SQLite database with customers (e.g. after bench/scripts/playbooks-bench.sh,
/// or the task-queue probe's), adds 100 service agents in 10 teams, shares each customer with one agent, tops the
/// service requests up to <c>total</c> (a fifth open, made within the last 60 days, deadlines from a default policy
/// spread ±3 days around now), then times the queue through <see cref="ServiceDesk"/> under each agent's own scope (one
/// per agent: mine by time left, unassigned, breached) and an admin's whole queue, and finally the breach scan
/// (<see cref="SlaCheck"/>, what <c>guanxi sla check</c> runs) over the open requests.
/// </summary>
internal static class ServiceQueueProbe
{
    private const int Agents = 100;
    private const int Teams = 10;

    public static async Task<int> RunAsync(string databaseFile, long total)
    {
        await using var services = await CliServices.CreateAsync(databaseFile, CancellationToken.None);
        CurrentUser.Set(AccessScope.System);
        var staff = services.GetRequiredService<StaffDirectory>();
        var users = await staff.ListUsersAsync();
        if (!users.Any(u => u.UserName == "bench-agent-0"))
        {
            for (int t = 0; t < Teams; t++) await staff.AddTeamAsync($"bench-service-{t}", null);
            for (int a = 0; a < Agents; a++) await staff.AddUserAsync($"bench-agent-{a}", Roles.ServiceAgent, $"bench-service-{a % Teams}", "Bench-password-1");
            users = await staff.ListUsersAsync();
        }
        var agents = users.Where(u => u.UserName.StartsWith("bench-agent-", StringComparison.Ordinal)).Select(u => u.Id).Order().ToArray();

        await using (var db = new SqliteConnection($"Data Source={databaseFile}"))
        {
            db.Open();
            long customers = Scalar(db, "SELECT max(id) FROM customers");
            if (customers == 0)
            {
                Console.Error.WriteLine("No customers: load some first (e.g. bench/scripts/playbooks-bench.sh).");
                return 2;
            }
            if (Scalar(db, "SELECT count(*) FROM sla_policies") == 0)
            {
                Exec(db, "INSERT INTO sla_policies (name, types, priorities, first_response_minutes, resolution_minutes, follow_up_days, created_at, updated_at, version) "
                    + "VALUES ('bench default', '', '', 60, 480, 3, datetime('now'), datetime('now'), 1)");
            }
            long policy = Scalar(db, "SELECT min(id) FROM sla_policies");
            if (Scalar(db, $"SELECT count(*) FROM customer_shares WHERE user_id = {agents[0]}") == 0)
            {
                var clock = Stopwatch.StartNew();
                Exec(db, $"INSERT INTO customer_shares (customer_id, user_id, access) SELECT id, {agents[0]} + (id % {Agents}), 'Edit' FROM customers");
                Console.WriteLine($"shared {customers:N0} customers with {Agents} agents in {clock.Elapsed.TotalSeconds:F1} s");
            }
            long have = Scalar(db, "SELECT count(*) FROM service_requests");
            if (have < total)
            {
                var clock = Stopwatch.StartNew();
                // Every fifth request open: assigned to the customer's agent or (one in four) to nobody; deadlines ±3 days around now.
                Exec(db, $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total - have})
                    INSERT INTO service_requests (customer_id, type, channel, priority, subject, assignee_id, status, is_open, sla_policy_id,
                        response_due_at, resolution_due_at, next_due_at, first_responded_at, resolved_at, follow_up_days, created_at, updated_at, version,
                        first_response_minutes, resolution_minutes)
                    SELECT c.id, 'Repair', 'Phone', 'Normal', '报修 ' || n.i,
                           CASE WHEN n.i % 20 = 0 THEN NULL ELSE {agents[0]} + (c.id % {Agents}) END,
                           CASE WHEN n.i % 5 = 0 THEN (CASE WHEN n.i % 20 = 0 THEN 'New' ELSE 'InProgress' END) ELSE 'Closed' END,
                           CASE WHEN n.i % 5 = 0 THEN 1 ELSE 0 END, {policy},
                           strftime('%Y-%m-%d %H:%M:%S', 'now', ((n.i * 7919) % 145 - 72) || ' hours'),
                           strftime('%Y-%m-%d %H:%M:%S', 'now', ((n.i * 7919) % 145 - 72) || ' hours', '+8 hours'),
                           CASE WHEN n.i % 5 = 0 THEN strftime('%Y-%m-%d %H:%M:%S', 'now', ((n.i * 7919) % 145 - 72) || ' hours', '+8 hours') END,
                           CASE WHEN n.i % 5 = 0 THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 days') END,
                           CASE WHEN n.i % 5 = 0 THEN NULL ELSE strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 days') END,
                           3, strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (n.i % 60) || ' days'), datetime('now'), 1,
                           CASE WHEN n.i % 5 = 0 THEN NULL ELSE 120 END, CASE WHEN n.i % 5 = 0 THEN NULL ELSE 480 END
                    FROM n JOIN customers c ON c.id = 1 + (n.i * 104729) % {customers}
                    """);
                Exec(db, "ANALYZE");
                Console.WriteLine($"added {total - have:N0} service requests in {clock.Elapsed.TotalSeconds:F1} s");
            }
            Console.WriteLine($"service requests: {Scalar(db, "SELECT count(*) FROM service_requests"):N0}, open: {Scalar(db, "SELECT count(*) FROM service_requests WHERE is_open"):N0}");
        }

        var resolver = new ScopeResolver(services.GetRequiredService<DbContextOptions<GuanxiDbContext>>());
        var desk = services.GetRequiredService<ServiceDesk>();
        await TimeAsync("agent: my open requests by time left", agents, resolver, () => desk.ListAsync(new ServiceRequestFilter("open", "me", null, null, null), null, 50));
        await TimeAsync("agent: unassigned requests", agents, resolver, () => desk.ListAsync(new ServiceRequestFilter("open", "none", null, null, null), null, 50));
        await TimeAsync("agent: breached requests", agents, resolver, () => desk.ListAsync(new ServiceRequestFilter("open", null, null, null, "breached"), null, 50));
        if (!users.Any(u => u.Role == Roles.Admin))
        {
            await staff.AddUserAsync("bench-admin", Roles.Admin, null, "Bench-password-1");
            users = await staff.ListUsersAsync();
        }
        var admin = users.First(u => u.Role == Roles.Admin).Id;
        await TimeAsync("admin: the whole queue by time left (100 times)", [.. Enumerable.Repeat(admin, 100)], resolver,
            () => desk.ListAsync(new ServiceRequestFilter("open", null, null, null, null), null, 50));

        var check = services.GetRequiredService<SlaCheck>();
        var scan = Stopwatch.StartNew();
        var summary = await check.RunAsync(null);
        Console.WriteLine($"sla check over the open requests: {scan.Elapsed.TotalMilliseconds:F0} ms ({summary.Line})");
        return 0;
    }

    private static async Task TimeAsync<T>(string what, long[] users, ScopeResolver resolver, Func<Task<T>> query)
    {
        var times = new List<double>();
        // One untimed call first: EF compiles each query shape once per process (about 100 ms), not per request.
        await CurrentUser.RunAsAsync(await resolver.ResolveAsync(users[0], null, CancellationToken.None), query);
        foreach (var id in users)
        {
            var scope = await resolver.ResolveAsync(id, null, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            await CurrentUser.RunAsAsync(scope, query);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{what}: p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)(times.Count * 0.99)]:F1} ms, max {times[^1]:F1} ms ({times.Count} calls)");
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
