using System.Globalization;
using System.Text;

namespace Guanxi.Domain.Customers;

/// <summary>
/// A customer-code pattern such as <c>C-{yyyy}-{seq:6}</c>: literal text with the tokens
/// {yyyy}, {yy}, {MM}, {dd} (creation date) and {seq:N} (a running number, zero-padded to N digits).
/// The running number is counted per distinct prefix, so C-2026-… restarts at 1 in 2027.
/// </summary>
public sealed class CustomerCodePattern
{
    public const string Default = "C-{yyyy}-{seq:6}";

    private readonly string _pattern;
    private readonly int _seqStart;
    private readonly int _seqEnd;
    private readonly int _seqWidth;

    private CustomerCodePattern(string pattern, int seqStart, int seqEnd, int seqWidth)
    {
        _pattern = pattern;
        _seqStart = seqStart;
        _seqEnd = seqEnd;
        _seqWidth = seqWidth;
    }

    public string Text => _pattern;

    public static bool TryParse(string pattern, out CustomerCodePattern? result, out string? error)
    {
        result = null;
        error = null;
        var start = pattern.IndexOf("{seq", StringComparison.Ordinal);
        if (start < 0 || pattern.IndexOf("{seq", start + 1, StringComparison.Ordinal) >= 0)
        {
            error = "The pattern must contain exactly one {seq:N} token.";
            return false;
        }
        var end = pattern.IndexOf('}', start);
        if (end < 0)
        {
            error = "The {seq:N} token is not closed.";
            return false;
        }
        var inner = pattern[(start + 1)..end];
        var width = 6;
        if (inner.Length > 3)
        {
            if (inner[3] != ':' || !int.TryParse(inner.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or > 12)
            {
                error = "The sequence width must be {seq:N} with N from 1 to 12.";
                return false;
            }
        }
        var probe = new CustomerCodePattern(pattern, start, end, width).Format(new DateOnly(2026, 12, 31), 1);
        if (probe.Length + 6 > Common.FieldLimits.Code)
        {
            error = $"Codes from this pattern would be longer than {Common.FieldLimits.Code} characters.";
            return false;
        }
        result = new CustomerCodePattern(pattern, start, end, width);
        return true;
    }

    public static CustomerCodePattern Parse(string pattern) =>
        TryParse(pattern, out var p, out var error) ? p! : throw new ArgumentException(error, nameof(pattern));

    /// <summary>The code's text before the running number, for a date: the key of the running number.</summary>
    public string Prefix(DateOnly date) => Expand(_pattern[.._seqStart], date);

    public string Format(DateOnly date, long sequence) =>
        Prefix(date)
        + sequence.ToString(CultureInfo.InvariantCulture).PadLeft(_seqWidth, '0')
        + Expand(_pattern[(_seqEnd + 1)..], date);

    private static string Expand(string text, DateOnly date)
    {
        var sb = new StringBuilder(text);
        sb.Replace("{yyyy}", date.Year.ToString("D4", CultureInfo.InvariantCulture));
        sb.Replace("{yy}", (date.Year % 100).ToString("D2", CultureInfo.InvariantCulture));
        sb.Replace("{MM}", date.Month.ToString("D2", CultureInfo.InvariantCulture));
        sb.Replace("{dd}", date.Day.ToString("D2", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
