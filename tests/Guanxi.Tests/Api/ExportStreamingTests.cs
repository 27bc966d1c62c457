using System.Globalization;
using Guanxi.Data;
using Guanxi.Testing;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Api;

/// <summary>
/// Exports far larger than a writer's 64 KiB buffer, downloaded through the app. The test server refuses
/// synchronous writes to the response body as Kestrel does (issue 12: a synchronous flush cut the file short
/// while the status stayed 200), so every row must arrive.
/// </summary>
[ClockIndependent]
public class ExportStreamingTests
{
    private const long TenMegabytes = 10L << 20;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_export_of_more_than_ten_megabytes_delivers_every_event(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var at = TestClock.Start.UtcDateTime;
        var payload = new string('审', 400); // 1,200 bytes of UTF-8 per event
        long expected, firstId, lastId;
        await using (var ctx = db.CreateContext())
        {
            await ctx.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {9000})
                INSERT INTO audit_events (at, action, entity, entity_id, after) SELECT {at}, 'bulk', 'Test', CAST(i AS TEXT), {payload} FROM n
                """);
            expected = await ctx.AuditEvents.CountAsync();
            firstId = await ctx.AuditEvents.MaxAsync(e => e.Id);
            lastId = await ctx.AuditEvents.MinAsync(e => e.Id);
        }

        using var response = await admin.GetAsync("/api/v1/audit/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > TenMegabytes, $"only {bytes.Length} bytes");
        var rows = Rows(bytes);
        Assert.Equal(expected, rows.Count);
        Assert.Equal(firstId.ToString(CultureInfo.InvariantCulture), rows[0].Split(',')[0]);
        Assert.Equal(lastId.ToString(CultureInfo.InvariantCulture), rows[^1].Split(',')[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Model_run_export_of_more_than_ten_megabytes_delivers_every_customer(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var at = TestClock.Start.UtcDateTime;
        const int customers = 60_000;
        long runId;
        await using (var ctx = db.CreateContext())
        {
            var run = new ModelRun { AsOf = new DateOnly(2026, 1, 1), Status = ModelRunStatus.Succeeded, Trigger = "cli", StartedAt = at, FinishedAt = at, CustomerCount = customers };
            ctx.ModelRuns.Add(run);
            await ctx.SaveChangesAsync();
            runId = run.Id;
            await ctx.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {customers})
                INSERT INTO customers (code, name, kind, relationship, company_size, created_at, updated_at, version)
                SELECT 'BULK-' || CAST(i AS TEXT), 'C' || CAST(i AS TEXT), 'Person', 'Ordinary', 'Unknown', {at}, {at}, 1 FROM n
                """);
            await ctx.Database.ExecuteSqlAsync($"""
                INSERT INTO model_results (run_id, customer_id, recency_days, frequency, monetary_cents, r, f, m, rfm_segment,
                    value, active, undeveloped, unsatisfied, repeat_purchase, first_purchase, lost, potential, social, comprehensive,
                    lifecycle, category, credit_rating, member_tier, relationship_recommended, relationship_practised, p_alive, clv, referral_tree_revenue_cents, referral_tree_size, referrals)
                SELECT {runId}, id, 12, 3, 123456, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1234.5, 0, 0, 0 FROM customers
                """);
        }

        using var response = await admin.GetAsync($"/api/v1/model-runs/{runId}/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > TenMegabytes, $"only {bytes.Length} bytes");
        var rows = Rows(bytes);
        Assert.Equal(customers, rows.Count);
        Assert.Equal("BULK-1", rows[0].Split(',')[0]);
        Assert.Equal($"BULK-{customers}", rows[^1].Split(',')[0]);
    }

    /// <summary>The data lines after the header (no field in these exports holds a line break).</summary>
    private static List<string> Rows(byte[] csv) =>
        System.Text.Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
}

/// <summary>
/// A download that fails after its first bytes, on Kestrel over loopback as in production: the client must see a
/// broken transfer, never a complete-looking response; a failure before the first byte stays an ordinary error.
/// </summary>
[ClockIndependent]
public class StreamedDownloadTests
{
    [Fact]
    public async Task A_failure_after_the_first_bytes_aborts_the_connection_and_one_before_is_a_500()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/late", (HttpContext http) => Guanxi.Export.StreamedDownload.WriteAsync(http, async (body, ct) =>
        {
            await body.WriteAsync(new byte[1 << 20], ct);
            await body.FlushAsync(ct);
            throw new InvalidOperationException("the database went away");
        }));
        app.MapGet("/early", (HttpContext http) => Guanxi.Export.StreamedDownload.WriteAsync(http, (_, _) =>
            throw new InvalidOperationException("no such run")));
        await app.StartAsync();
        var address = app.Urls.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var late = await client.GetAsync("/late", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, late.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => late.Content.ReadAsByteArrayAsync());

        using var early = await client.GetAsync("/early");
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, early.StatusCode);
        await app.StopAsync();
    }
}
