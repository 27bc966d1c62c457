using System.Data.Common;
using System.Runtime.CompilerServices;
using Guanxi.Data.Models;

namespace Guanxi.Data.Postgres.Models;

/// <summary>
/// PostgreSQL's days: real dates and timestamps. <see cref="DayOfDate"/> and <see cref="DayOfTimestamp"/> are the one
/// decoder of their binary form (<see cref="Bulk.PgCopyReader"/>); on the ADO.NET paths Npgsql has decoded the value
/// already and only its calendar day is taken.
/// </summary>
public sealed class PostgresDays : IProviderDays
{
    /// <summary>
    /// PostgreSQL counts dates in days from 2000-01-01 and timestamps in microseconds from its midnight: that day's
    /// <see cref="DateOnly.DayNumber"/>, a constant so the bulk readers' row loops (optimised before any class is
    /// initialised) fold it in (StoredDayTests checks it).
    /// </summary>
    private const int EpochDay = 730_119;

    private const long MicrosecondsPerDay = 86_400_000_000;

    public object Parameter(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    public DateOnly Read(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        DateTime t => DateOnly.FromDateTime(t),
        DateOnly d => d,
        var value => throw new InvalidDataException($"Unexpected date value {value}."),
    };

    /// <summary>A binary <c>date</c> (days from 2000-01-01) as <see cref="DateOnly.DayNumber"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DayOfDate(int days) => EpochDay + days;

    /// <summary>The calendar day of a binary <c>timestamp</c> or <c>timestamptz</c> (microseconds from 2000-01-01 00:00, UTC for the latter).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DayOfTimestamp(long microseconds)
    {
        long days = microseconds / MicrosecondsPerDay;
        return EpochDay + (int)(microseconds % MicrosecondsPerDay < 0 ? days - 1 : days);
    }
}
