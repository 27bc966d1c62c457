using System.Text;
using Guanxi.Data;
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
