using Guanxi.Domain.Service;

namespace Guanxi.Domain.Tests.Service;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar China = BusinessCalendar.China();

    private static DateTimeOffset Beijing(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    [Theory]
    // Friday evening → Monday: the weekend does not count.
    [InlineData("2025-03-07T17:00", 120, "2025-03-10T10:00")]
    // Qingming 2025 (Fri 4 – Sun 6 April): Thursday evening → Monday.
    [InlineData("2025-04-03T17:00", 120, "2025-04-07T10:00")]
    // 调休: Saturday 8 February 2025 is a working day.
    [InlineData("2025-02-07T17:00", 120, "2025-02-08T10:00")]
    // Spring Festival 2026: Fri 13 Feb, the working Saturday 14 Feb, then 15–23 Feb off; Tuesday 24 Feb.
    [InlineData("2026-02-13T17:00", 660, "2026-02-24T10:00")]
    // National Day 2025 (1–8 Oct) after the working Sunday 28 September; the working Saturday 11 October.
    [InlineData("2025-09-30T17:30", 31, "2025-10-09T09:01")]
    [InlineData("2025-10-10T17:00", 120, "2025-10-11T10:00")]
    // Before opening counts from opening; a whole working day is 540 minutes.
    [InlineData("2025-03-10T06:00", 540, "2025-03-10T18:00")]
    [InlineData("2025-03-10T06:00", 541, "2025-03-11T09:01")]
    // Zero minutes within hours is the start itself.
    [InlineData("2025-03-10T12:00", 0, "2025-03-10T12:00")]
    public void Business_minutes_skip_nights_weekends_and_holidays_and_count_adjusted_working_days(string from, int minutes, string expected)
    {
        var start = DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var due = China.AddBusinessMinutes(Beijing(start.Year, start.Month, start.Day, start.Hour, start.Minute), minutes);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due.DateTime);
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
    }

    [Fact]
    public void Utc_instants_are_read_in_the_calendars_zone_and_the_arrangements_are_whole()
    {
        // Sunday 16:00 UTC is Monday 00:00 in Beijing: 30 minutes after opening is 01:30 UTC.
        Assert.Equal(new DateTime(2025, 3, 10, 1, 30, 0, DateTimeKind.Utc), China.AddBusinessMinutesUtc(new DateTime(2025, 3, 9, 16, 0, 0, DateTimeKind.Utc), 30));
        Assert.False(China.IsWorkday(new DateOnly(2026, 2, 17)));
        Assert.True(China.IsWorkday(new DateOnly(2026, 2, 28)));
        Assert.True(China.IsWorkday(new DateOnly(2026, 5, 9)));
        Assert.False(China.IsWorkday(new DateOnly(2026, 10, 7)));
        // Every shipped day is distinct, and the shipped working days are weekend days, the holidays weekdays or weekends.
        Assert.Equal(ChinaHolidays.All.Count, ChinaHolidays.All.Select(d => d.Day).Distinct().Count());
        Assert.All(ChinaHolidays.All.Where(d => d.IsWorkday), d => Assert.Contains(d.Day.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
        // An admin's own day counts: a company holiday on a Monday.
        var own = new BusinessCalendar([.. ChinaHolidays.All, new BusinessCalendarDay { Day = new DateOnly(2025, 3, 10), Name = "公司假日" }],
            China.Zone, BusinessCalendar.DefaultStart, BusinessCalendar.DefaultEnd);
        Assert.Equal(Beijing(2025, 3, 11, 10), own.AddBusinessMinutes(Beijing(2025, 3, 7, 17), 120));
    }
}
