using System.Security.Claims;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Security;

/// <summary>
/// Builds a signed-in user's <see cref="AccessScope"/> from the database on each request, so a role or team change
/// (or a removed user) takes effect at once rather than when a cookie expires.
/// </summary>
public sealed class ScopeResolver(DbContextOptions<GuanxiDbContext> options)
{
    public async Task<AccessScope> ResolveAsync(ClaimsPrincipal principal, string? address, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) return AccessScope.Nobody with { Address = address };
        return await ResolveAsync(userId, address, ct);
    }

    public async Task<AccessScope> ResolveAsync(long userId, string? address, CancellationToken ct)
    {
        await using var db = new GuanxiDbContext(options, AccessScope.System);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.UserName,
                u.TeamId,
                u.LockoutEnd,
                Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        // A user an admin locked loses access at once, cookie or token; a sign-in lockout only stops new sign-ins.
        if (user?.Role is null || user.LockoutEnd >= StaffDirectory.LockedByAdmin) return AccessScope.Nobody with { Address = address };
        var teams = user.TeamId is null ? [] : await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync(ct);
        var managed = new List<long>();
        var member = new List<long>();
        if (user.TeamId is { } own)
        {
            // Down the tree for a manager's subtree, up the tree for shares to the user's region or company.
            var frontier = new Queue<long>([own]);
            while (frontier.TryDequeue(out var id))
            {
                if (managed.Contains(id)) continue;
                managed.Add(id);
                foreach (var child in teams.Where(t => t.ParentId == id)) frontier.Enqueue(child.Id);
            }
            long? up = own;
            while (up is { } u && !member.Contains(u))
            {
                member.Add(u);
                up = teams.FirstOrDefault(t => t.Id == u)?.ParentId;
            }
        }
        return AccessScope.For(userId, user.UserName ?? "", user.Role, managed, member) with { Address = address };
    }
}
