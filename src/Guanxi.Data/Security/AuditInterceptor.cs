using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guanxi.Data.Security;

/// <summary>
/// Writes an audit event (who, when, from where, before → after as JSON) for every create, update and delete of
/// customers, contacts, orders, interactions, consents, shares, teams and users that goes through SaveChanges.
/// </summary>
public sealed class AuditInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>Chinese text stays readable in the stored JSON; HTML-sensitive characters are still escaped.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private readonly ConditionalWeakTable<DbContext, List<Pending>> _pending = new();

    private sealed record Pending(EntityEntry Entry, string Action, string? Before);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Drain(eventData.Context) is { } db) db.SaveChanges();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Drain(eventData.Context) is { } db) await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    private static bool Audited(object entity) => entity is Customer or Contact or Order or Interaction or ConsentRecord or CustomerShare or Team or GuanxiUser or CustomerMerge
        or Setting or CustomModelDefinition or CustomFieldDefinition or CustomerGroup or ModelRun
        or CustomerTask or Playbook or WinBackCase or CalendarFeed or Domain.Service.ServiceRequest or Domain.Service.SlaPolicy or Domain.Service.BusinessCalendarDay
        or Domain.Service.SatisfactionSurvey
        or Domain.Sales.Opportunity or Domain.Sales.Pipeline or Domain.Sales.PipelineStage or Domain.Sales.Product or Domain.Sales.LeadGradeRule
        or Domain.Sales.CustomerGradeChange or Domain.Sales.SalesTarget or Domain.Sales.SalesCommitment or Domain.Sales.OpportunityListView
        or CustomerListView or CurrencyRate
        or Domain.Marketing.MessageTemplate or Domain.Marketing.Campaign or Domain.Marketing.CareRule;

    private void Capture(DbContext? context)
    {
        if (context is not GuanxiDbContext) return;
        var list = new List<Pending>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (!Audited(entry.Entity)) continue;
            var action = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                EntityState.Deleted => "delete",
                _ => null,
            };
            if (action is null) continue;
            list.Add(new Pending(entry, action, entry.State == EntityState.Added ? null : Snapshot(entry, original: true)));
        }
        if (list.Count > 0) _pending.AddOrUpdate(context, list);
    }

    private GuanxiDbContext? Drain(DbContext? context)
    {
        if (context is not GuanxiDbContext db || !_pending.TryGetValue(context, out var list)) return null;
        _pending.Remove(context);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var p in list)
        {
            var key = p.Entry.Metadata.FindPrimaryKey()?.Properties.Select(x => Convert.ToString(p.Entry.Property(x.Name).CurrentValue, CultureInfo.InvariantCulture));
            db.AuditEvents.Add(new AuditEvent
            {
                At = now,
                UserId = db.Scope.UserId > 0 ? db.Scope.UserId : null,
                UserName = db.Scope.UserName,
                Address = db.Scope.Address,
                Action = p.Action,
                Entity = p.Entry.Metadata.ClrType.Name,
                EntityId = key is null ? null : string.Join(",", key),
                Before = p.Before,
                After = p.Action == "delete" ? null : Snapshot(p.Entry, original: false),
            });
        }
        return db;
    }

    /// <summary>The scalar properties as a JSON object; secrets (password and security stamps) are left out.</summary>
    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (name is "PasswordHash" or "SecurityStamp" or "ConcurrencyStamp" or "Hash" or "MergedSnapshot") continue;
            values[name] = original ? property.OriginalValue : property.CurrentValue;
        }
        return JsonSerializer.Serialize(values, Json);
    }
}
