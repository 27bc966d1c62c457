using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Guanxi.Hosting;
using Guanxi.Models;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

/// <summary>A customer's class in one model of the latest run.</summary>
public sealed record CustomerClassRef(string ModelKey, string ClassKey, string NameEn, string NameZh);

/// <summary>What the 360 page's action panel shows: the customer's layer and churn state, the playbooks that apply, the open work and the contact rhythm.</summary>
public sealed record CustomerActionData(
    long CustomerId,
    DateOnly? RunAsOf,
    CustomerClassRef? Layer,
    CustomerClassRef? Churn,
    IReadOnlyList<PlaybookDto> Playbooks,
    IReadOnlyList<TaskDto> OpenTasks,
    bool MoreOpenTasks,
    DateTime? LastContactAt,
    int? DaysSinceContact,
    int? CadenceDays)
{
    /// <summary>The open task due first, the one "complete task" and "snooze" act on.</summary>
    public TaskDto? NextTask => OpenTasks.Count > 0 ? OpenTasks[0] : null;

    /// <summary>True when the last contact is older than the strictest cadence of the playbooks that apply (or there was none).</summary>
    public bool ContactOverdue => CadenceDays is { } cadence && (DaysSinceContact is not { } days || days > cadence);
}

/// <summary>
/// Gathers the 360 page's action panel: one query per piece (customer and last contact, latest run, the customer's
/// result row, custom labels, playbooks, open tasks), all within the caller's scope.
/// </summary>
public sealed class CustomerActions(IDbContextFactory<GuanxiDbContext> contexts, PlaybookService playbooks, TaskService tasks, TimeProvider time)
{
    /// <summary>How many open tasks the panel lists.</summary>
    public const int TasksShown = 5;

    public async Task<CustomerActionData> ForCustomerAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await (
            from c in db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            from r in db.CustomerRollups.Where(r => r.CustomerId == c.Id).DefaultIfEmpty()
            select new { c.Id, LastContactAt = r == null ? null : r.LastContactAt }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Customer");

        var run = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.AsOf }).FirstOrDefaultAsync(ct);
        var classes = new List<CustomerClassRef>();
        if (run is not null)
        {
            var row = await db.ModelResults.AsNoTracking().FirstOrDefaultAsync(r => r.RunId == run.Id && r.CustomerId == customerId, ct);
            if (row is not null)
            {
                foreach (var model in ModelCatalog.All)
                {
                    if (ModelQueries.ClassIndex(row, model.Key) is { } i && ModelQueries.Key(model, i) is not null)
                        classes.Add(new CustomerClassRef(model.Key, model.Classes[i].Key, model.Classes[i].NameEn, model.Classes[i].NameZh));
                }
            }
            var labels = await db.ModelCustomLabels.AsNoTracking().Where(l => l.RunId == run.Id && l.CustomerId == customerId)
                .Join(db.CustomModels, l => l.CustomModelId, m => m.Id, (l, m) => new { m.Name, l.Label }).ToListAsync(ct);
            classes.AddRange(labels.Select(l => new CustomerClassRef(ModelQueries.CustomPrefix + l.Name, l.Label, l.Label, l.Label)));
        }

        var today = time.Today();
        var applying = classes.Count == 0 ? [] : (await playbooks.ActingOnAsync(today, ct))
            .Where(p => classes.Any(c => c.ModelKey == p.ModelKey && c.ClassKey == p.ClassKey))
            .OrderBy(p => p.CadenceDays).ToList();

        var open = await tasks.ListAsync(new TaskFilter(null, null, customerId, "open"), null, TasksShown, ct);
        int? days = customer.LastContactAt is { } last ? today.DayNumber - DateOnly.FromDateTime(last).DayNumber : null;
        return new CustomerActionData(
            customerId,
            run?.AsOf,
            classes.FirstOrDefault(c => c.ModelKey == ModelKeys.Comprehensive),
            classes.FirstOrDefault(c => c.ModelKey == ModelKeys.Lost),
            applying,
            open.Items, // masked by TaskService for a masked role, as the API shows them
            open.NextCursor is not null,
            customer.LastContactAt,
            days,
            applying.Count == 0 ? null : applying[0].CadenceDays);
    }
}
