using System.Threading.RateLimiting;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Guanxi.Security;

/// <summary>Sign-in (cookie and bearer token), the per-request access scope, rate limits: one call each in the server.</summary>
public static partial class SecurityServices
{
    public const string SignInRateLimit = "signin";
    private const string CookieOrBearer = "cookie-or-bearer";

    public static IServiceCollection AddGuanxiSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ScopeFallback(AccessScope.Nobody));
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<GuanxiDbContext>>().CreateDbContext());
        services.AddIdentityCore<GuanxiUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Security:MaxFailedSignIns", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
            })
            .AddRoles<GuanxiRole>()
            .AddEntityFrameworkStores<GuanxiDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                IsBearer(ctx.Request) ? TokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.Cookie.Name = "guanxi.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // The API answers 401/403; only pages redirect to the sign-in page.
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorization();
        services.AddRequiredRights();
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = BrowserSession.KeepOnRefresh);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "guanxi.af";
            // The framework's default never marks this cookie Secure; like the sign-in cookie it is Secure under https.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = CrossSiteRequests.HeaderName;
        });
        var permits = configuration.GetValue("Security:SignInsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, AccessCircuitHandler>());
        services.AddBearerToOpenApi();
        return services;
    }

    /// <summary>
    /// Browser-side safety on every answer: no content sniffing (a CSV or an upload served as HTML), no framing
    /// (click-jacking), forms post only here, no foreign base URL or plugins, scripts only from this site
    /// (<see cref="ContentSecurityPolicy"/>); HSTS applies to HTTPS requests only. Added as the answer starts, so error
    /// answers (whose headers the exception handler clears) carry them too.
    /// </summary>
    public static WebApplication UseBrowserSafetyHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = ContentSecurityPolicy.For(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    /// <summary>Authentication, then the caller's access scope for everything downstream, then authorisation.</summary>
    public static WebApplication UseGuanxiSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var scope = await context.RequestServices.GetRequiredService<ScopeResolver>()
                .ResolveAsync(context.User, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            if (scope.UserId <= 0 && context.User.Identity?.IsAuthenticated == true && !IsBearer(context.Request))
            {
                // A browser session that stands for nobody any more (password changed or reset, locked, removed) ends
                // here: the cookie goes, and the request goes on signed out (a page sends the user to sign in).
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
            CurrentUser.Set(scope);
            // Outer middleware (the exception handler) does not see an AsyncLocal set here; it reads this.
            context.Items[typeof(AccessScope)] = scope;
            await next(context);
        });
        app.UseAuthorization();
        app.UseCrossSiteRequestCheck();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A call with a bearer token: authenticated by the token alone, whatever cookies came with it.</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Creates `admin` with a random password on the very first start and returns the password (else null), for the
    /// start-up banner to show once: it is not stored anywhere readable.
    /// </summary>
    public static Task<string?> BootstrapAdminAsync(WebApplication app) =>
        CurrentUser.RunAsAsync(AccessScope.System, () => app.Services.GetRequiredService<StaffDirectory>().BootstrapAdminAsync());

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        // A signed-in user without the page's right gets the status page's notice (re-executed for 403), not a redirect.
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Carries the signed-in user into each interactive Blazor activity (event handlers run outside any HTTP request).
/// Resolved afresh for each activity (one small query; the team tree is cached), so a role change or a lock applies
/// to an open page at its next click, as it does to the next API request.
/// </summary>
public sealed class AccessCircuitHandler(IServiceProvider services, ScopeResolver resolver) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) => async context =>
    {
        // Set here, not inside the awaited method: an AsyncLocal set there would not flow back out of it.
        var (scope, session) = await ResolveAsync();
        CurrentUser.Set(scope);
        BrowserSession.Set(session);
        await next(context);
    };

    private async Task<(AccessScope Scope, string? Session)> ResolveAsync()
    {
        var state = services.GetService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();
        if (state is null) return (AccessScope.Nobody, null);
        var auth = await state.GetAuthenticationStateAsync();
        return (await resolver.ResolveAsync(auth.User, null, CancellationToken.None), BrowserSession.Of(auth.User));
    }
}
