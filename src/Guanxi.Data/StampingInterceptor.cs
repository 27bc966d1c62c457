using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guanxi.Data;

/// <summary>Creation and update times, and the concurrency version, set on every save rather than by each caller.</summary>
public sealed class StampingInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Customer c when entry.State == EntityState.Added:
                    if (c.CreatedAt == default) c.CreatedAt = now;
                    c.UpdatedAt = now;
                    c.Version = 1;
                    break;
                case Customer c when entry.State == EntityState.Modified:
                    c.UpdatedAt = now;
                    c.Version++;
                    break;
                case Order o when entry.State == EntityState.Added:
                    if (o.CreatedAt == default) o.CreatedAt = now;
                    o.Version = 1;
                    break;
                case Order o when entry.State == EntityState.Modified:
                    o.Version++;
                    break;
                case Interaction i when entry.State == EntityState.Added:
                    if (i.CreatedAt == default) i.CreatedAt = now;
                    break;
                case CustomerGroup g when entry.State == EntityState.Added:
                    if (g.CreatedAt == default) g.CreatedAt = now;
                    break;
                case GuanxiUser u when entry.State == EntityState.Added:
                    if (u.CreatedAt == default) u.CreatedAt = now;
                    break;
                case Domain.Maintenance.CustomerTask t when entry.State == EntityState.Added:
                    if (t.CreatedAt == default) t.CreatedAt = now;
                    t.UpdatedAt = now;
                    t.Version = 1;
                    break;
                case Domain.Maintenance.CustomerTask t when entry.State == EntityState.Modified:
                    t.UpdatedAt = now;
                    t.Version++;
                    break;
                case Domain.Service.ServiceRequest r when entry.State == EntityState.Added:
                    if (r.CreatedAt == default) r.CreatedAt = now;
                    r.UpdatedAt = now;
                    r.Version = 1;
                    break;
                case Domain.Service.ServiceRequest r when entry.State == EntityState.Modified:
                    r.UpdatedAt = now;
                    r.Version++;
                    break;
                case Domain.Service.SlaPolicy p when entry.State == EntityState.Added:
                    if (p.CreatedAt == default) p.CreatedAt = now;
                    p.UpdatedAt = now;
                    p.Version = 1;
                    break;
                case Domain.Service.SlaPolicy p when entry.State == EntityState.Modified:
                    p.UpdatedAt = now;
                    p.Version++;
                    break;
                case Domain.Sales.Opportunity o when entry.State == EntityState.Added:
                    if (o.CreatedAt == default) o.CreatedAt = now;
                    o.UpdatedAt = now;
                    if (o.StageEnteredAt == default) o.StageEnteredAt = now;
                    o.Version = 1;
                    break;
                case Domain.Sales.Opportunity o when entry.State == EntityState.Modified:
                    o.UpdatedAt = now;
                    o.Version++;
                    break;
                case Domain.Marketing.MessageTemplate t when entry.State == EntityState.Added:
                    t.CreatedAt = now;
                    t.UpdatedAt = now;
                    t.Version = 1;
                    break;
                case Domain.Marketing.MessageTemplate t when entry.State == EntityState.Modified:
                    t.UpdatedAt = now;
                    t.Version++;
                    break;
                case Domain.Marketing.Campaign c when entry.State == EntityState.Added:
                    c.CreatedAt = now;
                    c.UpdatedAt = now;
                    c.Version = 1;
                    break;
                case Domain.Marketing.Campaign c when entry.State == EntityState.Modified:
                    c.UpdatedAt = now;
                    c.Version++;
                    break;
                case Domain.Marketing.CareRule r when entry.State == EntityState.Added:
                    r.CreatedAt = now;
                    r.UpdatedAt = now;
                    r.Version = 1;
                    break;
                case Domain.Marketing.CareRule r when entry.State == EntityState.Modified:
                    r.UpdatedAt = now;
                    r.Version++;
                    break;
                case Domain.Sales.Pipeline p when entry.State == EntityState.Added:
                    p.Version = 1;
                    break;
                case Domain.Sales.Pipeline p when entry.State == EntityState.Modified:
                    p.Version++;
                    break;
                case Domain.Sales.Product p when entry.State == EntityState.Added:
                    p.Version = 1;
                    break;
                case Domain.Sales.Product p when entry.State == EntityState.Modified:
                    p.Version++;
                    break;
                case Domain.Sales.LeadGradeRule r when entry.State == EntityState.Modified:
                    r.Version++;
                    break;
                case Domain.Sales.SalesTarget t when entry.State == EntityState.Added:
                    t.UpdatedAt = now;
                    t.Version = 1;
                    break;
                case Domain.Sales.SalesTarget t when entry.State == EntityState.Modified:
                    t.UpdatedAt = now;
                    t.Version++;
                    break;
                case Domain.Sales.OpportunityListView v when entry.State == EntityState.Added:
                    if (v.CreatedAt == default) v.CreatedAt = now;
                    break;
                case CustomerListView cv when entry.State == EntityState.Added:
                    if (cv.CreatedAt == default) cv.CreatedAt = now;
                    break;
                case Domain.Sales.SalesCommitment c when entry.State == EntityState.Added:
                    if (c.At == default) c.At = now;
                    break;
                case Domain.Maintenance.WinBackCase w when entry.State == EntityState.Added:
                    if (w.CreatedAt == default) w.CreatedAt = now;
                    w.UpdatedAt = now;
                    w.Version = 1;
                    break;
                case Domain.Maintenance.WinBackCase w when entry.State == EntityState.Modified:
                    w.UpdatedAt = now;
                    w.Version++;
                    break;
                case Domain.Maintenance.Playbook p when entry.State == EntityState.Added:
                    if (p.CreatedAt == default) p.CreatedAt = now;
                    p.UpdatedAt = now;
                    break;
                case Domain.Maintenance.Playbook p when entry.State == EntityState.Modified:
                    p.UpdatedAt = now;
                    break;
                case Domain.Maintenance.PlaybookVersion v when entry.State == EntityState.Added:
                    if (v.CreatedAt == default) v.CreatedAt = now;
                    break;
            }
        }
    }
}
