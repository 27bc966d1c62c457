using System.Globalization;
using System.Text;

namespace Guanxi.Common;

/// <summary>A keyset cursor: the sort key and id of the last row of a page, opaque to clients.</summary>
public readonly record struct PageCursor(string Key, long Id)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Id}\n{Key}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static PageCursor Decode(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return new PageCursor(text[(newline + 1)..], long.Parse(text.AsSpan(0, newline), CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw ValidationException.For("after", "The paging cursor is not valid.");
        }
    }

    /// <summary>A cursor over a newest-first (time, id) order, as the order and interaction lists use.</summary>
    public static PageCursor ForTime(DateTime at, long id) => new(at.ToString("O", CultureInfo.InvariantCulture), id);

    public DateTime KeyAsTime()
    {
        try
        {
            return DateTime.ParseExact(Key, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }
        catch (FormatException)
        {
            throw ValidationException.For("after", "The paging cursor is not valid.");
        }
    }
}
