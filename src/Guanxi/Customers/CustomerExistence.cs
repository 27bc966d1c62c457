using Guanxi.Data;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>
/// Whether a customer the caller cannot see exists at all, so the customer page can say "you do not have access"
/// rather than "there is no such customer" (issue 18). It answers yes or no about an id the caller already typed and
/// reads nothing of the record; the API keeps answering 404 for both (docs/security.md).
/// </summary>
public sealed class CustomerExistence(IDbContextFactory<GuanxiDbContext> contexts)
{
    public async Task<bool> ExistsBeyondReachAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Id == id, ct)
            && !await db.Customers.AnyAsync(c => c.Id == id, ct);
    }
}
