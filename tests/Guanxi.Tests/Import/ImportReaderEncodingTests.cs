using Guanxi.Tests.Infrastructure;
using System.Text;
using Guanxi.Import;

namespace Guanxi.Tests.Import;

[ClockIndependent]
public sealed class ImportReaderEncodingTests : IDisposable
{
    private readonly TempFiles _files = new();

    static ImportReaderEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _files.Dispose();

    private const string ChineseCustomers = "客户编号,客户编码,客户名称,手机号,邮箱,城市,注册日期,推荐人\n"
        + "1,KH2024031500017,张伟,13812345678,,上海,2024-03-15,\n"
        + "2,KH2024031500018,深圳市腾达科技有限公司,021-62345678,,深圳,2024-03-15,1\n";

    [Fact]
    public void Gb18030_file_with_chinese_headers_is_detected_and_mapped()
    {
        var path = _files.Write("customers.csv", ChineseCustomers, Encoding.GetEncoding("GB18030"));
        using var reader = ImportReader.Open(path, ImportKind.Customers, new ImportOptions());

        Assert.Equal("gb18030", reader.EncodingName);
        Assert.Equal("customer_id", reader.ColumnMap["客户编号"]);
        Assert.Equal("name", reader.ColumnMap["客户名称"]);
        Assert.Equal("created_at", reader.ColumnMap["注册日期"]);
        var rows = reader.ReadRecords().Select(r => Assert.IsType<CustomerImportRow>(r)).ToList();
        Assert.Equal(["张伟", "深圳市腾达科技有限公司"], rows.Select(r => r.Name));
        Assert.Equal("1", rows[1].ReferredBy);
    }

    [Fact]
    public void Encoding_option_overrides_detection()
    {
        var path = _files.Write("customers.csv", ChineseCustomers, Encoding.GetEncoding("GB18030"));

        using (var reader = ImportReader.Open(path, ImportKind.Customers, new ImportOptions(Encoding: "gbk")))
        {
            Assert.Equal("gbk", reader.EncodingName);
            Assert.Equal(2, reader.ReadRecords().OfType<CustomerImportRow>().Count());
        }
        var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Customers, new ImportOptions(Encoding: "utf-8")));
        Assert.Contains("not valid utf-8", e.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown encoding", Assert.Throws<ImportFileException>(
            () => ImportReader.Open(path, ImportKind.Customers, new ImportOptions(Encoding: "klingon"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_file_is_detected_as_utf8()
    {
        var path = _files.Write("customers.csv", ChineseCustomers);
        using var reader = ImportReader.Open(path, ImportKind.Customers, new ImportOptions());

        Assert.Equal("utf-8", reader.EncodingName);
        Assert.Equal(2, reader.ReadRecords().OfType<CustomerImportRow>().Count());
        Assert.Equal(reader.TotalBytes, reader.BytesRead);
    }
}
