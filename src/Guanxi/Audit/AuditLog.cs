using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Audit;

/// <summary>Records the events no entity save covers: sign-in, export, import, reveal, erase, role changes.</summary>
public sealed class AuditLog(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task RecordAsync(string action, string? entity = null, string? entityId = null, object? before = null, object? after = null,
        AccessScope? scope = null, CancellationToken ct = default)
    {
        scope ??= CurrentUser.Scope ?? AccessScope.System;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = scope.UserId > 0 ? scope.UserId : null,
            UserName = scope.UserName,
            Address = scope.Address,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Before = before is null ? null : before as string ?? JsonSerializer.Serialize(before),
            After = after is null ? null : after as string ?? JsonSerializer.Serialize(after),
        });
        await db.SaveChangesAsync(ct);
    }
}
