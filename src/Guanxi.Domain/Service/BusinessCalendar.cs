namespace Guanxi.Domain.Service;

/// <summary>
/// A day that differs from the usual week: a public holiday on a weekday (<see cref="IsWorkday"/> false) or an adjusted
/// working weekend day (调休, <see cref="IsWorkday"/> true). Every other Monday to Friday works, every Saturday and Sunday rests.
/// </summary>
public sealed class BusinessCalendarDay
{
    public DateOnly Day { get; set; }
    public bool IsWorkday { get; set; }
    public string Name { get; set; } = "";

    public const int NameMaxLength = 100;
}

/// <summary>
/// Business time: working hours on working days in one time zone. Pure: the days come in, instants go out.
/// </summary>
public sealed class BusinessCalendar
{
    public const string DefaultTimeZone = "Asia/Shanghai";
    public static readonly TimeOnly DefaultStart = new(9, 0);
    public static readonly TimeOnly DefaultEnd = new(18, 0);

    private readonly Dictionary<DateOnly, bool> _exceptions;

    public BusinessCalendar(IEnumerable<BusinessCalendarDay> days, TimeZoneInfo zone, TimeOnly start, TimeOnly end)
    {
        if (end <= start) throw new ArgumentException("Working hours must end after they start.", nameof(end));
        _exceptions = days.ToDictionary(d => d.Day, d => d.IsWorkday);
        Zone = zone;
        Start = start;
        End = end;
    }

    public TimeZoneInfo Zone { get; }
    public TimeOnly Start { get; }
    public TimeOnly End { get; }

    /// <summary>The shipped mainland China arrangements with the default hours (09:00–18:00, Asia/Shanghai).</summary>
    public static BusinessCalendar China() => new(ChinaHolidays.All, TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone), DefaultStart, DefaultEnd);

    public bool IsWorkday(DateOnly day) =>
        _exceptions.TryGetValue(day, out var works) ? works : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The instant <paramref name="minutes"/> business minutes after <paramref name="from"/>: the clock runs only within
    /// working hours of working days in the calendar's zone. A start outside hours counts from the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessMinutes(DateTimeOffset from, int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        var local = TimeZoneInfo.ConvertTime(from, Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var cursor = local;
        long left = minutes;
        // Bounded: a calendar with no working day in ten years is a configuration error, not a loop.
        for (var guard = 0; guard < 3660; guard++, day = day.AddDays(1))
        {
            if (!IsWorkday(day)) continue;
            var open = day.ToDateTime(Start);
            var close = day.ToDateTime(End);
            var begin = cursor > open ? cursor : open;
            if (begin >= close) continue;
            var available = (long)(close - begin).TotalMinutes;
            if (left <= available)
            {
                var at = begin.AddMinutes(left);
                return new DateTimeOffset(at, Zone.GetUtcOffset(at));
            }
            left -= available;
        }
        throw new InvalidOperationException("The business calendar has no working time in the next ten years.");
    }

    /// <summary>The same in UTC <see cref="DateTime"/>s, as the database stores instants.</summary>
    public DateTime AddBusinessMinutesUtc(DateTime fromUtc, int minutes) =>
        AddBusinessMinutes(new DateTimeOffset(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc)), minutes).UtcDateTime;
}

/// <summary>
/// Mainland China's public holidays and adjusted working days (调休) as the State Council's General Office announced
/// them, for the years we can vouch for: 2025 and 2026. Later years are added by an admin (business-calendar API and
/// page) when the notice is out, usually in November of the year before.
/// </summary>
public static class ChinaHolidays
{
    private static BusinessCalendarDay Off(int y, int m, int d, string name) => new() { Day = new DateOnly(y, m, d), IsWorkday = false, Name = name };

    private static BusinessCalendarDay Work(int y, int m, int d, string name) => new() { Day = new DateOnly(y, m, d), IsWorkday = true, Name = name };

    private static IEnumerable<BusinessCalendarDay> Range(int y, int m, int from, int to, string name)
    {
        for (var d = from; d <= to; d++) yield return Off(y, m, d, name);
    }

    public static IReadOnlyList<int> Years { get; } = [2025, 2026];

    public static IReadOnlyList<BusinessCalendarDay> All { get; } =
    [
        // 2025
        Off(2025, 1, 1, "元旦"),
        Work(2025, 1, 26, "春节调休上班"),
        .. Range(2025, 1, 28, 31, "春节"),
        .. Range(2025, 2, 1, 4, "春节"),
        Work(2025, 2, 8, "春节调休上班"),
        .. Range(2025, 4, 4, 6, "清明节"),
        Work(2025, 4, 27, "劳动节调休上班"),
        .. Range(2025, 5, 1, 5, "劳动节"),
        Off(2025, 5, 31, "端午节"),
        .. Range(2025, 6, 1, 2, "端午节"),
        Work(2025, 9, 28, "国庆节调休上班"),
        .. Range(2025, 10, 1, 8, "国庆节、中秋节"),
        Work(2025, 10, 11, "国庆节调休上班"),
        // 2026
        .. Range(2026, 1, 1, 3, "元旦"),
        Work(2026, 1, 4, "元旦调休上班"),
        Work(2026, 2, 14, "春节调休上班"),
        .. Range(2026, 2, 15, 23, "春节"),
        Work(2026, 2, 28, "春节调休上班"),
        .. Range(2026, 4, 4, 6, "清明节"),
        .. Range(2026, 5, 1, 5, "劳动节"),
        Work(2026, 5, 9, "劳动节调休上班"),
        .. Range(2026, 6, 19, 21, "端午节"),
        Work(2026, 9, 20, "国庆节调休上班"),
        .. Range(2026, 9, 25, 27, "中秋节"),
        .. Range(2026, 10, 1, 7, "国庆节"),
        Work(2026, 10, 10, "国庆节调休上班"),
    ];
}
