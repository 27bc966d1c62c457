using System.Diagnostics;
using Guanxi.Cli;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Hosting;
using Guanxi.Sales;
using Guanxi.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Bench;

/// <summary>
/// The funnel, the forecast and the backtest at scale (issue 15): on a SQLite database with customers (e.g. a demo),
/// adds 20 sales reps in 4 teams under one manager's region, gives every customer one of them as owner, tops the
/// opportunities up to <c>total</c> in the default pipeline (created over two years, each walking to stage 4 or 5 with a
/// stage-change row per step, three in five closed with a close row: about 5 stage changes each), then times through
/// the services (what the API and pages call) under an admin's scope and a manager's: the funnel of the last 90 days
/// and of two years, the forecast of the current quarter, and the six-quarter backtest.
/// </summary>
internal static class SalesForecastProbe
{
    private const int Reps = 20;
    private const int Teams = 4;

    public static async Task<int> RunAsync(string databaseFile, long total)
    {
        await using var services = await CliServices.CreateAsync(databaseFile, CancellationToken.None);
        var users = await LoadAsync(services, databaseFile, total);
        if (users is null) return 2;

        // The raw rows bypass the save that keeps the facts the funnel and the forecast read (furthest stage, learnt
        // outcome counts): recompute them from the history, as the migration's backfill does.
        var rebuild = Stopwatch.StartNew();
        await using (var facts = await services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>().CreateDbContextAsync())
        {
            await SalesFacts.RebuildAsync(facts);
        }
        Console.WriteLine($"sales facts rebuilt from the history in {rebuild.Elapsed.TotalSeconds:F1} s");

        var resolver = new ScopeResolver(services.GetRequiredService<DbContextOptions<GuanxiDbContext>>());
        var admin = users.First(u => u.UserName == "bench-sales-admin").Id;
        var manager = users.First(u => u.UserName == "bench-sales-manager").Id;
        var funnel = services.GetRequiredService<SalesFunnel>();
        var forecast = services.GetRequiredService<SalesForecast>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        foreach (var (who, id) in new[] { ("admin", admin), ("manager", manager) })
        {
            // A second run of the cheaper ones shows the warm cache; the two-year funnel and the backtest run once.
            await TimeAsync($"{who}: funnel, last 90 days", id, resolver, () => funnel.FunnelAsync(null, null, null), runs: 2);
            await TimeAsync($"{who}: forecast, this quarter", id, resolver, () => forecast.ForecastAsync(null, null), runs: 2);
            await TimeAsync($"{who}: funnel, two years", id, resolver, () => funnel.FunnelAsync(today.AddDays(-729), today, null), runs: 1);
            // SALES_BENCH_BACKTEST=0 leaves the backtest out (minutes under a manager, and unchanged by the funnel's work).
            if (Environment.GetEnvironmentVariable("SALES_BENCH_BACKTEST") != "0")
                await TimeAsync($"{who}: backtest, six quarters", id, resolver, () => forecast.BacktestAsync(6, false, null), runs: 1);
        }
        return 0;
    }

