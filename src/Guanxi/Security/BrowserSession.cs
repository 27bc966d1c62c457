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

    /// <summary>Identity rebuilds the principal when it re-checks the security stamp; the session stays the same.</summary>
    public static Task KeepOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal is { } current && Of(current) is { } id && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(ClaimType, id));
        return Task.CompletedTask;
    }
}
