using System.Security.Cryptography;

namespace Guanxi.Security;

/// <summary>
/// The Content-Security-Policy of every answer: scripts only from this site (blazor.web.js, MudBlazor's script) plus
/// the one inline script Blazor writes, the import map, which carries this request's nonce (<see cref="NonceOf"/>,
/// read by <c>App.razor</c>). No eval, no inline event handlers, no <c>javascript:</c> links, no foreign hosts:
/// injected markup cannot run script. Styles allow inline: MudBlazor sets style attributes on its components and
/// writes its theme as a &lt;style&gt; element, and a style cannot run script. The interactive connection is a
/// WebSocket to this same site (<c>connect-src 'self'</c>).
/// </summary>
public static class ContentSecurityPolicy
{
    private static readonly object NonceKey = new();

    /// <summary>
    /// The API reference page (Scalar, a third-party bundle) starts itself with an inline module script it writes and
    /// calls eval; it shows only the public OpenAPI document and holds no customer data, so it alone gets both. Its
    /// fonts are switched off (GuanxiServer), so nothing loads from another host there either.
    /// </summary>
    private const string ApiReferencePath = "/api-docs";

    private const string Common = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>This request's nonce for an inline script the page writes itself: new for every answer, unguessable.</summary>
    public static string NonceOf(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        // Hex, not base64: '+' would reach the page HTML-encoded, which is correct but hard to compare.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string For(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase)
            ? $"script-src 'self' 'unsafe-inline' 'unsafe-eval'; {Common}"
            : $"script-src 'self' 'nonce-{NonceOf(context)}'; {Common}";
}
