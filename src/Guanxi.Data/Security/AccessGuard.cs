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
        if (db.Scope.EditsAll) return;
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new AccessDeniedException(true, "Customer was not found.");
        if (db.Scope.ReadOnly) throw new AccessDeniedException(false, "Your role may read but not change customer data.");
        if (!await db.EditableCustomers().AnyAsync(c => c.Id == customerId, ct))
            throw new AccessDeniedException(false, "You may see but not change this customer.");
    }

    /// <summary>For settings shared by everyone (groups, custom fields, code pattern): read-only roles may not change them.</summary>
    public static void EnsureMayWrite(this GuanxiDbContext db)
    {
        if (db.Scope.ReadOnly) throw new AccessDeniedException(false, "Your role may read but not change data.");
    }

    public static void EnsureAdmin(this GuanxiDbContext db)
    {
        if (!db.Scope.EditsAll) throw new AccessDeniedException(false, "Only an admin may do this.");
    }
}
