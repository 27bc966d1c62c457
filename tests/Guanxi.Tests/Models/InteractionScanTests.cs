using System.Globalization;
using Guanxi.Data;
using Guanxi.Data.Models;
using Guanxi.Data.Security;
using Guanxi.Data.Postgres.Models;
using Guanxi.Data.Sqlite.Models;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Models;

/// <summary>
/// A model run reads the interactions table whole, in its own order, and drops what happened after the run's day
/// (CustomerMetricsBuilder), instead of bounding the day in SQL. These check that a
/// past run still ignores later contacts, and that each database's fast read (SQLite's C API, PostgreSQL's binary COPY)
/// gives what the plain ADO.NET read gives.
/// </summary>
public class InteractionScanTests
{
    private static string At(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00";

    [Theory, ClockIndependent] // days relative to the clock's; what is counted does not depend on which day it is
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_past_run_ignores_the_contacts_after_its_day(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var busy = await admin.CreateCustomer("常联系客户");
        var quiet = await admin.CreateCustomer("少联系客户");
        var today = TestClock.Today;
        foreach (var back in (int[])[30, 20, 5])
            await admin.PostOk("/api/v1/interactions", new { customerId = busy, channel = "Call", direction = "Outbound", subject = "回访", occurredAt = At(today.AddDays(-back)) });
        await admin.PostOk("/api/v1/interactions", new { customerId = quiet, channel = "Chat", direction = "Inbound", subject = "咨询", occurredAt = At(today.AddDays(-5)) });
        // An order each well before both runs' days: a first order moves a customer's "since" back to it, so both are in
        // both runs' base (they were created today).
        foreach (var id in (long[])[busy, quiet])
            await admin.PostOk("/api/v1/orders", new { customerId = id, orderedAt = At(today.AddDays(-60)), amount = 10m, channel = "web" });
        await admin.PostOk("/api/v1/custom-models", new { name = "联系", rules = "interactions >= 3 -> \"Busy\"\ninteractions >= 1 -> \"Some\"\ninteractions = 0 -> \"None\"" });

        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        async Task<Dictionary<string, int>> Classes(DateOnly asOf)
        {
            var run = await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(asOf, "test", CancellationToken.None));
            var overview = await admin.GetOk("/api/v1/models?run=" + run.RunId);
            return overview.GetProperty("customModels").EnumerateArray().Single().GetProperty("classes").EnumerateArray()
                .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("count").GetInt32());
        }

        // Ten days ago the busy customer had two contacts and the quiet one none; today three and one.
        Assert.Equal(new Dictionary<string, int> { ["Busy"] = 0, ["Some"] = 1, ["None"] = 1 }, await Classes(today.AddDays(-10)));
        Assert.Equal(new Dictionary<string, int> { ["Busy"] = 1, ["Some"] = 1, ["None"] = 0 }, await Classes(today));
    }

    [Theory, ClockIndependent]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_fast_read_of_every_contact_gives_what_the_ado_read_gives(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var customers = new List<long> { await admin.CreateCustomer("甲"), await admin.CreateCustomer("乙"), await admin.CreateCustomer("丙") };
        var today = TestClock.Today;
        // Every channel and direction (the scan turns their stored names into numbers), on several days, two after the read's day.
        var channels = Enum.GetValues<InteractionChannel>();
        var directions = Enum.GetValues<InteractionDirection>();
        for (int k = 0; k < channels.Length * 2; k++)
        {
            await admin.PostOk("/api/v1/interactions", new
            {
                customerId = customers[k % customers.Count],
                channel = channels[k % channels.Length].ToString(),
                direction = directions[k % directions.Length].ToString(),
                subject = "联系 " + k.ToString(CultureInfo.InvariantCulture),
                occurredAt = At(today.AddDays(-(k * 7) - 1)),
            });
        }

        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        async Task<CustomerMetrics> Read(IInteractionScan scan)
        {
            var builder = new CustomerMetricsBuilder(customers.Count, today.AddDays(-10));
            foreach (var id in customers) builder.AddCustomer(id, CustomerKind.Person, RelationshipType.Ordinary, today.AddYears(-1), 0.5f, null, null);
            await CurrentUser.RunAsAsync(AccessScope.System, async () =>
            {
                await scan.ReadAsync(builder, today.AddDays(-9), null, CancellationToken.None);
                return true;
            });
            return builder.Build();
        }

        // SQLite's C API or PostgreSQL's binary COPY, against ADO.NET on the same rows.
        var (ado, c) = provider == DatabaseProvider.Sqlite
            ? (await Read(new InteractionScan(contexts, new SqliteDays())), await Read(new SqliteInteractionScan(contexts, new SqliteDays())))
            : (await Read(new InteractionScan(contexts, new PostgresDays())), await Read(new PostgresInteractionScan(contexts, new PostgresDays())));
        Assert.True(ado.InteractionCount.Sum() >= channels.Length, "the ADO read saw the contacts up to the day");
        Assert.Equal(ado.InteractionCount, c.InteractionCount);
        Assert.Equal(ado.LastContactDay, c.LastContactDay);
        Assert.Equal(ado.Outbound365d, c.Outbound365d);
        for (int ch = 0; ch < channels.Length; ch++) Assert.Equal(ado.InteractionsByChannel[ch], c.InteractionsByChannel[ch]);
    }
}
