using Guanxi.Domain.Care;
using Guanxi.Domain.Marketing;

namespace Guanxi.Domain.Tests.Marketing;

/// <summary>The care rules' pure rules: quiet hours (also across midnight), birthdays (29 February), the festival day.</summary>
[Trait("Clock", "Independent")]
public class CareRuleTests
{
    [Theory]
    [InlineData("21:00", "09:00", "20:59", false)]
    [InlineData("21:00", "09:00", "21:00", true)]
    [InlineData("21:00", "09:00", "23:30", true)]
    [InlineData("21:00", "09:00", "00:00", true)]
    [InlineData("21:00", "09:00", "08:59", true)]
    [InlineData("21:00", "09:00", "09:00", false)]
    [InlineData("12:00", "14:00", "11:59", false)]
    [InlineData("12:00", "14:00", "13:00", true)]
    [InlineData("12:00", "14:00", "14:00", false)]
    public void Quiet_hours_include_their_start_and_exclude_their_end(string from, string to, string now, bool quiet)
    {
        var rule = new CareRule { QuietFrom = TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), QuietTo = TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(quiet, rule.IsQuiet(TimeOnly.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_rule_without_quiet_hours_is_never_quiet()
    {
        Assert.False(new CareRule().IsQuiet(new TimeOnly(3, 0)));
        Assert.False(new CareRule { QuietFrom = new TimeOnly(3, 0) }.IsQuiet(new TimeOnly(3, 0)));
    }

    [Fact]
    public void A_leap_day_birthday_is_greeted_on_28_February_in_other_years()
    {
        var leapling = new DateOnly(1992, 2, 29);
        Assert.True(CareRule.IsBirthday(leapling, new DateOnly(2031, 2, 28)));
        Assert.False(CareRule.IsBirthday(leapling, new DateOnly(2032, 2, 28)));
        Assert.True(CareRule.IsBirthday(leapling, new DateOnly(2032, 2, 29)));
        Assert.True(CareRule.IsBirthday(new DateOnly(1980, 3, 1), new DateOnly(2031, 3, 1)));
        Assert.False(CareRule.IsBirthday(new DateOnly(1980, 3, 1), new DateOnly(2031, 2, 28)));
    }

    [Fact]
    public void A_festival_rule_is_due_days_before_the_festival_of_that_year()
    {
        var springFestival2030 = Festivals.DateIn(Festival.SpringFestival, 2030);
        Assert.Equal(new DateOnly(2030, 2, 3), springFestival2030);
        Assert.Equal(2030, CareRule.FestivalYear(Festival.SpringFestival, springFestival2030.AddDays(-3), 3));
        Assert.Null(CareRule.FestivalYear(Festival.SpringFestival, springFestival2030.AddDays(-2), 3));
        // New Year's Day greeted 5 days before: due in December of the year before, for the new year.
        Assert.Equal(2031, CareRule.FestivalYear(Festival.NewYear, new DateOnly(2030, 12, 27), 5));
    }
}
