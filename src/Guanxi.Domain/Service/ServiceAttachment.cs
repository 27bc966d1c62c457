using System.Text;

namespace Guanxi.Domain.Service;

/// <summary>
/// A file on a service request. The file lives outside the web root under a random name (<see cref="StoredName"/>); the
/// name it was uploaded with is metadata only, never a path.
/// </summary>
public sealed class ServiceAttachment
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The type its first bytes show (<see cref="AttachmentTypes.Sniff"/>), not the one the upload declared.</summary>
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string StoredName { get; set; } = "";
    public long? UploadedById { get; set; }
    public DateTime CreatedAt { get; set; }

    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;
    public const int StoredNameMaxLength = 64;
}

/// <summary>
/// The file types a service request accepts, told by their first bytes: PNG and JPEG images, PDF, plain text and office
/// documents (Word, Excel, PowerPoint; the OOXML ones are ZIP files, the older ones OLE2 compound files, so for those the
/// extension says which). A declared type is believed only when the bytes agree with it.
/// </summary>
public static class AttachmentTypes
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int SniffBytes = 4096;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Pdf = "application/pdf";
    public const string Text = "text/plain";

    private static readonly Dictionary<string, string> Ooxml = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    private static readonly Dictionary<string, string> Ole2 = new(StringComparer.OrdinalIgnoreCase)
    {
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".ppt"] = "application/vnd.ms-powerpoint",
    };

    /// <summary>The accepted types, for the 415's message.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [Png, Jpeg, Pdf, Text, .. Ooxml.Values, .. Ole2.Values];

    /// <summary>The type the first bytes of a file show, or null when it is none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[(byte)'P', (byte)'K', 0x03, 0x04])) return Ooxml.GetValueOrDefault(extension);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return Ole2.GetValueOrDefault(extension);
        return LooksLikePlainText(head) ? Text : null;
    }

    /// <summary>
    /// Whether a declared type agrees with the sniffed one. No declaration, or the generic octet-stream a browser sends when
    /// it does not know, agrees with anything; a parameter such as "; charset=utf-8" is ignored.
    /// </summary>
    public static bool Agrees(string? declared, string sniffed)
    {
        if (string.IsNullOrWhiteSpace(declared)) return true;
        var type = declared.Split(';')[0].Trim();
        if (type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)) return true;
        return type.Equals(sniffed, StringComparison.OrdinalIgnoreCase)
            || (sniffed == Jpeg && type.Equals("image/jpg", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// UTF-8 (or GB18030) text without control characters other than tab and line breaks, and not markup: a file whose
    /// first visible character is '&lt;' is HTML, XML or SVG to some reader, and those are not accepted as text.
    /// </summary>
    private static bool LooksLikePlainText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return false;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) return false;
            if (b == 0x7F) return false;
        }
        var trimmed = head.TrimStart(" \t\r\n\f"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'<') return false;
        // A cut-off last character is fine: only the bytes before it must decode.
        return Utf8Prefix(head) || head.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0 || Gb18030(head);
    }

    private static bool Utf8Prefix(ReadOnlySpan<byte> s)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(s, new char[s.Length], out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
        return status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData && read >= s.Length - 3;
    }

    private static bool Gb18030(ReadOnlySpan<byte> s)
    {
        try
        {
            var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            gb.GetCharCount(s.Length > 4 ? s[..^4] : s);
            return true;
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
