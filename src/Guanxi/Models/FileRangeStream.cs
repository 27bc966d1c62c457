using Microsoft.Win32.SafeHandles;

namespace Guanxi.Models;

/// <summary>
/// A read-only stream over [start, end) of an open file, by positional reads: two halves of one file are read at
/// once through one handle, each by its own reader.
/// </summary>
internal sealed class FileRangeStream : Stream
{
    private readonly SafeFileHandle _file;
    private readonly long _start;
    private readonly long _end;
    private long _position;

    public FileRangeStream(SafeFileHandle file, long start, long end)
    {
        _file = file;
        _start = start;
        _end = end;
        _position = start;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _end - _start;

    public override long Position
    {
        get => _position - _start;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int wanted = (int)Math.Min(buffer.Length, _end - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        int read = RandomAccess.Read(_file, buffer[..wanted], _position);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
