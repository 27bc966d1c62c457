using System.Numerics;
using System.Runtime.CompilerServices;

namespace Guanxi.Import;

/// <summary>
/// How a file writes dates that are not ISO: where the year, the month and the day stand. ISO (<c>2010-12-01</c>,
/// <c>2010-12-01T08:26:00</c>) is read in every order; the others add the forms spreadsheets and shop systems export:
/// <c>2010/12/1 8:26</c>, <c>12/1/2010 8:26</c> (month first) or <c>1/12/2010 8:26</c> (day first), with '/', '-' or '.'
/// between the parts, seconds optional.
/// </summary>
public enum DateOrder
{
    Iso,
    YearMonthDay,
    MonthDayYear,
    DayMonthYear,
}

/// <summary>Parsing the non-ISO forms of <see cref="DateOrder"/> and the names <c>--date-format</c> accepts.</summary>
internal static class DateForms
{
    /// <summary>The <c>--date-format</c> values and what they mean.</summary>
    public const string Names = "iso, yyyy/M/d, M/d/yyyy, d/M/yyyy (a time H:mm[:ss] may follow)";

    /// <summary>An order from a <c>--date-format</c> value ("M/d/yyyy H:mm" and "M/d/yyyy" are the same order); null if unknown.</summary>
    public static DateOrder? Parse(string? format)
    {
        var f = (format ?? "").Trim();
        var date = f.Split([' ', 'T'], 2)[0];
        if (f.Equals("iso", StringComparison.OrdinalIgnoreCase) || date.Equals("yyyy-MM-dd", StringComparison.Ordinal)) return DateOrder.Iso;
        return date.Replace('-', '/').Replace('.', '/').ToLowerInvariant() switch
        {
            "yyyy/m/d" or "yyyy/mm/dd" => DateOrder.YearMonthDay,
            "m/d/yyyy" or "mm/dd/yyyy" => DateOrder.MonthDayYear,
            "d/m/yyyy" or "dd/mm/yyyy" => DateOrder.DayMonthYear,
            _ => null,
        };
    }

    /// <summary>
    /// Splits <c>a/b/c[ h:mm[:ss]]</c> into its numbers; false when the text has another shape. The year is the part with
    /// four digits (first or last); the other two have one or two digits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TrySplit<T>(ReadOnlySpan<T> s, out int first, out int second, out int third, out bool yearFirst, out int hour, out int minute, out int secondOfMinute, out bool hasTime)
        where T : unmanaged, IBinaryInteger<T>
    {
        first = second = third = hour = minute = secondOfMinute = 0;
        yearFirst = hasTime = false;
        int i = 0;
        if (!Number(s, ref i, out first, out int w1) || i >= s.Length) return false;
        int sep = At(s, i);
        if (sep is not ('/' or '-' or '.')) return false;
        i++;
        if (!Number(s, ref i, out second, out int w2) || w2 > 2 || i >= s.Length || At(s, i) != sep) return false;
        i++;
        if (!Number(s, ref i, out third, out int w3)) return false;
        yearFirst = w1 == 4;
        if (yearFirst ? w3 > 2 : w1 > 2 || w3 != 4) return false;
        if (i == s.Length) return true;
        if (At(s, i) is not (' ' or 'T')) return false;
        while (i < s.Length && At(s, i) == ' ') i++;
        if (i < s.Length && At(s, i) == 'T') i++;
        if (!Number(s, ref i, out hour, out int wh) || wh > 2 || i >= s.Length || At(s, i) != ':') return false;
        i++;
        if (!Number(s, ref i, out minute, out int wm) || wm != 2) return false;
        if (i < s.Length)
        {
            if (At(s, i) != ':') return false;
            i++;
            if (!Number(s, ref i, out secondOfMinute, out int ws) || ws != 2 || i != s.Length) return false;
        }
        hasTime = true;
        return true;
    }

