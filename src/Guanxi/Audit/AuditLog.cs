using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Audit;

/// <summary>Records the events no entity save covers: sign-in, export, import, reveal, erase, role changes.</summary>
public sealed class AuditLog(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time, AuditQueue queue)
{
    /// <summary>The synchronous form, for the export (which streams rows from a plain IEnumerable).</summary>
    public void Record(string action, string? entity, string? entityId, object? before, object? after)
    {
        using var db = contexts.CreateDbContext();
        db.AuditEvents.Add(Event(CurrentUser.Scope ?? AccessScope.System, action, entity, entityId, before, after));
        db.SaveChanges();
    }

    public async Task RecordAsync(string action, string? entity = null, string? entityId = null, object? before = null, object? after = null,
        AccessScope? scope = null, CancellationToken ct = default)
    {
        scope ??= CurrentUser.Scope ?? AccessScope.System;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEvents.Add(Event(scope, action, entity, entityId, before, after));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A read row (a search): stamped and attributed now, written by <see cref="AuditQueue"/> in a batch off the
    /// request path. Completes at once unless the queue is full.
    /// </summary>
    public ValueTask QueueAsync(string action, string? entity = null, string? entityId = null, object? before = null, object? after = null,
        AccessScope? scope = null, CancellationToken ct = default) =>
        queue.EnqueueAsync(Event(scope ?? CurrentUser.Scope ?? AccessScope.System, action, entity, entityId, before, after), ct);

    /// <summary>One keyset page of the trail, newest first (for the admin API and the audit page).</summary>
    public async Task<AuditPage> ListAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var limit = Math.Clamp(q.Limit ?? 100, 1, 1000);
        var items = await AuditApi.Filter(db, q).Take(limit + 1)
            .Select(e => new AuditEventDto(e.Id, e.At, e.UserId, e.UserName, e.Address, e.Action, e.Entity, e.EntityId, e.Before, e.After)).ToListAsync(ct);
        long? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Id;
        }
        return new AuditPage(items, next);
    }

    /// <summary>
    /// The names of the customers a page of the trail is about, under the viewer's access rule: a customer outside
    /// their scope (or deleted since) is missing, and the row keeps showing only its number.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> CustomerNamesAsync(IEnumerable<AuditEventDto> events, CancellationToken ct = default)
    {
        var ids = events.Where(e => e.Entity == "Customer").Select(e => long.TryParse(e.EntityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<long, string>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    private AuditEvent Event(AccessScope scope, string action, string? entity, string? entityId, object? before, object? after) =>
        new()
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = scope.UserId > 0 ? scope.UserId : null,
            UserName = scope.UserName,
            Address = scope.Address,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Before = before is null ? null : before as string ?? JsonSerializer.Serialize(before, AuditInterceptor.Json),
            After = after is null ? null : after as string ?? JsonSerializer.Serialize(after, AuditInterceptor.Json),
        };
}
