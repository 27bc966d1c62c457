using Guanxi.Tests.Infrastructure;
using Guanxi.Import;
using MiniExcelLibs;

namespace Guanxi.Tests.Import;

[ClockIndependent]
public sealed class ImportReaderXlsxTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Xlsx_with_typed_cells_is_read_as_canonical_text()
    {
        var path = _files.Path("orders.xlsx");
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["订单号"] = 1L, ["客户编号"] = 42, ["下单时间"] = new DateTime(2025, 5, 5, 10, 11, 12), ["金额"] = 52.69, ["渠道"] = "门店", ["付款日期"] = new DateTime(2025, 5, 6) },
            new() { ["订单号"] = 2L, ["客户编号"] = 42, ["下单时间"] = "2025-05-05 10:11:12", ["金额"] = 189m, ["渠道"] = "web", ["付款日期"] = null },
            new() { ["订单号"] = 3L, ["客户编号"] = 42, ["下单时间"] = "yesterday", ["金额"] = 1.0, ["渠道"] = "web", ["付款日期"] = null },
        };
        MiniExcel.SaveAs(path, rows);

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        Assert.Equal("xlsx", reader.EncodingName);
        Assert.Equal("order_id", reader.ColumnMap["订单号"]);
        var records = reader.ReadRecords().ToList();

        var first = Assert.IsType<OrderImportRow>(records[0]);
        Assert.Equal(2, first.Line);
        Assert.Equal("1", first.OrderNumber);
        Assert.Equal("42", first.CustomerRef);
        Assert.Equal(new DateTime(2025, 5, 5, 10, 11, 12), first.OrderedAt);
        Assert.Equal(5269, first.AmountCents);
        Assert.Equal("store", first.Channel);
        Assert.Equal(new DateOnly(2025, 5, 6), first.PaidDate);
        Assert.Equal(18900, Assert.IsType<OrderImportRow>(records[1]).AmountCents);
        var reject = Assert.IsType<RejectedRow>(records[2]);
        Assert.Equal(4, reject.Line);
        Assert.StartsWith("ordered_at: \"yesterday\"", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Spreadsheet_computed_money_is_the_two_decimal_value_it_shows()
    {
        // 0.1 * 3 * 233.5 and friends: what a spreadsheet's formulas leave in the cells, shown as 70.05 and 0.30.
        var path = _files.Path("computed.xlsx");
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["order_id"] = 1L, ["customer_id"] = 42, ["ordered_at"] = "2025-05-05T10:11:12", ["amount"] = 70.05000000000001, ["channel"] = "web" },
            new() { ["order_id"] = 2L, ["customer_id"] = 42, ["ordered_at"] = "2025-05-05T10:11:12", ["amount"] = 0.1 + 0.2, ["channel"] = "web" },
            new() { ["order_id"] = 3L, ["customer_id"] = 42, ["ordered_at"] = "2025-05-05T10:11:12", ["amount"] = 2042.761, ["channel"] = "web" },
        };
        MiniExcel.SaveAs(path, rows);

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());
        var records = reader.ReadRecords().ToList();

        Assert.Equal(7005, Assert.IsType<OrderImportRow>(records[0]).AmountCents);
        Assert.Equal(30, Assert.IsType<OrderImportRow>(records[1]).AmountCents);
        // A real sub-cent amount is not within 1e-9 of a two-decimal value: still three decimals, still refused.
        Assert.StartsWith("amount: \"2042.761\" has more than 2 decimals", Assert.IsType<RejectedRow>(records[2]).Reason, StringComparison.Ordinal);
        Assert.Contains("--round-cents", ((RejectedRow)records[2]).Reason, StringComparison.Ordinal);
        Assert.Equal(0, reader.RoundedAmounts);

        // With --round-cents the real sub-cent total goes in rounded (half away from zero) and is counted.
        using var rounding = ImportReader.Open(path, ImportKind.Orders, new ImportOptions(RoundCents: true));
        var rounded = rounding.ReadRecords().Select(r => Assert.IsType<OrderImportRow>(r).AmountCents).ToList();
        Assert.Equal([7005L, 30L, 204276L], rounded);
        Assert.Equal(1, rounding.RoundedAmounts);
    }

    [Fact]
    public void Round_cents_rounds_half_away_from_zero_and_still_refuses_what_rounds_out_of_range()
    {
        var path = _files.Write("orders.csv", "order_id,customer_id,ordered_at,amount,channel\n"
            + "1,42,2025-05-05T10:11:12,0.005,web\n2,42,2025-05-05T10:11:12,12.344999,web\n3,42,2025-05-05T10:11:12,9999999.996,web\n4,42,2025-05-05T10:11:12,12.50,web\n");

        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions(RoundCents: true));
        var records = reader.ReadRecords().ToList();

        Assert.Equal(1, Assert.IsType<OrderImportRow>(records[0]).AmountCents);
        Assert.Equal(1234, Assert.IsType<OrderImportRow>(records[1]).AmountCents);
        Assert.Contains("rounds to 10,000,000 or more", Assert.IsType<RejectedRow>(records[2]).Reason, StringComparison.Ordinal);
        Assert.Equal(1250, Assert.IsType<OrderImportRow>(records[3]).AmountCents);
        Assert.Equal(2, reader.RoundedAmounts);
    }

    [Fact]
    public void Xlsx_missing_required_column_fails_the_file()
    {
        var path = _files.Path("customers.xlsx");
        MiniExcel.SaveAs(path, new[] { new Dictionary<string, object?> { ["城市"] = "上海" } });

        var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Customers, new ImportOptions()));
        Assert.Contains("missing required column name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_rows_keep_sheet_row_numbers_across_empty_rows()
    {
        var path = _files.Path("customers.xlsx");
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["customer_id"] = 1e15, ["name"] = "张伟", ["created_at"] = new DateTime(2024, 3, 15) },
            new() { ["customer_id"] = null, ["name"] = null, ["created_at"] = null },
            new() { ["customer_id"] = 3, ["name"] = "李娜", ["created_at"] = 45366.0 },
        };
        MiniExcel.SaveAs(path, rows);

        using var reader = ImportReader.Open(path, ImportKind.Customers, new ImportOptions());
        var records = reader.ReadRecords().Select(r => Assert.IsType<CustomerImportRow>(r)).ToList();

        Assert.Equal([2L, 4L], records.Select(r => r.Line));
        Assert.Equal("1000000000000000", records[0].ExternalId);
        Assert.Equal(new DateOnly(2024, 3, 15), records[0].CreatedAt);
        Assert.Equal(new DateOnly(2024, 3, 15), records[1].CreatedAt); // serial 45366 without a date format
    }
}
