using Guanxi.Import;
using Guanxi.Tests.Infrastructure;
using MiniExcelLibs;

namespace Guanxi.Tests.Import;

/// <summary>How order lines become orders before anything is written: the first pass, the grouping, the return rules.</summary>
[ClockIndependent]
public sealed class OrderLineGroupingTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static List<ImportRecord> Orders(ImportReader reader) =>
        [.. OrderLineGrouper.Group(reader.ReadRecords(), reader.LastLineOfEachOrder(CancellationToken.None), reader.CancellationPrefix)];

    [Fact]
    public void Scattered_lines_of_an_order_come_out_as_one_order_at_its_last_line_in_the_order_of_last_lines()
    {
        var path = _files.Write("lines.csv", """
            order_id,customer_id,ordered_at,product_code,product_name,quantity,unit_price
            A,1,2026-01-02T10:00:00,P1,,1,1.005
            B,2,2026-01-02T11:00:00,P1,,2,1.00
            A,1,2026-01-02T09:00:00,P2,,1,1.00
            C,3,2026-01-02T12:00:00,P1,,-1,1.00
            B,2,2026-01-02T11:00:00,P2,,-1,0.50

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var reader = ImportReader.Open(path, ImportKind.OrderLines, new ImportOptions());

        var orders = Orders(reader).Cast<OrderLinesGroup>().ToList();

        Assert.Equal([("A", 4L), ("C", 5L), ("B", 6L)], orders.Select(o => (o.OrderNumber, o.Line)));
        Assert.All(orders, o => Assert.Empty(o.Rejects));
        // 1.005 + 1.00 = 2.005 → 2.01 (half away from zero); the earliest line's time.
        Assert.Equal((201L, false, new DateTime(2026, 1, 2, 9, 0, 0)), (orders[0].AmountCents, orders[0].IsReturn, orders[0].OrderedAt));
        Assert.Equal((-100L, true), (orders[1].AmountCents, orders[1].IsReturn));
        // A purchase with a returned line is still a purchase while its total is positive.
        Assert.Equal((150L, false, 2), (orders[2].AmountCents, orders[2].IsReturn, orders[2].Lines.Count));
    }

    [Fact]
    public void A_workbook_groups_the_same_way_and_a_negative_total_that_is_no_return_is_rejected_whole()
    {
        var path = _files.Path("lines.xlsx");
        MiniExcel.SaveAs(path, new List<Dictionary<string, object?>>
        {
            new() { ["InvoiceNo"] = "536365", ["StockCode"] = "85123A", ["Description"] = "HEART", ["Quantity"] = 6, ["InvoiceDate"] = new DateTime(2010, 12, 1, 8, 26, 0), ["UnitPrice"] = 2.55, ["CustomerID"] = 17850.0 },
            new() { ["InvoiceNo"] = "536366", ["StockCode"] = "71053", ["Description"] = "LANTERN", ["Quantity"] = -6, ["InvoiceDate"] = new DateTime(2010, 12, 1, 8, 28, 0), ["UnitPrice"] = 3.39, ["CustomerID"] = 17850.0 },
            new() { ["InvoiceNo"] = "536366", ["StockCode"] = "22752", ["Description"] = "BABUSHKA", ["Quantity"] = 1, ["InvoiceDate"] = new DateTime(2010, 12, 1, 8, 28, 0), ["UnitPrice"] = 7.65, ["CustomerID"] = 17850.0 },
            new() { ["InvoiceNo"] = "536365", ["StockCode"] = "22752", ["Description"] = "BABUSHKA", ["Quantity"] = 2, ["InvoiceDate"] = new DateTime(2010, 12, 1, 8, 26, 0), ["UnitPrice"] = 7.65, ["CustomerID"] = 17850.0 },
        });
        using var reader = ImportReader.Open(path, ImportKind.OrderLines, new ImportOptions());

        var orders = Orders(reader).Cast<OrderLinesGroup>().ToList();

        Assert.Equal(["536366", "536365"], orders.Select(o => o.OrderNumber));
        Assert.Equal(2, orders[0].Rejects.Count);
        Assert.Contains("only a return may be negative", orders[0].Rejects[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("17850", 3060L, 2), (orders[1].CustomerRef, orders[1].AmountCents, orders[1].Lines.Count));
    }
}
