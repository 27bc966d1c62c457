namespace Guanxi.Data.Import;

/// <summary>Which key of a customer an import row refers to.</summary>
public enum CustomerKey
{
    ExternalId,
    Code,
}

/// <summary>
/// What an import batch needs of its database beyond EF Core: planner and cache settings for the batch's transaction,
/// fresh table statistics as the data grows, and customer ids by key in bulk, each tuned per database.
/// </summary>
public interface IImportBatches
{
    /// <summary>Settings for the current transaction (the batch's), made right after it begins.</summary>
    Task BeginBatchAsync(GuanxiDbContext db, CancellationToken ct);

    /// <summary>After the <paramref name="batchNumber"/>th batch (from 1) committed.</summary>
    Task AfterBatchAsync(GuanxiDbContext db, long batchNumber, CancellationToken ct);

    /// <summary>
    /// The ids of the customers with these external ids or codes, in chunks, so the list never exceeds a provider's
    /// parameter limits. Imports are for admins only, so the lookup may look past the access filter, as the
    /// uniqueness checks do.
    /// </summary>
    Task<Dictionary<string, long>> CustomerIdsAsync(GuanxiDbContext db, IEnumerable<string> keys, CustomerKey key, CancellationToken ct);
}
