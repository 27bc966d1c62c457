using System.Security.Cryptography;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guanxi.Marketing;

/// <summary>What writing one template's messages to a set of customers did.</summary>
/// <remarks>Capped: customers with an address and consent who were left out by the caller's frequency cap (no row).</remarks>
public sealed record OutboxWriteResult(int Queued, int NoConsent, int Unsubscribed, int NoAddress, int AlreadyWritten, int Capped = 0)
{
    public int Excluded => NoConsent + Unsubscribed + NoAddress;
}

/// <summary>
/// Renders a template for many customers and writes one outbox row each, in bulk, before anything is sent. A customer
/// without an address for the channel, without consent for it, or who withdrew it (unsubscribed) gets an
/// <see cref="OutboxStatus.Excluded"/> row with the reason, so they are counted and never sent to. The idempotency key
/// is <c>{key}:{customer id}</c>: writing the same key again adds nothing.
/// </summary>
public sealed class OutboxWriter(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time, IOptions<OutboxOptions> options)
{
    public const string NoConsentReason = "no consent";
    public const string UnsubscribedReason = "unsubscribed";
    public const string NoAddressReason = "no address";
    public const string CappedReason = "capped";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string UnsubscribeUrl(string token) => UnsubscribeUrl(options.Value.PublicUrl, token);

    /// <summary>The public unsubscribe page of a message's token on the server at <paramref name="publicUrl"/> (<c>Outbox:PublicUrl</c>).</summary>
    private static string UnsubscribeUrl(string publicUrl, string token) => publicUrl.TrimEnd('/') + "/u/" + token;

    /// <param name="capped">
    /// Customers the caller's frequency cap leaves out: counted as capped only when they pass the address and consent
    /// checks (the order campaigns count in: no address, then consent, then the cap), and written no row.
    /// </param>
    public async Task<OutboxWriteResult> WriteAsync(long templateId, IReadOnlyCollection<long> customerIds, string key, long? campaignId = null, long? careRuleId = null,
        IReadOnlySet<long>? capped = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ManageMarketing);
        var t = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == templateId, ct) ?? throw new NotFoundException("Template");
        var channel = TemplateService.ChannelName(t.Channel);
        var now = time.GetUtcNow().UtcDateTime;
        int queued = 0, noConsent = 0, unsubscribed = 0, noAddress = 0, already = 0, cappedCount = 0;
        foreach (var chunk in customerIds.Distinct().Chunk(1000))
        {
            var keys = chunk.Select(id => Key(key, id)).ToList();
            var existing = (await db.OutboxMessages.IgnoreQueryFilters().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var addresses = await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, Address = t.Channel == MarketingChannel.Email ? c.Email : t.Channel == MarketingChannel.Sms ? c.Phone : c.WeChatId })
                .ToDictionaryAsync(c => c.Id, c => c.Address, ct);
            var consents = await db.Consents.AsNoTracking().Where(c => chunk.Contains(c.CustomerId) && c.Channel == channel)
                .Select(c => new { c.CustomerId, Active = c.WithdrawnAt == null }).ToListAsync(ct);
            var tokens = chunk.ToDictionary(id => id, _ => NewToken());
            var values = await TemplateValuesLoader.LoadAsync(db, chunk, t.Language, id => UnsubscribeUrl(tokens[id]), ct);
            foreach (var id in chunk)
            {
                if (!addresses.TryGetValue(id, out var address) || !values.TryGetValue(id, out var v)) continue; // not in reach, or gone
                var k = Key(key, id);
                if (existing.Contains(k))
                {
                    already++;
                    continue;
                }
                var mine = consents.Where(c => c.CustomerId == id).ToList();
                string? reason = string.IsNullOrWhiteSpace(address) ? NoAddressReason
                    : mine.Any(c => c.Active) ? null
                    : mine.Count > 0 ? UnsubscribedReason
                    : NoConsentReason;
                if (reason is null && capped?.Contains(id) == true)
                {
                    cappedCount++;
                    continue;
                }
                switch (reason)
                {
                    case NoAddressReason: noAddress++; break;
                    case UnsubscribedReason: unsubscribed++; break;
                    case NoConsentReason: noConsent++; break;
                    default: queued++; break;
                }
                var row = Row(t.Channel, id, address, reason is null ? await LiquidTemplates.RenderAsync(t.Subject, v, ct) : "",
                    reason is null ? await LiquidTemplates.RenderAsync(t.Body, v, ct) : "", reason, k, tokens[id], now);
                row.TemplateId = t.Id;
                row.CampaignId = campaignId;
                row.CareRuleId = careRuleId;
                db.OutboxMessages.Add(row);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new OutboxWriteResult(queued, noConsent, unsubscribed, noAddress, already, cappedCount);
    }

    /// <summary>
    /// Adds (unsaved) one service message to a customer by e-mail, such as a survey's invitation: it answers something of
    /// their own, so it does not wait for a marketing consent, but a withdrawn e-mail consent (unsubscribed) stops it like
    /// every message. <paramref name="compose"/> gets the message's unsubscribe address and gives its subject and body.
    /// Returns null, and adds nothing, when the customer has no address or unsubscribed.
    /// </summary>
    public static async Task<OutboxMessage?> AddServiceMailAsync(GuanxiDbContext db, long customerId, string key, string publicUrl, DateTime now,
        Func<string, (string Subject, string Body)> compose, CancellationToken ct)
    {
        var to = await db.Customers.Where(c => c.Id == customerId).Select(c => new
        {
            c.Email,
            Unsubscribed = db.Consents.Any(x => x.CustomerId == c.Id && x.Channel == "email")
                && !db.Consents.Any(x => x.CustomerId == c.Id && x.Channel == "email" && x.WithdrawnAt == null),
        }).FirstOrDefaultAsync(ct);
        if (to is null || string.IsNullOrWhiteSpace(to.Email) || to.Unsubscribed) return null;
        var token = NewToken();
        var (subject, body) = compose(UnsubscribeUrl(publicUrl, token));
        var row = Row(MarketingChannel.Email, customerId, to.Email, subject, body, null, key, token, now);
        db.OutboxMessages.Add(row);
        return row;
    }

    /// <summary>One outbox row: queued to <paramref name="address"/>, or excluded for <paramref name="reason"/>.</summary>
    private static OutboxMessage Row(MarketingChannel channel, long customerId, string? address, string subject, string body, string? reason, string key, string token, DateTime now) => new()
    {
        Channel = channel,
        CustomerId = customerId,
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
        Subject = subject,
        Body = body,
        Status = reason is null ? OutboxStatus.Queued : OutboxStatus.Excluded,
        LastError = reason,
        NextAttemptAt = now,
        CreatedAt = now,
        IdempotencyKey = key,
        UnsubscribeToken = token,
    };

    private static string Key(string key, long customerId) => key + ":" + customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
