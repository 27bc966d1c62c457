using System.Diagnostics;
using Guanxi.Data.Sqlite.Bulk;
using Microsoft.Data.Sqlite;

namespace Guanxi.Bench;

/// <summary>
/// How fast SQLite alone hands over a model run's order columns through <see cref="SqliteStatement"/>: the first
/// half of the orders on one thread, then all of them in two rowid halves on two threads (no builder behind it).
/// The floor under the "orders" phase of `guanxi models run`.
/// </summary>
internal static class OrderScanProbe
{
    private const string Sql =
        "SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders WHERE id >= ?1 AND id < ?2";

    public static int Run(string databaseFile)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly }.ToString();
        long max;
        using (var db = new SqliteConnection(connection))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT coalesce(max(id), 0) FROM orders";
            max = (long)command.ExecuteScalar()!;
        }

        long half = (max / 2) + 1;
        for (int round = 1; round <= 3; round++)
        {
            var clock = Stopwatch.StartNew();
            long rows = Scan(connection, 1, half);
            Console.WriteLine($"round {round}: one thread, {rows:N0} orders in {clock.Elapsed.TotalSeconds:F2} s");
            clock.Restart();
            long[] counts = new long[2];
            Parallel.Invoke(() => counts[0] = Scan(connection, 1, half), () => counts[1] = Scan(connection, half, max + 1));
            Console.WriteLine($"round {round}: two threads, {counts.Sum():N0} orders in {clock.Elapsed.TotalSeconds:F2} s");
        }

        return 0;
    }

    private static long Scan(string connection, long from, long to)
    {
        using var db = new SqliteConnection(connection);
        db.Open();
        using var rows = SqliteStatement.Prepare(db, Sql);
        rows.Bind(1, from);
        rows.Bind(2, to);
        long count = 0;
        long checksum = 0;
        while (rows.Step())
        {
            count++;
            checksum += rows.Int64(0) + rows.Int64(2) + rows.DayNumber(1) + rows.Utf8(3).Length
                + (rows.IsNull(4) ? 0 : rows.DayNumber(4)) + (rows.IsNull(5) ? 0 : rows.DayNumber(5));
        }

        GC.KeepAlive(checksum);
        return count;
    }
}
