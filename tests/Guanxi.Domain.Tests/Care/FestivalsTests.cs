using Guanxi.Domain.Care;

namespace Guanxi.Domain.Tests.Care;

/// <summary>Festival dates 2020–2035 against a reference table (the State Council's holiday notices and the Hong Kong Observatory's calendar).</summary>
public class FestivalsTests
{
    // year: Spring Festival, Qingming, Dragon Boat, Mid-Autumn, Double Ninth
    private static readonly string[] Reference =
    [
        "2020 01-25 04-04 06-25 10-01 10-25",
        "2021 02-12 04-04 06-14 09-21 10-14",
        "2022 02-01 04-05 06-03 09-10 10-04",
        "2023 01-22 04-05 06-22 09-29 10-23",
        "2024 02-10 04-04 06-10 09-17 10-11",
        "2025 01-29 04-04 05-31 10-06 10-29",
        "2026 02-17 04-05 06-19 09-25 10-18",
        "2027 02-06 04-05 06-09 09-15 10-08",
        "2028 01-26 04-04 05-28 10-03 10-26",
        "2029 02-13 04-04 06-16 09-22 10-16",
        "2030 02-03 04-05 06-05 09-12 10-05",
        "2031 01-23 04-05 06-24 10-01 10-24",
        "2032 02-11 04-04 06-12 09-19 10-12",
        "2033 01-31 04-04 06-01 09-08 10-01",
        "2034 02-19 04-05 06-20 09-27 10-20",
        "2035 02-08 04-05 06-10 09-16 10-09",
    ];

    public static TheoryData<int> Years() => [.. Enumerable.Range(2020, 16)];

    [Theory]
    [MemberData(nameof(Years))]
    public void Lunar_and_solar_term_festivals_match_the_reference_table(int year)
    {
        var row = Reference.Single(r => r.StartsWith(year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).Split(' ');
        DateOnly Day(int i) => DateOnly.ParseExact($"{year}-{row[i]}", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Day(1), Festivals.DateIn(Festival.SpringFestival, year));
        Assert.Equal(Day(1).AddDays(14), Festivals.DateIn(Festival.Lantern, year));
        Assert.Equal(Day(2), Festivals.DateIn(Festival.Qingming, year));
        Assert.Equal(Day(3), Festivals.DateIn(Festival.DragonBoat, year));
        Assert.Equal(Day(4), Festivals.DateIn(Festival.MidAutumn, year));
        Assert.Equal(Day(5), Festivals.DateIn(Festival.DoubleNinth, year));
    }

    [Fact]
    public void Between_lists_a_year_s_festivals_in_date_order()
    {
        var days = Festivals.Between(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).ToList();
        Assert.Equal(Festivals.All.Count, days.Count);
        Assert.Equal((Festival.NewYear, new DateOnly(2027, 1, 1)), days[0]);
        Assert.Equal((Festival.SpringFestival, new DateOnly(2027, 2, 6)), days[1]);
        Assert.True(days.Zip(days.Skip(1)).All(p => p.First.Date <= p.Second.Date));
        Assert.Equal([Festival.MidAutumn, Festival.NationalDay], Festivals.Between(new DateOnly(2028, 10, 1), new DateOnly(2028, 10, 3)).Select(d => d.Festival).Order());
    }

    [Fact]
    public void A_year_outside_the_known_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Festivals.DateIn(Festival.Qingming, 2100));
    }
}
