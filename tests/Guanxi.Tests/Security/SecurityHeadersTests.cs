using System.Net;
using Guanxi.Data;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

/// <summary>Issue 12 (items 5, 8): answers carried no X-Content-Type-Options, no framing or form rules, no script sources.</summary>
[ClockIndependent]
public class SecurityHeadersTests
{
    [Fact]
    public async Task Pages_api_answers_and_errors_carry_the_browser_safety_headers()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var responses = new[]
        {
            await app.Anonymous().GetAsync("/signin"),
            await app.Client().GetAsync("/api/v1/customers"),
            await app.Anonymous().GetAsync("/api/v1/customers"),
            await app.Client().GetAsync("/api/v1/customers/999999"),
        };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound], responses.Select(r => r.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", string.Join(',', response.Headers.GetValues("X-Frame-Options")));
            var policy = string.Join(',', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
            Assert.Matches("^script-src 'self' 'nonce-[0-9a-f]{32}';", policy);
        }
        // A new nonce for every answer, and the page's import map carries this answer's.
        var nonces = responses.Select(r => Nonce(r)).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
        var page = await responses[0].Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonces[0]}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal);
    }

    private static string Nonce(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Match(string.Join(',', response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
}
