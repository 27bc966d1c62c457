using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>
/// The stored order histories (<see cref="OrderHistoryRow"/>): a model run takes every customer whose history still
/// carries their rollup's order version from here — a million packed rows instead of ten million order rows — and
/// reads only the other customers' orders, whose histories it then writes back (decision 0009).
/// </summary>
public interface IOrderHistoryStore
{
    /// <summary>Feeds the builder every current history, one reader per customer-id range; returns the customers it covered.</summary>
    Task<bool[]> ReadAsync(CustomerMetricsBuilder builder, CustomerOrderVersions versions, int readers, CancellationToken ct);

    /// <summary>
    /// Stores the histories the builder collected for these customers (those it has one for), each tagged with the
    /// version read before their orders were: if an order changed meanwhile, the next run sees a newer version and
    /// reads that customer's orders again. Slices of short transactions, as the model results.
    /// </summary>
    Task WriteAsync(CustomerMetricsBuilder builder, CustomerMetrics metrics, IReadOnlyList<int> customers, CustomerOrderVersions versions, CancellationToken ct);
}

/// <summary>What both databases' history stores share: the ranges and the rule for a current history.</summary>
public abstract class OrderHistoryStore(IDbContextFactory<GuanxiDbContext> contexts) : IOrderHistoryStore
{
    protected const string SelectSql = "SELECT customer_id, order_version, order_count, data FROM order_histories WHERE customer_id >= @from AND customer_id < @to";

    protected IDbContextFactory<GuanxiDbContext> Contexts => contexts;

    public async Task<bool[]> ReadAsync(CustomerMetricsBuilder builder, CustomerOrderVersions versions, int readers, CancellationToken ct)
    {
        var covered = new bool[versions.Count.Length];
        long min, max;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            min = await db.ScalarAsync<long>("SELECT coalesce(min(customer_id), 0) FROM order_histories", ct);
            max = await db.ScalarAsync<long>("SELECT coalesce(max(customer_id), -1) FROM order_histories", ct);
        }

        if (max < min)
        {
            return covered;
        }

        var tasks = ScanRanges.Split(min, max, Math.Clamp(readers, 1, 64)).Select(range => Task.Factory.StartNew(
            () => ReadRange(new HistorySink(builder, versions, covered), range.From, range.To, ct),
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        await Task.WhenAll(tasks);
        return covered;
    }

    public async Task WriteAsync(
        CustomerMetricsBuilder builder, CustomerMetrics metrics, IReadOnlyList<int> customers, CustomerOrderVersions versions, CancellationToken ct)
    {
        var rows = customers.Where(i => builder.HistoryOf(i) is not null).ToArray();
        await WriteSlicesAsync(builder, metrics, rows, versions, ct);
    }

    /// <summary>Reads the histories of customers from <paramref name="from"/> up to <paramref name="to"/> (excluded) into <paramref name="sink"/>.</summary>
    protected abstract void ReadRange(HistorySink sink, long from, long to, CancellationToken ct);

    /// <summary>Replaces the stored histories of these customers (builder indexes, each with a history).</summary>
    protected abstract Task WriteSlicesAsync(CustomerMetricsBuilder builder, CustomerMetrics metrics, int[] rows, CustomerOrderVersions versions, CancellationToken ct);

    /// <summary>Takes each stored row that is still current into the builder; one per reader thread.</summary>
    protected sealed class HistorySink(CustomerMetricsBuilder builder, CustomerOrderVersions versions, bool[] covered)
    {
        private readonly OrderHistory _history = new();

        /// <summary>
        /// A row counts only if it was built at the version the customer's rollup has now: any order written since
        /// bumped that version, so an older history is simply passed over (its customer's orders are read instead).
        /// A history that does not decode (damaged, or written by a newer format) is passed over the same way.
        /// </summary>
        public void Add(long customerId, long version, int count, ReadOnlySpan<byte> data)
        {
            int index = builder.IndexOf(customerId);
            if (index < 0 || versions.Version[index] != version || versions.Count[index] != count)
            {
                return;
            }

            try
            {
                _history.Decode(data);
            }
            catch (InvalidDataException)
            {
                return;
            }

            if (_history.Count == count)
            {
                builder.AddOrderHistory(index, _history);
                covered[index] = true;
            }
        }
    }
}
