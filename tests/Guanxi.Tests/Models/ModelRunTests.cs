using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Tests.Api;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Models;
using Guanxi.Domain.Orders;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Guanxi.Testing;

namespace Guanxi.Tests.Models;

public class ModelRunTests
{
    private static readonly string ContractHeader =
        "customer_code,recency_days,frequency,monetary,r,f,m,rfm_segment,value,active,undeveloped,unsatisfied,repeat_purchase,"
        + "first_purchase,lost,potential,social,comprehensive,lifecycle,category,credit_rating,member_tier,relationship_recommended,"
        + "relationship_practised,p_alive,expected_purchases_90d,clv";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Models_run_then_export_writes_every_customer_with_the_contract_columns(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "300", "--orders", "3000", "--seed", "11", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);

        var run = await GuanxiCli.RunAsync("models", "run", "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("comprehensive", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"run \d+ as of \d{4}-\d{2}-\d{2}: 300 customers in [\d.]+ s", run.Stdout.Replace("\n", " ", StringComparison.Ordinal));

        var file = Path.Combine(Path.GetTempPath(), $"guanxi-models-{Guid.NewGuid():N}.csv");
        try
        {
            var export = await GuanxiCli.RunAsync("models", "export", "--out", file, "--db", db.DbArgument);
            Assert.True(export.ExitCode == 0, export.Stderr + export.Stdout);
            var lines = (await File.ReadAllLinesAsync(file)).ToList();
            Assert.Equal(ContractHeader, lines[0].TrimStart('\uFEFF'));
            Assert.Equal(301, lines.Count);

            await using var ctx = db.CreateContext();
            var truth = await ctx.Orders.GroupBy(o => o.CustomerId)
                .Select(g => new { g.Key, Count = g.Count(), Cents = g.Sum(o => o.AmountCents) })
                .ToDictionaryAsync(x => x.Key);
            var codes = await ctx.Customers.ToDictionaryAsync(c => c.Code, c => c.Id);
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                Assert.Equal(27, f.Length);
                long id = codes[f[0]];
                var expected = truth.GetValueOrDefault(id);
                Assert.Equal(expected?.Count ?? 0, int.Parse(f[2], CultureInfo.InvariantCulture));
                Assert.Equal(((expected?.Cents ?? 0) / 100m).ToString("0.00", CultureInfo.InvariantCulture), f[3]);
                if (expected is null)
                {
                    Assert.Equal("", f[4]);
                    Assert.Equal("", f[7]);
                    Assert.NotEqual("", f[10]); // undeveloped applies to non-buyers only
                }
                else
                {
                    Assert.InRange(int.Parse(f[4], CultureInfo.InvariantCulture), 1, 5);
                    Assert.Contains(ModelCatalog.Rfm.Classes, c => c.NameEn == f[7]);
                    Assert.Equal("", f[10]);
                }

                // Every class written is a class of its model.
                for (int column = 8; column <= 23; column++)
                {
                    if (f[column] == "") continue;
                    var model = ModelCatalog.Get(ContractHeader.Split(',')[column]);
                    Assert.Contains(model.Classes, c => c.Key == f[column]);
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory, ClockIndependent] // fixed orders and as-of days given on the command line
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_as_of_a_past_day_ignores_everything_after_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        long id;
        await using (var ctx = db.CreateContext())
        {
            var customer = new Customer { Code = "C-ASOF-1", Name = "张三", CreatedAt = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
            ctx.Customers.Add(customer);
            ctx.Customers.Add(new Customer { Code = "C-ASOF-LATE", Name = "李四", CreatedAt = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc) });
            await ctx.SaveChangesAsync();
            id = customer.Id;
            ctx.Orders.AddRange(
                new Order { Number = "A1", CustomerId = id, OrderedAt = new DateTime(2024, 1, 10, 9, 0, 0), AmountCents = 10_000, Channel = "web" },
                new Order { Number = "A2", CustomerId = id, OrderedAt = new DateTime(2024, 12, 31, 23, 0, 0), AmountCents = 5_000, Channel = "store" },
                new Order { Number = "A3", CustomerId = id, OrderedAt = new DateTime(2025, 6, 1, 9, 0, 0), AmountCents = 70_000, Channel = "web" });
            await ctx.SaveChangesAsync();
        }

        var past = await RunAndExport(db, "2024-12-31");
        Assert.Single(past); // the customer created in 2025 does not exist yet
        var row = past["C-ASOF-1"];
        Assert.Equal("0", row[1]);       // last order on the as-of day itself
        Assert.Equal("2", row[2]);
        Assert.Equal("150.00", row[3]);

        var later = await RunAndExport(db, "2025-06-30");
        Assert.Equal(2, later.Count);
        Assert.Equal("29", later["C-ASOF-1"][1]);
        Assert.Equal("3", later["C-ASOF-1"][2]);
        Assert.Equal("850.00", later["C-ASOF-1"][3]);
        Assert.Equal("0", later["C-ASOF-LATE"][2]);
    }

    [Theory, ClockIndependent] // fixed orders and an as-of day given on the command line
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_whose_lifetime_fit_cannot_converge_says_so_on_the_cli_and_in_the_api(DatabaseProvider provider)
    {
        // Sixty buyers who each bought once: no repeat purchase, so BG/NBD has no purchase rate to estimate.
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var ctx = db.CreateContext())
        {
            var customers = Enumerable.Range(0, 60)
                .Select(k => new Customer { Code = $"C-ONCE-{k:D2}", Name = "王五", CreatedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) })
                .ToList();
            ctx.Customers.AddRange(customers);
            await ctx.SaveChangesAsync();
            ctx.Orders.AddRange(customers.Select((c, k) => new Order
            {
                Number = $"ONCE-{k:D2}",
                CustomerId = c.Id,
                OrderedAt = new DateTime(2024, 2, 1, 9, 0, 0).AddDays(k * 3),
                AmountCents = 5_000 + (k * 100),
                Channel = "web",
            }));
            await ctx.SaveChangesAsync();
        }

