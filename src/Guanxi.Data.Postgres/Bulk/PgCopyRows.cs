using System.Buffers.Binary;
using Npgsql;

namespace Guanxi.Data.Postgres.Bulk;

/// <summary>
/// Rows for a PostgreSQL <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoded here and sent through Npgsql's raw copy
/// stream. For a million result rows of 48 small numbers, Npgsql's typed importer spent more time resolving a
/// converter per value than the server spent storing the row; this writes each value's four length bytes and its
/// big-endian bytes straight into a buffer (the layout the PostgreSQL manual gives for COPY's binary format).
/// </summary>
public sealed class PgCopyRows : IDisposable
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;
    private bool _completed;

    private PgCopyRows(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Header.CopyTo(_buffer, 0);
        _used = Header.Length;
    }

    /// <param name="copySql">A <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public static PgCopyRows Begin(NpgsqlConnection connection, string copySql) => new(connection.BeginRawBinaryCopy(copySql));

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void Int16(short value)
    {
        var span = Reserve(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
    }

    public void Int32(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void Int64(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void Float4(float value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteSingleBigEndian(span[4..], value);
    }

    public void Float8(double value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[4..], value);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value.Length);
        while (!value.IsEmpty)
        {
            if (_used == _buffer.Length) Flush();
            int n = Math.Min(value.Length, _buffer.Length - _used);
            value[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            value = value[n..];
        }
    }

    /// <summary>Sends the trailer and ends the COPY; without it, disposing cancels the COPY and nothing is stored.</summary>
    public void Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        Flush();
        _completed = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _stream.Cancel();
            _stream.Dispose();
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length) Flush();
        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        return span;
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
