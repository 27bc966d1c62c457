using System.Data.Common;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>
/// Reads the customers of a model run in id order: the whole base in id ranges, one reader per core, each decoding
/// its own rows (the million-row part worth spreading); a single customer through plain ADO.NET. Also every
/// rollup's order count and version. A system job over every customer, so it reads below anyone's access scope.
/// </summary>
public interface ICustomerScan
{
    /// <param name="end">Customers created before this (the day after the run's as-of day) belong to the base.</param>
    Task<List<ScannedCustomer>> ReadAsync(DateOnly end, long? onlyCustomerId, int? readers, CancellationToken ct);

    /// <summary>
    /// Every rollup's order count and version: one pass over the rollups table beside the customer readers (joining
    /// it to customers cost more than reading it whole — its rows lie in the order customers first bought).
    /// </summary>
    Task<OrderVersionRows> ReadOrderVersionsAsync(CancellationToken ct);
}

/// <summary>What both databases' customer scans share: the query, the ranges, the single-customer read.</summary>
public abstract class CustomerScan(IDbContextFactory<GuanxiDbContext> contexts, IProviderDays days) : ICustomerScan
{
    protected const string Columns = """
        SELECT c.id, c.kind, c.relationship, c.created_at,
               (CASE WHEN c.phone IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.email IS NULL THEN 0 ELSE 1 END)
             + (CASE WHEN c.we_chat_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.address IS NULL THEN 0 ELSE 1 END)
             + (CASE WHEN c.city IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.industry IS NULL THEN 0 ELSE 1 END)
             + (CASE WHEN c.company_size = 'Unknown' THEN 0 ELSE 1 END) + (CASE WHEN c.birth_date IS NULL THEN 0 ELSE 1 END),
               c.source, c.referred_by_id
        FROM customers c
        """;

    protected const string OrderVersionsSql = "SELECT customer_id, order_count, order_version FROM customer_rollups";

    protected IDbContextFactory<GuanxiDbContext> Contexts => contexts;

    public async Task<List<ScannedCustomer>> ReadAsync(DateOnly end, long? onlyCustomerId, int? readers, CancellationToken ct)
    {
        if (onlyCustomerId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var rows = new List<ScannedCustomer>(1);
            await using var command = await db.CreateCommandAsync(
                $"{Columns} WHERE c.created_at < @end AND c.id = @id", ct, ("@end", days.Parameter(end)), ("@id", id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            ReadRows(reader, rows, ct);
            return rows;
        }

        long min, max;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            min = await db.ScalarAsync<long>("SELECT coalesce(min(id), 0) FROM customers", ct);
            max = await db.ScalarAsync<long>("SELECT coalesce(max(id), -1) FROM customers", ct);
        }

        int count = ScanRanges.ReaderCount(max - min, readers);
        var ranges = await Task.WhenAll(ScanRanges.Split(min, max, count).Select(range => Task.Factory.StartNew(
            () => ReadRange(end, range.From, range.To, ct),
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
        var all = new List<ScannedCustomer>(ranges.Sum(r => r.Count));
        foreach (var range in ranges)
        {
            all.AddRange(range);
        }

        return all;
    }

    public abstract Task<OrderVersionRows> ReadOrderVersionsAsync(CancellationToken ct);

    /// <summary>The customers with ids from <paramref name="from"/> up to <paramref name="to"/> (excluded), created before <paramref name="end"/>, in id order.</summary>
    protected abstract List<ScannedCustomer> ReadRange(DateOnly end, long from, long to, CancellationToken ct);

    /// <summary>Rows through ADO.NET; kinds, relationships and sources looked up by their text instead of parsed per row.</summary>
    private void ReadRows(DbDataReader reader, List<ScannedCustomer> rows, CancellationToken ct)
    {
        var kinds = new Dictionary<string, CustomerKind>(StringComparer.Ordinal);
        var relationships = new Dictionary<string, RelationshipType>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if ((rows.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            string kind = reader.GetString(1);
            string relationship = reader.GetString(2);
            string? source = reader.IsDBNull(5) ? null : reader.GetString(5);
            rows.Add(new ScannedCustomer(
                reader.GetInt64(0),
                kinds.TryGetValue(kind, out var k) ? k : kinds[kind] = Enum.Parse<CustomerKind>(kind),
                relationships.TryGetValue(relationship, out var r) ? r : relationships[relationship] = Enum.Parse<RelationshipType>(relationship),
                days.Read(reader, 3).DayNumber,
                Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) / 8f,
                source is null ? null : sources.TryGetValue(source, out var shared) ? shared : sources[source] = source,
                reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }
    }
}
