using Guanxi.Tests.Infrastructure;
using System.Text;
using Guanxi.Import;

namespace Guanxi.Tests.Import;

[ClockIndependent]
public sealed class ImportReaderCsvTests : IDisposable
{
    private const string OrdersHeader = "order_id,customer_id,ordered_at,amount,channel\n";
    private const string CustomersHeader = "customer_id,code,name,phone,email,city,created_at,referred_by\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private List<ImportRecord> Read(string name, string text, ImportKind kind, ImportOptions? options = null)
    {
        var path = _files.Write(name, text);
        using var reader = ImportReader.Open(path, kind, options ?? new ImportOptions());
        return reader.ReadRecords().ToList();
    }

    [Theory]
    [InlineData("1020001,1,2026-02-30T10:15:00,88.00,web", "ordered_at: \"2026-02-30T10:15:00\" is not a real date-time")]
    [InlineData("1020002,1,2025/13/01 10:00,88.00,web", "ordered_at: \"2025/13/01 10:00\" is not a date-time")]
    [InlineData("1020003,1,,88.00,web", "ordered_at: is empty")]
    [InlineData("1020004,1,yesterday,88.00,web", "ordered_at: \"yesterday\"")]
    [InlineData("1020005,1,2025-05-05T10:11:12,-35.50,web", "amount: \"-35.50\" is negative")]
    [InlineData("1020006,1,2025-05-05T10:11:12,\"12,50\",web", "amount: \"12,50\" is not a plain decimal")]
    [InlineData("1020007,1,2025-05-05T10:11:12,12.345,web", "amount: \"12.345\" has more than 2 decimals")]
    [InlineData("1020008,1,2025-05-05T10:11:12,10000000.00,web", "amount: \"10000000.00\" is not below 10,000,000")]
    [InlineData("1020009,1,2025-05-05T10:11:12,88.00,fax", "channel: \"fax\" is not one of store, web, app, phone")]
    [InlineData("1020010,1,2025-05-05T10:11:12,88.00,web,extra", "the row has 6 fields instead of 5")]
    [InlineData("1020010,1,2025-05-05T10:11:12,88.00", "the row has 4 fields instead of 5")]
    [InlineData("1020011,1,2025-05-05T10:11:12,10\"00,web", "broken quoting: a quote inside an unquoted field")]
    [InlineData("1020012,1,2025-05-05T10:11:12,\"88.00\"x,web", "broken quoting: text after a closing quote")]
    [InlineData("0,1,2025-05-05T10:11:12,88.00,web", "order_id: \"0\" is not a positive integer")]
    [InlineData("9223372036854775808,1,2025-05-05T10:11:12,88.00,web", "order_id: \"9223372036854775808\" is not a positive integer")]
    [InlineData("12,-4,2025-05-05T10:11:12,88.00,web", "customer_id: \"-4\" is not a positive integer")]
    [InlineData("12,1,2025-05-05T24:00:00,88.00,web", "ordered_at: \"2025-05-05T24:00:00\" is not a real date-time")]
    [InlineData("12,1,2025-05-05T10:11:12+08:00,88.00,web", "ordered_at: \"2025-05-05T10:11:12+08:00\" is not a date-time")]
    public void Bad_order_row_is_rejected_with_its_line_and_reason(string bad, string reason)
    {
        var text = OrdersHeader + "1,1,2025-05-05T10:11:12,1.00,web\n" + bad + "\n3,1,2025-05-05T10:11:12,3.00,app\n";
        var records = Read("orders.csv", text, ImportKind.Orders);

        Assert.Equal(3, records.Count);
        var reject = Assert.IsType<RejectedRow>(records[1]);
        Assert.Equal(3, reject.Line);
        Assert.StartsWith(reason, reject.Reason, StringComparison.Ordinal);
        Assert.Equal(bad, reject.RawText);
        Assert.Equal(4, Assert.IsType<OrderImportRow>(records[2]).Line);
    }

