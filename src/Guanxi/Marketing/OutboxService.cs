using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>The outbox as staff read it: newest first, filtered by status (and campaign), keyset-paged.</summary>
public sealed class OutboxService(IDbContextFactory<GuanxiDbContext> contexts)
{
    public static OutboxStatus? ParseStatus(string? status) =>
        Enum.TryParse<OutboxStatus>(status?.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    public async Task<OutboxPage> ListAsync(string? status, long? campaignId, string? after, int limit, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.OutboxMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            var s = ParseStatus(status) ?? throw ValidationException.For("status", "The status is one of: queued, sending, sent, failed, excluded.");
            query = query.Where(m => m.Status == s);
        }
        if (campaignId is { } c) query = query.Where(m => m.CampaignId == c);
        if (!string.IsNullOrEmpty(after))
        {
            var last = PageCursor.Decode(after).Id;
            query = query.Where(m => m.Id < last);
        }
        var rows = await query.OrderByDescending(m => m.Id).Take(limit + 1)
            .Join(db.Customers, m => m.CustomerId, x => x.Id, (m, x) => new { m, x.Name })
            .ToListAsync(ct);
        rows = [.. rows.OrderByDescending(r => r.m.Id)];
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = new PageCursor("", rows[^1].m.Id).Encode();
        }
        var items = rows.Select(r => new OutboxMessageDto(
            r.m.Id, TemplateService.ChannelName(r.m.Channel), r.m.CustomerId, r.Name, r.m.Address, r.m.Subject, r.m.Body,
            r.m.Status.ToString().ToLowerInvariant(), r.m.Attempts, r.m.NextAttemptAt, r.m.LastError, r.m.SentAt, r.m.UnsubscribedAt,
            r.m.TemplateId, r.m.CampaignId, r.m.CareRuleId, r.m.CreatedAt)).ToList();
        return Security.PersonalData.ForCaller(new OutboxPage(items, next));
    }
}
