using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Hosting;
using Guanxi.Security;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

public sealed record CalendarFeedCreated(long Id, string Token, string Url);

/// <summary>
/// A personal iCal feed of one's open tasks for a calendar app. The token in its URL is the only credential (calendar
/// apps send no cookies), so it is random, stored hashed, shown once, and revocable; a revoked or unknown token is 401.
/// </summary>
public sealed class CalendarFeedService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    /// <summary>The feed's tasks: from a month back (so missed ones show) to a year ahead.</summary>
    private const int DaysBack = 30;

    public async Task<CalendarFeedCreated> CreateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Scope.UserId <= 0) throw new AccessDeniedException(false, "Only a signed-in user has a calendar feed.");
        var token = StaffDirectory.RandomSecret(32);
        var feed = new CalendarFeed { UserId = db.Scope.UserId, TokenHash = StaffDirectory.HashOf(token), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return new CalendarFeedCreated(feed.Id, token, "/api/v1/calendar.ics?token=" + token);
    }

    /// <summary>Revokes every feed of the caller (the page shows one link at a time).</summary>
    public async Task<int> RevokeAllAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = db.Scope.UserId;
        var now = time.GetUtcNow().UtcDateTime;
        var feeds = await db.CalendarFeeds.Where(f => f.UserId == me && f.RevokedAt == null).ToListAsync(ct);
        foreach (var f in feeds) f.RevokedAt = now;
        await db.SaveChangesAsync(ct);
        return feeds.Count;
    }

    /// <summary>The user a live token belongs to, or null (unknown, revoked, or the user is locked).</summary>
    public async Task<long?> UserOfAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = StaffDirectory.HashOf(token);
        // The caller is anonymous: the token is what is being checked, so the lookup looks at every feed.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var feed = await (
            from f in db.CalendarFeeds.IgnoreQueryFilters()
            join u in db.Users on f.UserId equals u.Id
            where f.TokenHash == hash && f.RevokedAt == null
            select new { f.UserId, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        // A locked user's feed stops with their account.
        return feed is null || feed.LockoutEnd > time.GetUtcNow() ? null : feed.UserId;
    }

    /// <summary>The caller's open tasks as an iCalendar document (run under the feed owner's scope).</summary>
    public async Task<string> IcsAsync(TaskService tasks, CancellationToken ct = default)
    {
        var from = time.Today().AddDays(-DaysBack).ToDateTime(TimeOnly.MinValue);
        var calendar = new Calendar();
        calendar.AddProperty("X-WR-CALNAME", "Guanxi 任务 / tasks");
        var zone = time.LocalTimeZone.Id;
        var stamp = new CalDateTime(time.GetUtcNow().UtcDateTime);
        string? after = null;
        int pages = 0;
        do
        {
            var page = await tasks.ListAsync(new TaskFilter("me", null, null, "open"), after, 200, ct);
            foreach (var t in page.Items.Where(t => t.DueAt >= from))
            {
                var start = new CalDateTime(t.DueAt, zone);
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"task-{t.Id}@guanxi",
                    Summary = $"{t.Title} — {t.CustomerName}",
                    Description = t.Notes,
                    DtStamp = stamp,
                    DtStart = start,
                    DtEnd = start.AddMinutes(30),
                });
            }
            after = page.NextCursor;
        }
        while (after is not null && ++pages < 50);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
