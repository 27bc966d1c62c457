using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Guanxi.Import;

/// <summary>
/// The one set of field parsers for every file the CRM reads: the import (CSV and XLSX), <c>guanxi rfm</c> and
/// <c>guanxi clv fit</c>. Each parser takes characters or UTF-8 bytes (generic over both, so the import's decoded
/// text and the rfm command's raw bytes go through the same code) and accepts exactly the canonical forms of the
/// bench README, whatever the culture. Hand-written instead of TryParseExact so the hot path allocates nothing.
/// The rules, one per field type, are listed in docs/decisions/0014-one-reader-one-parser.md.
/// </summary>
internal static class FieldParsers
{
    /// <summary>
    /// A field without the white space around it (Unicode white space, as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/>
    /// sees it, also in UTF-8): " 189.00 " and "189.00" are the same amount on every path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s) => s.Trim();

    /// <inheritdoc cref="Trim(ReadOnlySpan{char})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) =>
        // The usual field starts and ends with a visible ASCII character: two compares and done.
        s.IsEmpty || (s[0] is > (byte)' ' and < 0x80 && s[^1] is > (byte)' ' and < 0x80) ? s : TrimUtf8(s);

    private static ReadOnlySpan<byte> TrimUtf8(ReadOnlySpan<byte> s)
    {
        while (!s.IsEmpty && Rune.DecodeFromUtf8(s, out var rune, out var length) == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune))
        {
            s = s[length..];
        }

