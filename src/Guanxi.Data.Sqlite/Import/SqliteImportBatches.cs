using Guanxi.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Import;

/// <summary>SQLite's import batches: a larger page cache per batch; key lookups through EF Core (one JSON parameter).</summary>
public sealed class SqliteImportBatches : IImportBatches
{
    // A batch of orders lands on random customers, so it touches leaf pages all over the order and rollup indexes
    // (hundreds of MB at ten million orders); with the usual 64 MB cache they were written out and read back within
    // the batch. The connection's next opening resets this (SqlitePragmas).
    public Task BeginBatchAsync(GuanxiDbContext db, CancellationToken ct) => db.ExecuteAsync("PRAGMA cache_size = -262144", ct);

    // SQLite keeps no statistics an import must refresh.
    public Task AfterBatchAsync(GuanxiDbContext db, long batchNumber, CancellationToken ct) => Task.CompletedTask;

    public async Task<Dictionary<string, long>> CustomerIdsAsync(GuanxiDbContext db, IEnumerable<string> keys, CustomerKey key, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(5000))
        {
            var list = chunk.ToList();
            var found = key == CustomerKey.Code
                ? await db.Customers.AsNoTracking().Where(c => list.Contains(c.Code)).Select(c => new { Key = c.Code, c.Id }).ToListAsync(ct)
                : await db.Customers.AsNoTracking().Where(c => list.Contains(c.ExternalId!)).Select(c => new { Key = c.ExternalId!, c.Id }).ToListAsync(ct);
            foreach (var f in found) result[f.Key] = f.Id;
        }

        return result;
    }
}