    /// <summary>The date (and time) of a split text in the given order; <see cref="FieldParsers.DateError"/> as the ISO parser gives it.</summary>
    public static FieldParsers.DateError Compose(DateOrder order, int first, int second, int third, bool yearFirst, int hour, int minute, int secondOfMinute, out DateTime value)
    {
        value = default;
        int y, m, d;
        if (yearFirst)
        {
            (y, m, d) = (first, second, third);
        }
        else if (order == DateOrder.MonthDayYear)
        {
            (y, m, d) = (third, first, second);
        }
        else if (order == DateOrder.DayMonthYear)
        {
            (y, m, d) = (third, second, first);
        }
        else
        {
            return FieldParsers.DateError.Format; // year last, but the order says year first (or ISO)
        }

        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m) || hour > 23 || minute > 59 || secondOfMinute > 59)
        {
            return FieldParsers.DateError.NotReal;
        }

        value = new DateTime(y, m, d, hour, minute, secondOfMinute, DateTimeKind.Unspecified);
        return FieldParsers.DateError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int At<T>(ReadOnlySpan<T> s, int i) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]);

    private static bool Number<T>(ReadOnlySpan<T> s, ref int i, out int value, out int width) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        int start = i;
        while (i < s.Length && i - start < 4 && (uint)(At(s, i) - '0') <= 9)
        {
            value = (value * 10) + (At(s, i) - '0');
            i++;
        }
        width = i - start;
        return width > 0 && (i == s.Length || (uint)(At(s, i) - '0') > 9);
    }
}

/// <summary>
/// Decides a file's <see cref="DateOrder"/> from all its date values: mostly ISO is ISO; else a first part above 12 can only be a day, a
/// second part above 12 only a day; when no value tells and some are written year last, the order is ambiguous and the
/// import stops before writing anything, naming <c>--date-format</c>.
/// </summary>
internal sealed class DateOrderDetector
{
    private bool _yearLast, _dayFirst, _monthFirst;
    private string? _dayFirstExample, _monthFirstExample, _ambiguousExample;

    private long _iso, _other;

    /// <summary>Whether at least half the values so far are ISO dates (a file of ISO dates with a few strays stays ISO).</summary>
    public bool MostlyIso => _iso >= _other;

    public void Add(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) return;
        if (value.Length >= 10 && FieldParsers.TryParseDate(value[..10], out _) != FieldParsers.DateError.Format)
        {
            _iso++;
            return;
        }
        if (!DateForms.TrySplit(value, out int a, out int b, out _, out bool yearFirst, out _, out _, out _, out _)) return;
        _other++;
        if (yearFirst) return;
        _yearLast = true;
        if (a > 12 && b <= 12) { _dayFirst = true; _dayFirstExample ??= System.Text.Encoding.UTF8.GetString(value); }
        else if (b > 12 && a <= 12) { _monthFirst = true; _monthFirstExample ??= System.Text.Encoding.UTF8.GetString(value); }
        else if (a <= 12 && b <= 12) _ambiguousExample ??= System.Text.Encoding.UTF8.GetString(value);
    }

    /// <summary>The order the values show; throws <see cref="ImportFileException"/> when they contradict or do not tell.</summary>
    public DateOrder Decide(string fileName, string column)
    {
        if (!_yearLast) return DateOrder.YearMonthDay;
        if (_dayFirst && _monthFirst)
        {
            throw new ImportFileException($"{fileName}: {column} has both day-first dates (\"{_dayFirstExample}\") and month-first dates (\"{_monthFirstExample}\"); fix the file or pass --date-format ({DateForms.Names}).");
        }
        if (_dayFirst) return DateOrder.DayMonthYear;
        if (_monthFirst) return DateOrder.MonthDayYear;
        throw new ImportFileException($"{fileName}: no date in {column} tells whether \"{_ambiguousExample}\" is month first or day first; pass --date-format M/d/yyyy or --date-format d/M/yyyy. Nothing was imported.");
    }
}
