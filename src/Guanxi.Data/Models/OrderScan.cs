using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>
/// A model run's reads of the orders table (and of order lines): the whole table in parallel physical ranges, or
/// the orders of a few customers. A system job over every customer, so it reads below anyone's access scope.
/// </summary>
public interface IOrderScan
{
    /// <summary>Streams every order into the builder, one reader thread per range of the table.</summary>
    /// <param name="skip">Customers (by builder index) whose orders the builder already has (from their stored history).</param>
    /// <param name="readers">Reader threads; null picks one per core (up to four) for a large table, one for a small one.</param>
    Task ReadAllAsync(CustomerMetricsBuilder builder, bool[] skip, int? readers, CancellationToken ct);

    /// <summary>Every order of these customers (by the builder's customer index), a few thousand customers per query.</summary>
    Task ReadOrdersOfAsync(CustomerMetricsBuilder builder, IReadOnlyList<int> customers, CancellationToken ct);

    /// <summary>One customer's orders placed before <paramref name="end"/>.</summary>
    Task ReadCustomerOrdersAsync(CustomerMetricsBuilder builder, long customerId, DateOnly end, CancellationToken ct);

    /// <summary>The highest order id: bounds the order count, so the builder's arrays are sized once.</summary>
    Task<long> HighestOrderIdAsync(CancellationToken ct);

    /// <summary>The number of distinct products each customer (or only <paramref name="onlyCustomerId"/>) ordered before <paramref name="end"/>.</summary>
    Task ReadDistinctProductsAsync(CustomerMetricsBuilder builder, DateOnly end, long? onlyCustomerId, CancellationToken ct);
}

/// <summary>
/// What both databases' order scans share. The full scan cuts the table into physical ranges (rowid on SQLite, heap
/// pages on PostgreSQL), one reader thread per range decodes rows into flat chunks, and one thread feeds the builder.
/// Ten million rows are the bulk of a model run; reading them is the part worth spreading over cores.
/// </summary>
public abstract class OrderScan(IDbContextFactory<GuanxiDbContext> contexts, IProviderDays days) : IOrderScan
{
    protected const int ChunkRows = 8192;

    protected const string OrderColumns = "customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date, currency";

    protected IDbContextFactory<GuanxiDbContext> Contexts => contexts;

    /// <summary>The physical ranges of the orders table, one per reader thread.</summary>
    protected abstract Task<IReadOnlyList<IOrderRange>> SplitAsync(GuanxiDbContext db, int? readers, CancellationToken ct);

    /// <summary>The SQL after "customer_id " that matches the ids of parameter @ids, and that parameter's value.</summary>
    protected abstract (string Filter, object Value) CustomerIds(long[] ids);

    public async Task ReadAllAsync(CustomerMetricsBuilder builder, bool[] skip, int? readers, CancellationToken ct)
    {
        IReadOnlyList<IOrderRange> ranges;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            ranges = await SplitAsync(db, readers, ct);
        }

