using System.Globalization;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Marketing;
using Guanxi.Domain.Models;
using Guanxi.Hosting;
using Guanxi.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>
/// Runs the active care rules for a day (<c>guanxi care run</c>): per rule, the customers due that day — found in the
/// database, set-based — minus those capped by the rule's frequency cap, written through <see cref="OutboxWriter"/> (which
/// excludes and counts no consent, unsubscribed and no address). Keys make a second run write nothing: birthday and
/// welcome <c>care:{rule}:{yyyy-MM-dd}</c> (the run's day), festival <c>care:{rule}:{festival year}</c>, win-back
/// <c>care:{rule}:run{run id}</c>; churn-warning alerts are kept once per run and customer. A run inside a rule's quiet
/// hours (the run's instant: its day at the given time of day, or the clock's, in the business's zone) queues nothing for
/// it and says so. Exclusions are counted in the campaigns' order: no address, then consent, then the cap.
/// </summary>
public sealed class CareRunner(IDbContextFactory<GuanxiDbContext> contexts, OutboxWriter writer, PlaybookEngine engine, TimeProvider time)
{
    private const string LostLowValue = "lost_low_value";

    /// <param name="asOf">The run's day (default: today in the business's zone).</param>
    /// <param name="at">The run's time of day on it (default: the clock's): quiet hours are read at this instant.</param>
    public async Task<CareRunDto> RunAsync(DateOnly? asOf, TimeOnly? at = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ManageMarketing);
        var day = asOf ?? time.Today();
        var clock = at ?? TimeOnly.FromDateTime(time.GetLocalNow().DateTime);
        var rules = await db.CareRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
        List<Entered>? lost = null;
        long runId = 0;
        var results = new List<CareRuleRunDto>(rules.Count);
        foreach (var rule in rules)
        {
            if (rule.IsQuiet(clock))
            {
                results.Add(new CareRuleRunDto(rule.Id, rule.Name, 0, 0, 0,
                    string.Create(CultureInfo.InvariantCulture, $"quiet hours {rule.QuietFrom:HH\\:mm}–{rule.QuietTo:HH\\:mm}: nothing queued")));
                continue;
            }
            if (rule.Kind is CareRuleKind.WinBack or CareRuleKind.ChurnWarning && lost is null)
            {
                var (run, previous) = await PlaybookEngine.RunsAsync(db, ct);
                if (run is not null)
                {
                    runId = run.Id;
                    var changes = await RunChanges.ReadAsync(db, run, previous?.Id, [ModelKeys.Lost], [], day, ct);
                    lost = changes.Entering.GetValueOrDefault(ModelKeys.Lost) ?? [];
                }
                else lost = [];
            }
            results.Add(rule.Kind == CareRuleKind.ChurnWarning
                ? await AlertAsync(db, rule, lost!, runId, ct)
                : await SendAsync(db, rule, day, lost, runId, ct));
        }
        return new CareRunDto(day, results);
    }

    private async Task<CareRuleRunDto> AlertAsync(GuanxiDbContext db, CareRule rule, List<Entered> lost, long runId, CancellationToken ct)
    {
        var warned = lost.Where(e => e.Class == LostClasses.ChurnWarning).ToList();
        var alerts = await engine.AlertsAsync(db, warned, runId, ct);
        db.Notifications.AddRange(alerts);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // Excluded: customers entering churn warning with no owner to alert.
        return new CareRuleRunDto(rule.Id, rule.Name, alerts.Count, warned.Count(e => e.OwnerId is null), 0, null);
    }

    private async Task<CareRuleRunDto> SendAsync(GuanxiDbContext db, CareRule rule, DateOnly day, List<Entered>? lost, long runId, CancellationToken ct)
    {
        var (due, key) = await DueAsync(db, rule, day, lost, runId, ct);
        if (due.Count == 0 || rule.TemplateId is not { } templateId) return new CareRuleRunDto(rule.Id, rule.Name, 0, 0, 0, null);
        var capped = new HashSet<long>();
        if (rule.FrequencyCapDays > 0)
        {
            // The cap counts back from the clock, as the outbox rows carry the clock's instant of writing.
            var since = time.GetUtcNow().UtcDateTime.AddDays(-rule.FrequencyCapDays);
            // This rule's own messages for the same day do not cap: a second run finds them written instead.
            var prefix = key + ":";
            // One read of who was contacted within the cap (bounded by the outbox's recent volume), not a query per
            // thousand due customers: a festival rule is due for everyone in reach.
            var recent = await CampaignService.RecentlyContacted(db, since).Where(m => !m.IdempotencyKey.StartsWith(prefix))
                .Select(m => m.CustomerId).Distinct().ToListAsync(ct);
            capped.UnionWith(due.Intersect(recent));
        }
        // The writer checks address and consent first and counts the cap last, as a campaign's draw does.
        var result = await writer.WriteAsync(templateId, due, key, careRuleId: rule.Id, capped: capped, ct: ct);
        return new CareRuleRunDto(rule.Id, rule.Name, result.Queued, result.Excluded, result.Capped, null);
    }

    /// <summary>The customers the rule greets on <paramref name="day"/> (in the caller's reach) and the rule's key for that day.</summary>
    private async Task<(List<long> Due, string Key)> DueAsync(GuanxiDbContext db, CareRule rule, DateOnly day, List<Entered>? lost, long runId, CancellationToken ct)
    {
        var prefix = "care:" + rule.Id.ToString(CultureInfo.InvariantCulture) + ":";
        var dayKey = prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var customers = db.Customers.AsNoTracking();
        switch (rule.Kind)
        {
            case CareRuleKind.Birthday:
            {
                var target = day.AddDays(rule.Days);
                int month = target.Month, dom = target.Day;
                bool leapDay = month == 2 && dom == 28 && !DateTime.IsLeapYear(target.Year);
                var ids = await customers.Where(c => c.BirthDate != null
                        && ((c.BirthDate.Value.Month == month && c.BirthDate.Value.Day == dom) || (leapDay && c.BirthDate.Value.Month == 2 && c.BirthDate.Value.Day == 29)))
                    .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
                return (ids, dayKey);
            }
            case CareRuleKind.Festival:
            {
                if (rule.Festival is not { } festival || CareRule.FestivalYear(festival, day, rule.Days) is not { } year) return ([], dayKey);
                return (await customers.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct), prefix + year.ToString(CultureInfo.InvariantCulture));
            }
            case CareRuleKind.Welcome:
            {
                // Orders carry the business's local time: the first purchase falls on the day Days before the run's day.
                var from = day.AddDays(-rule.Days).ToDateTime(TimeOnly.MinValue);
                var to = from.AddDays(1);
                var first = db.Orders.Where(o => !o.IsReturn).GroupBy(o => o.CustomerId)
                    .Select(g => new { CustomerId = g.Key, First = g.Min(o => o.OrderedAt) })
                    .Where(x => x.First >= from && x.First < to).Select(x => x.CustomerId);
                return (await customers.Where(c => first.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct), dayKey);
            }
            case CareRuleKind.WinBack:
            {
                var ids = (lost ?? []).Where(e => e.Class is LostClasses.HighValue or LostLowValue).Select(e => e.CustomerId).Order().ToList();
                return (ids, prefix + "run" + runId.ToString(CultureInfo.InvariantCulture));
            }
            default:
                return ([], dayKey);
        }
    }
}
