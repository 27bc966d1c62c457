namespace Guanxi.Segmentation;

/// <summary>Field parsers of the bench orders format, straight from UTF-8 bytes (no strings per row).</summary>
internal static class OrderCsvFields
{
    /// <summary>An id: a positive integer up to 2^63−1, digits only.</summary>
    public static bool TryParseId(ReadOnlySpan<byte> s, out long id)
    {
        id = 0;
        if (s.IsEmpty || s.Length > 19)
        {
            return false;
        }

        ulong value = 0;
        foreach (byte c in s)
        {
            uint d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        if (value == 0 || value > long.MaxValue)
        {
            return false;
        }

        id = (long)value;
        return true;
    }

    /// <summary>
    /// A local date-time as the import reads it (<c>YYYY-MM-DDTHH:MM:SS</c>, or a space for the T) that exists in the
    /// calendar; gives its day number (<see cref="DateOnly.DayNumber"/>). Time of day is only validated.
    /// </summary>
    public static bool TryParseDayNumber(ReadOnlySpan<byte> s, out int dayNumber)
    {
        var ok = Import.FieldParsers.TryParseDateTime(s, out var value) == Import.FieldParsers.DateError.None;
        dayNumber = ok ? DateOnly.FromDateTime(value).DayNumber : 0;
        return ok;
    }

    /// <summary>Amount parse outcome; the reasons name what an importer reports.</summary>
    public enum AmountResult
    {
        Ok,
        Negative,
        TooManyDecimals,
        TooLarge,
        NotPlainDecimal,
    }

    /// <summary>A plain decimal ≥ 0 with at most 2 decimals and '.' as the point, below 10,000,000, in cents.</summary>
    public static AmountResult TryParseCents(ReadOnlySpan<byte> s, out long cents)
    {
        cents = 0;
        if (s.IsEmpty)
        {
            return AmountResult.NotPlainDecimal;
        }

        bool negative = s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }

        int point = s.IndexOf((byte)'.');
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? ReadOnlySpan<byte>.Empty : s[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            return AmountResult.NotPlainDecimal;
        }

        if (negative)
        {
            return AmountResult.Negative;
        }

        if (fraction.Length > 2)
        {
            return AmountResult.TooManyDecimals;
        }

        whole = whole.TrimStart((byte)'0');
        if (whole.Length > 7)
        {
            return AmountResult.TooLarge;
        }

        long units = 0;
        foreach (byte c in whole)
        {
            units = (units * 10) + (c - '0');
        }

        if (units >= 10_000_000)
        {
            return AmountResult.TooLarge;
        }

        long fractionCents = fraction.Length switch
        {
            0 => 0,
            1 => (fraction[0] - '0') * 10,
            _ => ((fraction[0] - '0') * 10) + (fraction[1] - '0'),
        };
        cents = (units * 100) + fractionCents;
        return AmountResult.Ok;
    }

    /// <summary>One of store, web, app, phone.</summary>
    public static bool IsChannel(ReadOnlySpan<byte> s) =>
        s.SequenceEqual("store"u8) || s.SequenceEqual("web"u8) || s.SequenceEqual("app"u8) || s.SequenceEqual("phone"u8);

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (byte c in s)
        {
            if ((uint)(c - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }
}
