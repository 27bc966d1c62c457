using Guanxi.Data;
using Guanxi.Domain.Models;
using Guanxi.Domain.Orders;
using Guanxi.Models;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guanxi.Tests.Models;

/// <summary>
/// The whole-base load reads orders in parallel ranges through the SQLite C API or PostgreSQL TID ranges; the
/// one-customer load reads them with plain ADO.NET. Both must give the same figures, whatever the number of readers.
/// </summary>
public class MetricsLoaderTests
{
    // After everything the demo makes (it dates orders up to today), so every order counts.
    private static readonly DateOnly AsOf = DateOnly.FromDateTime(DateTime.Now).AddDays(1);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Parallel_whole_base_load_equals_one_reader_and_each_customer_loaded_alone(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "250", "--orders", "4000", "--seed", "17", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        await AddInvoicedOrdersAsync(db);

        await using var app = new GuanxiApp(db);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        var threeReaders = await Loader(contexts, "3").LoadAsync(AsOf, CancellationToken.None);
        var oneReader = await Loader(contexts, "1").LoadAsync(AsOf, CancellationToken.None);

        Assert.Equal(250, threeReaders.Count);
        AssertSame(oneReader, threeReaders, Enumerable.Range(0, threeReaders.Count));

        // The figures match the orders table itself...
        await using (var ctx = db.CreateContext())
        {
            var truth = await ctx.Orders.IgnoreQueryFilters().GroupBy(o => o.CustomerId)
                .Select(g => new { g.Key, Count = g.Count(), Cents = g.Sum(o => o.AmountCents) })
                .ToDictionaryAsync(x => x.Key);
            Assert.True(truth.Count > 100, "the demo should give most customers orders");
            for (int i = 0; i < threeReaders.Count; i++)
            {
                var expected = truth.GetValueOrDefault(threeReaders.CustomerId[i]);
                Assert.Equal(expected?.Count ?? 0, threeReaders.OrderCount[i]);
                Assert.Equal(expected?.Cents ?? 0, threeReaders.TotalCents[i]);
            }
        }

        // ...and each customer loaded alone (the plain ADO.NET path) gets the same figures as in the whole base.
        var loader = Loader(contexts, null);
        foreach (int i in Enumerable.Range(0, threeReaders.Count).Where(i => i % 25 == 0 || threeReaders.Invoiced24mCents[i] > 0))
        {
            var alone = await loader.LoadAsync(AsOf, CancellationToken.None, threeReaders.CustomerId[i]);
            Assert.Equal(1, alone.Count);
            AssertSameCustomer(alone, 0, threeReaders, i);
        }
    }

    /// <summary>A reader that fails stops the others and the feeder: the load ends with its error instead of hanging.</summary>
    [Fact]
    public async Task A_failing_reader_ends_the_parallel_load_with_its_error()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "100", "--orders", "3000", "--seed", "23", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        await using (var ctx = db.CreateContext())
        {
            // Only a hand-edited SQLite file holds such a value; the first of three ranges trips on it.
            await ctx.Database.ExecuteSqlRawAsync("UPDATE orders SET ordered_at = 'garbage' WHERE id = (SELECT min(id) FROM orders)");
        }

        await using var app = new GuanxiApp(db);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        var load = Loader(contexts, "3").LoadAsync(AsOf, CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => load.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("garbage", error.Message, StringComparison.Ordinal);
    }

    private static MetricsLoader Loader(IDbContextFactory<GuanxiDbContext> contexts, string? threads) =>
        new(contexts,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Models:ScanThreads"] = threads }).Build(),
            NullLogger<MetricsLoader>.Instance);

    /// <summary>Orders with invoice and payment days (the demo has few), for the payment figures and NULL handling.</summary>
    private static async Task AddInvoicedOrdersAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        var ids = await ctx.Customers.IgnoreQueryFilters().OrderBy(c => c.Id).Select(c => c.Id).Take(40).ToListAsync();
        var random = new Random(3);
        foreach (long id in ids)
        {
            var ordered = new DateTime(2025, 1, 1, 10, 0, 0).AddDays(random.Next(600));
            var due = DateOnly.FromDateTime(ordered).AddDays(30);
            ctx.Orders.Add(new Order
            {
                Number = $"INV-{id}",
                CustomerId = id,
                OrderedAt = ordered,
                AmountCents = random.Next(1_000, 900_000),
                Channel = "distributor",
                InvoiceDueDate = due,
                PaidDate = random.Next(3) == 0 ? null : due.AddDays(random.Next(-20, 120)),
            });
        }

        await ctx.SaveChangesAsync();
    }

    private static void AssertSame(CustomerMetrics expected, CustomerMetrics actual, IEnumerable<int> indexes)
    {
        Assert.Equal(expected.CustomerId, actual.CustomerId);
        foreach (int i in indexes)
        {
            AssertSameCustomer(expected, i, actual, i);
        }
    }

    private static void AssertSameCustomer(CustomerMetrics e, int i, CustomerMetrics a, int j)
    {
        string who = $"customer {a.CustomerId[j]}";
        Assert.True(e.CustomerId[i] == a.CustomerId[j], who);
        Assert.True(e.OrderCount[i] == a.OrderCount[j], who + " order count");
        Assert.True(e.DistinctOrderDays[i] == a.DistinctOrderDays[j], who + " distinct days");
        Assert.True(e.TotalCents[i] == a.TotalCents[j], who + " total");
        Assert.True(e.FirstOrderDay[i] == a.FirstOrderDay[j], who + " first order");
        Assert.True(e.LastOrderDay[i] == a.LastOrderDay[j], who + " last order");
        Assert.True(e.PreviousOrderDay[i] == a.PreviousOrderDay[j], who + " previous order");
        Assert.True(e.OrderIntervalStdDevDays[i].Equals(a.OrderIntervalStdDevDays[j]), who + " interval spread");
        Assert.True(e.Orders90d[i] == a.Orders90d[j] && e.Amount90dCents[i] == a.Amount90dCents[j], who + " 90 days");
        Assert.True(e.Orders365d[i] == a.Orders365d[j] && e.Amount365dCents[i] == a.Amount365dCents[j], who + " 365 days");
        Assert.True(e.OrdersPrevious365d[i] == a.OrdersPrevious365d[j] && e.AmountPrevious365dCents[i] == a.AmountPrevious365dCents[j], who + " previous year");
        Assert.True(e.DistinctChannels[i] == a.DistinctChannels[j], who + " channels");
        Assert.True(e.Invoiced24mCents[i] == a.Invoiced24mCents[j] && e.Collected24mCents[i] == a.Collected24mCents[j], who + " invoices");
        Assert.True(e.LongestPaymentTermDays[i] == a.LongestPaymentTermDays[j], who + " payment term");
        Assert.True(e.FollowedUpOrders365d[i] == a.FollowedUpOrders365d[j], who + " follow-ups");
        Assert.True(e.InteractionCount[i] == a.InteractionCount[j], who + " interactions");
        Assert.True(e.Kind[i] == a.Kind[j] && e.Relationship[i] == a.Relationship[j] && e.Source[i] == a.Source[j], who + " profile");
        Assert.True(e.CreatedDay[i] == a.CreatedDay[j] && e.ProfileCompleteness[i].Equals(a.ProfileCompleteness[j]), who + " created / completeness");
    }
}
