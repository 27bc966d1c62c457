using System.Text;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using MiniExcelLibs;

namespace Guanxi.Tests.Cli;

[ClockIndependent] // formula neutralisation and filters: no dates
public class ExportTests
{
    private static readonly string[] Hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+1", "@SUM(A1)", "=1+2"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_neutralises_formulas_in_csv_and_xlsx(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var app = new GuanxiApp(db))
        {
            var http = app.Client();
            foreach (var name in Hostile) await http.CreateCustomer(name, city: "上海");
            await http.CreateCustomer("李\"小龙\", 先生", city: "北京");
        }

        var dir = Directory.CreateTempSubdirectory("guanxi-export").FullName;
        var csvPath = Path.Combine(dir, "c.csv");
        var xlsxPath = Path.Combine(dir, "c.xlsx");
        var csv = await GuanxiCli.RunAsync("export", "customers", "--out", csvPath, "--db", db.DbArgument);
        Assert.True(csv.ExitCode == 0, csv.Stderr + csv.Stdout);
        Assert.Contains("exported 6 customers", csv.Stdout, StringComparison.Ordinal);
        var xlsx = await GuanxiCli.RunAsync("export", "customers", "--out", xlsxPath, "--db", db.DbArgument, "--city", "上海");
        Assert.True(xlsx.ExitCode == 0, xlsx.Stderr + xlsx.Stdout);

        var bytes = await File.ReadAllBytesAsync(csvPath);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("code,external_id,name,", text, StringComparison.Ordinal);
        foreach (var name in Hostile)
        {
            var quoted = name.Contains('"', StringComparison.Ordinal) || name.Contains(',', StringComparison.Ordinal)
                ? "\"'" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : "'" + name;
            Assert.Contains("," + quoted + ",", text, StringComparison.Ordinal);
        }
        Assert.Contains(",\"李\"\"小龙\"\", 先生\",", text, StringComparison.Ordinal);

        var rows = MiniExcel.Query(xlsxPath, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Hostile.Length, rows.Count);
        var names = rows.Select(r => (string)r["name"]!).ToHashSet(StringComparer.Ordinal);
        foreach (var name in Hostile) Assert.Contains("'" + name, names);
        Assert.All(rows, r => Assert.Equal("上海", r["city"]));
    }

    [Fact]
    public async Task Export_headers_are_keys_by_default_or_localized_with_owner_names()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var app = new GuanxiApp(db))
        {
            var owner = app.CreateUser("王销售", Roles.SalesRep);
            await app.Client().PostOk("/api/v1/customers", new { name = "华为", kind = "Organisation", companySize = "Large", ownerId = owner });
        }

        var dir = Directory.CreateTempSubdirectory("guanxi-export").FullName;
        async Task<string[]> ExportLines(params string[] headers)
        {
            var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".csv");
            var run = await GuanxiCli.RunAsync(["export", "customers", "--out", path, "--db", db.DbArgument, .. headers]);
            Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
            return (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF').TrimEnd('\n').Split('\n');
        }

        var keys = await ExportLines();
        Assert.StartsWith("code,external_id,name,kind,relationship,", keys[0], StringComparison.Ordinal);
        Assert.Contains(",owner_id,owner,", keys[0], StringComparison.Ordinal);
        Assert.Contains(",organisation,ordinary,", keys[1], StringComparison.Ordinal);
        Assert.Contains(",large,", keys[1], StringComparison.Ordinal);
        Assert.Contains(",王销售,", keys[1], StringComparison.Ordinal);

        var zh = await ExportLines("--headers", "zh-CN");
        Assert.StartsWith("客户编码,外部编号,名称,类型,关系类型,", zh[0], StringComparison.Ordinal);
        Assert.Contains(",负责人,", zh[0], StringComparison.Ordinal);
        Assert.DoesNotContain("owner_id", zh[0], StringComparison.Ordinal);
        Assert.Contains(",华为,企业,普通客户,", zh[1], StringComparison.Ordinal);
        Assert.Contains(",大型,", zh[1], StringComparison.Ordinal);
        Assert.Contains(",王销售,", zh[1], StringComparison.Ordinal);
        Assert.Equal(zh[0].Split(',').Length, zh[1].Split(',').Length);

        var en = await ExportLines("--headers", "en");
        Assert.StartsWith("Code,External ID,Name,Type,Relationship,", en[0], StringComparison.Ordinal);
        Assert.Contains(",Owner,", en[0], StringComparison.Ordinal);
        Assert.Contains(",华为,Organisation,Ordinary,", en[1], StringComparison.Ordinal);
        Assert.Contains(",Large,", en[1], StringComparison.Ordinal);

        var refused = await GuanxiCli.RunAsync("export", "customers", "--out", Path.Combine(dir, "x.csv"), "--db", db.DbArgument, "--headers", "fr");
        Assert.NotEqual(0, refused.ExitCode);
    }

    [Fact]
    public async Task Export_through_the_api_uses_the_same_filters()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        await http.CreateCustomer("张伟", city: "上海", tags: ["VIP"]);
        await http.CreateCustomer("李娜", city: "北京");

        var response = await http.GetAsync("/api/v1/customers/export?format=csv&tag=VIP");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("张伟", lines[1], StringComparison.Ordinal);
        Assert.Contains("VIP", lines[1], StringComparison.Ordinal);

        var zh = await (await http.GetAsync("/api/v1/customers/export?format=csv&tag=VIP&headers=zh-CN")).Content.ReadAsStringAsync();
        Assert.StartsWith("客户编码,", zh.TrimStart('\uFEFF'), StringComparison.Ordinal);
        var refused = await http.GetAsync("/api/v1/customers/export?format=csv&headers=fr");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("headers", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[ClockIndependent]
public class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-5", "'-5")]
    [InlineData("张伟", "张伟")]
    [InlineData("", "")]
    public void Safe_prefixes_formula_starts_and_Unsafe_round_trips(string input, string expected)
    {
        Assert.Equal(expected, Guanxi.Export.SpreadsheetCell.Safe(input));
        Assert.Equal(input, Guanxi.Export.SpreadsheetCell.Unsafe(Guanxi.Export.SpreadsheetCell.Safe(input)));
    }
}
