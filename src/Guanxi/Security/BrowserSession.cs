using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Guanxi.Security;

/// <summary>
/// One sign-in of one browser: a random id carried as a claim in the sign-in cookie, so what a page prepared (a
/// download) is bound to the session that asked for it, not only to the user, who may be signed in elsewhere too.
/// </summary>
public static class BrowserSession
{
    public const string ClaimType = "guanxi:session";

    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The session an interactive page acts in (set with the user by <see cref="AccessCircuitHandler"/>), or null.</summary>
    public static string? Id => Current.Value;

    public static void Set(string? id) => Current.Value = id;

    public static string? Of(ClaimsPrincipal user) => user.FindFirstValue(ClaimType);

    public static Claim NewClaim() => new(ClaimType, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>
    /// A mark of the password a session was signed in with (a short digest of its hash, inside the encrypted cookie):
    /// when the password is changed or reset, the user's sessions no longer match and end at once (<see cref="ScopeResolver"/>).
    /// Not the security stamp, which also changes when two-factor sign-in is set up and would end the session doing it.
    /// </summary>
    public const string PasswordClaimType = "guanxi:password";

    public static Claim PasswordClaim(string? passwordHash) => new(PasswordClaimType, PasswordMark(passwordHash));

    public static string PasswordMark(string? passwordHash) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash ?? "")))[..16];

    /// <summary>Identity rebuilds the principal when it re-checks the security stamp; the session (and its password mark) stays the same.</summary>
    public static Task KeepOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal is not { } current || context.NewPrincipal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
        if (Of(current) is { } id) identity.AddClaim(new Claim(ClaimType, id));
        if (current.FindFirstValue(PasswordClaimType) is { } mark) identity.AddClaim(new Claim(PasswordClaimType, mark));
        return Task.CompletedTask;
    }
}