    [Fact]
    public void Ids_written_through_a_float_column_are_ids_when_their_fraction_is_zero()
    {
        var records = Read("orders.csv", OrdersHeader
            + "536365.0,17850.0,2025-05-05T10:11:12,1.00,web\n"
            + "536366,17850.00,2025-05-05T10:11:12,1.00,web\n"
            + "536367,17850.5,2025-05-05T10:11:12,1.00,web\n"
            + "536368,17850.,2025-05-05T10:11:12,1.00,web\n", ImportKind.Orders);

        var first = Assert.IsType<OrderImportRow>(records[0]);
        Assert.Equal(("536365", "17850"), (first.OrderNumber, first.CustomerRef));
        Assert.Equal("17850", Assert.IsType<OrderImportRow>(records[1]).CustomerRef);
        Assert.StartsWith("customer_id: \"17850.5\" is not a positive integer", Assert.IsType<RejectedRow>(records[2]).Reason, StringComparison.Ordinal);
        Assert.StartsWith("customer_id: \"17850.\" is not a positive integer", Assert.IsType<RejectedRow>(records[3]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_orders_are_typed_exactly()
    {
        var records = Read("orders.csv", OrdersHeader
            + "1,7,2025-05-05T10:11:12,189.00,store\r\n"
            + "2,7,2025-05-05 23:59:59,0.1,web\r\n"
            + "3,7,2024-02-29T00:00:00,9999999.99,APP\r\n"
            + "4,7,2024-02-29T00:00:00,0,电话\r\n", ImportKind.Orders);

        var rows = records.Select(r => Assert.IsType<OrderImportRow>(r)).ToList();
        Assert.Equal([18900L, 10L, 999999999L, 0L], rows.Select(r => r.AmountCents));
        Assert.Equal(["store", "web", "app", "phone"], rows.Select(r => r.Channel));
        Assert.Equal(new DateTime(2025, 5, 5, 23, 59, 59), rows[1].OrderedAt);
        Assert.Equal(DateTimeKind.Unspecified, rows[0].OrderedAt.Kind);
        Assert.Equal("7", rows[0].CustomerRef);
        Assert.False(rows[0].CustomerRefIsCode);
        Assert.Equal([2L, 3, 4, 5], rows.Select(r => r.Line));
    }

    [Fact]
    public void Repeated_order_id_rejects_the_later_row_only()
    {
        var records = Read("orders.csv", OrdersHeader
            + "707,1,2025-05-05T10:11:12,1.00,web\n"
            + "708,1,2025-05-05T10:11:12,1.00,web\n"
            + "707,2,2025-05-06T10:11:12,2.00,web\n", ImportKind.Orders);

        Assert.IsType<OrderImportRow>(records[0]);
        var reject = Assert.IsType<RejectedRow>(records[2]);
        Assert.Equal(4, reject.Line);
        Assert.Equal("order_id: 707 repeats an earlier row of the file", reject.Reason);
    }

    [Fact]
    public void A_rejected_row_does_not_claim_its_id()
    {
        var records = Read("orders.csv", OrdersHeader
            + "5,1,yesterday,1.00,web\n"
            + "5,1,2025-05-05T10:11:12,1.00,web\n", ImportKind.Orders);

        Assert.IsType<RejectedRow>(records[0]);
        Assert.IsType<OrderImportRow>(records[1]);
    }

    [Fact]
    public void Unclosed_quote_on_the_last_line_is_rejected()
    {
        var records = Read("orders.csv", OrdersHeader
            + "1,1,2025-05-05T10:11:12,1.00,web\n"
            + "2,1,2025-05-05T10:11:12,\"88.00,web\n", ImportKind.Orders);

        Assert.Equal(2, records.Count);
        var reject = Assert.IsType<RejectedRow>(records[1]);
        Assert.Equal(3, reject.Line);
        Assert.Equal("broken quoting: a quote that is never closed", reject.Reason);
        Assert.Equal("2,1,2025-05-05T10:11:12,\"88.00,web", reject.RawText);
    }

    [Fact]
    public void Unbalanced_quote_mid_file_rejects_its_line_and_reading_resyncs()
    {
        var records = Read("orders.csv", OrdersHeader
            + "1,1,2025-05-05T10:11:12,\"1.00,web\n"
            + "2,1,2025-05-05T10:11:12,2.00,web\n"
            + "3,1,2025-05-05T10:11:12,3.00,web\n", ImportKind.Orders);

        var reject = Assert.IsType<RejectedRow>(records[0]);
        Assert.Equal(2, reject.Line);
        Assert.Equal([3L, 4L], records.Skip(1).Select(r => Assert.IsType<OrderImportRow>(r).Line));
    }

    [Fact]
    public void Tricky_quoting_is_accepted_and_line_numbers_follow_physical_lines()
    {
        var records = Read("customers.csv", CustomersHeader
            + "1540,KH1,\"深圳市腾达, 科技有限公司\",15281464067,a@example.net,成都,2025-08-22,\n"
            + "1739,KH2,\"李\"\"小龙\"\"\",13178724123,,北京,2026-01-02,1540\n"
            + "1752,KH3,\"Zhang,\nWei\",,,济南,2026-01-11,\n"
            + "1753,KH4,王芳,,,,2026-01-11,\n", ImportKind.Customers);

        var rows = records.Select(r => Assert.IsType<CustomerImportRow>(r)).ToList();
        Assert.Equal(["深圳市腾达, 科技有限公司", "李\"小龙\"", "Zhang,\nWei", "王芳"], rows.Select(r => r.Name));
        Assert.Equal([2L, 3, 4, 6], rows.Select(r => r.Line));
        Assert.Equal("1540", rows[1].ReferredBy);
        Assert.Equal("1739", rows[1].ExternalId);
        Assert.Equal(new DateOnly(2025, 8, 22), rows[0].CreatedAt);
        Assert.Null(rows[2].Phone);
    }

    [Theory]
    [InlineData("2001,KHBAD1,测试客户,13800000000,,上海,2024-13-45,", "created_at: \"2024-13-45\" is not a real date")]
    [InlineData("2002,KHBAD2,测试客户,13800000000,,上海,2024/05/06,", "created_at: \"2024/05/06\" is not a date in the form YYYY-MM-DD")]
    [InlineData("1,KHBAD3,重复编号,13800000000,,上海,2025-03-08,", "customer_id: 1 repeats an earlier row of the file")]
    [InlineData("2005,KHBAD5,少列,13800000005,,北京,2025-01-02", "the row has 7 fields instead of 8")]
    [InlineData("2006,KHBAD6,,13800000005,,北京,2025-01-02,", "name: is empty")]
    [InlineData("2007,KHBAD7,张三,13800000005,,北京,2025-01-02,x1", "referred_by: \"x1\" is not a positive integer")]
    [InlineData("2008,KHBAD8,张三,13800000005,,北京,2025-01-02,2008", "referred_by: customer 2008 cannot refer themselves")]
    [InlineData("abc,KHBAD9,张三,13800000005,,北京,2025-01-02,", "customer_id: \"abc\" is not a positive integer")]
    [InlineData("2010,KH000000000000000000000000000000001,张三,,,北京,2025-01-02,", "code: 35 characters is longer than the limit of 32")]
    [InlineData("2011,KH11,张三,+86 138 0000 0000 0000 0000 0000 0000,,北京,2025-01-02,", "phone: 37 characters is longer than the limit of 32")]
    // The customer form's rules (CustomerValidation): the import accepts no phone or e-mail the form would refuse.
    [InlineData("2012,KH12,张三,not-a-phone,,北京,2025-01-02,", "phone: \"not-a-phone\" is not a phone number (needs at least 5 digits)")]
    [InlineData("2013,KH13,张三,13800000005,john@,北京,2025-01-02,", "email: \"john@\" is not a valid email address")]
    public void Bad_customer_row_is_rejected_with_its_line_and_reason(string bad, string reason)
    {
        var records = Read("customers.csv", CustomersHeader
            + "1,KH1,张伟,13800000000,,上海,2024-01-01,\n" + bad + "\n", ImportKind.Customers);

        var reject = Assert.IsType<RejectedRow>(records[1]);
        Assert.Equal(3, reject.Line);
        Assert.StartsWith(reason, reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_long_name_is_rejected()
    {
        var name = new string('长', 300);
        var records = Read("customers.csv", CustomersHeader + $"2004,KHBAD4,{name},,,上海,2025-03-08,\n", ImportKind.Customers);

        var reject = Assert.IsType<RejectedRow>(Assert.Single(records));
        Assert.StartsWith("name: 300 characters is longer than the limit of 200", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_bom_is_not_an_error()
    {
        var path = _files.Write("orders.csv", OrdersHeader + "1,1,2025-05-05T10:11:12,1.00,web\n", new UTF8Encoding(true));
        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions());

        Assert.Equal("order_id", reader.Headers[0]);
        Assert.Equal("utf-8", reader.EncodingName);
        Assert.IsType<OrderImportRow>(Assert.Single(reader.ReadRecords()));
    }

    [Fact]
    public void Missing_required_column_fails_the_file_naming_it()
    {
        var path = _files.Write("orders.csv", "order_id,ordered_at,amount\n1,2025-05-05T10:11:12,1.00\n");

        var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Orders, new ImportOptions()));
        Assert.Contains("customer_id or customer_code, channel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_files_fail_with_a_clear_message()
    {
        Assert.Contains("does not exist", Assert.Throws<ImportFileException>(
            () => ImportReader.Open(_files.Path("nope.csv"), ImportKind.Orders, new ImportOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("is empty", Assert.Throws<ImportFileException>(
            () => ImportReader.Open(_files.Write("empty.csv", ""), ImportKind.Orders, new ImportOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("unknown file type", Assert.Throws<ImportFileException>(
            () => ImportReader.Open(_files.Write("orders.json", "{}"), ImportKind.Orders, new ImportOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("both mean order_id", Assert.Throws<ImportFileException>(
            () => ImportReader.Open(_files.Write("dup.csv", "order_id,订单号\n"), ImportKind.Orders, new ImportOptions())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_may_refer_to_customers_by_code_and_unknown_columns_are_ignored()
    {
        var records = Read("orders.csv", "订单编号,客户编码,下单时间,实付金额,销售渠道,币种,付款日期,备注\n"
            + "9,KH2024031500017,2025-05-05 10:11:12,52.69,门店,rmb,2025-05-06,hello\n", ImportKind.Orders);

        var row = Assert.IsType<OrderImportRow>(Assert.Single(records));
        Assert.Equal("KH2024031500017", row.CustomerRef);
        Assert.True(row.CustomerRefIsCode);
        Assert.Equal(5269, row.AmountCents);
        Assert.Equal("CNY", row.Currency);
        Assert.Equal(new DateOnly(2025, 5, 6), row.PaidDate);
    }

    [Fact]
    public void Mapping_file_overrides_aliases()
    {
        var mapping = _files.Write("map.csv", "file header,canonical column\nNo.,order_id\nWho,customer_id\nWhen,ordered_at\nPaid,amount\nVia,channel\n");
        var path = _files.Write("orders.csv", "No.,Who,When,Paid,Via,Comment\n1,2,2025-05-05T10:11:12,3.50,web,x\n");
        using var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions(MappingFile: mapping));

        Assert.Equal("order_id", reader.ColumnMap["No."]);
        Assert.Equal(["Comment"], reader.IgnoredColumns);
        var row = Assert.IsType<OrderImportRow>(Assert.Single(reader.ReadRecords()));
        Assert.Equal(350, row.AmountCents);
    }

    [Fact]
    public void Mapping_file_sets_constants_maps_one_column_to_several_and_gives_a_column_its_date_format()
    {
        // The online retailer's export: no channel, month-first invoice dates, and the customer's id is also their code.
        var mapping = _files.Write("map.csv", "InvoiceNo,order_id\nCustomerID,customer_id\nInvoiceDate,ordered_at,M/d/yyyy H:mm\n"
            + "Total,amount\nchannel=web\n# currency is the file's own\ncurrency = GBP\n");
        var path = _files.Write("orders.csv", "InvoiceNo,CustomerID,InvoiceDate,Total\n536365,17850.0,12/1/2010 8:26,139.12\n536366,17850,1/12/2010 8:28,22.20\n");
        using (var reader = ImportReader.Open(path, ImportKind.Orders, new ImportOptions(MappingFile: mapping)))
        {
            var rows = reader.ReadRecords().Select(r => Assert.IsType<OrderImportRow>(r)).ToList();
            Assert.Equal(["web", "web"], rows.Select(r => r.Channel));
            Assert.Equal(["GBP", "GBP"], rows.Select(r => r.Currency));
            Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), rows[0].OrderedAt);
            Assert.Equal(new DateTime(2010, 1, 12, 8, 28, 0), rows[1].OrderedAt);
            Assert.Equal("17850", rows[0].CustomerRef);
        }

        var customerMap = _files.Write("customers-map.csv", "CustomerID,customer_id\nCustomerID,name\nCustomerID,code\nCountry,city\n");
        var customers = _files.Write("customers.csv", "CustomerID,Country\n17850,United Kingdom\n");
        using (var reader = ImportReader.Open(customers, ImportKind.Customers, new ImportOptions(MappingFile: customerMap)))
        {
            var row = Assert.IsType<CustomerImportRow>(Assert.Single(reader.ReadRecords()));
            Assert.Equal("17850", row.ExternalId);
            Assert.Equal("17850", row.Code);
            Assert.Equal("17850", row.Name);
            Assert.Equal("United Kingdom", row.City);
        }

        // A constant for a column the file has, an unknown column or date format: the import stops before reading a row.
        var both = _files.Write("both.csv", "Total,amount\nInvoiceNo,order_id\nCustomerID,customer_id\nInvoiceDate,ordered_at\nVia,channel\nchannel=web\n");
        var viaFile = _files.Write("via.csv", "InvoiceNo,CustomerID,InvoiceDate,Total,Via\n1,2,2025-05-05T10:11:12,3.50,store\n");
        Assert.Contains("both a constant and mapped", Assert.Throws<ImportFileException>(() => ImportReader.Open(viaFile, ImportKind.Orders, new ImportOptions(MappingFile: both))).Message, StringComparison.Ordinal);
        var unknown = _files.Write("unknown.csv", "colour=red\n");
        Assert.Contains("\"colour\" is not a column of orders", Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Orders, new ImportOptions(MappingFile: unknown))).Message, StringComparison.Ordinal);
        var format = _files.Write("format.csv", "InvoiceDate,ordered_at,dd.MM.yy\n");
        Assert.Contains("line 1: unknown date format \"dd.MM.yy\"", Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Orders, new ImportOptions(MappingFile: format))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactions_map_chinese_channels_and_directions()
    {
        var records = Read("interactions.csv", "客户编号,联系时间,方式,方向,主题,内容\n"
            + "7,2025-05-05 10:11:12,电话,呼入,询价,\"客户问价格,\n要报价\"\n"
            + "7,2025-05-06T09:00:00,备注,,内部记录,\n"
            + "7,2025-05-06T09:00:00,飞鸽,,x,\n", ImportKind.Interactions);

        var call = Assert.IsType<InteractionImportRow>(records[0]);
        Assert.Equal(Guanxi.Domain.Interactions.InteractionChannel.Call, call.Channel);
        Assert.Equal(Guanxi.Domain.Interactions.InteractionDirection.Inbound, call.Direction);
        Assert.Equal("客户问价格,\n要报价", call.Body);
        Assert.Equal(Guanxi.Domain.Interactions.InteractionDirection.Internal, Assert.IsType<InteractionImportRow>(records[1]).Direction);
        Assert.Equal(4, records[1].Line);
        Assert.StartsWith("channel: \"飞鸽\"", Assert.IsType<RejectedRow>(records[2]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_extras_are_parsed()
    {
        var records = Read("customers.csv", "姓名,类型,标签,省份,微信\n上海恒达贸易有限公司,企业,重要客户；VIP，批发,上海,hengda01\n", ImportKind.Customers);

        var row = Assert.IsType<CustomerImportRow>(Assert.Single(records));
        Assert.Equal(Guanxi.Domain.Customers.CustomerKind.Organisation, row.Kind);
        Assert.Equal(["重要客户", "VIP", "批发"], row.TagList);
        Assert.Equal("上海", row.Province);
        Assert.Null(row.ExternalId);
    }

    [Fact]
    public void Rejects_file_is_rfc4180_utf8_with_one_bom_so_a_spreadsheet_shows_chinese()
    {
        var path = _files.Path("rejects.csv");
        RejectsFile.Write(path, [new RejectedRow(3, "amount: \"12,50\" is not a plain decimal", "1,1,x,\"12,50\",web")]);
        RejectsFile.Append(path, [new RejectedRow(9, "plain", "raw")]);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        // Appending writes no second BOM.
        Assert.Equal("line,reason,raw\n3,\"amount: \"\"12,50\"\" is not a plain decimal\",\"1,1,x,\"\"12,50\"\",web\"\n9,plain,raw\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }
}
