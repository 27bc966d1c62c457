using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Guanxi.Import;

/// <summary>The fields of the record being read, whether it came from CSV or a sheet, as UTF-8.</summary>
internal interface IFieldSource
{
    int FieldCount { get; }
    ReadOnlySpan<byte> Field(int index);
    string RawText();
}

internal enum CsvReadResult
{
    End,
    Record,
    Broken,
}

/// <summary>
/// The one CSV tokenizer of the CRM (decision 0014): strict RFC 4180 over UTF-8 bytes, for the import (other
/// encodings are transcoded to UTF-8 first, <see cref="TextDecoding.OpenUtf8"/>), <c>guanxi rfm</c> (two byte
/// ranges of the file at once), <c>guanxi clv fit</c>'s summary and the import's mapping file.
/// The current record is kept contiguous in one buffer (compacted on refill), so unquoted fields and quoted fields
/// without "" are slices of it and no field costs an allocation; only fields with escaped quotes are copied into a
/// scratch buffer. A line without a quote (nearly every line of a real file) is split on commas in one pass.
/// </summary>
internal sealed class CsvRecordReader : IFieldSource
{
    /// <summary>
    /// A record longer than this is treated as broken: a quote that is never closed would otherwise pull
    /// the rest of the file into memory. Well above the longest field (body, 20,000 characters).
    /// </summary>
    internal const int MaxRecordBytes = 1 << 20;

