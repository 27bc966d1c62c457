using Guanxi.Data;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Tests.Data;

/// <summary>
/// Our own binary COPY encoder and decoder against a real PostgreSQL server: every value type the model run uses,
/// NULLs, a value larger than the 64 kB buffers, days before PostgreSQL's 2000-01-01 epoch, and an abandoned COPY.
/// </summary>
[ClockIndependent]
public class PgCopyTests
{
    [Fact]
    public async Task Rows_written_with_PgCopyRows_read_back_the_same_through_PgCopyReader_and_PostgreSQL()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var ctx = db.CreateContext();
        await ctx.Database.OpenConnectionAsync();
        var pg = (NpgsqlConnection)ctx.Database.GetDbConnection();
        await Execute(pg, "CREATE TABLE copy_probe (id bigint, n integer, s smallint, f real, d double precision, b bytea, t timestamp, day date)");

        var big = Enumerable.Range(0, 300_000).Select(k => (byte)(k * 7)).ToArray();
        var early = new DateTime(1999, 12, 31, 23, 0, 0); // an hour before the epoch: its day must round down
        using (var copy = PgCopyRows.Begin(pg, "COPY copy_probe (id, n, s, f, d, b, t, day) FROM STDIN (FORMAT BINARY)"))
        {
            copy.StartRow(8);
            copy.Int64(1);
            copy.Int32(-42);
            copy.Int16(short.MinValue);
            copy.Float4(1.5f);
            copy.Float8(-2.25);
            copy.Bytes(big);
            copy.Int64(Microseconds(early));
            copy.Int32(new DateOnly(1987, 6, 5).DayNumber - new DateOnly(2000, 1, 1).DayNumber);
            copy.StartRow(8);
            copy.Int64(2);
            for (int k = 0; k < 7; k++) copy.Null();
            copy.Complete();
        }

        // PostgreSQL itself sees the values as written.
        await using (var check = new NpgsqlCommand("SELECT n, s, f, d, length(b), t, day FROM copy_probe WHERE id = 1", pg))
        await using (var row = await check.ExecuteReaderAsync())
        {
            Assert.True(await row.ReadAsync());
            Assert.Equal(-42, row.GetInt32(0));
            Assert.Equal(short.MinValue, row.GetInt16(1));
            Assert.Equal(1.5f, row.GetFloat(2));
            Assert.Equal(-2.25, row.GetDouble(3));
            Assert.Equal(big.Length, row.GetInt32(4));
            Assert.Equal(early, row.GetDateTime(5));
            Assert.Equal(new DateOnly(1987, 6, 5), row.GetFieldValue<DateOnly>(6));
        }

        using (var read = PgCopyReader.Begin(pg, "COPY (SELECT id, n, s, b, t, day FROM copy_probe ORDER BY id) TO STDOUT (FORMAT BINARY)"))
        {
            Assert.True(read.Read());
            Assert.Equal(1, read.Int64(0));
            Assert.Equal(-42, read.Int32(1));
            Assert.Equal(short.MinValue, read.Int16(2));
            Assert.True(read.Bytes(3).SequenceEqual(big));
            Assert.Equal(new DateOnly(1999, 12, 31).DayNumber, read.TimestampDay(4));
            Assert.Equal(new DateOnly(1987, 6, 5).DayNumber, read.DateDay(5));
            Assert.Throws<InvalidDataException>(() => read.Int32(2)); // a smallint is not read as an integer
            Assert.True(read.Read());
            Assert.Equal(2, read.Int64(0));
            Assert.All(Enumerable.Range(1, 5), field => Assert.True(read.IsNull(field)));
            Assert.Throws<InvalidOperationException>(() => read.Bytes(3).Length);
            Assert.False(read.Read());
            Assert.False(read.Read());
        }

        // A COPY left without Complete (an exception while writing) stores nothing, and the connection stays usable.
        using (var abandoned = PgCopyRows.Begin(pg, "COPY copy_probe (id) FROM STDIN (FORMAT BINARY)"))
        {
            abandoned.StartRow(1);
            abandoned.Int64(3);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM copy_probe", pg);
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    private static long Microseconds(DateTime value) => (value - new DateTime(2000, 1, 1)).Ticks / 10;

    private static async Task Execute(NpgsqlConnection pg, string sql)
    {
        await using var command = new NpgsqlCommand(sql, pg);
        await command.ExecuteNonQueryAsync();
    }
}
