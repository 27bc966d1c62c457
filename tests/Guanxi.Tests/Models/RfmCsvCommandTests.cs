using Guanxi.Tests.Infrastructure;
using Guanxi.Models;

namespace Guanxi.Tests.Models;

[ClockIndependent] // files with fixed dates; `guanxi rfm` measures recency from the file's last day, never today
public sealed class RfmCsvCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("guanxi-rfm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Worked_example_gives_the_expected_file_byte_for_byte()
    {
        var example = Infrastructure.SharedFolder.Path("bench", "example");
        var outPath = Path.Combine(_folder, "rfm.csv");
        var stderr = new StringWriter();

        int exit = RfmCsvCommand.Run(Path.Combine(example, "orders.csv"), outPath, new StringWriter(), stderr);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(example, "rfm_expected.csv")), File.ReadAllBytes(outPath));
    }

    [Fact]
    public void Dirty_rows_are_skipped_and_reported_with_their_line_numbers()
    {
        string[] lines =
        [
            "\uFEFForder_id,customer_id,ordered_at,amount,channel",
            "1,5,2026-06-30T10:00:00,10.00,web",             // 2 good
            "2,6,2024-13-45T10:00:00,1.00,web",              // 3 bad date
            "3,6,2026-02-30T10:15:00,1.00,web",              // 4 not a calendar day
            "4,6,2025/13/01 10:00,1.00,web",                 // 5 wrong format
            "5,6,,1.00,web",                                 // 6 empty date
            "6,6,2026-06-01T10:00:00,-1.00,web",             // 7 negative
            "7,6,2026-06-01T10:00:00,\"12,50\",web",         // 8 decimal comma (quoted)
            "8,6,2026-06-01T10:00:00,1.005,web",             // 9 three decimals
            "9,6,2026-06-01T10:00:00,1.00,fax",              // 10 unknown channel
            "1,6,2026-06-01T10:00:00,1.00,web",              // 11 repeated order id
            "10,6,2026-06-01T10:00:00,1.00",                 // 12 too few fields
            "11,6,2026-06-01T10:00:00,1.00,web,x",           // 13 too many fields
            "12,6,2026-06-01T10:00:00,1.0\"0,web",           // 14 stray quote
            "x,6,2026-06-01T10:00:00,1.00,web",              // 15 bad order id
            "13,0,2026-06-01T10:00:00,1.00,web",             // 16 bad customer id
            "14,6,2026-06-01T10:00:00,\"2.50\",\"app\"",     // 17 good, quoted
            "15,5,2026-06-29T23:59:59,0.20,store",           // 18 good
            "16,6,2026-06-01T10:00:00,1.00,\"web",           // 19 quote never closed (last line)
        ];
        var input = Path.Combine(_folder, "orders.csv");
        File.WriteAllText(input, string.Join('\n', lines) + "\n");
        var outPath = Path.Combine(_folder, "rfm.csv");
        var stderr = new StringWriter();

        int exit = RfmCsvCommand.Run(input, outPath, new StringWriter(), stderr);

        Assert.Equal(0, exit);
        var reported = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lineNumbers = reported.Where(l => l.StartsWith("line ", StringComparison.Ordinal))
            .Select(l => int.Parse(l[5..l.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19], lineNumbers);
        Assert.Contains("line 11: order_id 1 repeats an earlier row", reported);
        Assert.Contains("line 19: broken quoting (a quote that is never closed)", reported); // the import's reason
        Assert.Contains("15 bad rows skipped", reported);
        Assert.Equal(
            "customer_id,recency_days,frequency,monetary,r,f,m,segment\n"
            + "5,1,2,10.20,3,3,3,Need Attention\n" // N = 2: w = 1 gives 1 + 5 div 2 = 3
            + "6,30,1,2.50,1,1,1,Lost\n",
            File.ReadAllText(outPath));
    }

    [Fact]
    public void Missing_file_or_wrong_header_returns_2_with_a_message()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, RfmCsvCommand.Run(Path.Combine(_folder, "none.csv"), Path.Combine(_folder, "o.csv"), new StringWriter(), stderr));
        Assert.Contains("not found", stderr.ToString(), StringComparison.Ordinal);

        var input = Path.Combine(_folder, "customers.csv");
        File.WriteAllText(input, "customer_id,code,name,phone,email,city,created_at,referred_by\n");
        stderr = new StringWriter();
        Assert.Equal(2, RfmCsvCommand.Run(input, Path.Combine(_folder, "o.csv"), new StringWriter(), stderr));
        Assert.Contains("wrong header", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_ids_are_aggregated_and_sorted_numerically()
    {
        // Ids above the dense ranges take the Dictionary / HashSet paths; output order is numeric, not textual.
        var input = Path.Combine(_folder, "orders.csv");
        File.WriteAllText(input, "order_id,customer_id,ordered_at,amount,channel\n"
            + "9223372036854775807,9223372036854775807,2026-06-30T10:00:00,1.00,web\n"
            + "5000000000,20000000,2026-06-29T10:00:00,2.00,web\n"
            + "5000000001,9,2026-06-28T10:00:00,3.00,web\n"
            + "5000000002,20000000,2026-06-30T10:00:00,2.00,app\n"
            + "5000000000,9,2026-06-30T10:00:00,2.00,app\n");
        var outPath = Path.Combine(_folder, "rfm.csv");
        var stderr = new StringWriter();

        Assert.Equal(0, RfmCsvCommand.Run(input, outPath, new StringWriter(), stderr));

        Assert.Equal("line 6: order_id 5000000000 repeats an earlier row\n1 bad rows skipped\n", stderr.ToString());
        Assert.Equal(
            "customer_id,recency_days,frequency,monetary,r,f,m,segment\n"
            + "9,3,1,3.00,1,1,2,Lost\n"
            + "20000000,1,2,4.00,2,4,4,At Risk\n"
            + "9223372036854775807,1,1,1.00,2,1,1,Hibernating\n",
            File.ReadAllText(outPath));
    }

    [Fact]
    public void Only_the_first_100_bad_rows_are_listed_then_a_count()
    {
        var input = Path.Combine(_folder, "orders.csv");
        var rows = Enumerable.Range(1, 150).Select(i => $"{i},1,2026-06-01T10:00:00,1.00,fax");
        File.WriteAllText(input, "order_id,customer_id,ordered_at,amount,channel\n" + string.Join('\n', rows) + "\n");
        var stderr = new StringWriter();

        // No row is usable: an error, not an empty file that looks like a base without customers.
        Assert.Equal(2, RfmCsvCommand.Run(input, Path.Combine(_folder, "o.csv"), new StringWriter(), stderr));

        var reported = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, reported.Count(l => l.StartsWith("line ", StringComparison.Ordinal)));
        Assert.Contains("150 bad rows skipped", reported);
        Assert.Contains(reported, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains("no usable order row", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_folder, "o.csv")));
    }

    [Fact]
    public void Date_times_are_read_as_the_import_reads_them()
    {
        // The import takes a space for the T (as spreadsheets write it); guanxi rfm must take the same rows.
        var samples = new[]
        {
            "2010-12-01 08:26:00", "2010-12-01T08:26:00", "2024-02-29 23:59:59", "2023-02-29 10:00:00", "2010-12-01 8:26:00",
            "2010-12-01  08:26:0", "2010/12/01 08:26:00", "2010-12-01 24:00:00", "2010-12-01T08:26:00Z", "",
        };
        var input = Path.Combine(_folder, "orders.csv");
        File.WriteAllText(input, "order_id,customer_id,ordered_at,amount,channel\n"
            + string.Concat(samples.Select((at, i) => $"{i + 1},{i + 1},{at},1.00,web\n")));
        var outPath = Path.Combine(_folder, "rfm.csv");
        var stderr = new StringWriter();

        Assert.Equal(0, RfmCsvCommand.Run(input, outPath, new StringWriter(), stderr));

        var accepted = File.ReadAllLines(outPath).Skip(1).Select(l => samples[int.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) - 1]);
        var importAccepts = samples.Where(at => Guanxi.Import.FieldParsers.TryParseDateTime(at.AsSpan(), out _) == Guanxi.Import.FieldParsers.DateError.None);
        Assert.Equal(["2010-12-01 08:26:00", "2010-12-01T08:26:00", "2024-02-29 23:59:59"], importAccepts);
        Assert.Equal(importAccepts, accepted);
    }

    [Fact]
    public void A_quoted_line_break_across_the_middle_of_a_large_file_is_read_as_one_record()
    {
        // Every record spans two lines (a quoted amount starting with a line break, trimmed away), so the line
        // start where the second half would begin lies inside quotes: the halves must not be taken as they are.
        var input = Path.Combine(_folder, "orders.csv");
        long cents = 0;
        using (var writer = new StreamWriter(input))
        {
            writer.Write("order_id,customer_id,ordered_at,amount,channel\n");
            for (int i = 1; i <= 400_000; i++)
            {
                writer.Write($"{i},{(i % 7000) + 1},2026-06-01T10:00:00,\"\n{i % 1000}.25\",web\n");
                cents += ((i % 1000) * 100) + 25;
            }
        }

        var bytes = File.ReadAllBytes(input);
        Assert.True(bytes.Length > 16 << 20);
        int dataStart = Array.IndexOf(bytes, (byte)'\n') + 1;
        int middleLineStart = Array.IndexOf(bytes, (byte)'\n', dataStart + ((bytes.Length - dataStart) / 2)) + 1;
        Assert.True(bytes.AsSpan(dataStart, middleLineStart - dataStart).Count((byte)'"') % 2 == 1, "the test needs the middle line start inside quotes");

        var outPath = Path.Combine(_folder, "rfm.csv");
        var stderr = new StringWriter();
        Assert.Equal(0, RfmCsvCommand.Run(input, outPath, new StringWriter(), stderr));

        Assert.Equal("", stderr.ToString());
        var rows = File.ReadAllLines(outPath).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(7000, rows.Count);
        Assert.Equal(400_000, rows.Sum(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(cents, rows.Sum(r => (long)(decimal.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture) * 100)));
    }

    [Fact]
    public void Large_file_parsed_in_two_halves_equals_the_single_pass_result()
    {
        // Above the parallel threshold (16 MB), with a repeated order id across the halves.
        var input = Path.Combine(_folder, "orders.csv");
        using (var writer = new StreamWriter(input))
        {
            writer.Write("order_id,customer_id,ordered_at,amount,channel\n");
            var random = new Random(3);
            for (int i = 1; i <= 500_000; i++)
            {
                writer.Write($"{i},{random.Next(1, 5000)},2026-0{random.Next(1, 7)}-1{random.Next(0, 10)}T10:00:00,{random.Next(0, 100000) / 100}.{random.Next(0, 100):D2},web\n");
            }

            writer.Write("7,1,2026-06-30T10:00:00,1.00,web\n");
        }

        var outPath = Path.Combine(_folder, "rfm.csv");
        var stderr = new StringWriter();
        Assert.Equal(0, RfmCsvCommand.Run(input, outPath, new StringWriter(), stderr));
        Assert.Equal("line 500002: order_id 7 repeats an earlier row\n1 bad rows skipped\n", stderr.ToString());
        Assert.Equal(4999 + 1, File.ReadAllLines(outPath).Length);
    }
}
