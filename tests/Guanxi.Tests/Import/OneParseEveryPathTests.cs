using System.Globalization;
using System.Text;
using Guanxi.Import;
using Guanxi.Models;

namespace Guanxi.Tests.Import;

/// <summary>
/// The import and <c>guanxi rfm</c> read the same orders file alike: the same rows accepted, the same rows rejected
/// (on the same lines), the same day and the same cents for each accepted row. Each row below marks a case where
/// the two paths once disagreed (decision 0014). A workbook with the same cell texts is read alike by the import.
/// </summary>
public sealed class OneParseEveryPathTests : IDisposable
{
    private const string Header = "order_id,customer_id,ordered_at,amount,channel\n";

    // The latest order of the file, so that rfm's recency gives back each row's day.
    private const string Anchor = "1,1,2027-01-01T00:00:00,1.00,web\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Each case is the tail of a row after "order_id,customer_id," (customer = order id, one customer per row).
    public static TheoryData<string, bool> Cases => new()
    {
        { "2026-06-01T10:00:00,189.00,web", true },
        { "2026-06-01 10:00:00,189.00,web", true },              // a space for the T
        { "2026-06-01T10:00:00, 189.00 ,web", true },           // padded amount: the import trimmed, rfm rejected
        { "\t2026-06-01T10:00:00,5.5,web", true },              // padded date-time, tab
        { "2026-06-01T10:00:00,\u3000189.00,web", true },       // ideographic space (UTF-8 bytes on the rfm path)
        { "2026-06-01T10:00:00,00012.50,web", true },           // leading zeros
        { "2026-06-01T10:00:00,9999999.99,web", true },
        { "2026-06-01T10:00:00,1.00,Web", true },               // letter case: the import took it, rfm rejected
        { "2026-06-01T10:00:00,1.00, STORE ", true },
        { "2026-06-01T10:00:00,1.00,门店", true },               // Chinese channel names: idem
        { "2026-06-01T10:00:00,1.00,线上", true },
        { "2026-06-01T10:00:00,\"2.50\",\"app\"", true },       // quoted fields
        { "2026-06-01T10:00:00,\" 2.50\",phone", true },        // padded inside the quotes
        { "2026-06-01T10:00:00,-1.234,web", false },            // negative (the import said "not a plain decimal")
        { "2026-06-01T10:00:00,-1.00,web", false },
        { "2026-06-01T10:00:00,--1,web", false },
        { "2026-06-01T10:00:00,1.005,web", false },
        { "2026-06-01T10:00:00,10000000,web", false },
        { "2026-06-01T10:00:00,1.,web", false },
        { "2026-06-01T10:00:00,.5,web", false },
        { "2026-06-01T10:00:00,\"12,50\",web", false },         // decimal comma
        { "2026-06-01T10:00:00,1 000.00,web", false },
        { "2026-02-29T10:00:00,1.00,web", false },              // not a calendar day
        { "2026-06-01T10:00,1.00,web", false },
        { "2026-06-01T10:00:00Z,1.00,web", false },
        { "2026-06-01T10:00:00,1.00,fax", false },
        { "2026-06-01T10:00:00,1.00,", false },
        { "2026-06-01T10:00:00,1.00", false },                  // too few fields
        { "2026-06-01T10:00:00,1.00,web,x", false },            // too many fields
        { "2026-06-01T10:00:00,1.0\"0,web", false },            // stray quote
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_row_is_read_alike_by_the_import_and_by_guanxi_rfm(string tail, bool accepted)
    {
        var path = _files.Write("orders.csv", Header + Anchor + "2,2," + tail + "\n");

        var (import, rfm) = (ReadWithImport(path), ReadWithRfm(path));

        Assert.Equal(import, rfm);
        Assert.Equal(accepted, import.ContainsKey(3) && import[3] is not null);

        // A workbook holding the same texts in its cells reads alike too (cases that are about CSV quoting or
        // field counts have no workbook form).
        var cells = tail.Split(',');
        if (cells.Length == 3 && !tail.Contains('"', StringComparison.Ordinal))
        {
            Assert.Equal(import, ReadWorkbook(["1", "1", "2027-01-01T00:00:00", "1.00", "web"], ["2", "2", .. cells]));
        }
    }

    private SortedDictionary<long, (int Day, long Cents)?> ReadWorkbook(params string[][] rows)
    {
        var path = _files.Path("orders.xlsx");
        var columns = Header.TrimEnd('\n').Split(',');
        MiniExcelLibs.MiniExcel.SaveAs(path, rows.Select(r => columns.Zip(r).ToDictionary(p => p.First, p => (object?)p.Second)).ToList(), overwriteFile: true);
        return ReadWithImport(path);
    }

    [Fact]
    public void A_whole_file_is_read_alike_blank_lines_and_broken_quotes_included()
    {
        var sb = new StringBuilder(Header).Append(Anchor);
        var id = 2;
        foreach (var tail in Cases.Select(c => (string)c[0]))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{id},{id},{tail}\n");
            id++;
        }

        // A blank line is no row (rfm reported it as a bad row); an unbalanced quote costs its own line only,
        // the next row is read (rfm lost every row up to the next quote).
        sb.Append("\n\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"{id},{id},2026-06-02T10:00:00,\"3.00,web\n");
        id++;
        sb.Append(CultureInfo.InvariantCulture, $"{id},{id},2026-06-03T10:00:00,4.00,web\n");
        id++;
        sb.Append(CultureInfo.InvariantCulture, $"{id},{id},2026-06-04T10:00:00,\"5.00\",web\n");
        id++;
        sb.Append(CultureInfo.InvariantCulture, $"{id},{id},2026-06-05T10:00:00,\"6.00,web\n");
        id++;
        sb.Append(CultureInfo.InvariantCulture, $"{id},{id},2026-06-06T10:00:00,7.00,web"); // no final line break
        var path = _files.Write("orders.csv", sb.ToString());

        var import = ReadWithImport(path);
        var rfm = ReadWithRfm(path);

        Assert.Equal(import, rfm);
        var last = import.Keys.Max();
        Assert.Equal(Cases.Count() + 2 + 2 + 5, last); // header, anchor, the cases, two blank lines, five rows
        Assert.Null(import[last - 4]);    // an unbalanced quote
        Assert.NotNull(import[last - 3]); // the row after it
        Assert.NotNull(import[last - 2]);
        Assert.Null(import[last - 1]);    // a quote never closed
        Assert.NotNull(import[last]);     // the last row, after it
    }

