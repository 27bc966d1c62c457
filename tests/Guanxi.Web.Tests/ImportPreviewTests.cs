using System.Text;
using Guanxi.Import;

namespace Guanxi.Web.Tests;

/// <summary>The wizard's detection and preview step, including the user's mapping changes.</summary>
public sealed class ImportPreviewTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("guanxi-preview-").FullName;

    private string File(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Chinese_headers_are_recognised_and_rows_previewed_with_their_result()
    {
        var path = File("c.csv", "客户名称,手机号,会员等级\n张三,13800138000,金卡\n,13800138001,银卡\n");

        var preview = ImportPreview.Read(path, ImportKind.Customers, new ImportOptions(), 10);

        Assert.Null(preview.Error);
        Assert.Equal("utf-8", preview.Encoding);
        Assert.Equal("name", preview.ColumnMap["客户名称"]);
        Assert.Equal("phone", preview.ColumnMap["手机号"]);
        Assert.False(preview.ColumnMap.ContainsKey("会员等级"));
        Assert.Equal([true, false], preview.Rows.Select(r => r.Valid));
        Assert.Equal(3, preview.Rows[1].Line);
        Assert.StartsWith("name", preview.Rows[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gbk_file_is_detected()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = File("g.csv", "客户名称,城市\n李四,杭州\n", Encoding.GetEncoding("gb18030"));
        var preview = ImportPreview.Read(path, ImportKind.Customers, new ImportOptions(), 10);
        Assert.Equal("gb18030", preview.Encoding);
        Assert.Contains("李四", preview.Rows[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_users_mapping_is_applied_and_a_header_can_be_left_out()
    {
        var path = File("m.csv", "客户名称,会员等级,城市\n张三,金卡,上海\n");
        var mapping = Path.Combine(_folder, "mapping.csv");
        ImportPreview.WriteMappingFile(mapping, new Dictionary<string, string> { ["会员等级"] = "notes", ["城市"] = "" });

        var preview = ImportPreview.Read(path, ImportKind.Customers, new ImportOptions(MappingFile: mapping), 10);

        Assert.Null(preview.Error);
        Assert.Equal("notes", preview.ColumnMap["会员等级"]);
        Assert.False(preview.ColumnMap.ContainsKey("城市"));
        Assert.DoesNotContain("上海", preview.Rows[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_missing_a_required_column_says_so_and_still_lists_its_headers()
    {
        var path = File("bad.csv", "手机号,城市\n13800138000,上海\n");
        var preview = ImportPreview.Read(path, ImportKind.Customers, new ImportOptions(), 10);
        Assert.NotNull(preview.Error);
        Assert.Contains("name", preview.Error, StringComparison.Ordinal);
        Assert.Equal(["手机号", "城市"], preview.Headers);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