        var run = await GuanxiCli.RunAsync("models", "run", "--as-of", "2024-12-31", "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);

        // The summary line keeps its shape; the warning goes to stderr beside it.
        var summary = System.Text.RegularExpressions.Regex.Match(run.Stdout, @"run (\d+) as of 2024-12-31: 60 customers in [\d.]+ s");
        Assert.True(summary.Success, run.Stdout);
        long id = long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Contains($"warning: run {id}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nobody made a repeat purchase", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("CLV are left empty", run.Stderr, StringComparison.Ordinal);

        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var stored = await http.GetOk($"/api/v1/model-runs/{id}");
        Assert.Equal("succeeded", stored.GetProperty("status").GetString());
        Assert.Contains("CLV are left empty", stored.GetProperty("warning").GetString(), StringComparison.Ordinal);
        var overview = await http.GetOk("/api/v1/models");
        Assert.Equal(stored.GetProperty("warning").GetString(), overview.GetProperty("run").GetProperty("warning").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_api_lists_classes_explains_a_customer_and_compares_runs(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "200", "--orders", "2000", "--seed", "5", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        await using var app = new GuanxiApp(db);
        var http = app.Client();

        // Nothing run yet: the overview says so instead of failing.
        var empty = await http.GetOk("/api/v1/models");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("run").ValueKind);

        var rules = new { name = "VIP", rules = "amount_365d >= 50000 and orders_365d >= 6 -> \"VIP\"\norders >= 1 -> \"Buyer\"" };
        var invalid = await http.PostOk("/api/v1/custom-models/validate", new { name = "Bad", rules = "amount_365 >= 5 -> \"X\"" }, HttpStatusCode.OK);
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.Equal(1, invalid.GetProperty("errors")[0].GetProperty("line").GetInt32());
        var (badStatus, _) = await http.Send(HttpMethod.Post, "/api/v1/custom-models", new { name = "Bad", rules = "orders >= -> \"X\"" });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        await http.PostOk("/api/v1/custom-models", rules);

        long first = await StartAndWait(http, null);
        long second = await StartAndWait(http, TestClock.Today.AddDays(-200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // The RFM grid the run kept (what an admin is shown, without grouping the results) is the grid its results count to.
        var grid = await http.GetOk($"/api/v1/model-runs/{first}/rfm-grid");
        await using (var ctx = db.CreateContext())
        {
            Assert.NotNull((await ctx.ModelRuns.SingleAsync(r => r.Id == first)).RfmGrid);
            var counted = await ctx.ModelResults.Where(r => r.RunId == first && r.R >= 1 && r.F >= 1)
                .GroupBy(r => new { r.R, r.F }).Select(g => new { g.Key.R, g.Key.F, N = g.Count() }).ToListAsync();
            Assert.NotEmpty(counted);
            Assert.Equal(
                string.Join(" ", counted.OrderByDescending(c => c.R).ThenBy(c => c.F).Select(c => $"{c.R}:{c.F}={c.N}")),
                string.Join(" ", grid.GetProperty("cells").EnumerateArray().Select(x => $"{x.GetProperty("r").GetInt32()}:{x.GetProperty("f").GetInt32()}={x.GetProperty("customers").GetInt32()}")));
            Assert.Equal(200 - counted.Sum(c => c.N), grid.GetProperty("notScored").GetInt32());
        }

        var overview = await http.GetOk("/api/v1/models?run=" + first);
        var value = overview.GetProperty("models").EnumerateArray().First(m => m.GetProperty("key").GetString() == "value");
        int total = value.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()) + value.GetProperty("notApplicable").GetInt32();
        Assert.Equal(200, total);
        var vip = overview.GetProperty("customModels").EnumerateArray().Single();
        Assert.Equal("custom:VIP", vip.GetProperty("key").GetString());

        // Drill down into the biggest comprehensive layer; every listed customer is really in it.
        var layer = overview.GetProperty("models").EnumerateArray().First(m => m.GetProperty("key").GetString() == "comprehensive")
            .GetProperty("classes").EnumerateArray().OrderByDescending(c => c.GetProperty("count").GetInt32()).First();
        string layerKey = layer.GetProperty("key").GetString()!;
        var page = await http.GetOk($"/api/v1/models/comprehensive/classes/{layerKey}/customers?run={first}&limit=5");
        var listed = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Math.Min(5, layer.GetProperty("count").GetInt32()), listed.Count);
        long someone = listed[0].GetProperty("id").GetInt64();

        var zh = await http.GetOk($"/api/v1/customers/{someone}/models?lang=zh-CN");
        var comprehensive = zh.GetProperty("classes").EnumerateArray().First(c => c.GetProperty("model").GetString() == "comprehensive");
        Assert.Equal(layerKey, comprehensive.GetProperty("class").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", comprehensive.GetProperty("explanation").GetString()!);
        var en = await http.GetOk($"/api/v1/customers/{someone}/models?lang=en");
        var enText = en.GetProperty("classes").EnumerateArray().First(c => c.GetProperty("model").GetString() == "comprehensive").GetProperty("explanation").GetString()!;
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", enText);
        Assert.True(enText.Length > 20, enText);

        // The customer list filters by a class of the newest finished run (here `second`), as the overview counts it.
        var small = (await http.GetOk("/api/v1/models")).GetProperty("models").EnumerateArray()
            .SelectMany(m => m.GetProperty("classes").EnumerateArray().Select(c => (Model: m.GetProperty("key").GetString()!, Class: c.GetProperty("key").GetString()!, Count: c.GetProperty("count").GetInt32())))
            .First(c => c.Count is > 0 and <= 100);
        var filtered = await http.GetOk($"/api/v1/customers?modelClass={small.Model}:{small.Class}&limit=200");
        Assert.Equal(small.Count, filtered.GetProperty("items").GetArrayLength());
        var (badFilter, _) = await http.Send(HttpMethod.Get, "/api/v1/customers?modelClass=value:nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter);

        var history = await http.GetOk($"/api/v1/customers/{someone}/models/history");
        Assert.Equal(2, history.GetArrayLength());

        // Everyone in the earlier run (customers created since are not in it) moved from some class to some class.
        var earlier = await http.GetOk($"/api/v1/model-runs/{second}");
        int earlierCustomers = earlier.GetProperty("customers").GetInt32();
        Assert.InRange(earlierCustomers, 1, 199);
        var matrix = await http.GetOk($"/api/v1/model-runs/{second}/migration/{first}?model=lifecycle");
        Assert.Equal(earlierCustomers, matrix.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("customers").GetInt32()));

        var (missing, problem) = await http.Send(HttpMethod.Get, "/api/v1/models/no_such_model/classes/x/customers");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    private static async Task<long> StartAndWait(HttpClient http, string? asOf)
    {
        var started = await http.PostOk("/api/v1/model-runs", new { asOf }, HttpStatusCode.Accepted);
        long id = started.GetProperty("id").GetInt64();
        for (int attempt = 0; attempt < 600; attempt++)
        {
            var run = await http.GetOk($"/api/v1/model-runs/{id}");
            string status = run.GetProperty("status").GetString()!;
            if (status == "succeeded") return id;
            Assert.NotEqual("failed", status);
            await Task.Delay(100);
        }

        throw new TimeoutException($"Model run {id} did not finish.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_cut_off_hours_ago_is_marked_failed_and_its_partial_rows_removed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        long customerId, cutOff, live;
        await using (var ctx = db.CreateContext())
        {
            var customer = new Customer { Code = "C-CUT-1", Name = "王五", CreatedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
            ctx.Customers.Add(customer);
            var old = new ModelRun { AsOf = new DateOnly(2026, 1, 1), Status = ModelRunStatus.Running, Trigger = "cli", StartedAt = TestClock.Start.UtcDateTime.AddHours(-7) };
            var young = new ModelRun { AsOf = new DateOnly(2026, 1, 1), Status = ModelRunStatus.Running, Trigger = "schedule", StartedAt = TestClock.Start.UtcDateTime.AddMinutes(-1) };
            ctx.ModelRuns.AddRange(old, young);
            await ctx.SaveChangesAsync();
            (customerId, cutOff, live) = (customer.Id, old.Id, young.Id);
            ctx.ModelResults.AddRange(new ModelResultRow { RunId = cutOff, CustomerId = customerId }, new ModelResultRow { RunId = live, CustomerId = customerId });
            await ctx.SaveChangesAsync();
        }

        var run = await GuanxiCli.RunAsync("models", "run", "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);

        await using (var ctx = db.CreateContext())
        {
            var runs = await ctx.ModelRuns.AsNoTracking().ToDictionaryAsync(r => r.Id);
            Assert.Equal(ModelRunStatus.Failed, runs[cutOff].Status);
            Assert.Equal(ModelRunStatus.Running, runs[live].Status);
            Assert.Equal(0, await ctx.ModelResults.CountAsync(r => r.RunId == cutOff));
            Assert.Equal(1, await ctx.ModelResults.CountAsync(r => r.RunId == live));
            Assert.Single(runs.Values, r => r.Status == ModelRunStatus.Succeeded);
        }
    }

    private static async Task<Dictionary<string, string[]>> RunAndExport(TestDatabase db, string asOf)
    {
        var run = await GuanxiCli.RunAsync("models", "run", "--as-of", asOf, "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var file = Path.Combine(Path.GetTempPath(), $"guanxi-models-{Guid.NewGuid():N}.csv");
        try
        {
            var export = await GuanxiCli.RunAsync("models", "export", "--out", file, "--db", db.DbArgument);
            Assert.True(export.ExitCode == 0, export.Stderr + export.Stdout);
            return (await File.ReadAllLinesAsync(file)).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
