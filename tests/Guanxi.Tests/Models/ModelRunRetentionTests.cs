using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Models;

/// <summary>
/// Issue 12: an analyst queued 35 runs in 0.4 s, and "keep 30 runs" deleted every earlier run's history. A run is
/// dropped only when it is beyond the newest <c>Models:KeepRuns</c> (30) and older than <c>Models:KeepRunsDays</c> (90),
/// by the app's clock.
/// </summary>
public class ModelRunRetentionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_burst_of_35_runs_in_a_day_keeps_all_35_and_runs_beyond_the_newest_30_go_once_older_than_90_days(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Models:Nightly"] = "false" });
        await app.Client().CreateCustomer("刘备");
        var runs = app.Services.GetRequiredService<ModelRunService>();

        var burst = new List<long>();
        for (var i = 0; i < 35; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            burst.Add(await RunAsync(runs));
        }
        Assert.Equal(burst, await SucceededAsync(db));

        // 89 days on, the burst is still younger than 90 days: nothing goes, though 36 runs exceed the 30 kept.
        app.Clock.Advance(TimeSpan.FromDays(89));
        var later = await RunAsync(runs);
        Assert.Equal([.. burst, later], await SucceededAsync(db));

        // Two more days and the burst is older than 90 days: only the newest 30 runs stay.
        app.Clock.Advance(TimeSpan.FromDays(2));
        var latest = await RunAsync(runs);
        var all = burst.Append(later).Append(latest).ToList();
        Assert.Equal(all.TakeLast(30), await SucceededAsync(db));
    }

    private static Task<long> RunAsync(ModelRunService runs) =>
        CurrentUser.RunAsAsync(AccessScope.System, async () => (await runs.RunAsync(null, "test", CancellationToken.None)).RunId);

    private static async Task<List<long>> SucceededAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        return await ctx.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
    }
}
