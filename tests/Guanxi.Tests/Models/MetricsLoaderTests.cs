using Guanxi.Data;
using Guanxi.Data.Models;
using Guanxi.Domain.Models;
using Guanxi.Domain.Orders;
using Guanxi.Models;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Guanxi.Testing;

namespace Guanxi.Tests.Models;

/// <summary>
/// The whole-base load takes each customer's orders from their stored history when it is current, else reads them —
/// by customer, or in parallel ranges of the whole table through the SQLite C API or PostgreSQL TID ranges; the
/// one-customer load reads them with plain ADO.NET. All must give the same figures, whatever the number of readers.
/// </summary>
public class MetricsLoaderTests
{
    // After everything the demo makes (it dates orders up to the suite's today), so every order counts.
    private static readonly DateOnly AsOf = TestClock.Today.AddDays(1);

    [Theory, ClockIndependent] // two readers of the same data as of the same day agree on any day
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Parallel_whole_base_load_equals_one_reader_and_each_customer_loaded_alone(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "250", "--orders", "4000", "--seed", "17", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        await AddInvoicedOrdersAsync(db);

        await using var app = new GuanxiApp(db);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        // Both scan the whole orders table (and leave the histories alone).
        var threeReaders = await Loader(app.Services, "3", scanFrom: "1").LoadAsync(AsOf, CancellationToken.None);
        await ClearHistoriesAsync(db);
        var oneReader = await Loader(app.Services, "1", scanFrom: "1").LoadAsync(AsOf, CancellationToken.None);

        Assert.Equal(250, threeReaders.Count);
        // The demo's orders have lines and its customers interactions: the comparisons below cover them.
        Assert.Contains(threeReaders.DistinctProducts, p => p > 1);
        Assert.Contains(threeReaders.InteractionCount, n => n > 0);
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
        var loader = Loader(app.Services, null);
        foreach (int i in Enumerable.Range(0, threeReaders.Count).Where(i => i % 25 == 0 || threeReaders.Invoiced24mCents[i] > 0))
        {
            var alone = await loader.LoadAsync(AsOf, CancellationToken.None, threeReaders.CustomerId[i]);
            Assert.Equal(1, alone.Count);
            AssertSameCustomer(alone, 0, threeReaders, i);
        }
    }

    /// <summary>A reader that fails stops the others and the feeder: the load ends with its error instead of hanging.</summary>
    [Fact]
    [ClockIndependent] // a damaged value ends the load whatever the day
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
        var load = Loader(app.Services, "3", scanFrom: "1").LoadAsync(AsOf, CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => load.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("garbage", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// After a run has stored every customer's history, the next takes them all from there; orders inserted, updated
    /// (a payment recorded), deleted and moved to another customer make exactly those customers' histories out of
    /// date, and the run after reads those customers' orders again — with the same figures as a load from scratch.
    /// </summary>
    [Theory, ClockIndependent] // stored and read histories of the same orders agree on any day (a past as-of day: Histories_serve_a_run_as_of_a_past_day)
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stored_histories_follow_every_order_write_and_give_the_figures_of_a_full_read(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "200", "--orders", "3000", "--seed", "29", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        await AddInvoicedOrdersAsync(db);

        await using var app = new GuanxiApp(db);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        var log = new HistoryLog();
        var first = await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        int buyers = Enumerable.Range(0, first.Count).Count(first.HasOrders);
        Assert.Equal((0, buyers), log.Last); // nothing stored yet: every buyer's orders read, their histories written
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(buyers, await ctx.OrderHistories.CountAsync());
        }

        var second = await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        Assert.Equal((buyers, 0), log.Last);
        AssertSame(first, second, Enumerable.Range(0, first.Count));

        // Four kinds of write, each through EF Core as the API makes them; the triggers bump the order versions.
        long paidCustomer, newCustomer, deletedCustomer, movedFrom, movedTo;
        await using (var ctx = db.CreateContext())
        {
            var orders = ctx.Orders.IgnoreQueryFilters();
            // An open invoice due within the last year, so its payment (five days late) falls in the 24-month window.
            var dueFrom = AsOf.AddDays(-360);
            var dueTo = AsOf.AddDays(-10);
            var invoice = await orders.Where(o => o.InvoiceDueDate >= dueFrom && o.InvoiceDueDate <= dueTo && o.PaidDate == null)
                .OrderBy(o => o.Id).FirstAsync();
            invoice.PaidDate = invoice.InvoiceDueDate!.Value.AddDays(5);
            paidCustomer = invoice.CustomerId;
            var buyerIds = await orders.Select(o => o.CustomerId).Distinct().OrderBy(id => id).ToListAsync();
            newCustomer = buyerIds.First(id => id != paidCustomer);

            // Orders taken from customers with several, so each still has orders afterwards (and a history to rebuild).
            var several = await orders.GroupBy(o => o.CustomerId).Where(g => g.Count() >= 3).Select(g => g.Key).ToListAsync();
            ctx.Orders.Add(new Order
            {
                Number = "NEW-1", CustomerId = newCustomer, OrderedAt = TestClock.Today.AddDays(-1).ToDateTime(new TimeOnly(10, 0)),
                AmountCents = 123_456, Channel = "store",
            });
            var deleted = await orders.Where(o => several.Contains(o.CustomerId) && o.CustomerId != paidCustomer && o.CustomerId != newCustomer)
                .OrderBy(o => o.Id).FirstAsync();
            deletedCustomer = deleted.CustomerId;
            ctx.Orders.Remove(deleted);
            var moved = await orders.Where(o => several.Contains(o.CustomerId) && o.CustomerId != paidCustomer && o.CustomerId != newCustomer
                    && o.CustomerId != deletedCustomer)
                .OrderByDescending(o => o.Id).FirstAsync();
            movedFrom = moved.CustomerId;
            movedTo = buyerIds.Last(id => id != paidCustomer && id != newCustomer && id != deletedCustomer && id != movedFrom);
            moved.CustomerId = movedTo;
            await ctx.SaveChangesAsync();
        }

        var third = await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        Assert.Equal((buyers - 5, 5), log.Last);
        await ClearHistoriesAsync(db);
        var scratch = await Loader(app.Services, "3", scanFrom: "1").LoadAsync(AsOf, CancellationToken.None);
        AssertSame(scratch, third, Enumerable.Range(0, third.Count));
        int paid = Array.IndexOf(third.CustomerId, paidCustomer);
        Assert.NotEqual(second.Collected24mCents[paid], third.Collected24mCents[paid]);
        int added = Array.IndexOf(third.CustomerId, newCustomer);
        Assert.Equal(second.OrderCount[added] + 1, third.OrderCount[added]);
        Assert.Equal(second.OrderCount[Array.IndexOf(third.CustomerId, movedTo)] + 1, third.OrderCount[Array.IndexOf(third.CustomerId, movedTo)]);

        // The load from scratch stored every history again; a run after it reads none.
        await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        Assert.Equal((buyers, 0), log.Last);

        // A customer erased for good takes their history along.
        await using (var ctx = db.CreateContext())
        {
            Assert.True(await ctx.OrderHistories.AnyAsync(h => h.CustomerId == movedFrom));
            await ctx.Database.ExecuteSqlAsync($"DELETE FROM customers WHERE id = {movedFrom}");
            Assert.False(await ctx.OrderHistories.AnyAsync(h => h.CustomerId == movedFrom));
            Assert.Equal(buyers - 1, await ctx.OrderHistories.CountAsync());
        }
    }

    /// <summary>A run as of a past day takes the same histories (they hold every order) and counts only what came before that day.</summary>
    [Fact]
    public async Task Histories_serve_a_run_as_of_a_past_day()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "150", "--orders", "2500", "--seed", "31", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        await using var app = new GuanxiApp(db);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        var past = AsOf.AddDays(-200);
        var log = new HistoryLog();
        await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        var fromHistories = await Loader(app.Services, "2", log: log).LoadAsync(past, CancellationToken.None);
        Assert.Equal(0, log.Last.Stale);
        await ClearHistoriesAsync(db);
        var fromOrders = await Loader(app.Services, "2", scanFrom: "1").LoadAsync(past, CancellationToken.None);
        AssertSame(fromOrders, fromHistories, Enumerable.Range(0, fromOrders.Count));
        Assert.Contains(Enumerable.Range(0, fromOrders.Count), i => fromOrders.HasOrders(i) && fromOrders.LastOrderDay[i] <= past.DayNumber);
    }

