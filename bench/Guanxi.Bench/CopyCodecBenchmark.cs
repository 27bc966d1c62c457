using System.Diagnostics;
using Guanxi.Data.Models;
using Guanxi.Data.Postgres.Bulk;
using Npgsql;
using NpgsqlTypes;

namespace Guanxi.Bench;

/// <summary>
/// The hand-written PostgreSQL binary COPY codec (<see cref="PgCopyRows"/>, <see cref="PgCopyReader"/>) against Npgsql's
/// own typed API (<c>BeginBinaryImport</c>, <c>BeginBinaryExport</c>) on the same rows, in the shapes a model run moves:
/// orders (6 columns, read by the order scan; also written, as an import would) and model results (48 small numbers
/// per row, written by the result store). Needs a migrated Guanxi database (model_results must exist). Each round
/// prints wall and client CPU seconds per variant; both readers must see the same checksum.
/// </summary>
internal static class CopyCodecBenchmark
{
    private static readonly string[] Channels = ["Online", "Store", "WeChat", "Phone", "Partner"];

    public static int Run(string connectionString, int rows, int rounds)
    {
        using var pg = new NpgsqlConnection(connectionString);
        pg.Open();
        Execute(pg, """
            DROP TABLE IF EXISTS copy_bench_orders;
            CREATE TABLE copy_bench_orders (customer_id bigint, ordered_at timestamp, amount_cents bigint, channel text, invoice_due_date date, paid_date date);
            """);
        var orders = Orders.Make(rows);
        var results = Results.Make(pg, rows);
        Console.WriteLine($"rows: {rows:N0}; result columns: {results.Types.Length}; client: {Environment.ProcessorCount} cores");
        for (int round = 1; round <= rounds; round++)
        {
            Execute(pg, "TRUNCATE copy_bench_orders");
            Report(round, "orders write, hand-written (PgCopyRows)", () => orders.WriteHand(pg));
            Execute(pg, "TRUNCATE copy_bench_orders");
            Report(round, "orders write, Npgsql BeginBinaryImport", () => orders.WriteNpgsql(pg));
            Execute(pg, "VACUUM ANALYZE copy_bench_orders");
            long hand = 0, npgsql = 0;
            Report(round, "orders read, hand-written (PgCopyReader)", () => hand = Orders.ReadHand(pg));
            Report(round, "orders read, Npgsql BeginBinaryExport", () => npgsql = Orders.ReadNpgsql(pg));
            if (hand != npgsql) throw new InvalidOperationException($"The readers disagree: {hand} against {npgsql}.");
            Execute(pg, "TRUNCATE model_results");
            Report(round, "model results write, hand-written (PgCopyRows)", () => results.WriteHand(pg));
            Execute(pg, "TRUNCATE model_results");
            Report(round, "model results write, Npgsql BeginBinaryImport", () => results.WriteNpgsql(pg));
        }

        Execute(pg, "DROP TABLE copy_bench_orders; TRUNCATE model_results");
        return 0;
    }

