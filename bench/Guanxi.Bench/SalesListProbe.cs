using System.Diagnostics;
using System.Globalization;
using Guanxi.Cli;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Sales;
using Guanxi.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Bench;

/// <summary>
/// The board and the list at scale (issue 15: "board with 20k open opportunities: first paint p99 &lt; 300 ms server
/// time; list/search p99 &lt; 100 ms at 1M opportunities"). On the data of <see cref="SalesForecastProbe"/> (loaded here
/// when missing: 20 reps each owning a twentieth of the customers, so about 20k open opportunities each), times
/// <see cref="OpportunityService.BoardAsync"/> and <see cref="OpportunityService.ListAsync"/> — what the API and the
/// pages call — under a rep's and an admin's scope: per query shape one untimed warm-up call (EF compiles a shape once
/// per process), then CALLS calls with varying arguments, and the second page through the keyset cursor of each first
/// page. Prints p50, p99 and max per row.
/// </summary>
internal static class SalesListProbe
{
    /// <summary>The list page's page size (OpportunityList.razor) and the API's default.</summary>
    private const int PageSize = 50;

    /// <summary>
    /// Leaves <paramref name="open"/> opportunities open, spread evenly over the open ones in id order, and marks the
    /// rest lost (the issue's board has 20k open; the loader leaves 4 in 10 open). Only the rows the board and the list
    /// read change, by SQL: the funnel's and forecast's kept facts are not kept, so the forecast probe is not for after this.
    /// </summary>
    private static void KeepOpen(string databaseFile, long open)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile}");
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM opportunities WHERE status = 'Open'";
        long now = (long)count.ExecuteScalar()!;
        if (now <= open) return;
        using var close = db.CreateCommand();
        close.CommandText = $"""
            UPDATE opportunities SET status = 'Lost', probability = 0, close_reason = '基准', closed_at = datetime('now'), updated_at = datetime('now')
            WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM opportunities WHERE status = 'Open')
                         WHERE (k * {open}) / {now} = ((k - 1) * {open}) / {now});
            ANALYZE;
            """;
        close.ExecuteNonQuery();
        Console.WriteLine($"open opportunities: {now:N0} → {(long)count.ExecuteScalar()!:N0}");
    }

    public static async Task<int> RunAsync(string databaseFile, long total, int calls)
    {
        await using var services = await CliServices.CreateAsync(databaseFile, CancellationToken.None);
        var users = await SalesForecastProbe.LoadAsync(services, databaseFile, total);
        if (users is null) return 2;
        if (Environment.GetEnvironmentVariable("SALES_BENCH_OPEN") is { Length: > 0 } open) KeepOpen(databaseFile, long.Parse(open, System.Globalization.CultureInfo.InvariantCulture));

        var resolver = new ScopeResolver(services.GetRequiredService<DbContextOptions<GuanxiDbContext>>());
        var admin = await resolver.ResolveAsync(users.First(u => u.UserName == "bench-sales-admin").Id, null, CancellationToken.None);
        var repIds = users.Where(u => u.UserName.StartsWith("bench-seller-", StringComparison.Ordinal)).Select(u => u.Id).Order().ToArray();
        var reps = new List<AccessScope>();
        foreach (var id in repIds) reps.Add(await resolver.ResolveAsync(id, null, CancellationToken.None));
        var service = services.GetRequiredService<OpportunityService>();
        var catalog = services.GetRequiredService<SalesCatalog>();
        CurrentUser.Set(AccessScope.System);
        var stages = (await catalog.PipelinesAsync()).First(p => p.IsDefault).Stages.OrderBy(s => s.Position).Select(s => s.Id).ToArray();

        // Some customers of each rep (with opportunities) and the span of expected close dates, for varying arguments.
        var customersOf = new Dictionary<long, long[]>();
        var namesOf = new Dictionary<long, string[]>();
        DateOnly firstClose, lastClose;
        var titles = new List<string>();
        await using (var db = new SqliteConnection($"Data Source={databaseFile}"))
        {
            db.Open();
            foreach (var rep in repIds)
            {
                using var command = db.CreateCommand();
                command.CommandText = $"SELECT DISTINCT customer_id FROM opportunities WHERE owner_id = {rep} ORDER BY customer_id LIMIT 50";
                var ids = new List<long>();
                using (var reader = command.ExecuteReader())
                    while (reader.Read()) ids.Add(reader.GetInt64(0));
                customersOf[rep] = [.. ids];
                command.CommandText = $"SELECT name FROM customers WHERE id IN ({string.Join(',', ids)}) ORDER BY id";
                var names = new List<string>();
                using (var reader = command.ExecuteReader())
                    while (reader.Read()) names.Add(reader.GetString(0));
                namesOf[rep] = [.. names];
            }
            using (var command = db.CreateCommand())
            {
                // Titles spread over the table, each searched whole ("商机 123456": its number is a rare fragment).
                command.CommandText = "SELECT title FROM opportunities WHERE id % 9973 = 0 ORDER BY id LIMIT 100";
                using var reader = command.ExecuteReader();
                while (reader.Read()) titles.Add(reader.GetString(0));
            }
            firstClose = DateOnly.FromDateTime(DateTime.Parse(Text(db, "SELECT min(expected_close_on) FROM opportunities"), CultureInfo.InvariantCulture));
            lastClose = DateOnly.FromDateTime(DateTime.Parse(Text(db, "SELECT max(expected_close_on) FROM opportunities"), CultureInfo.InvariantCulture));
            Console.WriteLine($"opportunities: {SalesForecastProbe.Scalar(db, "SELECT count(*) FROM opportunities"):N0}; open per rep: "
                + $"{SalesForecastProbe.Scalar(db, $"SELECT min(n) FROM (SELECT count(*) AS n FROM opportunities WHERE status = 'Open' GROUP BY owner_id)"):N0} to "
                + $"{SalesForecastProbe.Scalar(db, $"SELECT max(n) FROM (SELECT count(*) AS n FROM opportunities WHERE status = 'Open' GROUP BY owner_id)"):N0}; "
                + $"stages {string.Join(',', stages)}; expected close {firstClose:yyyy-MM-dd} to {lastClose:yyyy-MM-dd}; {calls} calls per row");
        }
        int spanDays = lastClose.DayNumber - firstClose.DayNumber;
        var allCustomers = customersOf.Values.SelectMany(c => c).ToArray();

        Console.WriteLine($"{"row",-58} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"rows",6}");
        await TimeAsync("board, rep (20 reps in turn)", calls, i => reps[i % reps.Count], _ => service.BoardAsync(null), b => b.Columns.Sum(c => c.Items.Count));
        await TimeAsync("board, admin", Math.Min(calls, 20), _ => admin, _ => service.BoardAsync(null), b => b.Columns.Sum(c => c.Items.Count));

        // The list's shapes: (name, scope per call, filter per call).
        var shapes = new (string Name, Func<int, AccessScope> Scope, Func<int, OpportunityFilter> Filter)[]
        {
            ("no filter, admin", _ => admin, _ => new(null, null, null, null, null, null)),
            ("no filter, rep", i => reps[i % reps.Count], _ => new(null, null, null, null, null, null)),
            ("owner=me, rep", i => reps[i % reps.Count], _ => new(null, "me", null, null, null, null)),
            ("owner=me + open, rep (the list page's default: open)", i => reps[i % reps.Count], _ => new(null, "me", null, "open", null, null)),
            ("owner=<rep id>, admin", _ => admin, i => new(null, repIds[i % repIds.Length].ToString(CultureInfo.InvariantCulture), null, null, null, null)),
            ("stage (each of 5 in turn), admin", _ => admin, i => new(stages[i % stages.Length], null, null, null, null, null)),
            ("stage (each of 5 in turn), rep", i => reps[i % reps.Count], i => new(stages[i % stages.Length], null, null, null, null, null)),
            ("stage 4 + open, admin", _ => admin, _ => new(stages[3], null, null, "open", null, null)),
            ("status=open/won/lost in turn, admin", _ => admin, i => new(null, null, null, Statuses[i % 3], null, null)),
            ("status=open/won/lost in turn, rep", i => reps[i % reps.Count], i => new(null, null, null, Statuses[i % 3], null, null)),
            ("customerId (a rep's customer), rep", i => reps[i % reps.Count], i => new(null, null, customersOf[repIds[i % repIds.Length]][i / repIds.Length % 50], null, null, null)),
            ("customerId, admin", _ => admin, i => new(null, null, allCustomers[(i * 37) % allCustomers.Length], null, null, null)),
            ("closeFrom..closeTo, 30 days, admin", _ => admin, i => Range(firstClose, spanDays, i, 30, null)),
            ("closeFrom..closeTo, 30 days, rep", i => reps[i % reps.Count], i => Range(firstClose, spanDays, i, 30, null)),
            ("closeFrom..closeTo, 30 days + open, rep", i => reps[i % reps.Count], i => Range(firstClose, spanDays, i, 30, "open")),
            ("closeFrom..closeTo, 7 days, admin", _ => admin, i => Range(firstClose, spanDays, i, 7, null)),
            // The search (q): a whole title (the loader's are "商机 N": the number is a rare fragment), a customer's name
            // (one of the rep's), and the two characters every loaded title holds (the short-text path at its worst).
            ("q=a title, admin", _ => admin, i => Search(titles[i % titles.Count])),
            ("q=a title, rep", i => reps[i % reps.Count], i => Search(titles[i % titles.Count])),
            ("q=customer name (one of the rep's), rep", i => reps[i % reps.Count], i => Search(namesOf[repIds[i % repIds.Length]][i / repIds.Length % 50])),
            ("q=customer name, admin", _ => admin, i => Search(namesOf[repIds[i % repIds.Length]][i / repIds.Length % 50])),
            ("q=\"商机\" (every title), admin", _ => admin, _ => Search("商机")),
            ("q=\"商机\" (every title), rep", i => reps[i % reps.Count], _ => Search("商机")),
        };
        foreach (var shape in shapes)
        {
            var cursors = new string?[calls];
            await TimeAsync($"list p1: {shape.Name}", calls, shape.Scope, i => service.ListAsync(shape.Filter(i), null, PageSize), p => p.Items.Count,
                (i, p) => cursors[i] = p.NextCursor);
            if (cursors.All(c => c is null))
            {
                if (Environment.GetEnvironmentVariable("SALES_LISTS_ONLY") is { Length: > 0 }) continue;
                Console.WriteLine($"list p2: {shape.Name}: no second page");
                continue;
            }
            await TimeAsync($"list p2: {shape.Name}", calls, shape.Scope, i => service.ListAsync(shape.Filter(i), cursors[i], PageSize), p => p.Items.Count,
                skip: i => cursors[i] is null);
        }
        return 0;
    }

    private static readonly string[] Statuses = ["open", "won", "lost"];

    private static OpportunityFilter Search(string q) => new(null, null, null, null, null, null, Q: q);

    /// <summary>A window of <paramref name="days"/> days moving over the close dates' span with the call.</summary>
    private static OpportunityFilter Range(DateOnly first, int span, int i, int days, string? status)
    {
        var from = first.AddDays((int)((long)i * 7919 % Math.Max(1, span - days)));
        return new(null, null, null, status, from, from.AddDays(days - 1));
    }

    /// <summary>One untimed warm-up call, then <paramref name="calls"/> timed ones, each under its scope.</summary>
    private static async Task TimeAsync<T>(string what, int calls, Func<int, AccessScope> scope, Func<int, Task<T>> query, Func<T, int> rows,
        Action<int, T>? keep = null, Func<int, bool>? skip = null)
    {
        // SALES_LISTS_ONLY=owner reruns only the rows whose name contains it (a second page still needs its first).
        if (Environment.GetEnvironmentVariable("SALES_LISTS_ONLY") is { Length: > 0 } only && !what.Contains(only, StringComparison.Ordinal)) return;
        var warm = Enumerable.Range(0, calls).First(i => skip?.Invoke(i) != true);
        await CurrentUser.RunAsAsync(scope(warm), () => query(warm));
        var times = new List<double>();
        long shown = 0;
        for (var i = 0; i < calls; i++)
        {
            if (skip?.Invoke(i) == true) continue;
            var clock = Stopwatch.StartNew();
            var result = await CurrentUser.RunAsAsync(scope(i), () => query(i));
            times.Add(clock.Elapsed.TotalMilliseconds);
            shown += rows(result);
            keep?.Invoke(i, result);
        }
        CurrentUser.Set(AccessScope.System);
        times.Sort();
        double P(double q) => times[Math.Max(0, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-58} {P(0.50),8:F1} {P(0.99),8:F1} {times[^1],8:F1} {shown / Math.Max(1, times.Count),6}"));
    }

    private static string Text(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