    [Theory]
    [InlineData("-1.234", "is negative")]   // the import said "not a plain decimal", rfm "negative"
    [InlineData("-99999999", "is negative")]
    [InlineData("--1", "is not a plain decimal")]
    [InlineData("1.005", "has more than 2 decimals")]
    [InlineData("10000000", "is not below 10,000,000")]
    public void An_amount_is_rejected_for_the_same_reason_on_both_paths(string amount, string reason)
    {
        var path = _files.Write("orders.csv", Header + Anchor + "2,2,2026-06-01T10:00:00," + amount + ",web\n");
        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        var stderr = new StringWriter();

        var rejected = Assert.IsType<RejectedRow>(reader.ReadRecords().Last());
        RfmCsvCommand.Run(path, _files.Path("rfm.csv"), new StringWriter(), stderr);

        Assert.Equal($"amount: \"{amount}\" {reason}", rejected.Reason.Split(" (", 2)[0]);
        Assert.Contains($"line 3: amount {reason}", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Line → (day number, cents) of an accepted row, or null for a rejected one.</summary>
    private static SortedDictionary<long, (int Day, long Cents)?> ReadWithImport(string path)
    {
        var rows = new SortedDictionary<long, (int, long)?>();
        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        foreach (var record in reader.ReadRecords())
        {
            rows[record.Line] = record is OrderImportRow order ? (DateOnly.FromDateTime(order.OrderedAt).DayNumber, order.AmountCents) : null;
        }

        return rows;
    }

    /// <summary>The same from <c>guanxi rfm</c>: every row is its own customer, so each output line is one row.</summary>
    private SortedDictionary<long, (int Day, long Cents)?> ReadWithRfm(string path)
    {
        var outPath = _files.Path("rfm.csv");
        var stderr = new StringWriter();
        RfmCsvCommand.Run(path, outPath, new StringWriter(), stderr);
        var rows = new SortedDictionary<long, (int, long)?>();
        foreach (var line in stderr.ToString().Split('\n').Where(l => l.StartsWith("line ", StringComparison.Ordinal)))
        {
            rows[long.Parse(line[5..line.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture)] = null;
        }

        // The anchor (customer 1, line 2) is the latest day: recency 1 on it.
        var anchorDay = new DateOnly(2027, 1, 1).DayNumber;
        var lineOfCustomer = LineOfEachCustomer(path);
        foreach (var line in File.ReadAllLines(outPath).Skip(1))
        {
            var f = line.Split(',');
            var customer = long.Parse(f[0], CultureInfo.InvariantCulture);
            var day = anchorDay + 1 - int.Parse(f[1], CultureInfo.InvariantCulture);
            var cents = (long)decimal.Multiply(decimal.Parse(f[3], CultureInfo.InvariantCulture), 100);
            rows[lineOfCustomer[customer]] = (day, cents);
        }

        return rows;
    }

    // Customer ids lead each row: id N is on the line whose text starts with "N,N,".
    private static Dictionary<long, long> LineOfEachCustomer(string path)
    {
        var map = new Dictionary<long, long>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            var comma = lines[i].IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && long.TryParse(lines[i][..comma], CultureInfo.InvariantCulture, out var id) && lines[i].StartsWith($"{id},{id},", StringComparison.Ordinal))
            {
                map.TryAdd(id, i + 1);
            }
        }

        return map;
    }
}
