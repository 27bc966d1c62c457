using System.Security.Cryptography;
using System.Text;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Security;

public sealed record UserDto(long Id, string UserName, string DisplayName, string Role, string? Team, bool TwoFactorEnabled, bool LockedOut);

public sealed record TeamDto(long Id, string Name, long? ParentId);

public sealed record TokenDto(long Id, string Name, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt);

public sealed record CreatedToken(TokenDto Token, string Secret);

/// <summary>A password an admin's reset made up: shown once, to the admin who reset it (null when they chose it).</summary>
public sealed record PasswordResetDto(string UserName, string? Password);

/// <summary>
/// Users, teams, roles and access tokens: used by the CLI (as the system) and by the admin API. Passwords are
/// hashed with ASP.NET Core Identity's hasher; tokens are stored only as a SHA-256 hash.
/// </summary>
public sealed class StaffDirectory(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time, Audit.AuditLog audit)
{
    public const string TokenPrefix = "gx_";
    private static readonly PasswordHasher<GuanxiUser> Hasher = new();

    public async Task EnsureRolesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
            db.Roles.Add(new GuanxiRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>On first start with no user at all: creates `admin` with a random password and returns it (else null).</summary>
    public async Task<string?> BootstrapAdminAsync(CancellationToken ct = default)
    {
        await EnsureRolesAsync(ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Users.AnyAsync(ct)) return null;
        }
        var password = RandomSecret(18);
        await AddUserAsync("admin", Roles.Admin, null, password, ct);
        return password;
    }

