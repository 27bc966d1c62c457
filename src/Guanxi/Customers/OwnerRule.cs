using Guanxi.Common;
using Guanxi.Data;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>
/// Who may set a customer's owner: an admin anyone; a sales manager a member of their team's subtree (or themselves);
/// everyone else not at all: their new customers are their own and the owner of an existing one stays as it is,
/// whatever the JSON says (no mass assignment of the field the access rule depends on).
/// </summary>
internal static class OwnerRule
{
    public static async Task<CustomerInput> ApplyAsync(GuanxiDbContext db, CustomerInput input, long? currentOwner, CancellationToken ct)
    {
        var scope = db.Scope;
        var isNew = currentOwner is null && input.OwnerId is null;
        if (scope.EditsAll) return input;
        if (!scope.CanAssignOwner)
            return input with { OwnerId = currentOwner ?? (scope.UserId > 0 ? scope.UserId : null) };
        if (input.OwnerId is not { } owner) return input with { OwnerId = isNew && scope.UserId > 0 ? scope.UserId : currentOwner };
        if (owner == currentOwner) return input;
        await EnsureAssignableAsync(db, owner, ct);
        return input;
    }

    /// <summary>An admin may give customers to any user; a manager to themselves or a member of their team's subtree.</summary>
    public static async Task EnsureAssignableAsync(GuanxiDbContext db, long owner, CancellationToken ct)
    {
        var scope = db.Scope;
        if (scope.EditsAll && await db.Users.AnyAsync(u => u.Id == owner, ct)) return;
        if (owner == scope.UserId) return;
        var teams = scope.ManagedTeamIds.ToList();
        if (!await db.Users.AnyAsync(u => u.Id == owner && u.TeamId != null && teams.Contains(u.TeamId.Value), ct))
            throw ValidationException.For("ownerId", scope.EditsAll ? "No such user." : "You may assign customers only to members of your team.");
    }
}
