using System.Text;

namespace Guanxi.Export;

/// <summary>RFC 4180 output: a field is quoted only when it holds a comma, quote or line break.</summary>
public sealed class CsvWriter(TextWriter writer)
{
    private readonly StringBuilder _row = new();

    /// <summary>For files and in-memory text only: a response body refuses synchronous writes (use <see cref="WriteRowAsync"/>).</summary>
    public void WriteRow(IEnumerable<string?> fields) => writer.Write(Format(fields));

    /// <summary>
    /// Writes one row through the writer's async methods, so a full buffer is flushed asynchronously: Kestrel
    /// disallows synchronous IO, and a synchronous flush to a response body fails once 64 KiB are buffered.
    /// </summary>
    public Task WriteRowAsync(IEnumerable<string?> fields, CancellationToken ct) => writer.WriteAsync(Format(fields), ct);

    private StringBuilder Format(IEnumerable<string?> fields)
    {
        _row.Clear();
        var first = true;
        foreach (var field in fields)
        {
            if (!first) _row.Append(',');
            first = false;
            AppendField(field ?? "");
        }
        return _row.Append('\n');
    }

    private void AppendField(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _row.Append(field);
            return;
        }
        _row.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>UTF-8 with a byte order mark, so Excel in China opens Chinese text correctly.</summary>
    public static StreamWriter OpenExcelFriendly(Stream stream) => new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
}