        var full = new BlockingCollection<OrderChunk>();
        var free = new BlockingCollection<OrderChunk>();
        for (int k = 0; k < 3 * ranges.Count; k++)
        {
            free.Add(new OrderChunk(), ct);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readerTasks = ranges.Select(range => Task.Factory.StartNew(
            () =>
            {
                try
                {
                    range.Read(new CustomerIndex(builder, skip), free, full, stop.Token);
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            },
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        _ = Task.WhenAll(readerTasks).ContinueWith(_ => full.CompleteAdding(), TaskScheduler.Default);

        await Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var chunk in full.GetConsumingEnumerable(stop.Token))
                    {
                        Feed(builder, chunk);
                        free.Add(chunk, stop.Token);
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // A reader failed and cancelled the scan; its exception is rethrown below.
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAll(readerTasks);
        ct.ThrowIfCancellationRequested();
    }

    public async Task ReadOrdersOfAsync(CustomerMetricsBuilder builder, IReadOnlyList<int> customers, CancellationToken ct)
    {
        const int PerQuery = 2_000;
        await using var db = await contexts.CreateDbContextAsync(ct);
        for (int start = 0; start < customers.Count; start += PerQuery)
        {
            long[] ids = customers.Skip(start).Take(PerQuery).Select(builder.CustomerIdAt).ToArray();
            var (filter, value) = CustomerIds(ids);
            await using var orders = await ReadAsync(db, $"SELECT {OrderColumns} FROM orders WHERE customer_id {filter}", ct, ("@ids", value));
            await AddOrdersAsync(builder, orders, ct);
        }
    }

    public async Task ReadCustomerOrdersAsync(CustomerMetricsBuilder builder, long customerId, DateOnly end, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var orders = await ReadAsync(db,
            $"SELECT {OrderColumns} FROM orders WHERE ordered_at < @end AND customer_id = @id", ct, ("@end", days.Parameter(end)), ("@id", customerId));
        await AddOrdersAsync(builder, orders, ct);
    }

    public async Task<long> HighestOrderIdAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM orders", ct);
    }

    public async Task ReadDistinctProductsAsync(CustomerMetricsBuilder builder, DateOnly end, long? onlyCustomerId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var parameters = new List<(string, object?)> { ("@end", days.Parameter(end)) };
        if (onlyCustomerId is { } id) parameters.Add(("@id", id));

        // CROSS JOIN keeps SQLite's join order as written. Over everyone, order lines drive and each finds its order by
        // key (without statistics SQLite otherwise walked all ten million orders to find, often, no lines at all); for
        // one customer (the customer page) their orders drive through the customer index and each finds its lines — the
        // other way round read all six million lines for one customer (2.8 s per page).
        string from = onlyCustomerId is null
            ? "order_lines l CROSS JOIN orders o WHERE o.id = l.order_id AND o.ordered_at < @end"
            : "orders o CROSS JOIN order_lines l WHERE o.customer_id = @id AND o.ordered_at < @end AND l.order_id = o.id";
        await using var products = await ReadAsync(db, $"SELECT o.customer_id, count(DISTINCT l.product) FROM {from} GROUP BY o.customer_id", ct, [.. parameters]);
        while (await products.ReadAsync(ct))
        {
            builder.SetDistinctProducts(products.GetInt64(0), Convert.ToInt32(products.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async Task AddOrdersAsync(CustomerMetricsBuilder builder, DbDataReader orders, CancellationToken ct)
    {
        while (await orders.ReadAsync(ct))
        {
            builder.AddOrder(
                orders.GetInt64(0),
                days.Read(orders, 1),
                orders.GetInt64(2),
                orders.GetString(3),
                orders.IsDBNull(4) ? null : days.Read(orders, 4),
                orders.IsDBNull(5) ? null : days.Read(orders, 5),
                orders.GetString(6));
        }
    }

    /// <summary>A reader without a command timeout: a model run's reads may take minutes on a large base.</summary>
    internal static async Task<DbDataReader> ReadAsync(GuanxiDbContext db, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        var command = await db.CreateCommandAsync(sql, ct, parameters);
        command.CommandTimeout = 0;
        return await command.ExecuteReaderAsync(ct);
    }

    // The reading and feeding loops run once per scan, each over millions of rows: compiled optimised at once
    // instead of starting as unoptimised tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Feed(CustomerMetricsBuilder builder, OrderChunk chunk)
    {
        for (int k = 0; k < chunk.Count; k++)
        {
            builder.AddOrderAt(chunk.Index[k], chunk.Day[k], chunk.Amount[k], chunk.Channel[k], chunk.DueDay[k], chunk.PaidDay[k], chunk.Currency[k]);
        }

        chunk.Count = 0;
    }

    /// <summary>A customer id's builder index, or -1 for one outside the base or already covered.</summary>
    protected readonly struct CustomerIndex(CustomerMetricsBuilder builder, bool[] skip)
    {
        public int IndexOf(long customerId)
        {
            int index = builder.IndexOf(customerId);
            return index >= 0 && !skip[index] ? index : -1;
        }
    }

    /// <summary>Up to <see cref="ChunkRows"/> decoded orders; the builder's customer index is resolved by the reader.</summary>
    protected sealed class OrderChunk
    {
        public readonly int[] Index = new int[ChunkRows];
        public readonly int[] Day = new int[ChunkRows];
        public readonly long[] Amount = new long[ChunkRows];
        public readonly string[] Channel = new string[ChunkRows];
        public readonly int[] DueDay = new int[ChunkRows];
        public readonly int[] PaidDay = new int[ChunkRows];
        public readonly string[] Currency = new string[ChunkRows];
        public int Count;

        public bool IsFull => Count == ChunkRows;
    }

    /// <summary>One reader thread's share of the table: fills chunks from <paramref name="free"/> and hands them to <paramref name="full"/>.</summary>
    protected interface IOrderRange
    {
        void Read(CustomerIndex customers, BlockingCollection<OrderChunk> free, BlockingCollection<OrderChunk> full, CancellationToken ct);
    }
}