    private static void Report(int round, string what, Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        double wall = clock.Elapsed.TotalSeconds;
        double used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"round {round} | {what} | wall {wall:F2} s | client CPU {used:F2} s");
    }

    private static void Execute(NpgsqlConnection pg, string sql)
    {
        using var command = new NpgsqlCommand(sql, pg) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    /// <summary>Orders as the generator makes them: a timestamp, cents, one of five channels, a due and a paid day on some.</summary>
    private sealed class Orders
    {
        private const string Columns = "customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date";

        private static readonly DateTime Epoch = new(2000, 1, 1);

        private long[] _customer = [];
        private long[] _microseconds = [];
        private long[] _cents = [];
        private int[] _channel = [];
        private int[] _dueDay = []; // PostgreSQL days from 2000-01-01; int.MinValue for NULL
        private int[] _paidDay = [];

        public static Orders Make(int rows)
        {
            var random = new Random(42);
            var o = new Orders
            {
                _customer = new long[rows], _microseconds = new long[rows], _cents = new long[rows],
                _channel = new int[rows], _dueDay = new int[rows], _paidDay = new int[rows],
            };
            for (int i = 0; i < rows; i++)
            {
                o._customer[i] = random.NextInt64(1, rows / 10 + 2);
                o._microseconds[i] = random.NextInt64(7_000L * 86_400_000_000, 9_800L * 86_400_000_000);
                o._cents[i] = random.NextInt64(100, 5_000_000);
                o._channel[i] = random.Next(Channels.Length);
                int day = (int)(o._microseconds[i] / 86_400_000_000);
                o._dueDay[i] = random.Next(5) == 0 ? day + 30 : int.MinValue;
                o._paidDay[i] = o._dueDay[i] != int.MinValue && random.Next(3) > 0 ? day + random.Next(60) : int.MinValue;
            }

            return o;
        }

        public void WriteHand(NpgsqlConnection pg)
        {
            var utf8 = Channels.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
            using var copy = PgCopyRows.Begin(pg, $"COPY copy_bench_orders ({Columns}) FROM STDIN (FORMAT BINARY)");
            for (int i = 0; i < _customer.Length; i++)
            {
                copy.StartRow(6);
                copy.Int64(_customer[i]);
                copy.Int64(_microseconds[i]);
                copy.Int64(_cents[i]);
                copy.Bytes(utf8[_channel[i]]);
                if (_dueDay[i] == int.MinValue) copy.Null();
                else copy.Int32(_dueDay[i]);
                if (_paidDay[i] == int.MinValue) copy.Null();
                else copy.Int32(_paidDay[i]);
            }

            copy.Complete();
        }

        public void WriteNpgsql(NpgsqlConnection pg)
        {
            using var copy = pg.BeginBinaryImport($"COPY copy_bench_orders ({Columns}) FROM STDIN (FORMAT BINARY)");
            for (int i = 0; i < _customer.Length; i++)
            {
                copy.StartRow();
                copy.Write(_customer[i], NpgsqlDbType.Bigint);
                copy.Write(Epoch.AddTicks(_microseconds[i] * 10), NpgsqlDbType.Timestamp);
                copy.Write(_cents[i], NpgsqlDbType.Bigint);
                copy.Write(Channels[_channel[i]], NpgsqlDbType.Text);
                if (_dueDay[i] == int.MinValue) copy.WriteNull();
                else copy.Write(DateOnly.FromDayNumber(EpochDay + _dueDay[i]), NpgsqlDbType.Date);
                if (_paidDay[i] == int.MinValue) copy.WriteNull();
                else copy.Write(DateOnly.FromDayNumber(EpochDay + _paidDay[i]), NpgsqlDbType.Date);
            }

            copy.Complete();
        }

        /// <summary>What the order scan decodes per row (customer, day, cents, channel, due and paid day), summed into a checksum.</summary>
        public static long ReadHand(NpgsqlConnection pg)
        {
            long sum = 0;
            var channels = new Guanxi.Domain.Text.Utf8Texts<string>(text => text);
            using var copy = PgCopyReader.Begin(pg, $"COPY (SELECT {Columns} FROM copy_bench_orders) TO STDOUT (FORMAT BINARY)");
            while (copy.Read())
            {
                sum += copy.Int64(0) + copy.TimestampDay(1) + copy.Int64(2) + channels.Get(copy.Bytes(3)).Length
                    + (copy.IsNull(4) ? 0 : copy.DateDay(4)) + (copy.IsNull(5) ? 0 : copy.DateDay(5));
            }

            return sum;
        }

        public static long ReadNpgsql(NpgsqlConnection pg)
        {
            long sum = 0;
            using var copy = pg.BeginBinaryExport($"COPY (SELECT {Columns} FROM copy_bench_orders) TO STDOUT (FORMAT BINARY)");
            while (copy.StartRow() != -1)
            {
                sum += copy.Read<long>(NpgsqlDbType.Bigint);
                sum += DateOnly.FromDateTime(copy.Read<DateTime>(NpgsqlDbType.Timestamp)).DayNumber;
                sum += copy.Read<long>(NpgsqlDbType.Bigint);
                sum += copy.Read<string>(NpgsqlDbType.Text).Length;
                sum += copy.IsNull ? Skip(copy) : copy.Read<DateOnly>(NpgsqlDbType.Date).DayNumber;
                sum += copy.IsNull ? Skip(copy) : copy.Read<DateOnly>(NpgsqlDbType.Date).DayNumber;
            }

            return sum;
        }

        private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

        private static int Skip(NpgsqlBinaryExporter copy)
        {
            copy.Skip();
            return 0;
        }
    }

    /// <summary>Rows in model_results' own columns and types (<see cref="ModelResultStore.Columns"/>), NULL where a run writes NULL often.</summary>
    private sealed class Results
    {
        public string[] Types { get; private init; } = [];

        private long[][] _values = [];

        public static Results Make(NpgsqlConnection pg, int rows)
        {
            var columns = ModelResultStore.Columns.Select(column =>
            {
                using var command = new NpgsqlCommand(
                    "SELECT data_type, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = 'model_results' AND column_name = @c", pg);
                command.Parameters.AddWithValue("c", column);
                using var row = command.ExecuteReader();
                if (!row.Read()) throw new InvalidOperationException($"model_results has no column {column}: migrate first.");
                return (Type: row.GetString(0), Nullable: row.GetBoolean(1));
            }).ToArray();
            var random = new Random(7);
            var values = columns.Select((column, k) => Enumerable.Range(0, rows)
                .Select(i => k == 0 ? 1L : k == 1 ? i + 1L : column.Nullable && random.Next(9) == 0 ? long.MinValue : random.Next(1, 6)).ToArray()).ToArray();
            return new Results { Types = columns.Select(c => c.Type).ToArray(), _values = values };
        }

        public void WriteHand(NpgsqlConnection pg)
        {
            using var copy = PgCopyRows.Begin(pg, $"COPY model_results ({string.Join(", ", ModelResultStore.Columns)}) FROM STDIN (FORMAT BINARY)");
            short fields = (short)Types.Length;
            int rows = _values[0].Length;
            for (int i = 0; i < rows; i++)
            {
                copy.StartRow(fields);
                for (int k = 0; k < fields; k++)
                {
                    long v = _values[k][i];
                    if (v == long.MinValue)
                    {
                        copy.Null();
                        continue;
                    }

                    switch (Types[k])
                    {
                        case "smallint": copy.Int16((short)v); break;
                        case "integer": copy.Int32((int)v); break;
                        case "bigint": copy.Int64(v); break;
                        case "real": copy.Float4(v / 8f); break;
                        default: copy.Float8(v / 8d); break;
                    }
                }
            }

            copy.Complete();
        }

        public void WriteNpgsql(NpgsqlConnection pg)
        {
            using var copy = pg.BeginBinaryImport($"COPY model_results ({string.Join(", ", ModelResultStore.Columns)}) FROM STDIN (FORMAT BINARY)");
            int fields = Types.Length;
            int rows = _values[0].Length;
            for (int i = 0; i < rows; i++)
            {
                copy.StartRow();
                for (int k = 0; k < fields; k++)
                {
                    long v = _values[k][i];
                    if (v == long.MinValue)
                    {
                        copy.WriteNull();
                        continue;
                    }

                    switch (Types[k])
                    {
                        case "smallint": copy.Write((short)v, NpgsqlDbType.Smallint); break;
                        case "integer": copy.Write((int)v, NpgsqlDbType.Integer); break;
                        case "bigint": copy.Write(v, NpgsqlDbType.Bigint); break;
                        case "real": copy.Write(v / 8f, NpgsqlDbType.Real); break;
                        default: copy.Write(v / 8d, NpgsqlDbType.Double); break;
                    }
                }
            }

            copy.Complete();
        }
    }
}