    /// <summary>
    /// The probe's data, shared with <see cref="SalesListProbe"/>: the bench users (20 reps in 4 teams, a manager, an
    /// admin), every customer owned by one of the reps, and opportunities with their stage changes topped up to
    /// <paramref name="total"/>. Null when the database has no customers.
    /// </summary>
    public static async Task<IReadOnlyList<UserDto>?> LoadAsync(IServiceProvider services, string databaseFile, long total)
    {
        CurrentUser.Set(AccessScope.System);
        var staff = services.GetRequiredService<StaffDirectory>();
        var users = await staff.ListUsersAsync();
        if (!users.Any(u => u.UserName == "bench-seller-0"))
        {
            await staff.AddTeamAsync("bench-sales", null);
            for (int t = 0; t < Teams; t++) await staff.AddTeamAsync($"bench-sales-{t}", "bench-sales");
            for (int r = 0; r < Reps; r++) await staff.AddUserAsync($"bench-seller-{r}", Roles.SalesRep, $"bench-sales-{r % Teams}", "Bench-password-1");
            await staff.AddUserAsync("bench-sales-manager", Roles.SalesManager, "bench-sales", "Bench-password-1");
            await staff.AddUserAsync("bench-sales-admin", Roles.Admin, null, "Bench-password-1");
            users = await staff.ListUsersAsync();
        }
        var reps = users.Where(u => u.UserName.StartsWith("bench-seller-", StringComparison.Ordinal)).Select(u => u.Id).Order().ToArray();

        await using (var db = new SqliteConnection($"Data Source={databaseFile}"))
        {
            db.Open();
            long customers = Scalar(db, "SELECT max(id) FROM customers");
            if (customers == 0)
            {
                Console.Error.WriteLine("No customers: load some first (guanxi demo).");
                return null;
            }
            Exec(db, $"UPDATE customers SET owner_id = {reps[0]} + (id % {Reps})");
            long have = Scalar(db, "SELECT count(*) FROM opportunities");
            if (have < total)
            {
                var clock = Stopwatch.StartNew();
                long first = Scalar(db, "SELECT coalesce(max(id), 0) FROM opportunities") + 1;
                long n = total - have;
                // Opportunity i: created i % 730 days ago, furthest stage 4 or 5, won (3 in 10), lost (3 in 10) or open,
                // 1 to 120 days per stage; expected to close 30 to 120 days after creation.
                Exec(db, $"""
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {n - 1})
                    INSERT INTO opportunities (id, customer_id, title, source, channel, heat, amount_cents, currency, pipeline_id, stage_id, probability,
                        expected_close_on, owner_id, status, close_reason, closed_at, stage_entered_at, created_at, updated_at, version)
                    SELECT {first} + i, c.id, '商机 ' || i, CASE i % 7 WHEN 0 THEN 'Referral' WHEN 1 THEN 'Campaign' WHEN 2 THEN 'Website' WHEN 3 THEN 'TradeShow'
                        WHEN 4 THEN 'ColdCall' WHEN 5 THEN 'ExistingCustomer' ELSE 'Other' END, '渠道' || (i % 6), CASE i % 3 WHEN 0 THEN 'Hot' WHEN 1 THEN 'Warm' ELSE 'Cold' END,
                        1000000 + (i * 7919) % 9000000, 'CNY', 1, 4 + i % 2,
                        CASE WHEN i % 10 < 3 THEN 100 WHEN i % 10 < 6 THEN 0 ELSE 75 + 15 * (i % 2) END,
                        date('now', '-' || (i % 730) || ' days', '+' || (30 + i % 91) || ' days'),
                        c.owner_id,
                        CASE WHEN i % 10 < 3 THEN 'Won' WHEN i % 10 < 6 THEN 'Lost' ELSE 'Open' END,
                        CASE WHEN i % 10 < 6 THEN '原因' END,
                        CASE WHEN i % 10 < 6 THEN strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i % 730) || ' days', '+' || ((4 + i % 2) * (1 + i % 24)) || ' days') END,
                        strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i % 730) || ' days', '+' || ((3 + i % 2) * (1 + i % 24)) || ' days'),
                        strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (i % 730) || ' days'), datetime('now'), 1
                    FROM n JOIN customers c ON c.id = 1 + (i * 104729) % {customers}
                    """);
                Console.WriteLine($"added {n:N0} opportunities in {clock.Elapsed.TotalSeconds:F1} s");
                clock.Restart();
                // One row per stage entered (1 + i % 24 days in each), and a close row for the closed ones.
                Exec(db, $"""
                    WITH RECURSIVE k(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM k WHERE s < 5)
                    INSERT INTO opportunity_stage_changes (opportunity_id, from_stage_id, to_stage_id, from_status, to_status, at, seconds_in_stage)
                    SELECT o.id, CASE WHEN k.s > 1 THEN k.s - 1 END, k.s, 'Open', 'Open',
                        strftime('%Y-%m-%d %H:%M:%S', o.created_at, '+' || ((k.s - 1) * (1 + (o.id - {first}) % 24)) || ' days'),
                        CASE WHEN k.s > 1 THEN (1 + (o.id - {first}) % 24) * 86400 END
                    FROM opportunities o JOIN k ON k.s <= o.stage_id WHERE o.id >= {first}
                    ORDER BY o.id, k.s
                    """);
                Exec(db, $"""
                    INSERT INTO opportunity_stage_changes (opportunity_id, from_stage_id, to_stage_id, from_status, to_status, at, seconds_in_stage)
                    SELECT o.id, o.stage_id, o.stage_id, 'Open', o.status, o.closed_at, (1 + (o.id - {first}) % 24) * 86400
                    FROM opportunities o WHERE o.id >= {first} AND o.status <> 'Open' ORDER BY o.id
                    """);
                Exec(db, "ANALYZE");
                Console.WriteLine($"added stage changes in {clock.Elapsed.TotalSeconds:F1} s");
            }
            Console.WriteLine($"opportunities: {Scalar(db, "SELECT count(*) FROM opportunities"):N0}, open: {Scalar(db, "SELECT count(*) FROM opportunities WHERE status = 'Open'"):N0}, "
                + $"stage changes: {Scalar(db, "SELECT count(*) FROM opportunity_stage_changes"):N0}");
        }
        return users;
    }

    private static async Task TimeAsync<T>(string what, long user, ScopeResolver resolver, Func<Task<T>> query, int runs)
    {
        var scope = await resolver.ResolveAsync(user, null, CancellationToken.None);
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await CurrentUser.RunAsAsync(scope, query);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{what}: best {times[0]:F0} ms, worst {times[^1]:F0} ms ({runs} runs)");
        CurrentUser.Set(AccessScope.System);
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
