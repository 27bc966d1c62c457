using System.Text.Json;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Cli;

/// <summary>The contract of `guanxi rfm` and `guanxi clv fit`, through the real program.</summary>
public class AnalystCommandTests
{
    [Fact]
    public async Task Rfm_writes_the_reference_output_byte_for_byte()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("guanxi-rfm").FullName, "rfm.csv");
        var result = await GuanxiCli.RunAsync("rfm", SharedFolder.Path("bench", "example", "orders.csv"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(await File.ReadAllBytesAsync(SharedFolder.Path("bench", "example", "rfm_expected.csv")), await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task Clv_fit_prints_the_published_cdnow_estimates_as_json()
    {
        var result = await GuanxiCli.RunAsync("clv", "fit", "--summary", SharedFolder.Path("data", "lifetimes", "cdnow_summary_clv.csv"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        static void Near(double expected, JsonElement actual) => Assert.InRange(actual.GetDouble(), expected * 0.99, expected * 1.01);
        var bg = json.GetProperty("bgnbd");
        Near(0.243, bg.GetProperty("r"));
        Near(4.414, bg.GetProperty("alpha"));
        Near(0.793, bg.GetProperty("a"));
        Near(2.426, bg.GetProperty("b"));
        Assert.InRange(bg.GetProperty("loglik").GetDouble(), -9582.4 * 1.01, -9582.4 * 0.99);
        var gg = json.GetProperty("gammagamma");
        Near(6.25, gg.GetProperty("p"));
        Near(3.74, gg.GetProperty("q"));
        Near(15.44, gg.GetProperty("gamma"));
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error_and_a_non_zero_exit()
    {
        var rfm = await GuanxiCli.RunAsync("rfm", "/nonexistent/orders.csv", "--out", "/tmp/x.csv");
        Assert.NotEqual(0, rfm.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(rfm.Stderr));
        var clv = await GuanxiCli.RunAsync("clv", "fit", "--summary", "/nonexistent/summary.csv");
        Assert.NotEqual(0, clv.ExitCode);
    }
}
