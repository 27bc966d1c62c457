using System.Globalization;
using System.Text;

namespace Guanxi.Import;

/// <summary>
/// One XLSX row (from MiniExcel: column letter → typed value) as text fields in the file's column order.
/// Typed cells become the canonical text forms, so the same validation applies as for CSV.
/// </summary>
internal sealed class SheetRow : IFieldSource
{
    private readonly string[] _cells;
    private readonly ColumnType[] _types;

    // The cells as UTF-8, what the validator reads (CSV fields are UTF-8 too).
    private byte[] _utf8 = new byte[1024];
    private readonly int[] _starts;
    private readonly int[] _lengths;

    public enum ColumnType { Text, Date, DateTime }

    public SheetRow(ColumnType[] types)
    {
        _types = types;
        _cells = new string[types.Length];
        _starts = new int[types.Length];
        _lengths = new int[types.Length];
    }

    public int FieldCount => _cells.Length;

    public ReadOnlySpan<byte> Field(int index) => _utf8.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Loads a row; false when every cell is empty (such rows are skipped, like blank CSV lines).</summary>
    public bool Load(IDictionary<string, object?> row)
    {
        Array.Fill(_cells, "");
        var any = false;
        foreach (var (letter, value) in row)
        {
            var i = ColumnIndex(letter);
            if (i < 0 || i >= _cells.Length || value is null) continue;
            _cells[i] = ToText(value, _types[i]);
            any |= _cells[i].Length > 0;
        }
        var used = 0;
        for (var i = 0; i < _cells.Length; i++)
        {
            var need = Encoding.UTF8.GetMaxByteCount(_cells[i].Length);
            if (used + need > _utf8.Length) Array.Resize(ref _utf8, Math.Max(_utf8.Length * 2, used + need));
            _starts[i] = used;
            _lengths[i] = Encoding.UTF8.GetBytes(_cells[i], _utf8.AsSpan(used));
            used += _lengths[i];
        }
        return any;
    }

    public string RawText()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _cells.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(RejectsFile.Quote(_cells[i]));
        }
        return sb.ToString();
    }

    /// <summary>"A" → 0, "Z" → 25, "AA" → 26; -1 for anything else.</summary>
    public static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z') return -1;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    public static string ToText(object value, ColumnType type) => value switch
    {
        string s => s,
        DateTime d when type == ColumnType.Date => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => ToText(d.DateTime, type),
        // A date column holding a bare number: an Excel serial date without a date format.
        double d when type != ColumnType.Text && d is > 0 and < 2958466 => ToText(DateTime.FromOADate(d), type),
        // Whole numbers (ids typed as numbers) as plain digits, not "1E+15".
        double d when d == Math.Floor(d) && Math.Abs(d) < 9007199254740992 => ((long)d).ToString(CultureInfo.InvariantCulture),
        // A spreadsheet's computed money (70.05000000000001, shown as 70.05) is the two-decimal value it is meant to be.
        double d when NearCents(d) is { } cents => cents.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The two-decimal value within 1e-9 (relative) of <paramref name="d"/>, or null when there is none.</summary>
    public static decimal? NearCents(double d)
    {
        if (!double.IsFinite(d) || Math.Abs(d) >= 1e15) return null;
        var rounded = Math.Round(d, 2, MidpointRounding.AwayFromZero);
        return Math.Abs(d - rounded) <= 1e-9 * Math.Max(Math.Abs(d), 0.01) ? Math.Round((decimal)rounded, 2) : null;
    }
}
