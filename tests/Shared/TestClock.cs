using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Guanxi.Testing;

/// <summary>
/// The test suite's one "now". No test reads the wall clock: the app under test gets a clock that starts here.
/// <c>GUANXI_TEST_CLOCK</c> (an ISO 8601 instant with offset) chooses the instant — scripts/test.sh runs the whole
/// suite on several awkward days — else it is the last half hour of 2026 in China.
/// </summary>
public static class TestClock
{
    public const string Variable = "GUANXI_TEST_CLOCK";

    public static DateTimeOffset Start { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary><see cref="Start"/> as the product's <c>Clock:Start</c> setting takes it.</summary>
    public static string StartText => Start.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The local day at <see cref="Start"/> (the machine's time zone, as the app under test sees it).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Start, TimeZoneInfo.Local).DateTime);

    /// <summary>A clock standing still at <see cref="Start"/> in the machine's time zone; a test moves it with Advance.</summary>
    public static FakeTimeProvider Create()
    {
        // FakeTimeProvider.GetLocalNow adds the zone's offset to GetUtcNow's clock reading, so the start must be in UTC:
        // a start that carries +08:00 would read 8 hours late in the local time zone.
        var clock = new FakeTimeProvider(Start.ToUniversalTime());
        clock.SetLocalTimeZone(TimeZoneInfo.Local);
        return clock;
    }

    private static DateTimeOffset Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(8))
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
