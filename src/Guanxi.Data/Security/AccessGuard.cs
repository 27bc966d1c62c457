using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Security;

/// <summary>
/// The same edit rule as <see cref="AccessInterceptor"/>, for set-based changes (ExecuteUpdate/ExecuteDelete) that
/// bypass the change tracker: 404 for a customer out of sight, 403 for one the caller may only read.
/// </summary>
public static class AccessGuard
{
    public static async Task EnsureCanEditAsync(this GuanxiDbContext db, long customerId, CancellationToken ct = default)
    {
        // Checked for every caller, admins too: a change to a customer that does not exist is a 404, not a foreign-key error.
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new AccessDeniedException(true, "Customer was not found.");
        if (db.Scope.EditsAll) return;
        if (db.Scope.ReadOnly) throw new AccessDeniedException(false, "Your role may read but not change customer data.");
        if (!await db.EditableCustomers().AnyAsync(c => c.Id == customerId, ct))
            throw new AccessDeniedException(false, "You may see but not change this customer.");
    }

    /// <summary>The role check of every write path that is not a customer's own record: 403 unless the caller holds <paramref name="right"/>.</summary>
    public static void Demand(this AccessScope scope, Right right)
    {
        if (!scope.Has(right)) throw new AccessDeniedException(false, $"Your role does not have the right '{right}'.");
    }

    public static void Demand(this GuanxiDbContext db, Right right) => db.Scope.Demand(right);
}
