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

    /// <summary>
    /// A copy of a rejects file with each reason passed through <paramref name="reason"/> (the reader's language), written
    /// to <paramref name="target"/>, streamed record by record; the header keeps its machine names. Returns the target.
    /// </summary>
    public static string Localize(string source, string target, Func<string, string> reason)
    {
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var writer = new StreamWriter(target, append: false, Utf8Bom);
        var header = true;
        while (ReadRecord(reader) is { } fields)
        {
            if (header)
            {
                writer.Write(Header + "\n");
                header = false;
                continue;
            }
            if (fields.Count < 3 || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var line)) continue;
            WriteRow(writer, new RejectedRow(line, reason(fields[1]), fields[2]));
        }
        return target;
    }

    /// <summary>One RFC 4180 record (quoted fields may hold commas, quotes and line breaks); null at the end.</summary>
    private static List<string>? ReadRecord(TextReader reader)
    {
        if (reader.Peek() < 0) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0) break;
            if (quoted)
            {
                if (c != '"') field.Append((char)c);
                else if (reader.Peek() == '"') field.Append((char)reader.Read());
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n') break;
            else if (c != '\r') field.Append((char)c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>RFC 4180: quote only when the value holds a comma, quote or line break; double inner quotes.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
