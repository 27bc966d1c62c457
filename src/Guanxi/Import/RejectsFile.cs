using System.Globalization;
using System.Text;

namespace Guanxi.Import;

/// <summary>
/// The rejects of an import as CSV <c>line,reason,raw</c>: RFC 4180, UTF-8 with a BOM (so a spreadsheet opening it shows
/// Chinese text, issue 17), \n line ends. Appending to a file that has content adds no second BOM.
/// </summary>
public static class RejectsFile
{
    public const string Header = "line,reason,raw";

    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes all rejects to a new file (overwriting), header first.</summary>
    public static void Write(string path, IEnumerable<RejectedRow> rejects)
    {
        using var writer = new StreamWriter(path, append: false, Utf8Bom);
        writer.Write(Header + "\n");
        foreach (var reject in rejects) WriteRow(writer, reject);
    }

    /// <summary>Appends rejects, writing the header first when the file is new or empty.</summary>
    public static void Append(string path, IEnumerable<RejectedRow> rejects)
    {
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        using var writer = new StreamWriter(path, append: true, Utf8Bom);
        if (isNew) writer.Write(Header + "\n");
        foreach (var reject in rejects) WriteRow(writer, reject);
    }

    /// <summary>Writes one reject row to an open writer (for callers streaming rejects as they come).</summary>
    public static void WriteRow(TextWriter writer, RejectedRow reject)
    {
        writer.Write(reject.Line.ToString(CultureInfo.InvariantCulture));
        writer.Write(',');
        writer.Write(Quote(reject.Reason));
        writer.Write(',');
        writer.Write(Quote(reject.RawText));
        writer.Write('\n');
    }

    /// <summary>RFC 4180: quote only when the value holds a comma, quote or line break; double inner quotes.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
