using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Domain.Sales;
using Guanxi.Tests.Api;
using Guanxi.Tests.Import;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Sales;

/// <summary>
/// The facts the funnel and the forecast read instead of the stage history (each opportunity's furthest stage, the
/// learnt stage outcome counts) agree with a recompute from that history after moves, wins, losses, a reopening, a
/// deletion and two imports, on SQLite and PostgreSQL (the counts are kept by one upsert both providers run).
/// </summary>
[ClockIndependent]
public sealed class SalesFactsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Furthest_stages_and_outcome_counts_kept_with_each_change_agree_with_a_recompute_from_the_history(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var app = new GuanxiApp(db))
        {
            var admin = app.Client();
            var customer = await admin.CreateCustomer("意向客户甲");
            async Task<long> Create(string title) => Id(await admin.PostOk("/api/v1/opportunities", new { customerId = customer, title, amount = 1000m }));
            async Task Post(long id, string action, object body) => await admin.PostOk($"/api/v1/opportunities/{id}/{action}", body, HttpStatusCode.OK);

            var won = await Create("赢单");
            await Post(won, "move", new { stageId = 3 });
            await Post(won, "won", new { reason = "方案契合" });
            var lost = await Create("丢单");
            await Post(lost, "move", new { stageId = 2 });
            await Post(lost, "lost", new { reason = "价格" });
            var reopened = await Create("重开");
            await Post(reopened, "move", new { stageId = 4 });
            await Post(reopened, "lost", new { reason = "预算" });
            await Post(reopened, "reopen", new { });
            await Post(reopened, "move", new { stageId = 2 });
            var deleted = await Create("删除");
            await Post(deleted, "move", new { stageId = 5 });
            await Post(deleted, "won", new { reason = "x" });
            Assert.Equal(HttpStatusCode.NoContent, (await admin.Send(HttpMethod.Delete, $"/api/v1/opportunities/{deleted}")).Status);
            await Create("新建");

            // What the forecast learnt so far: stage 1 left by four, of which one won and one lost by now (the
            // reopened one is open again and the deleted one is gone), all under 14 days.
            await using var ctx = db.CreateContext();
            var one = await ctx.StageOutcomeCounts.SingleAsync(c => c.StageId == 1 && c.Bucket == 0);
            Assert.Equal((1L, 1L), (one.Won, one.Lost));
            Assert.Equal(4, (await ctx.Opportunities.SingleAsync(o => o.Id == reopened)).FurthestPosition);
        }

        // Two imports: one opportunity won in stage 3, one open in stage 2, then the open one lost in stage 4.
        var first = _files.Write("opportunities.csv", $"""
            opportunity_id,customer_code,title,amount,stage,status,created_at,closed_at,close_reason
            FX-1,{await CustomerCodeAsync(db)},导入赢单,500,3,won,2020-01-01,2020-02-01,口碑
            FX-2,{await CustomerCodeAsync(db)},导入进行中,600,2,,2020-01-01,,

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var run = await GuanxiCli.RunAsync("import", "opportunities", first, "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("imported 2, updated 0, unchanged 0, rejected 0", run.LastLine);
        var second = _files.Write("again.csv", $"""
            opportunity_id,customer_code,title,amount,stage,status,created_at,closed_at,close_reason
            FX-2,{await CustomerCodeAsync(db)},导入进行中,600,4,lost,2020-01-01,2020-03-01,价格

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        run = await GuanxiCli.RunAsync("import", "opportunities", second, "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal("imported 0, updated 1, unchanged 0, rejected 0", run.LastLine);

        await using (var ctx = db.CreateContext())
        {
            var stages = await ctx.PipelineStages.ToDictionaryAsync(s => s.Id, s => s.Position);
            var history = await ctx.OpportunityStageChanges.ToListAsync();
            var opportunities = await ctx.Opportunities.ToListAsync();
            Assert.Equal(6, opportunities.Count);

            // Furthest position: the highest stage each has been in by its history.
            var expected = history.GroupBy(c => c.OpportunityId).ToDictionary(g => g.Key, g => (int?)g.Max(c => stages[c.ToStageId]));
            Assert.Equal(opportunities.OrderBy(o => o.Id).Select(o => (o.Id, expected.GetValueOrDefault(o.Id))), opportunities.OrderBy(o => o.Id).Select(o => (o.Id, o.FurthestPosition)));
            Assert.Equal(4, opportunities.Single(o => o.ExternalId == "FX-2").FurthestPosition);

            // Outcome counts: every change that left a stage while open, by stage and age bucket, of those won or lost by now.
            var status = opportunities.ToDictionary(o => o.Id, o => o.Status);
            var recomputed = history
                .Where(c => c.FromStageId != null && c.FromStatus == OpportunityStatus.Open && c.SecondsInStage != null && status[c.OpportunityId] != OpportunityStatus.Open)
                .GroupBy(c => (Stage: c.FromStageId!.Value, Bucket: StageForecast.AgeBucket(c.SecondsInStage!.Value / 86400.0)))
                .Select(g => (g.Key.Stage, g.Key.Bucket, Won: (long)g.Count(c => status[c.OpportunityId] == OpportunityStatus.Won), Lost: (long)g.Count(c => status[c.OpportunityId] == OpportunityStatus.Lost)))
                .OrderBy(x => x.Stage).ThenBy(x => x.Bucket).ToList();
            var kept = (await ctx.StageOutcomeCounts.ToListAsync()).Where(c => c.Won + c.Lost != 0)
                .Select(c => (Stage: c.StageId, c.Bucket, c.Won, c.Lost)).OrderBy(x => x.Stage).ThenBy(x => x.Bucket).ToList();
            Assert.NotEmpty(recomputed);
            Assert.Contains(recomputed, r => r.Bucket > 0); // the imported ones stayed a month and more
            Assert.Equal(recomputed, kept);

            // The rebuild after a bulk load (and the migration's backfill) comes to the same.
            await SalesFacts.RebuildAsync(ctx);
            var rebuilt = (await ctx.StageOutcomeCounts.AsNoTracking().ToListAsync()).Select(c => (Stage: c.StageId, c.Bucket, c.Won, c.Lost)).OrderBy(x => x.Stage).ThenBy(x => x.Bucket).ToList();
            Assert.Equal(recomputed, rebuilt);
        }
    }

    private static async Task<string> CustomerCodeAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        return await ctx.Customers.OrderBy(c => c.Id).Select(c => c.Code).FirstAsync();
    }
}
