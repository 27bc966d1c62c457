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
        return await ResolveAsync(userId, address, ct, principal.FindFirstValue(BrowserSession.PasswordClaimType));
    }

    /// <summary>
    /// The scope of <paramref name="userId"/>; nobody's when <paramref name="passwordMark"/> (a browser session's) no
    /// longer matches the user's password: a password change or reset ends the user's sessions at once.
    /// </summary>
    public async Task<AccessScope> ResolveAsync(long userId, string? address, CancellationToken ct, string? passwordMark = null)
    {
        await using var db = new GuanxiDbContext(options, AccessScope.System);
        // One query per request: the user, their role and a fingerprint of the team tree; the tree itself is cached
        // and read again only when the fingerprint changes (a team added by the API, the CLI or another server).
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.UserName,
                u.TeamId,
                u.LockoutEnd,
                u.PasswordHash,
                Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                // Sum of (id + parent + 2^32) over teams: changes when a team is added, removed or re-parented.
                Teams = db.Teams.Sum(t => t.Id + (t.ParentId ?? 0) + TeamWeight),
            }).FirstOrDefaultAsync(ct);
        // A user an admin locked loses access at once, cookie or token; a sign-in lockout only stops new sign-ins.
        if (user?.Role is null || user.LockoutEnd >= StaffDirectory.LockedByAdmin) return AccessScope.Nobody with { Address = address };
        if (passwordMark is not null && passwordMark != BrowserSession.PasswordMark(user.PasswordHash)) return AccessScope.Nobody with { Address = address };
        var managed = new List<long>();
        var member = new List<long>();
        if (user.TeamId is { } own)
        {
            var tree = await TreeAsync(db, user.Teams, ct);
            // Down the tree for a manager's subtree, up the tree for shares to the user's region or company.
            var frontier = new Queue<long>([own]);
            while (frontier.TryDequeue(out var id))
            {
                if (managed.Contains(id)) continue;
                managed.Add(id);
                foreach (var child in tree.Children[id]) frontier.Enqueue(child);
            }
            long? up = own;
            while (up is { } u && !member.Contains(u))
            {
                member.Add(u);
                up = tree.Parents.GetValueOrDefault(u);
            }
        }
        return AccessScope.For(userId, user.UserName ?? "", user.Role, managed, member) with { Address = address };
    }

    private const long TeamWeight = 1L << 32;

    private TeamTree? _tree;

    private async Task<TeamTree> TreeAsync(GuanxiDbContext db, long fingerprint, CancellationToken ct)
    {
        var tree = _tree;
        if (tree is not null && tree.Fingerprint == fingerprint) return tree;
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync(ct);
        tree = new TeamTree(
            teams.Sum(t => t.Id + (t.ParentId ?? 0) + TeamWeight),
            teams.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id),
            teams.ToDictionary(t => t.Id, t => t.ParentId));
        _tree = tree;
        return tree;
    }

    /// <summary>The team tree as last read, with the fingerprint it was read at.</summary>
    private sealed record TeamTree(long Fingerprint, ILookup<long, long> Children, Dictionary<long, long?> Parents);
}
