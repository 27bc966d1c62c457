using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>One entry of the outreach calendar: a campaign sent that day, or a care rule's greetings due that day.</summary>
/// <param name="Kind">"campaign", or the care rule's kind (birthday, festival).</param>
/// <param name="Id">The campaign's or care rule's id.</param>
/// <param name="Count">Campaign: customers sent to; care rule: customers due that day (before consent and the cap).</param>
public sealed record OutreachEntryDto(string Kind, long Id, string Name, string? Festival, string? Channel, int Count);

public sealed record OutreachDayDto(DateOnly Date, IReadOnlyList<OutreachEntryDto> Entries);

/// <summary>
/// The calendar of outreach for a month: per day, the campaigns sent (their send instant's day in the business's zone,
/// with the size of the sent group) and the greetings the active birthday and festival care rules will write (how many
/// customers in the caller's reach are due, before consent and the frequency cap). Welcome, win-back and churn-warning
/// rules follow purchases and model runs and cannot be placed ahead. Three queries, whatever the size of the base:
/// campaigns with their sent counts, birthdays grouped by month and day, and the customers in reach.
/// </summary>
public sealed class OutreachCalendar(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<OutreachDayDto>> MonthAsync(int year, int month, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ViewMarketing);
        var first = new DateOnly(year, month, 1);
        var days = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(first.AddDays).ToList();
        // Campaign send instants are UTC; the window covers the month in the business's zone with a day's margin each side.
        var from = DateTime.SpecifyKind(first.AddDays(-1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(first.AddMonths(1).AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Sent && c.SentAt >= from && c.SentAt < to)
            .Select(c => new { c.Id, c.Name, c.Channel, SentAt = c.SentAt!.Value, Sent = db.CampaignRecipients.Count(r => r.CampaignId == c.Id && r.Group == RecipientGroup.Sent) })
            .ToListAsync(ct);
        var rules = await db.CareRules.AsNoTracking().Where(r => r.Active && (r.Kind == CareRuleKind.Birthday || r.Kind == CareRuleKind.Festival))
            .OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
        var birthdays = new Dictionary<(int Month, int Day), int>();
        if (rules.Any(r => r.Kind == CareRuleKind.Birthday))
        {
            var counts = await db.Customers.AsNoTracking().Where(c => c.BirthDate != null)
                .GroupBy(c => new { c.BirthDate!.Value.Month, c.BirthDate!.Value.Day }).Select(g => new { g.Key.Month, g.Key.Day, N = g.Count() }).ToListAsync(ct);
            foreach (var b in counts) birthdays[(b.Month, b.Day)] = b.N;
        }
        var everyone = rules.Any(r => r.Kind == CareRuleKind.Festival) ? await db.Customers.AsNoTracking().CountAsync(ct) : 0;

        var result = new List<OutreachDayDto>(days.Count);
        foreach (var day in days)
        {
            var entries = new List<OutreachEntryDto>();
            foreach (var c in campaigns.Where(c => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(c.SentAt, DateTimeKind.Utc), time.LocalTimeZone)) == day))
                entries.Add(new OutreachEntryDto("campaign", c.Id, c.Name, null, TemplateService.ChannelName(c.Channel), c.Sent));
            foreach (var r in rules)
            {
                var channel = r.Channel is { } ch ? TemplateService.ChannelName(ch) : null;
                if (r.Kind == CareRuleKind.Birthday)
                {
                    var target = day.AddDays(r.Days);
                    var n = birthdays.GetValueOrDefault((target.Month, target.Day));
                    // A 29 February birthday is greeted on 28 February in other years, as the run does.
                    if (target.Month == 2 && target.Day == 28 && !DateTime.IsLeapYear(target.Year)) n += birthdays.GetValueOrDefault((2, 29));
                    if (n > 0) entries.Add(new OutreachEntryDto("birthday", r.Id, r.Name, null, channel, n));
                }
                else if (r.Festival is { } festival && CareRule.FestivalYear(festival, day, r.Days) is not null && everyone > 0)
                    entries.Add(new OutreachEntryDto("festival", r.Id, r.Name, CareNames.FestivalKey(festival), channel, everyone));
            }
            result.Add(new OutreachDayDto(day, entries));
        }
        return result;
    }
}
