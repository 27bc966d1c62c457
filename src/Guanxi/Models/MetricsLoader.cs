using Guanxi.Data.Models;
using Guanxi.Domain.Models;

namespace Guanxi.Models;

/// <summary>
/// Reads the whole customer base as of a day into <see cref="CustomerMetrics"/> with streaming, set-based reads
/// (customers, interactions, orders, products, survey ratings and complaints per customer), never a query per customer. Each customer's orders
/// come from their stored history while it is current (<see cref="IOrderHistoryStore"/>, decision 0009), else from
/// the orders table, whose histories are then stored. The reads are the data seam's named operations, one
/// implementation per database (decision 0013): a model run is a system job over every customer, below anyone's
/// access scope.
/// </summary>
public sealed partial class MetricsLoader(
    ICustomerScan customerScan,
    IInteractionScan interactionScan,
    IServiceScan serviceScan,
    IOrderScan orderScan,
    IOrderHistoryStore histories,
    Orders.CurrencyRateService currencyRates,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<MetricsLoader> log)
{
    /// <summary>
    /// The metrics as of <paramref name="asOf"/>. <paramref name="withProducts"/>: whether to count each customer's
    /// distinct products, which only custom rules read (<c>distinct_products</c>); over everyone it is the run's costliest
    /// single read (six million order lines joined to their orders and sorted by customer: 3 s of a core), so a run
    /// whose rules do not read it leaves it at zero. One customer's (the customer page) is always counted.
    /// </summary>
    public async Task<CustomerMetrics> LoadAsync(DateOnly asOf, CancellationToken ct, long? onlyCustomerId = null, bool withProducts = true)
    {
        var end = asOf.AddDays(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var customersRead = customerScan.ReadAsync(end, onlyCustomerId, configuration.GetValue<int?>("Models:ScanThreads"), ct);
        var versionsRead = onlyCustomerId is null ? customerScan.ReadOrderVersionsAsync(ct) : null;
        var rates = await currencyRates.LoadAsync(ct);
        var customers = await customersRead;
        LogPhase(log, "customer rows", clock.Elapsed.TotalMilliseconds);
        // Money figures in the base currency: each order converted with its month's rate as it is aggregated (a few
        // hundred rates in a dictionary); orders without one are counted but not summed, and reported (Unconverted).
        var builder = new CustomerMetricsBuilder(customers.Count, asOf) { Rates = rates };
        foreach (var c in customers)
        {
            builder.AddCustomer(c.Id, c.Kind, c.Relationship, DateOnly.FromDayNumber(c.CreatedDay), c.ProfileCompleteness, c.Source, c.ReferredById);
        }

        var versions = new CustomerOrderVersions(customers.Count);
        if (versionsRead is not null)
        {
            var rollups = await versionsRead;
            LogPhase(log, "rollup versions", clock.Elapsed.TotalMilliseconds);
            for (int k = 0; k < rollups.CustomerId.Length; k++)
            {
                int i = builder.IndexOf(rollups.CustomerId[k]);
                if (i >= 0)
                {
                    versions.Count[i] = rollups.Count[k];
                    versions.Version[i] = rollups.Version[k];
                }
            }
        }

        LogPhase(log, "customers", clock.Elapsed.TotalMilliseconds);
        // The product count and the service desk's scan are single SQL statements, each on its own connection and its
        // own fields of the builder: they run beside the interactions and orders, so on two cores the run waits for the
        // longest of them instead of their sum (with 3M interactions, 6M order lines and the desk's 5M requests, about
        // 4 s of a 14 s run).
        var productsRead = withProducts || onlyCustomerId is not null
            ? Task.Run(() => orderScan.ReadDistinctProductsAsync(builder, end, onlyCustomerId, ct), ct)
            : Task.CompletedTask;
        var serviceRead = Task.Run(() => serviceScan.ReadAsync(builder, EndOfDayUtc(asOf), onlyCustomerId, ct), ct);
        await interactionScan.ReadAsync(builder, end, onlyCustomerId, ct);
        LogPhase(log, "interactions", clock.Elapsed.TotalMilliseconds);
        List<int> rebuilt = [];
        if (onlyCustomerId is { } id)
        {
            await orderScan.ReadCustomerOrdersAsync(builder, id, end, ct);
        }
        else
        {
            rebuilt = await LoadOrdersAsync(builder, versions, ct);
        }

        LogPhase(log, "orders", clock.Elapsed.TotalMilliseconds);
        await productsRead;
        LogPhase(log, "products", clock.Elapsed.TotalMilliseconds);
        await serviceRead;
        LogPhase(log, "service", clock.Elapsed.TotalMilliseconds);
        var metrics = builder.Build();
        LogPhase(log, "build", clock.Elapsed.TotalMilliseconds);
        if (rebuilt.Count > 0)
        {
            await histories.WriteAsync(builder, metrics, rebuilt, versions, ct);
            LogPhase(log, $"{rebuilt.Count} order histories written", clock.Elapsed.TotalMilliseconds);
        }

        return metrics;
    }

    /// <summary>
    /// The end of the run's day as an instant: survey answers and complaints are UTC instants (decision 0020), the run's
    /// day is the clock's local day (the same zone that makes "today" the default as-of day).
    /// </summary>
    private DateTime EndOfDayUtc(DateOnly asOf) =>
        TimeZoneInfo.ConvertTimeToUtc(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), time.LocalTimeZone);

    /// <summary>
    /// All customers' orders: from the stored histories where they are current, else from the orders table — by
    /// customer when few are out of date (a day's new orders), by a parallel scan of the whole table when many are
    /// (the first run after an import). Returns the customers whose histories were rebuilt and are to be stored.
    /// </summary>
    private async Task<List<int>> LoadOrdersAsync(CustomerMetricsBuilder builder, CustomerOrderVersions versions, CancellationToken ct)
    {
        int readers = configuration.GetValue<int?>("Models:ScanThreads") ?? Math.Clamp(Environment.ProcessorCount, 1, 4);
        var covered = await histories.ReadAsync(builder, versions, readers, ct);
        var stale = new List<int>();
        int buyers = 0;
        for (int i = 0; i < covered.Length; i++)
        {
            if (versions.Count[i] > 0)
            {
                buyers++;
                if (!covered[i]) stale.Add(i);
            }
        }

        LogHistories(log, buyers - stale.Count, stale.Count);
        if (stale.Count == 0)
        {
            return stale;
        }

        builder.CollectHistories = true;
        int scanFrom = configuration.GetValue<int?>("Models:FullOrderScanFrom") ?? Math.Max(10_000, buyers / 20);
        if (stale.Count < scanFrom)
        {
            await orderScan.ReadOrdersOfAsync(builder, stale, ct);
        }
        else
        {
            // The highest order id bounds the order count: sizes the builder's order arrays once.
            long orderHint = await orderScan.HighestOrderIdAsync(ct);
            builder.ReserveOrders((int)Math.Min(orderHint, 200_000_000));
            await orderScan.ReadAllAsync(builder, covered, configuration.GetValue<int?>("Models:ScanThreads"), ct);
        }

        return stale;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order histories: {Current} current, {Stale} to rebuild from orders")]
    private static partial void LogHistories(ILogger logger, int current, int stale);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Metrics loaded up to {Phase} after {Milliseconds:F0} ms")]
    private static partial void LogPhase(ILogger logger, string phase, double milliseconds);
}
