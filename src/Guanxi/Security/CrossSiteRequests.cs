using Microsoft.AspNetCore.Antiforgery;

namespace Guanxi.Security;

/// <summary>
/// Cross-site request forgery on the API. A page on another origin (another port of this host counts as the same
/// site, so SameSite=Lax lets the cookie through) can make the browser post a form, even an empty one, with the
/// user's cookie: erase a customer, dismiss a duplicate, replace the two-factor key. So every state-changing
/// <c>/api</c> call authenticated by the cookie must carry the antiforgery token in the <see cref="HeaderName"/>
/// header: a form cannot set a header, and a script on another origin can neither read the token nor send a custom
/// header without a CORS preflight, which this app never grants. Checked here, once, before any endpoint runs,
/// bodyless calls included. Bearer-token calls carry no ambient credential and need no token.
/// </summary>
public static class CrossSiteRequests
{
    /// <summary>The header a cookie-authenticated script sends the token in (from <c>GET /api/v1/account/antiforgery</c>).</summary>
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IApplicationBuilder UseCrossSiteRequestCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsToken(context) && !await HasValidTokenAsync(context))
        {
            // A refusal is evidence like any other (decision 0016): who tried what, from where.
            await context.RequestServices.GetRequiredService<Audit.AuditLog>().RecordAsync("access-denied", null, null, null,
                new { method = context.Request.Method, path = context.Request.Path.Value, status = 400, reason = $"Missing or invalid {HeaderName} header on a change made with the sign-in cookie." },
                context.Items[typeof(Data.Security.AccessScope)] as Data.Security.AccessScope, context.RequestAborted);
            await TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [HeaderName] = ["A change made with the sign-in cookie needs the antiforgery token in this header (GET /api/v1/account/antiforgery)."] },
                    title: "Missing or invalid antiforgery token")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static bool NeedsToken(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) return false;
        // Unauthenticated calls get their 401 from authorisation; a bearer token is not sent by a browser on its own.
        return context.User.Identity?.IsAuthenticated == true && !SecurityServices.IsBearer(request);
    }

    private static async Task<bool> HasValidTokenAsync(HttpContext context)
    {
        // Only the header counts: a form field is exactly what a cross-site form can send.
        if (!context.Request.Headers.ContainsKey(HeaderName)) return false;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
