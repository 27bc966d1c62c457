using System.Buffers.Binary;
using Npgsql;

namespace Guanxi.Data.Postgres.Bulk;

/// <summary>
/// Reads the rows of a PostgreSQL <c>COPY (query) TO STDOUT (FORMAT BINARY)</c> from Npgsql's raw copy stream: a
/// row at a time into a buffer, each value then read straight from its big-endian bytes. For the million-row reads
/// of a model run, Npgsql's typed readers spent several times longer per value than the server spent producing it.
/// The counterpart of <see cref="PgCopyRows"/>; the layout is the one the PostgreSQL manual gives for COPY's binary format.
/// The row loop is compiled optimised from its first call: it runs a million times once per process, and tiered
/// compilation left it unoptimised for most of that.
/// </summary>
public sealed class PgCopyReader : IDisposable
{
    private const int HeaderLength = 19; // signature (11), flags (4), header extension length (4)

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private int[] _offsets = new int[16];
    private int[] _lengths = new int[16];
    private int _rowBytes;
    private bool _done;

    private PgCopyReader(NpgsqlRawCopyStream stream) => _stream = stream;

    /// <param name="copySql">A <c>COPY (…) TO STDOUT (FORMAT BINARY)</c> statement.</param>
    public static PgCopyReader Begin(NpgsqlConnection connection, string copySql)
    {
        var reader = new PgCopyReader(connection.BeginRawBinaryCopy(copySql));
        reader.Ensure(HeaderLength);
        int extension = BinaryPrimitives.ReadInt32BigEndian(reader._buffer.AsSpan(reader._start + 15));
        reader._start += HeaderLength;
        reader.Ensure(extension);
        reader._start += extension;
        return reader;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (_done) return false;
        _start += _rowBytes; // past the previous row's values
        _rowBytes = 0;
        Ensure(2);
        short count = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_start));
        if (count == -1)
        {
            _done = true;
            return false;
        }

        _start += 2;
        if (count > _offsets.Length)
        {
            _offsets = new int[count];
            _lengths = new int[count];
        }

        // Find each value's place, reading on until the whole row is in the buffer (offsets are relative to _start).
        int at = 0;
        for (int k = 0; k < count; k++)
        {
            Ensure(at + 4);
            int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + at));
            _offsets[k] = at + 4;
            _lengths[k] = length;
            at += 4 + Math.Max(0, length);
            Ensure(at);
        }

        _rowBytes = at;
        return true;
    }

    public bool IsNull(int field) => _lengths[field] < 0;

    public short Int16(int field) => BinaryPrimitives.ReadInt16BigEndian(Value(field, 2));

    public int Int32(int field) => BinaryPrimitives.ReadInt32BigEndian(Value(field, 4));

    public long Int64(int field) => BinaryPrimitives.ReadInt64BigEndian(Value(field, 8));

    /// <summary>A <c>date</c> as <see cref="DateOnly.DayNumber"/> (<see cref="Models.PostgresDays"/>).</summary>
    public int DateDay(int field) => Models.PostgresDays.DayOfDate(Int32(field));

    /// <summary>The calendar day of a <c>timestamp</c> (UTC for a <c>timestamptz</c>), as <see cref="DateOnly.DayNumber"/> (<see cref="Models.PostgresDays"/>).</summary>
    public int TimestampDay(int field) => Models.PostgresDays.DayOfTimestamp(Int64(field));

    /// <summary>The bytes of a text or bytea value, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int field) => _lengths[field] < 0
        ? throw new InvalidOperationException($"Field {field} is null.")
        : _buffer.AsSpan(_start + _offsets[field], _lengths[field]);

    public void Dispose()
    {
        if (!_done)
        {
            _stream.Cancel();
        }

        _stream.Dispose();
    }

    private ReadOnlySpan<byte> Value(int field, int size) => _lengths[field] == size
        ? _buffer.AsSpan(_start + _offsets[field], size)
        : throw new InvalidDataException($"Field {field} has {_lengths[field]} bytes, expected {size}.");

    /// <summary>Makes the <paramref name="bytes"/> after <c>_start</c> available, reading (and growing the buffer) as needed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Ensure(int bytes)
    {
        if (_end - _start >= bytes) return;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(bytes, _buffer.Length * 2));
        while (_end < bytes)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) throw new InvalidDataException("The COPY data ended inside a row.");
            _end += read;
        }
    }
}
