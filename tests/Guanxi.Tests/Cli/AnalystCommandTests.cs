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

        // Both log-likelihoods, and both fits converged with every parameter identified.
        Assert.True(gg.GetProperty("loglik").GetDouble() < 0);
        Assert.True(bg.GetProperty("converged").GetBoolean());
        Assert.True(gg.GetProperty("converged").GetBoolean());
        Assert.Equal(0, bg.GetProperty("not_identified").GetArrayLength());
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Clv_fit_that_cannot_converge_prints_why_and_exits_3()
    {
        // Every mean spend exactly 50: Gamma-Gamma's p and q run off to infinity, there is no maximum to report.
        var lines = new List<string> { "customer_id,frequency,recency,T,monetary_value" };
        for (int i = 0; i < 300; i++)
        {
            int x = i % 5;
            lines.Add(FormattableString.Invariant($"{i},{x},{(x > 0 ? 10 + (i % 30) : 0)},{45 + (i % 20)},{(x > 0 ? 50 : 0)}"));
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("guanxi-clv").FullName, "flat.csv");
        await File.WriteAllLinesAsync(file, lines);
        var result = await GuanxiCli.RunAsync("clv", "fit", "--summary", file);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("did not converge", result.Stderr, StringComparison.Ordinal);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.False(json.GetProperty("gammagamma").GetProperty("converged").GetBoolean());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Gamma-Gamma did not converge", StringComparison.Ordinal));
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
