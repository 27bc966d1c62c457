using System.Diagnostics;
using System.Globalization;

namespace Guanxi.Hosting;

/// <summary>
/// The product's one clock. Everything that needs "now" or "today" takes the <see cref="TimeProvider"/> registered
/// here; nothing else reads the wall clock (a test checks the sources). <c>Clock:Start</c>, an ISO 8601 instant such
/// as <c>2027-01-01T00:00:00+08:00</c>, starts the clock at that instant and lets it run on from there: a demo or
/// training database that always shows the same day, and the test suite's awkward days for the commands it runs as
/// separate processes.
/// </summary>
public static class Clock
{
    public const string StartSetting = "Clock:Start";

    public static TimeProvider From(IConfiguration configuration)
    {
        var text = configuration[StartSetting];
        if (string.IsNullOrWhiteSpace(text)) return TimeProvider.System;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var start))
            throw new InvalidOperationException($"{StartSetting}: '{text}' is not an instant such as 2027-01-01T00:00:00+08:00.");
        return new StartedAt(start);
    }

    /// <summary>The business day it is now, in the clock's local time zone.</summary>
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Starts at a given instant and runs at the wall clock's pace; time zone and timers are the system's.</summary>
    private sealed class StartedAt(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + Stopwatch.GetElapsedTime(_origin);
    }
}