    public async Task<UserDto> AddUserAsync(string userName, string role, string? team, string? password, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        userName = userName.Trim();
        if (userName.Length is 0 or > 64 || userName.Any(char.IsWhiteSpace)) e.Add("userName", "A user name is 1 to 64 characters without spaces.");
        if (!Roles.All.Contains(role)) e.Add("role", "The role is one of: " + string.Join(", ", Roles.All) + ".");
        if (password is not null && password.Length < 8) e.Add("password", "A password has at least 8 characters.");
        e.ThrowIfAny();
        await EnsureRolesAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = userName.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct)) throw ValidationException.For("userName", "A user with this name exists.");
        long? teamId = null;
        if (!string.IsNullOrWhiteSpace(team))
            teamId = (await db.Teams.FirstOrDefaultAsync(t => t.Name == team.Trim(), ct) ?? throw ValidationException.For("team", "No such team.")).Id;
        var user = new GuanxiUser
        {
            UserName = userName,
            NormalizedUserName = normalized,
            DisplayName = userName,
            TeamId = teamId,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        user.PasswordHash = Hasher.HashPassword(user, password ?? RandomSecret(24));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstAsync(ct);
        db.UserRoles.Add(new IdentityUserRole<long> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("role-change", "GuanxiUser", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { userName, role, team }, ct: ct);
        return (await ListUsersAsync(ct)).First(u => u.Id == user.Id);
    }

    public async Task<UserDto> SetRoleAsync(long userId, string role, string? team, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role)) throw ValidationException.For("role", "The role is one of: " + string.Join(", ", Roles.All) + ".");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User");
        var before = (await ListUsersAsync(ct)).First(u => u.Id == userId);
        if (before.Role == Roles.Admin && role != Roles.Admin && (await ListUsersAsync(ct)).Count(u => u.Role == Roles.Admin) == 1)
            throw ValidationException.For("role", "This is the last admin; make another user admin first.");
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == userId).ToListAsync(ct));
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstAsync(ct);
        db.UserRoles.Add(new IdentityUserRole<long> { UserId = userId, RoleId = roleId });
        if (team is not null)
            user.TeamId = team.Length == 0 ? null : (await db.Teams.FirstOrDefaultAsync(t => t.Name == team, ct) ?? throw ValidationException.For("team", "No such team.")).Id;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        var after = (await ListUsersAsync(ct)).First(u => u.Id == userId);
        await audit.RecordAsync("role-change", "GuanxiUser", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after, ct: ct);
        return after;
    }

    /// <summary>An admin's lock lasts until unlocked; sign-in lockouts after failed passwords end by themselves.</summary>
    public static readonly DateTimeOffset LockedByAdmin = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Locks a user out (sign-in refused, existing sessions and tokens see nothing: see <see cref="ScopeResolver"/>) or
    /// unlocks them, clearing failed sign-ins too. Nobody locks themselves, and the last active admin stays unlocked.
    /// </summary>
    public async Task<UserDto> SetLockedAsync(long userId, bool locked, CancellationToken ct = default)
    {
        if (locked && CurrentUser.Scope?.UserId == userId) throw ValidationException.For("locked", "You cannot lock yourself out.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User");
        var users = await ListUsersAsync(ct);
        var before = users.First(u => u.Id == userId);
        if (locked && before.Role == Roles.Admin && users.Count(u => u.Role == Roles.Admin && !u.LockedOut) <= 1)
            throw ValidationException.For("locked", "This is the last active admin; make another user admin first.");
        user.LockoutEnd = locked ? LockedByAdmin : null;
        user.AccessFailedCount = 0;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        var after = (await ListUsersAsync(ct)).First(u => u.Id == userId);
        await audit.RecordAsync(locked ? "user-lock" : "user-unlock", "GuanxiUser", userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { before.LockedOut }, new { after.LockedOut }, ct: ct);
        return after;
    }

    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    /// <summary>
    /// The signed-in user changes their own password, knowing the current one. Every browser session of theirs ends, this
    /// one included (<see cref="BrowserSession.PasswordMark"/>); their API tokens stay valid.
    /// </summary>
    public async Task ChangePasswordAsync(long userId, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User");
        var e = new FieldErrors();
        if (user.PasswordHash is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
            e.Add("currentPassword", "The current password is not right.");
        CheckNewPassword(e, "newPassword", newPassword);
        if (newPassword == currentPassword) e.Add("newPassword", "The new password is the current one.");
        e.ThrowIfAny();
        SetPassword(user, newPassword);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("password-change", "GuanxiUser", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: ct);
    }

    /// <summary>
    /// An admin (or the CLI) sets a user's password: the given one, or a random one returned once. Ends the user's
    /// browser sessions (<see cref="BrowserSession.PasswordMark"/>) and a lockout after failed sign-ins; an admin's lock stays.
    /// </summary>
    public async Task<PasswordResetDto> ResetPasswordAsync(long userId, string? password, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The tracked write of a user needs no right of its own (one's own password is one's own): demanded here.
        db.Demand(Right.ManageStaff);
        var e = new FieldErrors();
        if (password is not null) CheckNewPassword(e, "password", password);
        e.ThrowIfAny();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User");
        var chosen = password ?? RandomSecret(18);
        SetPassword(user, chosen);
        user.AccessFailedCount = 0;
        if (user.LockoutEnd < LockedByAdmin) user.LockoutEnd = null;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("password-reset", "GuanxiUser", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { userName = user.UserName, generated = password is null }, ct: ct);
        return new PasswordResetDto(user.UserName ?? "", password is null ? chosen : null);
    }

    public async Task<PasswordResetDto> ResetPasswordAsync(string userName, string? password, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("user", "No such user.");
        return await ResetPasswordAsync(userId, password, ct);
    }

    private static void CheckNewPassword(FieldErrors e, string field, string password)
    {
        if (password.Length < MinPasswordLength) e.Add(field, $"A password has at least {MinPasswordLength} characters.");
        else if (password.Length > MaxPasswordLength) e.Add(field, $"A password has at most {MaxPasswordLength} characters.");
    }

    private static void SetPassword(GuanxiUser user, string password)
    {
        user.PasswordHash = Hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public async Task<IReadOnlyList<UserDto>> ListUsersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var rows = await (
            from u in db.Users.AsNoTracking()
            join t in db.Teams on u.TeamId equals t.Id into ts
            from t in ts.DefaultIfEmpty()
            let role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault()
            orderby u.UserName
            select new { u.Id, u.UserName, u.DisplayName, Role = role, Team = t == null ? null : t.Name, u.TwoFactorEnabled, u.LockoutEnd }).ToListAsync(ct);
        return rows.Select(r => new UserDto(r.Id, r.UserName!, r.DisplayName, r.Role ?? "", r.Team, r.TwoFactorEnabled, r.LockoutEnd > now)).ToList();
    }

    public async Task<TeamDto> AddTeamAsync(string name, string? parent, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) throw ValidationException.For("name", "A team name is 1 to 100 characters.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Teams.AnyAsync(t => t.Name == name, ct)) throw ValidationException.For("name", "A team with this name exists.");
        long? parentId = null;
        if (!string.IsNullOrWhiteSpace(parent))
            parentId = (await db.Teams.FirstOrDefaultAsync(t => t.Name == parent.Trim(), ct) ?? throw ValidationException.For("parent", "No such parent team.")).Id;
        var team = new Team { Name = name, ParentId = parentId };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return new TeamDto(team.Id, team.Name, team.ParentId);
    }

    public async Task<IReadOnlyList<TeamDto>> ListTeamsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => new TeamDto(t.Id, t.Name, t.ParentId)).ToListAsync(ct);
    }

    public async Task<CreatedToken> CreateTokenAsync(string userName, string name, int? expiresDays, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("user", "No such user.");
        return await CreateTokenAsync(userId, name, expiresDays, ct);
    }

    public async Task<CreatedToken> CreateTokenAsync(long userId, string name, int? expiresDays, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100) throw ValidationException.For("name", "A token name is 1 to 100 characters.");
        if (expiresDays is <= 0 or > 3650) throw ValidationException.For("expires", "Expiry is 1 to 3650 days.");
        var secret = TokenPrefix + RandomSecret(32);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = new AccessToken
        {
            UserId = userId,
            Name = name,
            Hash = HashOf(secret),
            CreatedAt = now,
            ExpiresAt = expiresDays is { } d ? now.AddDays(d) : null,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("token-create", "AccessToken", token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { userId, name, token.ExpiresAt }, ct: ct);
        return new CreatedToken(ToDto(token), secret);
    }

    public async Task<IReadOnlyList<TokenDto>> ListTokensAsync(long userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(ct);
        return tokens.Select(ToDto).ToList();
    }

    /// <summary>Revokes a token of <paramref name="userId"/> (any user's when null: the system or an admin).</summary>
    public async Task RevokeTokenAsync(long tokenId, long? userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && (userId == null || t.UserId == userId), ct)
            ?? throw new NotFoundException("Token");
        token.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("token-revoke", "AccessToken", tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: ct);
    }

    /// <summary>The user a token belongs to, if the token exists, is not revoked and has not expired.</summary>
    public async Task<long?> UserOfTokenAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = HashOf(secret);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AccessTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Select(t => (long?)t.UserId).FirstOrDefaultAsync(ct);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A URL-safe random secret of <paramref name="bytes"/> random bytes (passwords, API tokens, calendar links).</summary>
    internal static string RandomSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static TokenDto ToDto(AccessToken t) => new(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}
