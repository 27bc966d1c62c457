using System.Data.Common;
using System.Diagnostics;
using Guanxi.Cli;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Service;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Guanxi.Bench;

/// <summary>
/// The service desk at scale (issue 14): on a SQLite database or a PostgreSQL connection string with customers (e.g.
/// after <c>guanxi demo</c>, bench/scripts/playbooks-bench.sh, or the task-queue probe's), adds 100 service agents in 10
/// teams, shares each customer with one agent, tops the service requests up to <c>total</c> (a fifth open, made within
/// the last 60 days, deadlines from a default policy spread ±3 days around now), then times the queue through
/// <see cref="ServiceDesk"/> under each agent's own scope (one per agent: mine by time left, unassigned, breached) and
/// an admin's whole queue, and finally the breach scan (<see cref="SlaCheck"/>, what <c>guanxi sla check</c> runs) over
/// the open requests: <c>firstChecks</c> first checks (before each, the check's marks on open requests and its
/// notifications are removed, so every overdue request is new to it, as after an import or a long outage), then one check
/// that finds nothing new. Each of the 10 teams has a manager, told of each escalation of their agents' requests.
/// </summary>
internal static class ServiceQueueProbe
{
    private const int Agents = 100;
    private const int Teams = 10;

    public static async Task<int> RunAsync(string database, long total, int firstChecks)
    {
        bool postgres = DatabaseTarget.Parse(database).Provider == DatabaseProvider.Postgres;
        await using var services = await CliServices.CreateAsync(database, CancellationToken.None);
        CurrentUser.Set(AccessScope.System);
        var staff = services.GetRequiredService<StaffDirectory>();
        var users = await staff.ListUsersAsync();
        if (!users.Any(u => u.UserName == "bench-agent-0"))
        {
            for (int t = 0; t < Teams; t++) await staff.AddTeamAsync($"bench-service-{t}", null);
            for (int a = 0; a < Agents; a++) await staff.AddUserAsync($"bench-agent-{a}", Roles.ServiceAgent, $"bench-service-{a % Teams}", "Bench-password-1");
            users = await staff.ListUsersAsync();
        }
        if (!users.Any(u => u.UserName == "bench-manager-0"))
        {
            // A manager per team, told of each escalation as a desk's managers would be.
            for (int t = 0; t < Teams; t++) await staff.AddUserAsync($"bench-manager-{t}", Roles.SalesManager, $"bench-service-{t}", "Bench-password-1");
            users = await staff.ListUsersAsync();
        }
        var agents = users.Where(u => u.UserName.StartsWith("bench-agent-", StringComparison.Ordinal)).Select(u => u.Id).Order().ToArray();

        await using (var db = Open(database, postgres))
        {
            long customers = Scalar(db, "SELECT max(id) FROM customers");
            if (customers == 0)
            {
                Console.Error.WriteLine("No customers: load some first (e.g. bench/scripts/playbooks-bench.sh).");
                return 2;
            }
            if (Scalar(db, "SELECT count(*) FROM sla_policies") == 0)
            {
                string now = postgres ? "now()" : "datetime('now')";
                Exec(db, "INSERT INTO sla_policies (name, types, priorities, first_response_minutes, resolution_minutes, follow_up_days, created_at, updated_at, version) "
                    + $"VALUES ('bench default', '', '', 60, 480, 3, {now}, {now}, 1)");
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
                Exec(db, postgres ? PostgresRequests(total - have, agents[0], policy, customers) : SqliteRequests(total - have, agents[0], policy, customers));
                // VACUUM on PostgreSQL as autovacuum would soon after a load this size: hint bits and the visibility map
                // set, so the first check does not pay for them.
                Exec(db, postgres ? "VACUUM ANALYZE" : "ANALYZE");
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
        for (int k = 1; k <= firstChecks; k++)
        {
            long reset = await ResetChecksAsync(database, postgres);
            var first = Stopwatch.StartNew();
            var summary = await check.RunAsync(null);
            Console.WriteLine($"sla check, first over the open requests ({k} of {firstChecks}{(reset > 0 ? $", after resetting the marks of {reset:N0}" : "")}): "
                + $"{first.Elapsed.TotalMilliseconds:F0} ms ({Written(summary)}); load {Load()}");
        }
        var again = Stopwatch.StartNew();
        var last = await check.RunAsync(null);
        Console.WriteLine($"sla check again (nothing new): {again.Elapsed.TotalMilliseconds:F0} ms ({Written(last)}); load {Load()}");
        return 0;
    }

    /// <summary>
    /// Undoes what earlier checks wrote, so the next is a first check again: the breach, escalation and warning marks of
    /// open requests (and to whom they were escalated) and the SLA notifications. On PostgreSQL the touched tables are then
    /// vacuumed, so each first check meets the same table rather than one with a dead version of every row it marks.
    /// </summary>
    private static async Task<long> ResetChecksAsync(string database, bool postgres)
    {
        await using var db = Open(database, postgres);
        long reset = Exec(db, "UPDATE service_requests SET breached_at = NULL, escalated_at = NULL, escalated_to_id = NULL, warned_at = NULL "
            + "WHERE is_open AND (breached_at IS NOT NULL OR escalated_at IS NOT NULL OR warned_at IS NOT NULL)");
        Exec(db, "DELETE FROM notifications WHERE kind IN ('SlaWarning', 'SlaBreached')");
        if (reset > 0 && postgres) Exec(db, "VACUUM ANALYZE service_requests, notifications");
        return reset;
    }

    private static string SqliteRequests(long count, long firstAgent, long policy, long customers) => $"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
        INSERT INTO service_requests (customer_id, type, channel, priority, subject, assignee_id, status, is_open, sla_policy_id,
            response_due_at, resolution_due_at, next_due_at, first_responded_at, resolved_at, follow_up_days, created_at, updated_at, version,
            first_response_minutes, resolution_minutes)
        SELECT c.id, 'Repair', 'Phone', 'Normal', '报修 ' || n.i,
               CASE WHEN n.i % 20 = 0 THEN NULL ELSE {firstAgent} + (c.id % {Agents}) END,
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
        """;

    /// <summary>The same rows as <see cref="SqliteRequests"/>: every fifth open, one in twenty unassigned, deadlines -72..+72 h.</summary>
    private static string PostgresRequests(long count, long firstAgent, long policy, long customers) => $"""
        INSERT INTO service_requests (customer_id, type, channel, priority, subject, assignee_id, status, is_open, sla_policy_id,
            response_due_at, resolution_due_at, next_due_at, first_responded_at, resolved_at, follow_up_days, created_at, updated_at, version,
            first_response_minutes, resolution_minutes)
        SELECT c.id, 'Repair', 'Phone', 'Normal', '报修 ' || n.i,
               CASE WHEN n.i % 20 = 0 THEN NULL ELSE {firstAgent} + (c.id % {Agents}) END,
               CASE WHEN n.i % 5 = 0 THEN (CASE WHEN n.i % 20 = 0 THEN 'New' ELSE 'InProgress' END) ELSE 'Closed' END,
               n.i % 5 = 0, {policy},
               n.due,
               n.due + interval '8 hours',
               CASE WHEN n.i % 5 = 0 THEN n.due + interval '8 hours' END,
               CASE WHEN n.i % 5 = 0 THEN NULL ELSE n.now - interval '1 day' END,
               CASE WHEN n.i % 5 = 0 THEN NULL ELSE n.now - interval '1 day' END,
               3, n.now - (n.i % 60) * interval '1 day', n.now, 1,
               CASE WHEN n.i % 5 = 0 THEN NULL ELSE 120 END, CASE WHEN n.i % 5 = 0 THEN NULL ELSE 480 END
        FROM (SELECT i, date_trunc('second', now()) AS now,
                     date_trunc('second', now()) + ((i * 7919) % 145 - 72) * interval '1 hour' AS due
              FROM generate_series(1::bigint, {count}::bigint) AS g(i)) n
        JOIN customers c ON c.id = 1 + (n.i * 104729) % {customers}
        """;

    private static DbConnection Open(string database, bool postgres)
    {
        DbConnection db = postgres ? new NpgsqlConnection(DatabaseTarget.Parse(database).ConnectionString) : new SqliteConnection($"Data Source={database}");
        db.Open();
        return db;
    }

    private static string Written(SlaCheckSummary s) =>
        $"{s.Marked:N0} marked and escalated, {s.Escalated:N0} managers told, {s.Warned:N0} warned; {s.Line}";

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

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

    private static int Exec(DbConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0L;
    }
}
