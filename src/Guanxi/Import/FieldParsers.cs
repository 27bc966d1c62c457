using System.Numerics;
using System.Runtime.CompilerServices;

namespace Guanxi.Import;

/// <summary>
/// Span parsers for the canonical text forms. Hand-written instead of TryParseExact so the hot path
/// allocates nothing and accepts exactly the formats of the bench README, whatever the culture.
/// </summary>
internal static class FieldParsers
{
    /// <summary>A positive integer 1 … 2^63−1, digits only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseId(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19) return false;
        ulong v = 0;
        foreach (var c in s)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            v = v * 10 + d; // 19 digits fit in ulong without overflow
        }
        if (v == 0 || v > long.MaxValue) return false;
        value = (long)v;
        return true;
    }

    public enum DateError { None, Format, NotReal }

    /// <summary>YYYY-MM-DD, from characters or UTF-8 bytes (one parser for the import and <c>guanxi rfm</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateError TryParseDate<T>(ReadOnlySpan<T> s, out DateOnly value) where T : unmanaged, IBinaryInteger<T>
    {
        value = default;
        if (s.Length != 10 || At(s, 4) != '-' || At(s, 7) != '-') return DateError.Format;
        if (!Digits(s, 0, 4, out var y) || !Digits(s, 5, 2, out var m) || !Digits(s, 8, 2, out var d)) return DateError.Format;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return DateError.NotReal;
        value = new DateOnly(y, m, d);
        return DateError.None;
    }

    /// <summary>
    /// YYYY-MM-DDTHH:MM:SS, or with a space instead of the T as Excel users write it; no offset. From characters or
    /// UTF-8 bytes: the import and <c>guanxi rfm</c> accept exactly the same date-times.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateError TryParseDateTime<T>(ReadOnlySpan<T> s, out DateTime value) where T : unmanaged, IBinaryInteger<T>
    {
        value = default;
        if (s.Length != 19 || At(s, 10) is not ('T' or ' ') || At(s, 13) != ':' || At(s, 16) != ':') return DateError.Format;
        var dateError = TryParseDate(s[..10], out var date);
        if (dateError == DateError.Format) return DateError.Format;
        if (!Digits(s, 11, 2, out var h) || !Digits(s, 14, 2, out var mi) || !Digits(s, 17, 2, out var sec)) return DateError.Format;
        if (dateError == DateError.NotReal || h > 23 || mi > 59 || sec > 59) return DateError.NotReal;
        value = new DateTime(date, new TimeOnly(h, mi, sec), DateTimeKind.Unspecified);
        return DateError.None;
    }

    // For byte and char the JIT compiles each to a plain widening load.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int At<T>(ReadOnlySpan<T> s, int i) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]);

    private static bool Digits<T>(ReadOnlySpan<T> s, int start, int count, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(At(s, i) - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    public enum AmountError { None, NotPlain, Negative, TooManyDecimals, TooLarge }

    /// <summary>
    /// A plain decimal ≥ 0 with at most 2 decimals and '.' as the point, below 10,000,000, straight to
    /// integer cents: no floating point ever touches money.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AmountError TryParseAmount(ReadOnlySpan<char> s, out long cents)
    {
        cents = 0;
        if (s.IsEmpty) return AmountError.NotPlain;
        if (s[0] == '-') return s.Length > 1 && TryParseAmount(s[1..], out _) is AmountError.None or AmountError.TooLarge
            ? AmountError.Negative : AmountError.NotPlain;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && frac.IsEmpty)) return AmountError.NotPlain;
        long w = 0;
        var significant = 0;
        foreach (var c in whole)
        {
            var d = (uint)(c - '0');
            if (d > 9) return AmountError.NotPlain;
            if (significant > 0 || d != 0) significant++;
            if (significant > 7) w = 10_000_000; // keep scanning for non-digits, but remember it is too large
            else w = w * 10 + d;
        }
        long f = 0;
        foreach (var c in frac)
        {
            if ((uint)(c - '0') > 9) return AmountError.NotPlain;
        }
        if (frac.Length > 2) return AmountError.TooManyDecimals;
        foreach (var c in frac) f = f * 10 + (c - '0');
        if (frac.Length == 1) f *= 10;
        if (w >= 10_000_000) return AmountError.TooLarge;
        cents = w * 100 + f;
        return AmountError.None;
    }
}
