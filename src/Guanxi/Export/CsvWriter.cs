using System.Text;

namespace Guanxi.Export;

/// <summary>RFC 4180 output: a field is quoted only when it holds a comma, quote or line break.</summary>
public sealed class CsvWriter(TextWriter writer)
{
    public void WriteRow(IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(',');
            first = false;
            WriteField(field ?? "");
        }
        writer.Write('\n');
    }

    private void WriteField(string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(field);
            return;
        }
        writer.Write('"');
        writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>UTF-8 with a byte order mark, so Excel in China opens Chinese text correctly.</summary>
    public static StreamWriter OpenExcelFriendly(Stream stream) => new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
}
