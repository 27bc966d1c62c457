using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Guanxi.Security;

public sealed record MeDto(long Id, string UserName, string Role, bool ViewsPersonalData, bool TwoFactorEnabled);

public sealed record TokenInput(string? Name, int? ExpiresDays);

public sealed record UserInput(string? UserName, string? Role, string? Team, string? Password);

public sealed record RoleInput(string? Role, string? Team);

public sealed record LockInput(bool Locked);

public sealed record TeamInput(string? Name, string? Parent);

public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

public sealed record TwoFactorInput(string? Code);

public sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword);

/// <summary>An admin's reset: the new password, or none for a random one that the answer shows once.</summary>
public sealed record PasswordResetInput(string? Password);

/// <summary>The antiforgery token a script signed in with the cookie sends in <see cref="HeaderName"/> with each change.</summary>
public sealed record AntiforgeryTokenDto(string HeaderName, string Token);

/// <summary>Sign-in and sign-out form posts, the signed-in user's own account, and the admin's users and teams.</summary>
public static class AccountApi
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SecurityServices.SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/account/signout", SignOutAsync).DisableAntiforgery().ExcludeFromDescription().Requires(Right.OwnAccount);

        var me = app.MapGroup("/api/v1/account").WithTags("Account").Requires(Right.OwnAccount);
        me.MapGet("/", MeAsync).WithName("GetMyAccount");
        me.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            TypedResults.Ok(new AntiforgeryTokenDto(CrossSiteRequests.HeaderName, antiforgery.GetAndStoreTokens(context).RequestToken!)));
        me.MapGet("/tokens", async (StaffDirectory staff, CancellationToken ct) => TypedResults.Ok(await staff.ListTokensAsync(CurrentUser.Scope!.UserId, ct)));
        me.MapPost("/tokens", async (TokenInput body, StaffDirectory staff, CancellationToken ct) =>
        {
            var created = await staff.CreateTokenAsync(CurrentUser.Scope!.UserId, body.Name ?? "", body.ExpiresDays, ct);
            return TypedResults.Created($"/api/v1/account/tokens/{created.Token.Id}", created);
        });
        me.MapDelete("/tokens/{id:long}", async (long id, StaffDirectory staff, CancellationToken ct) =>
        {
            await staff.RevokeTokenAsync(id, CurrentUser.Scope!.UserId, ct);
            return TypedResults.NoContent();
        });
        me.MapPost("/password", async (PasswordChangeInput body, StaffDirectory staff, CancellationToken ct) =>
        {
            await staff.ChangePasswordAsync(CurrentUser.Scope!.UserId, body.CurrentPassword ?? "", body.NewPassword ?? "", ct);
            return TypedResults.NoContent();
        }).WithName("ChangeMyPassword").WithSummary("Change one's own password; ends one's browser sessions (API tokens stay valid).");
        me.MapPost("/two-factor/setup", TwoFactorSetupAsync);
        me.MapPost("/two-factor/enable", TwoFactorEnableAsync);

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapSharesApi();
        Audit.AuditApi.MapAuditApi(api);
        Privacy.PrivacyApi.MapPrivacyApi(api);

        var users = app.MapGroup("/api/v1/users").WithTags("Users").Requires(Right.ManageStaff);
        users.MapGet("/", async (StaffDirectory staff, CancellationToken ct) => TypedResults.Ok(await staff.ListUsersAsync(ct)));
        users.MapPost("/", async (UserInput body, StaffDirectory staff, CancellationToken ct) =>
        {
            var user = await staff.AddUserAsync(body.UserName ?? "", body.Role ?? "", body.Team, body.Password, ct);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        });
        users.MapPut("/{id:long}/role", async (long id, RoleInput body, StaffDirectory staff, CancellationToken ct) =>
            TypedResults.Ok(await staff.SetRoleAsync(id, body.Role ?? "", body.Team, ct)));
        users.MapPost("/{id:long}/password", async (long id, PasswordResetInput? body, StaffDirectory staff, CancellationToken ct) =>
            TypedResults.Ok(await staff.ResetPasswordAsync(id, string.IsNullOrEmpty(body?.Password) ? null : body.Password, ct)))
            .WithName("ResetUserPassword").WithSummary("Set a user's password (or a random one, shown once in the answer); ends their browser sessions.");
        users.MapPut("/{id:long}/lock", async (long id, LockInput body, StaffDirectory staff, CancellationToken ct) =>
            TypedResults.Ok(await staff.SetLockedAsync(id, body.Locked, ct)));

        var teams = app.MapGroup("/api/v1/teams").WithTags("Users");
        teams.MapGet("/", async (StaffDirectory staff, CancellationToken ct) => TypedResults.Ok(await staff.ListTeamsAsync(ct))).Requires(Right.ViewCustomers);
        teams.MapPost("/", async (TeamInput body, StaffDirectory staff, CancellationToken ct) =>
        {
            var team = await staff.AddTeamAsync(body.Name ?? "", body.Parent, ct);
            return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
        }).Requires(Right.ManageStaff);
        return app;
    }

    /// <summary>
    /// The sign-in form post: antiforgery-checked, rate-limited, with lockout after repeated failures and an
    /// authenticator code when the user has two-factor sign-in on. Redirects only to local addresses.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<GuanxiUser> signIn, Audit.AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string userName = form["userName"].ToString().Trim(), password = form["password"].ToString(), code = form["code"].ToString().Replace(" ", "", StringComparison.Ordinal);
        var returnUrl = LocalUrl.OrRoot(form["returnUrl"].ToString());
        var scope = CurrentUser.Scope ?? AccessScope.Nobody;
        var users = signIn.UserManager;
        var user = userName.Length == 0 ? null : await users.FindByNameAsync(userName);
        if (user is null)
        {
            // The same password hashing work as for a known user, so the answer's timing does not tell names apart.
            UnknownUserPassword.Check(users.PasswordHasher, password);
            await audit.RecordAsync("signin-failed", "GuanxiUser", null, null, new { userName, reason = "unknown user" }, scope);
            return TypedResults.Redirect("/signin?error=1");
        }
        var id = user.Id.ToString(CultureInfo.InvariantCulture);
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            await audit.RecordAsync("signin-failed", "GuanxiUser", id, null, new { userName, reason = "locked out" }, scope);
            return TypedResults.Redirect("/signin?error=locked");
        }
        if (!check.Succeeded)
        {
            await audit.RecordAsync("signin-failed", "GuanxiUser", id, null, new { userName, reason = "wrong password" }, scope);
            return TypedResults.Redirect("/signin?error=1");
        }
        if (user.TwoFactorEnabled
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(user);
            await audit.RecordAsync("signin-failed", "GuanxiUser", id, null, new { userName, reason = "two-factor code" }, scope);
            return TypedResults.Redirect(await users.IsLockedOutAsync(user) ? "/signin?error=locked" : "/signin?error=2fa");
        }
        if (user.TwoFactorEnabled) await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [BrowserSession.NewClaim(), BrowserSession.PasswordClaim(user.PasswordHash)]);
        await audit.RecordAsync("signin", "GuanxiUser", id, null, new { userName }, scope with { UserId = user.Id, UserName = user.UserName ?? userName });
        return TypedResults.Redirect(returnUrl);
    }

    /// <summary>A password check against a hash nobody's password matches, made once with the app's own hasher.</summary>
    private static class UnknownUserPassword
    {
        private static readonly GuanxiUser Nobody = new() { UserName = "" };
        private static string? _hash;

        public static void Check(IPasswordHasher<GuanxiUser> hasher, string password)
        {
            _hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            hasher.VerifyHashedPassword(Nobody, _hash, password);
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<GuanxiUser> signIn, Audit.AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest();
        if (CurrentUser.Scope is { UserId: > 0 }) await audit.RecordAsync("signout", "GuanxiUser", CurrentUser.Scope.UserId.ToString(CultureInfo.InvariantCulture));
        await signIn.SignOutAsync();
        return TypedResults.Redirect("/signin");
    }

    private static async Task<Results<Ok<MeDto>, NotFound>> MeAsync(UserManager<GuanxiUser> users)
    {
        var scope = CurrentUser.Scope!;
        var user = await users.FindByIdAsync(scope.UserId.ToString(CultureInfo.InvariantCulture));
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new MeDto(user.Id, user.UserName ?? "", scope.Role, scope.ViewsPersonalData, user.TwoFactorEnabled));
    }

    /// <summary>A new authenticator key for the signed-in user; two-factor sign-in starts once a code from it is confirmed.</summary>
    private static async Task<Results<Ok<TwoFactorSetup>, NotFound>> TwoFactorSetupAsync(UserManager<GuanxiUser> users) =>
        await NewAuthenticatorKeyAsync(users, CurrentUser.Scope!.UserId) is { } setup ? TypedResults.Ok(setup) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> TwoFactorEnableAsync(TwoFactorInput body, UserManager<GuanxiUser> users, Audit.AuditLog audit) =>
        await EnableTwoFactorAsync(users, audit, CurrentUser.Scope!.UserId, body.Code ?? "") switch
        {
            null => TypedResults.NotFound(),
            false => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [WrongCode] }),
            true => TypedResults.NoContent(),
        };

    public const string WrongCode = "The code does not match the authenticator.";

    /// <summary>A new authenticator key for <paramref name="userId"/> (the API and the account page); null when there is no such user.</summary>
    public static async Task<TwoFactorSetup?> NewAuthenticatorKeyAsync(UserManager<GuanxiUser> users, long userId)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        if (user is null) return null;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/Guanxi:{Uri.EscapeDataString(user.UserName ?? "")}?secret={key}&issuer=Guanxi&digits=6";
        return new TwoFactorSetup(key, uri);
    }

    /// <summary>Switches two-factor sign-in on after one good code: true; false for a wrong code; null when there is no such user.</summary>
    public static async Task<bool?> EnableTwoFactorAsync(UserManager<GuanxiUser> users, Audit.AuditLog audit, long userId, string code)
    {
        var user = await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture));
        if (user is null) return null;
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal))) return false;
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync("two-factor-enable", "GuanxiUser", user.Id.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}
