using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Guanxi.Data.Models;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>
/// SQLite's days: EF Core stores dates and date-times as ISO text ("yyyy-MM-dd[ HH:mm:ss…]"), compared as text.
/// <see cref="DayNumber{T}"/> is the one decoder of that text, for the C API's bytes (<see cref="Bulk.SqliteStatement"/>)
/// and ADO.NET's strings alike.
/// </summary>
public sealed class SqliteDays : IProviderDays
{
    public object Parameter(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateOnly Read(DbDataReader reader, int column) => DateOnly.FromDayNumber(DayNumber(reader.GetString(column).AsSpan()));

    /// <summary>The calendar day (<see cref="DateOnly.DayNumber"/>) of a stored date or date-time: its first ten characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DayNumber<T>(ReadOnlySpan<T> iso) where T : unmanaged, IBinaryInteger<T>
    {
        if (iso.Length < 10 || int.CreateTruncating(iso[4]) != '-' || int.CreateTruncating(iso[7]) != '-'
            || !Digits(iso, 0, 4, out var year) || !Digits(iso, 5, 2, out var month) || !Digits(iso, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new InvalidDataException($"Not an ISO date: '{Show(iso)}'.");
        }

        return new DateOnly(year, month, day).DayNumber;
    }

    private static bool Digits<T>(ReadOnlySpan<T> s, int start, int count, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(int.CreateTruncating(s[i]) - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static string Show<T>(ReadOnlySpan<T> s) where T : unmanaged, IBinaryInteger<T>
    {
        var chars = new char[Math.Min(s.Length, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)ushort.CreateTruncating(s[i]);
        }

        return new string(chars);
    }
}
