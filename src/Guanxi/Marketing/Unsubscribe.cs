using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Guanxi.Service;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>
/// The one-click unsubscribe link of every message, <c>/u/{token}</c>: public, the token its only credential.
/// GET shows a confirmation page; POST (the page's button, or a mail client's one-click POST) withdraws the customer's
/// consent for that channel in the consent log. An unknown token answers 404; guessing is throttled per address like
/// the survey links.
/// </summary>
public sealed class UnsubscribeService(IDbContextFactory<GuanxiDbContext> contexts, PublicLinkGuard guard, TimeProvider time)
{
    public async Task<(PublicLinkState State, OutboxMessage? Message)> FindAsync(string? token, string address, CancellationToken ct = default)
    {
        if (guard.Throttled(address)) return (PublicLinkState.Throttled, null);
        var found = string.IsNullOrEmpty(token) || token.Length != OutboxMessage.TokenLength ? null : await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.UnsubscribeToken == token, ct);
        });
        if (found is null) return (guard.Miss(address) ? PublicLinkState.Unknown : PublicLinkState.Throttled, null);
        return (found.UnsubscribedAt is null ? PublicLinkState.Open : PublicLinkState.Gone, found);
    }

    /// <summary>Withdraws every active consent of the message's customer for its channel (a withdrawn record when there was none), once.</summary>
    public Task WithdrawAsync(long messageId, CancellationToken ct = default) => CurrentUser.RunAsAsync(AccessScope.System, async () =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var m = await db.OutboxMessages.FirstAsync(x => x.Id == messageId, ct);
        if (m.UnsubscribedAt is not null) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        var channel = TemplateService.ChannelName(m.Channel);
        var how = "unsubscribe link, message " + m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var active = await db.Consents.Where(c => c.CustomerId == m.CustomerId && c.Channel == channel && c.WithdrawnAt == null).ToListAsync(ct);
        foreach (var c in active)
        {
            c.WithdrawnAt = now;
            c.How = Clip((c.How is null ? "" : c.How + "; ") + "withdrawn: " + how);
        }
        if (active.Count == 0)
            db.Consents.Add(new ConsentRecord { CustomerId = m.CustomerId, Channel = channel, Purpose = "marketing", GivenAt = now, WithdrawnAt = now, How = "withdrawn: " + how });
        m.UnsubscribedAt = now;
        await db.SaveChangesAsync(ct);
        return active.Count;
    });

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200];

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static IEndpointRouteBuilder MapUnsubscribePages(IEndpointRouteBuilder app)
    {
        app.MapGet("/u/{token}", async (string token, UnsubscribeService s, HttpContext http, CancellationToken ct) =>
        {
            var (state, _) = await s.FindAsync(token, Address(http), ct);
            return Page(token, state, false);
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/u/{token}", async (string token, UnsubscribeService s, HttpContext http, CancellationToken ct) =>
        {
            var (state, message) = await s.FindAsync(token, Address(http), ct);
            if (state == PublicLinkState.Open) await s.WithdrawAsync(message!.Id, ct);
            return Page(token, state == PublicLinkState.Open ? PublicLinkState.Gone : state, state is PublicLinkState.Open or PublicLinkState.Gone);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static RazorComponentResult<PublicUnsubscribePage> Page(string token, PublicLinkState state, bool done) =>
        new(new Dictionary<string, object?> { ["Token"] = token, ["State"] = state, ["Done"] = done })
        {
            StatusCode = state switch
            {
                PublicLinkState.Unknown => StatusCodes.Status404NotFound,
                PublicLinkState.Throttled => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status200OK,
            },
        };
}
