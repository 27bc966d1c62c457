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

    /// <summary>
    /// The text from the stream's current position (after the BOM) as UTF-8 for <see cref="CsvRecordReader"/>: UTF-8 is
    /// checked as it is read (no decoding), any other encoding is transcoded. Bad bytes throw
    /// <see cref="DecoderFallbackException"/> when they are reached. The returned stream leaves <paramref name="stream"/> open.
    /// </summary>
    public static Stream OpenUtf8(Stream stream, Encoding encoding) =>
        encoding is UTF8Encoding ? new CheckedUtf8Stream(stream) : Encoding.CreateTranscodingStream(stream, encoding, PlainUtf8, leaveOpen: true);

    private static readonly UTF8Encoding PlainUtf8 = new(encoderShouldEmitUTF8Identifier: false);

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

/// <summary>
/// Passes UTF-8 through unchanged, checking it (vectorised <see cref="Utf8.IsValid"/>) instead of decoding it: a
/// sequence cut by a read is held back until the next one. Bad bytes throw <see cref="DecoderFallbackException"/> with
/// their offset in the stream.
/// </summary>
internal sealed class CheckedUtf8Stream(Stream inner) : Stream
{
    private readonly byte[] _held = new byte[3];
    private int _heldLength;
    private long _offset; // bytes handed out so far

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Room for a held-back sequence plus progress; CsvRecordReader always asks for kilobytes.
        if (buffer.Length < 4) throw new ArgumentException("Reads of fewer than 4 bytes are not supported.", nameof(buffer));
        while (true)
        {
            _held.AsSpan(0, _heldLength).CopyTo(buffer);
            var n = _heldLength;
            var read = inner.Read(buffer[n..]);
            n += read;
            if (read == 0)
            {
                if (n > 0) throw Bad(buffer[..n], 0);
                _heldLength = 0;
                return 0;
            }
            var complete = n - UnfinishedTail(buffer[..n]);
            if (!Utf8.IsValid(buffer[..complete])) throw Bad(buffer[..complete], FirstBadByte(buffer[..complete]));
            _heldLength = n - complete;
            buffer[complete..n].CopyTo(_held);
            if (complete == 0) continue;
            _offset += complete;
            return complete;
        }
    }

    /// <summary>Bytes at the end that start a sequence not yet complete (0 to 3).</summary>
    private static int UnfinishedTail(ReadOnlySpan<byte> s)
    {
        for (var k = 1; k <= 3 && k <= s.Length; k++)
        {
            var b = s[^k];
            if (b < 0x80) return 0;
            if (b >= 0xC0)
            {
                var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return need > k ? k : 0;
            }
        }
        return 0;
    }

    private static int FirstBadByte(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length && Rune.DecodeFromUtf8(s[i..], out _, out var length) == System.Buffers.OperationStatus.Done) i += length;
        return i;
    }

    private DecoderFallbackException Bad(ReadOnlySpan<byte> s, int index) =>
        new("Bad UTF-8 bytes.", s.Slice(index, Math.Min(4, s.Length - index)).ToArray(), (int)Math.Min(int.MaxValue, _offset + index));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _offset; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
