using System.Data.Common;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Guanxi.Domain.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

/// <summary>
/// Reads the whole customer base as of a day into <see cref="CustomerMetrics"/> with streaming, set-based queries
/// (customers, interactions, orders, products per customer), never a query per customer. Each customer's orders
/// come from their stored history while it is current (<see cref="OrderHistoryStore"/>, decision 0009), else from
/// the orders table, whose histories are then stored. Reads raw SQL on purpose: a model run is a system job over
/// every customer, below anyone's access scope.
/// </summary>
public sealed partial class MetricsLoader(IDbContextFactory<GuanxiDbContext> contexts, IConfiguration configuration, ILogger<MetricsLoader> log)
{
    public async Task<CustomerMetrics> LoadAsync(DateOnly asOf, CancellationToken ct, long? onlyCustomerId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var end = asOf.AddDays(1);
        var endParameter = BulkIo.DayParameter(db, end);
        var parameters = new List<(string, object?)> { ("@end", endParameter) };
        if (onlyCustomerId is { } id)
        {
            parameters.Add(("@id", id));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var customersRead = CustomerScan.ReadAsync(contexts, end, onlyCustomerId, configuration.GetValue<int?>("Models:ScanThreads"), ct);
        var versionsRead = onlyCustomerId is null ? CustomerScan.ReadOrderVersionsAsync(contexts, ct) : null;
        var customers = await customersRead;
        LogPhase(log, "customer rows", clock.Elapsed.TotalMilliseconds);
        var builder = new CustomerMetricsBuilder(customers.Count, asOf);
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
        string onlyRows = onlyCustomerId is null ? "" : " AND customer_id = @id";
        await using (var interactions = await ReadAsync(db,
            $"SELECT customer_id, occurred_at, channel, direction FROM interactions WHERE occurred_at < @end{onlyRows}", parameters, ct))
        {
            while (await interactions.ReadAsync(ct))
            {
                builder.AddInteraction(
                    interactions.GetInt64(0),
                    BulkIo.DayOf(interactions, 1),
                    Enum.Parse<InteractionChannel>(interactions.GetString(2)),
                    Enum.Parse<InteractionDirection>(interactions.GetString(3)));
            }
        }

        LogPhase(log, "interactions", clock.Elapsed.TotalMilliseconds);
        List<int> rebuilt = [];
        if (onlyCustomerId is null)
        {
            rebuilt = await LoadOrdersAsync(db, builder, versions, ct);
        }
        else
        {
            await using var orders = await ReadAsync(db,
                $"SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders WHERE ordered_at < @end{onlyRows}", parameters, ct);
            await AddOrdersAsync(builder, orders, ct);
        }

        LogPhase(log, "orders", clock.Elapsed.TotalMilliseconds);
        // CROSS JOIN keeps SQLite's join order as written: order lines drive, each finds its order by key. Without
        // statistics SQLite otherwise walked all ten million orders to find (often) no lines at all.
        string onlyOrders = onlyCustomerId is null ? "" : " AND o.customer_id = @id";
        await using (var products = await ReadAsync(db, $"""
            SELECT o.customer_id, count(DISTINCT l.product) FROM order_lines l CROSS JOIN orders o
            WHERE o.id = l.order_id AND o.ordered_at < @end{onlyOrders} GROUP BY o.customer_id
            """, parameters, ct))
        {
            while (await products.ReadAsync(ct))
            {
                builder.SetDistinctProducts(products.GetInt64(0), Convert.ToInt32(products.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        LogPhase(log, "products", clock.Elapsed.TotalMilliseconds);
        var metrics = builder.Build();
        LogPhase(log, "build", clock.Elapsed.TotalMilliseconds);
        if (rebuilt.Count > 0)
        {
            await OrderHistoryStore.WriteAsync(contexts, builder, metrics, rebuilt, versions, ct);
            LogPhase(log, $"{rebuilt.Count} order histories written", clock.Elapsed.TotalMilliseconds);
        }

        return metrics;
    }

    /// <summary>
    /// All customers' orders: from the stored histories where they are current, else from the orders table — by
    /// customer when few are out of date (a day's new orders), by a parallel scan of the whole table when many are
    /// (the first run after an import). Returns the customers whose histories were rebuilt and are to be stored.
    /// </summary>
    private async Task<List<int>> LoadOrdersAsync(GuanxiDbContext db, CustomerMetricsBuilder builder, CustomerOrderVersions versions, CancellationToken ct)
    {
        int readers = configuration.GetValue<int?>("Models:ScanThreads") ?? Math.Clamp(Environment.ProcessorCount, 1, 4);
        var covered = await OrderHistoryStore.ReadAsync(contexts, builder, versions, readers, ct);
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
            await ReadOrdersOfAsync(db, builder, stale, ct);
        }
        else
        {
            // The highest order id bounds the order count: sizes the builder's order arrays once.
            long orderHint = await db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM orders", ct);
            builder.ReserveOrders((int)Math.Min(orderHint, 200_000_000));
            await OrderScan.ReadAsync(contexts, builder, covered, configuration.GetValue<int?>("Models:ScanThreads"), ct);
        }

        return stale;
    }

    /// <summary>Every order of these customers (by the customer index), a few thousand customers per query.</summary>
    private static async Task ReadOrdersOfAsync(GuanxiDbContext db, CustomerMetricsBuilder builder, List<int> customers, CancellationToken ct)
    {
        const int PerQuery = 2_000;
        string idsIn = db.IsPostgres ? "= ANY(@ids)" : "IN (SELECT value FROM json_each(@ids))";
        for (int start = 0; start < customers.Count; start += PerQuery)
        {
            long[] ids = customers.Skip(start).Take(PerQuery).Select(builder.CustomerIdAt).ToArray();
            object idsParameter = db.IsPostgres ? ids : System.Text.Json.JsonSerializer.Serialize(ids);
            await using var orders = await ReadAsync(db,
                $"SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders WHERE customer_id {idsIn}",
                [("@ids", idsParameter)], ct);
            await AddOrdersAsync(builder, orders, ct);
        }
    }

    private static async Task AddOrdersAsync(CustomerMetricsBuilder builder, DbDataReader orders, CancellationToken ct)
    {
        while (await orders.ReadAsync(ct))
        {
            builder.AddOrder(
                orders.GetInt64(0),
                BulkIo.DayOf(orders, 1),
                orders.GetInt64(2),
                orders.GetString(3),
                orders.IsDBNull(4) ? null : BulkIo.DayOf(orders, 4),
                orders.IsDBNull(5) ? null : BulkIo.DayOf(orders, 5));
        }
    }

    private static async Task<DbDataReader> ReadAsync(GuanxiDbContext db, string sql, List<(string, object?)> parameters, CancellationToken ct)
    {
        var command = await db.CreateCommandAsync(sql, ct, [.. parameters]);
        command.CommandTimeout = 0;
        return await command.ExecuteReaderAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order histories: {Current} current, {Stale} to rebuild from orders")]
    private static partial void LogHistories(ILogger logger, int current, int stale);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Metrics loaded up to {Phase} after {Milliseconds:F0} ms")]
    private static partial void LogPhase(ILogger logger, string phase, double milliseconds);
}
