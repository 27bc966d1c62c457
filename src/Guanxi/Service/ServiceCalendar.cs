using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Service;

/// <summary>The service desk's business hours and zone (section <c>Service</c>); the days live in the database.</summary>
public sealed class ServiceOptions
{
    public string TimeZone { get; set; } = BusinessCalendar.DefaultTimeZone;
    public TimeOnly WorkStart { get; set; } = BusinessCalendar.DefaultStart;
    public TimeOnly WorkEnd { get; set; } = BusinessCalendar.DefaultEnd;

    /// <summary>The largest attachment a request takes; a larger one is refused with 413.</summary>
    public int MaxAttachmentMegabytes { get; set; } = 10;

    public long MaxAttachmentBytes => MaxAttachmentMegabytes * 1024L * 1024L;

    /// <summary>Where attachments are stored; default: an <c>attachments</c> folder next to the SQLite file, or ./guanxi-data/attachments.</summary>
    public string? AttachmentFolder { get; set; }
}

/// <summary>The business calendar as stored: read for each SLA computation (a few dozen rows a year), edited by admins.</summary>
public sealed class ServiceCalendar(IDbContextFactory<GuanxiDbContext> contexts, Microsoft.Extensions.Options.IOptions<ServiceOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public async Task<BusinessCalendar> LoadAsync(GuanxiDbContext db, CancellationToken ct)
    {
        var days = await db.BusinessCalendarDays.AsNoTracking().ToListAsync(ct);
        return new BusinessCalendar(days, Zone, options.Value.WorkStart, options.Value.WorkEnd);
    }

    public async Task<BusinessCalendarDto> GetAsync(int? year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.BusinessCalendarDays.AsNoTracking();
        if (year is { } y)
        {
            var from = new DateOnly(Math.Clamp(y, 2000, 2100), 1, 1);
            var to = from.AddYears(1);
            q = q.Where(d => d.Day >= from && d.Day < to);
        }
        var days = await q.OrderBy(d => d.Day).Select(d => new CalendarDayDto(d.Day, d.IsWorkday, d.Name)).ToListAsync(ct);
        return new BusinessCalendarDto(options.Value.TimeZone, options.Value.WorkStart, options.Value.WorkEnd, days);
    }

    /// <summary>Replaces the stored days of every year the input names (by its days or in ClearYears); other years stay.</summary>
    public async Task<BusinessCalendarDto> PutAsync(BusinessCalendarInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var given = input.Days ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is null) e.Add($"days[{i}]", "Give a day, whether it works and its name.");
        }
        e.ThrowIfAny();
        var days = given;
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            if (d.Day.Year is < 2000 or > 2100) e.Add($"days[{i}].day", "Use a day between 2000 and 2100.");
            if (string.IsNullOrWhiteSpace(d.Name)) e.Add($"days[{i}].name", "Name the day (e.g. 春节, 国庆节调休上班).");
            e.MaxLength($"days[{i}].name", d.Name, BusinessCalendarDay.NameMaxLength);
            var weekend = d.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (d.IsWorkday && !weekend) e.Add($"days[{i}].isWorkday", "A weekday works anyway: only a Saturday or Sunday can be an adjusted working day.");
            if (!d.IsWorkday && weekend) e.Add($"days[{i}].isWorkday", "A Saturday or Sunday rests anyway: list only weekdays off and working weekend days.");
        }
        foreach (var dup in days.GroupBy(d => d.Day).Where(g => g.Count() > 1)) e.Add("days", $"{dup.Key:yyyy-MM-dd} is listed twice.");
        if (input.ClearYears?.Any(y => y is < 2000 or > 2100) == true) e.Add("clearYears", "Use years between 2000 and 2100.");
        e.ThrowIfAny();

        var years = days.Select(d => d.Day.Year).Concat(input.ClearYears ?? []).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ManageSla);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var year in years)
        {
            var from = new DateOnly(year, 1, 1);
            var to = from.AddYears(1);
            db.BusinessCalendarDays.RemoveRange(await db.BusinessCalendarDays.Where(d => d.Day >= from && d.Day < to).ToListAsync(ct));
        }
        await db.SaveChangesAsync(ct);
        db.BusinessCalendarDays.AddRange(days.Select(d => new BusinessCalendarDay { Day = d.Day, IsWorkday = d.IsWorkday, Name = d.Name.Trim() }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(null, ct);
    }
}
