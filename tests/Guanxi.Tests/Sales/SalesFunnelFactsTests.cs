using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Sales;
using Guanxi.Import;
using Guanxi.Sales;
using Guanxi.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Import;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Sales;

/// <summary>
/// The funnel's days per stage from the kept hour facts (an admin, who sees every customer) equal the same figures
/// grouped from the history rows (a sales rep who owns every customer, whose reach keeps the grouped query), with the
/// win rates from the one grouped query, for random moves, wins, losses, reopenings and deletions at random times and
/// two imports, on SQLite and PostgreSQL; the kept facts equal a recompute, the rebuild and the migration's backfill;
/// a period whose edges cut an hour (a zone offset of 5:30 or 5:45) reads the part hours from the history.
/// </summary>
[ClockIndependent]
public sealed class SalesFunnelFactsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_funnel_from_kept_hour_facts_equals_the_funnel_grouped_from_the_history_for_random_sales_work(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var repId = app.CreateUser("rep-all", Roles.SalesRep, "上海一组", "华东");
        var otherId = app.CreateUser("rep-two", Roles.SalesRep, "北京一组", "华北");
        var rep = app.ClientWithToken(app.TokenFor("rep-all"));
        var customers = new List<long>();
        foreach (var name in new[] { "甲公司", "乙公司", "丙公司" })
        {
            var id = await admin.CreateCustomer(name);
            Assert.Equal(HttpStatusCode.OK, (await admin.Send(HttpMethod.Put, $"/api/v1/customers/{id}", new { name, ownerId = repId })).Status);
            customers.Add(id);
        }
        var stages = (await admin.GetOk("/api/v1/pipelines")).EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean())
            .GetProperty("stages").EnumerateArray().Select(Id).ToList();
        var firstDay = Today(app);

        // Random work at random times (a minute to five days apart, odd seconds): some of it is refused (a closed one
        // moved, an open one reopened), which changes nothing.
        var random = new Random(15);
        var opportunities = new List<long>();
        string[] sources = ["Referral", "Campaign", "Website", "TradeShow"];
        string?[] channels = [null, "微信", "电话"];
        string[] heats = ["Hot", "Warm", "Cold"];
        long?[] owners = [repId, otherId, null];
        var done = 0;
        var midnights = new List<DateOnly>();
        for (var step = 0; step < 70; step++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(random.Next(60, 5 * 86400)));
            if (step % 7 == 3)
            {
                // Some work exactly at a local midnight or a second before it: a period starting or ending on that day
                // must count it on the right side.
                var local = app.Clock.GetLocalNow();
                var midnight = new DateTimeOffset(local.Date.AddDays(1), local.Offset);
                app.Clock.Advance(midnight - local - TimeSpan.FromSeconds(step % 2));
                midnights.Add(DateOnly.FromDateTime(midnight.Date));
            }
            var actor = random.Next(2) == 0 ? admin : rep;
            var action = opportunities.Count < 3 ? 0 : random.Next(10);
            var target = opportunities.Count > 0 ? opportunities[random.Next(opportunities.Count)] : 0;
            var (status, body) = action switch
            {
                0 or 1 => await admin.Send(HttpMethod.Post, "/api/v1/opportunities", new
                {
                    customerId = customers[random.Next(customers.Count)], title = $"商机{step}", amount = 1000m * (1 + random.Next(9)),
                    source = sources[random.Next(sources.Length)], channel = channels[random.Next(channels.Length)],
                    heat = heats[random.Next(heats.Length)], ownerId = owners[random.Next(owners.Length)],
                }),
                2 or 3 or 4 => await actor.Send(HttpMethod.Post, $"/api/v1/opportunities/{target}/move", new { stageId = stages[random.Next(stages.Count)] }),
                5 => await actor.Send(HttpMethod.Post, $"/api/v1/opportunities/{target}/won", new { reason = "契合" }),
                6 => await actor.Send(HttpMethod.Post, $"/api/v1/opportunities/{target}/lost", new { reason = "价格" }),
                7 or 8 => await actor.Send(HttpMethod.Post, $"/api/v1/opportunities/{target}/reopen", new { }),
                _ => await actor.Send(HttpMethod.Delete, $"/api/v1/opportunities/{target}"),
            };
            if (status == HttpStatusCode.Created) opportunities.Add(Id(body));
            if (status == HttpStatusCode.NoContent) opportunities.Remove(target);
            if ((int)status < 300) done++;
        }
        Assert.True(done > 35, $"only {done} of 70 steps took effect");

        // Two imports (in process, as the admin): new ones created and closed on past days, then one of them moved on.
        string code;
        await using (var ctx = db.CreateContext()) code = await ctx.Customers.Where(c => c.Id == customers[0]).Select(c => c.Code).SingleAsync();
        var today = Today(app);
        await ImportAsync(app, $"""
            opportunity_id,customer_code,title,amount,stage,status,created_at,closed_at,close_reason,source,channel
            FF-1,{code},导入赢单,500,3,won,{Day(firstDay.AddDays(3))},{Day(firstDay.AddDays(40))},口碑,Referral,微信
            FF-2,{code},导入进行中,600,2,,{Day(firstDay.AddDays(10))},,,Website,
            FF-3,{code},导入丢单,700,4,lost,{Day(firstDay.AddDays(20))},{Day(today.AddDays(-1))},价格,Campaign,电话

            """, 3);
        app.Clock.Advance(TimeSpan.FromMinutes(97));
        await ImportAsync(app, $"""
            opportunity_id,customer_code,title,amount,stage,status,created_at,closed_at,close_reason,source,channel
            FF-2,{code},导入进行中,600,4,lost,{Day(firstDay.AddDays(10))},{Day(today)},预算,Website,

            """, 0);

        // The same funnel for both callers over the whole time, the last 90 days, and random periods.
        today = Today(app);
        var periods = new List<(DateOnly, DateOnly)> { (firstDay.AddDays(-1), today), (today.AddDays(-89), today) };
        foreach (var day in midnights) periods.AddRange([(day, today), (firstDay, day.AddDays(-1))]);
        for (var i = 0; i < 5; i++)
        {
            var a = firstDay.AddDays(random.Next(today.DayNumber - firstDay.DayNumber));
            periods.Add((a, a.AddDays(random.Next(today.DayNumber - a.DayNumber + 1))));
        }
        var left = 0;
        foreach (var (from, to) in periods)
        {
            var url = $"/api/v1/sales/funnel?from={Day(from)}&to={Day(to)}";
            var fromFacts = await admin.GetOk(url);
            var fromHistory = await rep.GetOk(url);
            Assert.Equal(fromHistory.ToString(), fromFacts.ToString());
            left = Math.Max(left, fromFacts.GetProperty("stages").EnumerateArray().Sum(s => s.GetProperty("left").GetInt32()));
        }
        Assert.True(left > 10, $"the whole period counts only {left} stage changes");

        await using (var ctx = db.CreateContext())
        {
            // The kept facts are the history's, recomputed here; the rebuild and the migration's backfill come to the same.
            var recomputed = (await ctx.OpportunityStageChanges.Where(c => c.FromStageId != null && c.SecondsInStage != null).ToListAsync())
                .GroupBy(c => (Stage: c.FromStageId!.Value, Hour: StageHourFact.HourOf(c.At)))
                .Select(g => (g.Key.Stage, g.Key.Hour, Changes: (long)g.Count(), Seconds: g.Sum(c => c.SecondsInStage!.Value)))
                .OrderBy(x => x.Stage).ThenBy(x => x.Hour).ToList();
            async Task<List<(long, long, long, long)>> KeptAsync() => (await ctx.StageHourFacts.AsNoTracking().ToListAsync())
                .Where(f => f.Changes != 0).Select(f => (f.StageId, f.Hour, f.Changes, f.Seconds)).OrderBy(x => x.Item1).ThenBy(x => x.Item2).ToList();
            Assert.True(recomputed.Select(r => r.Hour).Distinct().Count() > 10);
            Assert.Equal(recomputed, await KeptAsync());
            await SalesFacts.RebuildAsync(ctx);
            Assert.Equal(recomputed, await KeptAsync());
            var migrator = ctx.GetService<IMigrator>();
            await migrator.MigrateAsync("OrderMonthFacts");
            await migrator.MigrateAsync();
            Assert.Equal(recomputed, await KeptAsync());

            // Periods cut at whole hours right next to a change, exactly at a change, and at part hours (as a zone 5:30
            // or 5:45 from UTC makes them): the facts for the whole hours and the history rows for the edges give what
            // the history alone gives.
            var history = await ctx.OpportunityStageChanges.AsNoTracking().Where(c => c.FromStageId != null && c.SecondsInStage != null).ToListAsync();
            var origin = new DateTime(today.AddDays(-200).ToDateTime(TimeOnly.MinValue).Ticks, DateTimeKind.Utc);
            var cuts = new List<(DateTime, DateTime)>();
            for (var i = 0; i < 6; i++)
            {
                var at = DateTime.SpecifyKind(history[random.Next(history.Count)].At, DateTimeKind.Utc);
                var hour = StageHourFact.StartOf(StageHourFact.HourOf(at));
                cuts.AddRange([(origin, hour), (hour.AddHours(1), origin.AddDays(300)), (at, at.AddDays(30).AddMinutes(30)), (at.AddDays(-20).AddMinutes(-45), at)]);
                var start = origin.AddMinutes(random.Next(0, 200 * 24 * 60)).AddSeconds(random.Next(60));
                cuts.Add((start, start.AddMinutes(random.Next(24 * 60, 100 * 24 * 60) + (i % 2 == 0 ? 30 : 45))));
            }
            // Within one hour, and just across one.
            cuts.AddRange([(origin.AddMinutes(5), origin.AddMinutes(15)), (origin.AddMinutes(50), origin.AddMinutes(130))]);
            foreach (var (start, end) in cuts)
            {
                var expected = history.Where(c => c.At >= start && c.At < end).GroupBy(c => c.FromStageId!.Value)
                    .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(c => c.SecondsInStage!.Value)));
                var actual = await SalesFunnel.DaysInStageAsync(ctx, stages, start, end, CancellationToken.None);
                Assert.Equal(expected.OrderBy(x => x.Key), actual.OrderBy(x => x.Key));
            }
        }
    }

    private static DateOnly Today(GuanxiApp app) => DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);

    private async Task ImportAsync(GuanxiApp app, string csv, int imported)
    {
        var file = _files.Write($"opportunities-{Guid.NewGuid():N}.csv", csv.Replace("\r\n", "\n", StringComparison.Ordinal));
        var scope = await app.Services.GetRequiredService<ScopeResolver>().ResolveAsync(app.UserId("admin"), null, CancellationToken.None);
        var summary = await CurrentUser.RunAsAsync(scope, () => app.Services.GetRequiredService<ImportService>()
            .RunAsync(ImportKind.Opportunities, file, new ImportOptions(), null, null, CancellationToken.None));
        Assert.True(summary.Rejected == 0 && summary.Imported == imported, summary.ToString());
    }
}
