using System.Text;
using System.Text.Unicode;

namespace Guanxi.Import;

/// <summary>
/// Picks the text encoding of a CSV: a BOM wins; else valid UTF-8 in the first 64 KB means UTF-8; else
/// GB18030, a superset of the GBK/GB2312 that Excel writes on Chinese Windows. Decoders throw on bad
/// bytes instead of inserting U+FFFD, so a wrong guess fails loudly instead of importing mojibake.
/// </summary>
internal static class TextDecoding
{
    private const int SniffBytes = 64 * 1024;

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding, its display name and how many BOM bytes to skip.</summary>
    public static (Encoding Encoding, string Name, int BomLength) Detect(Stream stream, string? requested)
    {
        var head = new byte[SniffBytes];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var bytes = head.AsSpan(0, n);
        var utf8Bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (requested is not null)
        {
            var encoding = ByName(requested);
            var bom = encoding is UTF8Encoding && utf8Bom ? 3 : 0;
            return (encoding, requested.Trim().ToLowerInvariant(), bom);
        }
        if (utf8Bom) return (StrictUtf8, "utf-8", 3);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(false, false, true), "utf-16le", 2);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(true, false, true), "utf-16be", 2);
        if (IsUtf8(bytes, atEnd: n < SniffBytes)) return (StrictUtf8, "utf-8", 0);
        return (Strict("gb18030"), "gb18030", 0);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool atEnd)
    {
        if (Utf8.IsValid(bytes)) return true;
        if (atEnd) return false;
        // The 64 KB cut may split a character: allow up to 3 bytes of an unfinished sequence at the end.
        for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
        {
            if (Utf8.IsValid(bytes[..^cut])) return true;
        }
        return false;
    }

    private static Encoding ByName(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        switch (key)
        {
            case "utf-8" or "utf8":
                return StrictUtf8;
            case "gbk" or "cp936" or "936" or "gb2312" or "gb-2312":
                // GB18030 decodes every GBK/GB2312 byte sequence the same way and also covers the rest.
                return Strict("gb18030");
        }
        try
        {
            return Strict(key);
        }
        catch (ArgumentException)
        {
            throw new ImportFileException($"Unknown encoding \"{name}\" (use utf-8, gbk, gb18030 or gb2312).");
        }
    }

    private static Encoding Strict(string name) =>
        Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
}
