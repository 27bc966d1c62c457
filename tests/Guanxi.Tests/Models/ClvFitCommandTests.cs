using Guanxi.Tests.Infrastructure;
using System.Text;
using System.Text.Json;
using Guanxi.Models;

namespace Guanxi.Tests.Models;

[ClockIndependent] // CDNOW's fixed calibration period; the fit never reads the clock
public class ClvFitCommandTests
{
    [Fact]
    public void Cdnow_summary_gives_the_published_estimates_as_one_json_line()
    {
        var path = Infrastructure.SharedFolder.Path("data", "lifetimes", "cdnow_summary_clv.csv");
        var stdout = new StringWriter();

        Assert.Equal(0, ClvFitCommand.Run(path, stdout, new StringWriter()));

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        using var json = JsonDocument.Parse(lines[0]);
        var bg = json.RootElement.GetProperty("bgnbd");
        var gg = json.RootElement.GetProperty("gammagamma");
        AssertWithin1Percent(0.243, bg.GetProperty("r").GetDouble());
        AssertWithin1Percent(4.414, bg.GetProperty("alpha").GetDouble());
        AssertWithin1Percent(0.793, bg.GetProperty("a").GetDouble());
        AssertWithin1Percent(2.426, bg.GetProperty("b").GetDouble());
        AssertWithin1Percent(-9582.4, bg.GetProperty("loglik").GetDouble());
        AssertWithin1Percent(6.25, gg.GetProperty("p").GetDouble());
        AssertWithin1Percent(3.74, gg.GetProperty("q").GetDouble());
        AssertWithin1Percent(15.44, gg.GetProperty("gamma").GetDouble());
    }

    [Fact]
    public void Bad_file_returns_2_with_a_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"guanxi-clv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "customer_id,frequency,recency,T,monetary_value\n1,two,3,4,5\n");
        try
        {
            var stderr = new StringWriter();
            Assert.Equal(2, ClvFitCommand.Run(path, new StringWriter(), stderr));
            Assert.Contains("line 2", stderr.ToString(), StringComparison.Ordinal);

            stderr = new StringWriter();
            Assert.Equal(2, ClvFitCommand.Run(path + ".missing", new StringWriter(), stderr));
            Assert.Contains("not found", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Summary_is_read_by_the_import_s_csv_rules_quotes_padding_crlf_and_blank_lines()
    {
        // The same figures written as a spreadsheet might: a BOM, CRLF, quoted and padded fields, blank lines.
        // Before, the clv command split lines on ',' and rejected all of it.
        var plain = Infrastructure.SharedFolder.Path("data", "lifetimes", "cdnow_summary_clv.csv");
        var lines = File.ReadAllLines(plain);
        var messy = new StringBuilder("\uFEFF").Append(lines[0]).Append("\r\n\r\n");
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            messy.Append(i % 3 == 0 ? $"\"{cells[0]}\",\" {cells[1]}\"" : $"{cells[0]}, {cells[1]} ")
                .Append(',').Append(string.Join(',', cells[2..])).Append("\r\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"guanxi-clv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, messy.ToString());
        try
        {
            var expected = new StringWriter();
            var actual = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(0, ClvFitCommand.Run(plain, expected, new StringWriter()));
            Assert.Equal(0, ClvFitCommand.Run(path, actual, stderr));
            Assert.Equal("", stderr.ToString());
            Assert.Equal(expected.ToString(), actual.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertWithin1Percent(double expected, double actual) =>
        Assert.InRange(actual, expected - (Math.Abs(expected) * 0.01), expected + (Math.Abs(expected) * 0.01));
}
