using System.Runtime.CompilerServices;
using System.Buffers;

namespace Guanxi.Import;

/// <summary>The fields of the record being read, whether it came from CSV or a sheet.</summary>
internal interface IFieldSource
{
    int FieldCount { get; }
    ReadOnlySpan<char> Field(int index);
    string RawText();
}

internal enum CsvReadResult
{
    End,
    Record,
    Broken,
}

/// <summary>
/// A strict RFC 4180 tokenizer over a decoded char stream. The current record is kept contiguous in one
/// buffer (compacted on refill), so unquoted fields and quoted fields without "" are slices of it and
/// no field costs an allocation; only fields with escaped quotes are copied into a scratch buffer.
/// </summary>
internal sealed class CsvRecordReader : IFieldSource
{
    /// <summary>
    /// A record longer than this is treated as broken: a quote that is never closed would otherwise pull
    /// the rest of the file into memory. Well above the longest field (body, 20,000 characters).
    /// </summary>
    internal const int MaxRecordChars = 1 << 20;

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\n\"");

    private readonly TextReader _reader;
    private char[] _buf = new char[1 << 16];
    private int _len;
    private int _pos;
    private bool _eof;
    private long _line = 1;

    private int _recStart;
    private int _recEnd;
    private int _fieldCount;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool[] _inScratch = new bool[16];
    private char[] _scratch = new char[256];
    private int _scratchLen;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Physical line (1-based) where the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Why the current record is broken, when <see cref="Next"/> returned <see cref="CsvReadResult.Broken"/>.</summary>
    public string? Error { get; private set; }

    public int FieldCount => _fieldCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Field(int index) => _inScratch[index]
        ? _scratch.AsSpan(_starts[index], _lengths[index])
        : _buf.AsSpan(_recStart + _starts[index], _lengths[index]);

    /// <summary>The record's text without its final line break.</summary>
    public string RawText()
    {
        var raw = _buf.AsSpan(_recStart, _recEnd - _recStart);
        if (raw.EndsWith("\n")) raw = raw[..^1];
        if (raw.EndsWith("\r")) raw = raw[..^1];
        return new string(raw);
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
        var r = 0; // offset from _recStart: stays valid when the buffer is compacted
        while (true)
        {
            if (_recStart + r >= _len && !Fill())
            {
                AddField(r, 0, false); // "a,b," at end of file: an empty last field
                return Finish(r);
            }
            // Many short fields on one endless line must not grow the buffer without bound either.
            if (r > MaxRecordChars)
            {
                Broken(r, "the record is longer than 1,048,576 characters");
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
                if (r > MaxRecordChars) return Broken(r, "the record is longer than 1,048,576 characters");
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
            var q = span.IndexOf('"');
            if (q < 0)
            {
                _line += span.Count('\n');
                r += span.Length;
                if (r > MaxRecordChars) return Broken(r, "a quote that is never closed");
                if (Fill()) continue;
                return Broken(r, "a quote that is never closed");
            }
            _line += span[..q].Count('\n');
            r += q;
            if (_recStart + r + 1 >= _len) Fill();
            var after = _recStart + r + 1 < _len ? _buf[_recStart + r + 1] : '\0';
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
                if (r > MaxRecordChars) return Broken(r, "a quote that is never closed");
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

    private int _scratchStart;

    private void AppendScratch(int from, int to)
    {
        var n = to - from;
        if (_scratchLen + n > _scratch.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLen + n));
        _buf.AsSpan(_recStart + from, n).CopyTo(_scratch.AsSpan(_scratchLen));
        _scratchLen += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddField(int start, int length, bool inScratch)
    {
        if (_fieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _fieldCount * 2);
            Array.Resize(ref _lengths, _fieldCount * 2);
            Array.Resize(ref _inScratch, _fieldCount * 2);
        }
        _starts[_fieldCount] = start;
        _lengths[_fieldCount] = length;
        _inScratch[_fieldCount] = inScratch;
        _fieldCount++;
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
        var firstLineEnd = _buf.AsSpan(_recStart, Math.Min(r, _len - _recStart)).IndexOf('\n');
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
            var nl = span.IndexOf('\n');
            if (nl >= 0)
            {
                r += nl + 1;
                _line = RecordLine + 1;
                break;
            }
            r += span.Length;
            if (r > MaxRecordChars)
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
            _len = _recEnd;
            _pos = _len;
            if (!Fill()) return;
            var span = _buf.AsSpan(_pos, _len - _pos);
            var nl = span.IndexOf('\n');
            if (nl >= 0)
            {
                _pos += nl + 1;
                _line = RecordLine + 1;
                return;
            }
        }
    }

    /// <summary>Skips empty lines between records; false at end of input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SkipBlankLines()
    {
        while (true)
        {
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
    /// record fills it, and reads more characters. False when nothing more could be read.
    /// </summary>
    private bool Fill()
    {
        if (_eof) return false;
        var keep = _len - _recStart;
        if (_recStart > 0)
        {
            Array.Copy(_buf, _recStart, _buf, 0, keep);
            _pos -= _recStart;
            _recEnd = Math.Max(0, _recEnd - _recStart);
            _recStart = 0;
            _len = keep;
        }
        if (_len == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
        var n = _reader.Read(_buf, _len, _buf.Length - _len);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _len += n;
        return true;
    }
}