    private const string TooLong = "the record is longer than 1,048,576 bytes";

    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\n\""u8);

    private readonly Stream _source;
    private byte[] _buf;
    private int _len;
    private int _pos;
    private bool _eof;
    private long _line = 1;

    // Source bytes before _buf[0] (moved out by compaction, or dropped from an endless line).
    private long _base;

    private int _recStart;
    private int _recEnd;
    private int _fieldCount;
    private FieldSlice[] _fields = new FieldSlice[16];
    private byte[] _scratch = new byte[256];
    private int _scratchLen;
    private int _scratchStart;

    private struct FieldSlice
    {
        public int Start;
        public int Length;
        public bool InScratch;
    }

    /// <param name="utf8">The text as UTF-8 (the reader checks nothing about the bytes but the CSV syntax).</param>
    /// <param name="bufferSize">The initial buffer; it grows to hold the longest record.</param>
    public CsvRecordReader(Stream utf8, int bufferSize = 1 << 16)
    {
        _source = utf8;
        _buf = new byte[bufferSize];
    }

    /// <summary>
    /// Source offset at which no new record starts: a record that starts before it is read whole, and reading
    /// ends there (one half of the file, for <c>guanxi rfm</c>). Blank lines past it are left for the next reader.
    /// </summary>
    public long StopAt { get; init; } = long.MaxValue;

    /// <summary>Physical line (1-based) where the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Line breaks consumed so far.</summary>
    public long LinesRead => _line - 1;

    /// <summary>Source bytes consumed so far: the offset just after the last record or blank line read.</summary>
    public long Offset => _base + _pos;

    /// <summary>Why the current record is broken, when <see cref="Next"/> returned <see cref="CsvReadResult.Broken"/>.</summary>
    public string? Error { get; private set; }

    public int FieldCount => _fieldCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int index)
    {
        ref readonly var f = ref _fields[index];
        return f.InScratch ? _scratch.AsSpan(f.Start, f.Length) : _buf.AsSpan(_recStart + f.Start, f.Length);
    }

    /// <summary>The record's text without its final line break.</summary>
    public string RawText()
    {
        var raw = _buf.AsSpan(_recStart, Math.Max(0, _recEnd - _recStart));
        if (raw.EndsWith("\n"u8)) raw = raw[..^1];
        if (raw.EndsWith("\r"u8)) raw = raw[..^1];
        return Encoding.UTF8.GetString(raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CsvReadResult Next()
    {
        if (!SkipBlankLines()) return CsvReadResult.End;
        _recStart = _pos;
        RecordLine = _line;
        Error = null;
        _fieldCount = 0;
        _scratchLen = 0;
        if (SplitPlainLine()) return CsvReadResult.Record;
        var r = 0; // offset from _recStart: stays valid when the buffer is compacted
        while (true)
        {
            if (_recStart + r >= _len && !Fill())
            {
                AddField(r, 0, false); // "a,b," at end of file: an empty last field
                return Finish(r);
            }
            // Many short fields on one endless line must not grow the buffer without bound either.
            if (r > MaxRecordBytes)
            {
                Broken(r, TooLong);
                return CsvReadResult.Broken;
            }
            bool more;
            if (_buf[_recStart + r] == '"')
            {
                if (!ReadQuoted(ref r, out more)) return CsvReadResult.Broken;
            }
            else if (!ReadUnquoted(ref r, out more)) return CsvReadResult.Broken;
            if (!more) return Finish(r);
        }
    }

    /// <summary>
    /// The fast path: a whole line in the buffer without a quote is one record, split on commas. False (nothing
    /// consumed) for a line with a quote, a line longer than the limit, or the last line without a line break.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SplitPlainLine()
    {
        int newline;
        while ((newline = _buf.AsSpan(_recStart, _len - _recStart).IndexOfAny((byte)'\n', (byte)'"')) < 0)
        {
            if (_len - _recStart > MaxRecordBytes || !Fill()) return false;
        }
        if (newline > MaxRecordBytes || _buf[_recStart + newline] == '"') return false;
        var line = _buf.AsSpan(_recStart, newline);
        var start = 0;
        int comma;
        while ((comma = line[start..].IndexOf((byte)',')) >= 0)
        {
            AddField(start, comma, false);
            start += comma + 1;
        }
        var end = newline > 0 && line[newline - 1] == '\r' ? newline - 1 : newline;
        AddField(start, end - start, false);
        _line++;
        _recEnd = _recStart + newline + 1;
        _pos = _recEnd;
        return true;
    }

    private CsvReadResult Finish(int r)
    {
        _recEnd = _recStart + r;
        _pos = _recEnd;
        return CsvReadResult.Record;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadUnquoted(ref int r, out bool more)
    {
        var start = r;
        while (true)
        {
            var span = _buf.AsSpan(_recStart + r, _len - _recStart - r);
            var i = span.IndexOfAny(UnquotedStops);
            if (i < 0)
            {
                r += span.Length;
                more = false;
                if (r > MaxRecordBytes) return Broken(r, TooLong);
                if (Fill()) continue;
                AddField(start, TrimCr(start, r), false);
                more = false;
                return true;
            }
            r += i;
            var stop = _buf[_recStart + r];
            if (stop == '"')
            {
                more = false;
                return Broken(r, "a quote inside an unquoted field (a field with quotes must be enclosed in quotes)");
            }
            if (stop == ',')
            {
                AddField(start, r - start, false);
                r++;
                more = true;
                return true;
            }
            AddField(start, TrimCr(start, r), false);
            r++;
            _line++;
            more = false;
            return true;
        }
    }

    private int TrimCr(int start, int end) =>
        end > start && _buf[_recStart + end - 1] == '\r' ? end - start - 1 : end - start;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadQuoted(ref int r, out bool more)
    {
        more = false;
        r++; // opening quote
        var contentStart = r;
        var segment = r;
        var escaped = false;
        while (true)
        {
            var span = _buf.AsSpan(_recStart + r, _len - _recStart - r);
            var q = span.IndexOf((byte)'"');
            if (q < 0)
            {
                _line += span.Count((byte)'\n');
                r += span.Length;
                if (r > MaxRecordBytes) return Broken(r, "a quote that is never closed");
                if (Fill()) continue;
                return Broken(r, "a quote that is never closed");
            }
            _line += span[..q].Count((byte)'\n');
            r += q;
            if (_recStart + r + 1 >= _len) Fill();
            var after = _recStart + r + 1 < _len ? _buf[_recStart + r + 1] : (byte)0;
            var atEnd = _recStart + r + 1 >= _len;
            if (after == '"' && !atEnd)
            {
                // "" inside quotes: copy what came before plus one quote to the scratch buffer.
                if (!escaped)
                {
                    escaped = true;
                    _scratchStart = _scratchLen;
                }
                AppendScratch(segment, r + 1);
                r += 2;
                if (r > MaxRecordBytes) return Broken(r, "a quote that is never closed");
                segment = r;
                continue;
            }
            int start, length;
            if (escaped)
            {
                AppendScratch(segment, r);
                start = _scratchStart;
                length = _scratchLen - _scratchStart;
            }
            else
            {
                start = contentStart;
                length = r - contentStart;
            }
            r++; // closing quote
            if (atEnd)
            {
                AddField(start, length, escaped);
                return true;
            }
            if (after == ',')
            {
                AddField(start, length, escaped);
                r++;
                more = true;
                return true;
            }
            if (after == '\r' && _recStart + r + 1 >= _len) Fill();
            if (after == '\n' || (after == '\r' && _recStart + r + 1 < _len && _buf[_recStart + r + 1] == '\n'))
            {
                AddField(start, length, escaped);
                r += after == '\r' ? 2 : 1;
                _line++;
                return true;
            }
            if (after == '\r' && _recStart + r + 1 >= _len)
            {
                AddField(start, length, escaped);
                r++;
                return true;
            }
            return Broken(r, "text after a closing quote");
        }
    }

    private void AppendScratch(int from, int to)
    {
        var n = to - from;
        if (_scratchLen + n > _scratch.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLen + n));
        _buf.AsSpan(_recStart + from, n).CopyTo(_scratch.AsSpan(_scratchLen));
        _scratchLen += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int start, int length, bool inScratch)
    {
        if (_fieldCount == _fields.Length) Array.Resize(ref _fields, _fieldCount * 2);
        ref var f = ref _fields[_fieldCount++];
        f.Start = start;
        f.Length = length;
        f.InScratch = inScratch;
    }

    /// <summary>
    /// Ends a broken record. If the break is on the record's first line, the whole line is rejected and
    /// reading goes on after it. If an open quote carried the record over line ends, the quote was most
    /// likely unbalanced: only the first line is rejected and reading resyncs at the line after it.
    /// </summary>
    private bool Broken(int r, string error)
    {
        Error = error;
        _fieldCount = 0;
        var firstLineEnd = _buf.AsSpan(_recStart, Math.Min(r, _len - _recStart)).IndexOf((byte)'\n');
        if (firstLineEnd >= 0)
        {
            _recEnd = _recStart + firstLineEnd + 1;
            _pos = _recEnd;
            _line = RecordLine + 1;
            return false;
        }
        // Still on the first line: skip to its end.
        while (true)
        {
            var span = _buf.AsSpan(_recStart + r, _len - _recStart - r);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                r += nl + 1;
                _line = RecordLine + 1;
                break;
            }
            r += span.Length;
            if (r > MaxRecordBytes)
            {
                // A single line of a megabyte: keep its start for the reject and drop the rest.
                _recEnd = _recStart + Math.Min(r, 200);
                _pos = _len;
                DiscardLineRemainder();
                return false;
            }
            if (!Fill()) break;
        }
        _recEnd = _recStart + r;
        _pos = _recEnd;
        return false;
    }

    private void DiscardLineRemainder()
    {
        // Keep the reject's start in the buffer; read on until the line ends.
        while (true)
        {
            _base += _len - _recEnd;
            _len = _recEnd;
            _pos = _len;
            if (!Fill()) return;
            var span = _buf.AsSpan(_pos, _len - _pos);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _pos += nl + 1;
                _line = RecordLine + 1;
                return;
            }
        }
    }

    /// <summary>Skips empty lines between records; false at end of input or at <see cref="StopAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SkipBlankLines()
    {
        while (true)
        {
            if (_base + _pos >= StopAt) return false;
            if (_pos >= _len)
            {
                _recStart = _pos;
                if (!Fill()) return false;
            }
            var c = _buf[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
            }
            else if (c == '\r' && (_pos + 1 < _len ? _buf[_pos + 1] == '\n' : PeekNewlineAfterCr()))
            {
                _pos += 2;
                _line++;
            }
            else return true;
        }
    }

    private bool PeekNewlineAfterCr()
    {
        _recStart = _pos;
        Fill();
        return _pos + 1 < _len && _buf[_pos + 1] == '\n';
    }

    /// <summary>
    /// Moves the current record (from _recStart) to the front of the buffer, grows the buffer if the
    /// record fills it, and reads more bytes. False when nothing more could be read.
    /// </summary>
    private bool Fill()
    {
        if (_eof) return false;
        var keep = _len - _recStart;
        if (_recStart > 0)
        {
            Array.Copy(_buf, _recStart, _buf, 0, keep);
            _base += _recStart;
            _pos -= _recStart;
            _recEnd = Math.Max(0, _recEnd - _recStart);
            _recStart = 0;
            _len = keep;
        }
        if (_buf.Length - _len < 4096) Array.Resize(ref _buf, _buf.Length * 2);
        var n = _source.Read(_buf, _len, _buf.Length - _len);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _len += n;
        return true;
    }
}