    /// <summary>A damaged history is passed over: the run reads that customer's orders and stores a good history again.</summary>
    [Fact]
    [ClockIndependent] // a damaged stored history is found by its bytes, not by its dates
    public async Task A_damaged_history_is_rebuilt_from_the_orders()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var demo = await GuanxiCli.RunAsync("demo", "--customers", "80", "--orders", "1200", "--seed", "37", "--db", db.DbArgument);
        Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
        await using var app = new GuanxiApp(db);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>();
        var log = new HistoryLog();
        var before = await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        long damaged;
        await using (var ctx = db.CreateContext())
        {
            damaged = await ctx.OrderHistories.OrderBy(h => h.CustomerId).Select(h => h.CustomerId).FirstAsync();
            await ctx.Database.ExecuteSqlAsync($"UPDATE order_histories SET data = x'01ff' WHERE customer_id = {damaged}");
        }

        var after = await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        Assert.Equal(1, log.Last.Stale);
        AssertSame(before, after, Enumerable.Range(0, before.Count));
        await Loader(app.Services, "2", log: log).LoadAsync(AsOf, CancellationToken.None);
        Assert.Equal(0, log.Last.Stale);
    }

    private static MetricsLoader Loader(IServiceProvider services, string? threads, string? scanFrom = null, HistoryLog? log = null) =>
        new(services.GetRequiredService<ICustomerScan>(),
            services.GetRequiredService<IInteractionScan>(),
            services.GetRequiredService<IServiceScan>(),
            services.GetRequiredService<IOrderScan>(),
            services.GetRequiredService<IOrderHistoryStore>(),
            services.GetRequiredService<Guanxi.Orders.CurrencyRateService>(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Models:ScanThreads"] = threads,
                ["Models:FullOrderScanFrom"] = scanFrom,
            }).Build(),
            services.GetRequiredService<TimeProvider>(),
            (ILogger<MetricsLoader>?)log ?? NullLogger<MetricsLoader>.Instance);

    private static async Task ClearHistoriesAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext();
        await ctx.OrderHistories.ExecuteDeleteAsync();
    }

    /// <summary>Keeps the loader's "current / to rebuild" counts: which customers came from stored histories.</summary>
    private sealed class HistoryLog : ILogger<MetricsLoader>
    {
        public (int Current, int Stale) Last { get; private set; } = (-1, -1);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Current").Value is int current)
            {
                Last = (current, (int)values.First(v => v.Key == "Stale").Value!);
            }
        }
    }

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
        Assert.True(e.DistinctProducts[i] == a.DistinctProducts[j], who + " distinct products");
        Assert.True(e.InteractionCount[i] == a.InteractionCount[j] && e.LastContactDay[i] == a.LastContactDay[j], who + " interactions");
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
