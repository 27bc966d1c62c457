using System.Text;
using Guanxi.Import;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Import;

/// <summary>Dates as shops and spreadsheets export them (issue 17): the forms, the order decided from the file, and --date-format.</summary>
[ClockIndependent]
public sealed class DateFormTests : IDisposable
{
    private const string Header = "order_id,customer_id,ordered_at,amount,channel\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("12/1/2010 8:26", DateOrder.MonthDayYear, "2010-12-01T08:26:00")]
    [InlineData("12/1/2010 8:26", DateOrder.DayMonthYear, "2010-01-12T08:26:00")]
    [InlineData("1.12.2010 08:26:59", DateOrder.DayMonthYear, "2010-12-01T08:26:59")]
    [InlineData("2010/12/1 8:26", DateOrder.MonthDayYear, "2010-12-01T08:26:00")]
    [InlineData("2010-12-1 8:26:05", DateOrder.YearMonthDay, "2010-12-01T08:26:05")]
    [InlineData("2010-12-01T08:26:05", DateOrder.Iso, "2010-12-01T08:26:05")]
    [InlineData("2/29/2028 23:59", DateOrder.MonthDayYear, "2028-02-29T23:59:00")]
    public void A_form_reads_as_its_order_says(string text, DateOrder order, string expected)
    {
        Assert.Equal(FieldParsers.DateError.None, FieldParsers.TryParseDateTime(text.AsSpan(), order, out var value));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        // The same code reads bytes (guanxi rfm, the CSV import) and characters (XLSX cells).
        Assert.Equal(FieldParsers.DateError.None, FieldParsers.TryParseDateTime(Encoding.UTF8.GetBytes(text).AsSpan(), order, out var fromBytes));
        Assert.Equal(value, fromBytes);
    }

    [Theory]
    [InlineData("13/1/2010 8:26", DateOrder.MonthDayYear, "NotReal")]
    [InlineData("2/29/2027 10:00", DateOrder.MonthDayYear, "NotReal")]
    [InlineData("12/1/2010 24:00", DateOrder.MonthDayYear, "NotReal")]
    [InlineData("12/1/10 8:26", DateOrder.MonthDayYear, "Format")]
    [InlineData("12/1/2010 8:6", DateOrder.MonthDayYear, "Format")]
    [InlineData("12/1-2010", DateOrder.MonthDayYear, "Format")]
    [InlineData("12/1/2010 8:26", DateOrder.YearMonthDay, "Format")]
    [InlineData("2010/12/1 8:26", DateOrder.Iso, "Format")]
    public void Other_shapes_are_refused(string text, DateOrder order, string error) =>
        Assert.Equal(error, FieldParsers.TryParseDateTime(text.AsSpan(), order, out _).ToString());

    [Fact]
    public void The_order_is_decided_over_the_whole_column_even_by_a_date_after_the_first_thousand_records()
    {
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 1500; i++) sb.Append(i).Append(",7,1/2/2010 8:26,10.00,web\n");
        sb.Append("1501,7,25/12/2010 10:00,10.00,web\n");
        var path = _files.Write("orders.csv", sb.ToString());

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        var rows = reader.ReadRecords().Select(r => Assert.IsType<OrderImportRow>(r)).ToList();

        Assert.Equal(DateOrder.DayMonthYear, reader.DateOrder);
        Assert.Equal(new DateTime(2010, 2, 1, 8, 26, 0), rows[0].OrderedAt);
        Assert.Equal(new DateTime(2010, 12, 25, 10, 0, 0), rows[^1].OrderedAt);
    }

    [Fact]
    public void Month_first_is_seen_from_a_second_part_above_twelve()
    {
        var path = _files.Write("orders.csv", Header + "1,7,12/1/2010 8:26,10.00,web\n2,7,12/13/2010 9:00,10.00,web\n");

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());

        Assert.Equal(DateOrder.MonthDayYear, reader.DateOrder);
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), Assert.IsType<OrderImportRow>(reader.ReadRecords().First()).OrderedAt);
    }

    [Fact]
    public void Undecidable_or_contradicting_dates_stop_before_any_row_and_name_the_option()
    {
        var ambiguous = _files.Write("ambiguous.csv", Header + "1,7,12/1/2010 8:26,10.00,web\n2,7,3/4/2011 9:00,10.00,web\n");
        var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(ambiguous, ImportKind.Orders, new ImportOptions()));
        Assert.Contains("--date-format M/d/yyyy or --date-format d/M/yyyy", e.Message, StringComparison.Ordinal);

        var mixed = _files.Write("mixed.csv", Header + "1,7,25/1/2010 8:26,10.00,web\n2,7,1/25/2011 9:00,10.00,web\n");
        Assert.Contains("both day-first", Assert.Throws<ImportFileException>(() => ImportReader.Open(mixed, ImportKind.Orders, new ImportOptions())).Message, StringComparison.Ordinal);

        // The option decides; an unknown one is named.
        using var given = ImportReader.Open(ambiguous, ImportKind.Orders, new ImportOptions(DateFormat: "d/M/yyyy H:mm"));
        Assert.Equal(new DateTime(2010, 1, 12, 8, 26, 0), Assert.IsType<OrderImportRow>(given.ReadRecords().First()).OrderedAt);
        Assert.Contains("Unknown --date-format", Assert.Throws<ImportFileException>(
            () => ImportReader.Open(ambiguous, ImportKind.Orders, new ImportOptions(DateFormat: "yy/M/d"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_iso_file_is_read_once_and_a_stray_year_last_date_is_a_reject_that_names_the_option()
    {
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 1200; i++) sb.Append(i).Append(",7,2010-12-01T08:26:00,10.00,web\n");
        sb.Append("1201,7,12/1/2010 8:26,10.00,web\n");
        var path = _files.Write("orders.csv", sb.ToString());

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        var last = Assert.IsType<RejectedRow>(reader.ReadRecords().Last());

        Assert.Equal(DateOrder.Iso, reader.DateOrder);
        Assert.Contains("--date-format", last.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_year_first_slashed_dates_is_read_as_such_and_iso_strays_still_count()
    {
        var path = _files.Write("orders.csv", Header + "1,7,2010/12/1 8:26,10.00,web\n2,7,2010/12/2 9:00:30,10.00,web\n3,7,2010-12-03T10:00:00,10.00,web\n");

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        var rows = reader.ReadRecords().Select(r => Assert.IsType<OrderImportRow>(r).OrderedAt).ToList();

        Assert.Equal(DateOrder.YearMonthDay, reader.DateOrder);
        Assert.Equal([new DateTime(2010, 12, 1, 8, 26, 0), new DateTime(2010, 12, 2, 9, 0, 30), new DateTime(2010, 12, 3, 10, 0, 0)], rows);
    }
}