        while (!s.IsEmpty && Rune.DecodeLastFromUtf8(s, out var rune, out var length) == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune))
        {
            s = s[..^length];
        }

        return s;
    }

    /// <summary>A positive integer 1 … 2^63−1, digits only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseId<T>(ReadOnlySpan<T> s, out long value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19) return false;
        ulong v = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var d = (uint)(At(s, i) - '0');
            if (d > 9) return false;
            v = v * 10 + d; // 19 digits fit in ulong without overflow
        }
        if (v == 0 || v > long.MaxValue) return false;
        value = (long)v;
        return true;
    }

    /// <summary>
    /// An id as exports write it when a number column went through a float: <c>17850.0</c> is customer 17850. A positive
    /// integer followed by an optional '.' and zeros only; anything else after the point is not an id. (The import's rule;
    /// <c>guanxi rfm</c> keeps the bench format's digits-only ids.)
    /// </summary>
    public static bool TryParseWholeId<T>(ReadOnlySpan<T> s, out long value) where T : unmanaged, IBinaryInteger<T>
    {
        var dot = s.IndexOf(T.CreateTruncating('.'));
        if (dot < 0) return TryParseId(s, out value);
        value = 0;
        var fraction = s[(dot + 1)..];
        if (fraction.IsEmpty) return false;
        for (var i = 0; i < fraction.Length; i++)
        {
            if (At(fraction, i) != '0') return false;
        }
        return TryParseId(s[..dot], out value);
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

    /// <summary>
    /// A date-time in ISO form or, failing that, in a form of <paramref name="order"/> (<see cref="DateOrder"/>):
    /// <c>2010/12/1 8:26</c>, <c>12/1/2010 8:26</c>, … The ISO path is tried first, so canonical files pay nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateError TryParseDateTime<T>(ReadOnlySpan<T> s, DateOrder order, out DateTime value) where T : unmanaged, IBinaryInteger<T>
    {
        var iso = TryParseDateTime(s, out value);
        if (iso != DateError.Format || order == DateOrder.Iso) return iso;
        if (!DateForms.TrySplit(s, out var a, out var b, out var c, out var yearFirst, out var h, out var mi, out var sec, out _)) return DateError.Format;
        return DateForms.Compose(order, a, b, c, yearFirst, h, mi, sec, out value);
    }

    /// <summary>A date in ISO form or in a form of <paramref name="order"/>; a time after it is allowed and dropped.</summary>
    public static DateError TryParseDate<T>(ReadOnlySpan<T> s, DateOrder order, out DateOnly value) where T : unmanaged, IBinaryInteger<T>
    {
        var iso = TryParseDate(s, out value);
        if (iso != DateError.Format || order == DateOrder.Iso) return iso;
        if (!DateForms.TrySplit(s, out var a, out var b, out var c, out var yearFirst, out _, out _, out _, out _)) return DateError.Format;
        var result = DateForms.Compose(order, a, b, c, yearFirst, 0, 0, 0, out var at);
        value = DateOnly.FromDateTime(at);
        return result;
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
    /// integer cents: no floating point ever touches money. The shape is judged before the sign: "-x" is not a
    /// plain decimal, while "-1.234" and "-99999999" are negative (whatever else is wrong with them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AmountError TryParseAmount<T>(ReadOnlySpan<T> s, out long cents) where T : unmanaged, IBinaryInteger<T>
    {
        cents = 0;
        if (s.IsEmpty) return AmountError.NotPlain;
        if (At(s, 0) == '-') return s.Length > 1 && At(s, 1) != '-' && TryParseAmount(s[1..], out _) != AmountError.NotPlain
            ? AmountError.Negative : AmountError.NotPlain;
        var dot = s.IndexOf(T.CreateTruncating('.'));
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? [] : s[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && frac.IsEmpty)) return AmountError.NotPlain;
        long w = 0;
        var significant = 0;
        for (var i = 0; i < whole.Length; i++)
        {
            var d = (uint)(At(whole, i) - '0');
            if (d > 9) return AmountError.NotPlain;
            if (significant > 0 || d != 0) significant++;
            if (significant > 7) w = 10_000_000; // keep scanning for non-digits, but remember it is too large
            else w = w * 10 + d;
        }
        long f = 0;
        for (var i = 0; i < frac.Length; i++)
        {
            if ((uint)(At(frac, i) - '0') > 9) return AmountError.NotPlain;
        }
        if (frac.Length > 2) return AmountError.TooManyDecimals;
        for (var i = 0; i < frac.Length; i++) f = f * 10 + (At(frac, i) - '0');
        if (frac.Length == 1) f *= 10;
        if (w >= 10_000_000) return AmountError.TooLarge;
        cents = w * 100 + f;
        return AmountError.None;
    }

    /// <summary>
    /// An order's sales channel: store, web, app or phone, in any letter case, or a Chinese name for one (门店, 线上…).
    /// Returns the canonical (interned) name, null for anything else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? OrderChannel(ReadOnlySpan<char> s)
    {
        if (s.SequenceEqual("store") || Is(s, "store") || Is(s, "门店") || Is(s, "线下")) return "store";
        if (s.SequenceEqual("web") || Is(s, "web") || Is(s, "网店") || Is(s, "线上") || Is(s, "网站")) return "web";
        if (s.SequenceEqual("app") || Is(s, "app") || Is(s, "应用")) return "app";
        if (s.SequenceEqual("phone") || Is(s, "phone") || Is(s, "电话")) return "phone";
        return null;
    }

    /// <inheritdoc cref="OrderChannel(ReadOnlySpan{char})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? OrderChannel(ReadOnlySpan<byte> s)
    {
        // The canonical spellings without decoding: the rfm command's hot path.
        if (s.SequenceEqual("store"u8)) return "store";
        if (s.SequenceEqual("web"u8)) return "web";
        if (s.SequenceEqual("app"u8)) return "app";
        if (s.SequenceEqual("phone"u8)) return "phone";
        if (s.IsEmpty || s.Length > 32) return null; // longer than any name
        Span<char> chars = stackalloc char[32];
        // Bad UTF-8 decodes to U+FFFD, which matches no name.
        var n = Encoding.UTF8.GetChars(s, chars);
        return OrderChannel(chars[..n]);
    }

    private static bool Is(ReadOnlySpan<char> s, string word) => s.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A non-negative real number in plain decimal form (digits, at most one '.'), as summary files of the
    /// lifetime models hold (frequency, recency, T, monetary value). No sign, exponent or thousands separator.
    /// </summary>
    public static bool TryParseNonNegativeNumber(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <inheritdoc cref="TryParseNonNegativeNumber(ReadOnlySpan{char}, out double)"/>
    public static bool TryParseNonNegativeNumber(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
