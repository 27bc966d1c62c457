using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Guanxi.Import;

/// <summary>
/// Picks the text encoding of a CSV: a BOM wins; else valid UTF-8 means UTF-8; else GB18030, a superset of the
/// GBK/GB2312 that Excel writes on Chinese Windows. Imports decide on the whole file (<see cref="DetectWholeFile"/>);
/// a header or a mapping file is judged by its first 64 KB (<see cref="Detect"/>). Decoders throw on bad
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

    private const int BlockBytes = 1 << 20;

    /// <summary>
    /// The encoding of the whole file, checked to its last byte before any row is imported (streamed in 1 MB blocks, not
    /// loaded): a GBK file whose first Chinese character comes after the first 64 KB is GB18030, not a failure at line
    /// 38,250 after 894 rows went in; bad bytes are reported with their line and their offset in the file; a forced
    /// encoding that would turn valid UTF-8 into mojibake (<c>£</c> read as GB18030 is <c>拢</c>) stops with the likely
    /// encoding named. Leaves the stream at the first byte after the BOM.
    /// </summary>
    public static (Encoding Encoding, string Name, int BomLength) DetectWholeFile(Stream stream, string? requested, string fileName)
    {
        var (encoding, name, bom) = Detect(stream, requested);
        stream.Position = bom;
        var utf8 = ScanUtf8(stream, bom);
        stream.Position = bom;
        if (requested is null && bom == 0)
        {
            // No BOM and no choice: the whole file decides, UTF-8 first (the first 64 KB may all be ASCII). UTF-8
            // characters before the first bad byte mean a damaged UTF-8 file, not GB18030 (which would read it garbled).
            if (utf8.Valid) return (StrictUtf8, "utf-8", 0);
            if (utf8.Sample is not null) throw NotValid(fileName, "utf-8", utf8);
            var gb = Strict("gb18030");
            var asGb = ScanDecoded(stream, gb, 0);
            stream.Position = 0;
            if (asGb.Valid) return (gb, "gb18030", 0);
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"{fileName} is neither UTF-8 text (bad bytes at line {utf8.Line}, offset {utf8.Offset}) nor GB18030 text (line {asGb.Line}, offset {asGb.Offset}); pass --encoding with the file's encoding."));
        }

        if (encoding is UTF8Encoding)
        {
            if (!utf8.Valid) throw NotValid(fileName, name, utf8);
            return (encoding, name, bom);
        }

        if (requested is not null && utf8.Valid && utf8.Sample is { } sample)
        {
            var lenient = Encoding.GetEncoding(encoding.CodePage);
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"{fileName} is UTF-8 text; read as {name} it would be stored garbled ('{Encoding.UTF8.GetString(sample)}' on line {utf8.SampleLine} would become '{lenient.GetString(sample)}'). Leave out --encoding, or pass --encoding utf-8."));
        }

        var decoded = ScanDecoded(stream, encoding, bom);
        stream.Position = bom;
        if (!decoded.Valid) throw NotValid(fileName, name, decoded);
        return (encoding, name, bom);
    }

    private static ImportFileException NotValid(string fileName, string encodingName, TextScan scan) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{fileName} is not valid {encodingName} text (bad bytes at line {scan.Line}, offset {scan.Offset}); pass --encoding with the file's encoding (utf-8, gb18030)."));

    /// <summary>
    /// What a scan of the whole file found: valid, or where the first bad byte is (line from 1, offset from the file's
    /// start); for UTF-8 also the first non-ASCII character before any bad byte, and its line.
    /// </summary>
    private readonly record struct TextScan(bool Valid, long Line, long Offset, byte[]? Sample = null, long SampleLine = 0);

    private static TextScan ScanUtf8(Stream stream, long start)
    {
        var buffer = new byte[BlockBytes + 4];
        int held = 0;
        long blockStart = start, newlines = 0;
        byte[]? sample = null;
        long sampleLine = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer.AsSpan(held, BlockBytes), BlockBytes, throwOnEndOfStream: false);
            int n = held + read;
            bool end = read < BlockBytes;
            var span = buffer.AsSpan(0, n);
            var body = span[..(end ? n : n - UnfinishedTail(span))];
            int bad = Utf8.IsValid(body) ? -1 : FirstBadByte(body);
            var valid = bad < 0 ? body : body[..bad];
            if (sample is null && valid.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) is var k and >= 0)
            {
                Rune.DecodeFromUtf8(valid[k..], out _, out int length);
                sample = valid.Slice(k, length).ToArray();
                sampleLine = newlines + valid[..k].Count((byte)'\n') + 1;
            }
            if (bad >= 0)
            {
                return new TextScan(false, newlines + valid.Count((byte)'\n') + 1, blockStart + bad, sample, sampleLine);
            }
            newlines += body.Count((byte)'\n');
            if (end) return new TextScan(true, 0, 0, sample, sampleLine);
            held = n - body.Length;
            span[body.Length..].CopyTo(buffer);
            blockStart += body.Length;
        }
    }

    /// <summary>Decodes the whole stream with a strict decoder, keeping nothing; lines are counted in bytes (0x0A is never inside a GB18030 or UTF-8 character).</summary>
    private static TextScan ScanDecoded(Stream stream, Encoding encoding, long start)
    {
        var decoder = encoding.GetDecoder();
        var buffer = new byte[BlockBytes];
        var chars = new char[encoding.GetMaxCharCount(BlockBytes) + 16];
        long blockStart = start, newlines = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer, BlockBytes, throwOnEndOfStream: false);
            var block = buffer.AsSpan(0, read);
            try
            {
                decoder.GetChars(block, chars, flush: read < BlockBytes);
            }
            catch (DecoderFallbackException e)
            {
                int at = Math.Clamp(e.Index, 0, read);
                return new TextScan(false, newlines + block[..at].Count((byte)'\n') + 1, blockStart + e.Index);
            }
            newlines += block.Count((byte)'\n');
            if (read < BlockBytes) return new TextScan(true, 0, 0);
            blockStart += read;
        }
    }

    /// <summary>Bytes at the end that start a UTF-8 sequence not yet complete (0 to 3).</summary>
    internal static int UnfinishedTail(ReadOnlySpan<byte> s)
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

    /// <summary>The index of the first byte that does not start a valid UTF-8 character.</summary>
    internal static int FirstBadByte(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length && Rune.DecodeFromUtf8(s[i..], out _, out var length) == System.Buffers.OperationStatus.Done) i += length;
        return i;
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
            var complete = n - TextDecoding.UnfinishedTail(buffer[..n]);
            if (!Utf8.IsValid(buffer[..complete])) throw Bad(buffer[..complete], TextDecoding.FirstBadByte(buffer[..complete]));
            _heldLength = n - complete;
            buffer[complete..n].CopyTo(_held);
            if (complete == 0) continue;
            _offset += complete;
            return complete;
        }
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
