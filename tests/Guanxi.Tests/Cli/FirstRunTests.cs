using System.Net;
using System.Net.Sockets;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Cli;

/// <summary>Issue 18: what a new user sees when they start `guanxi` for the first time, through the real program.</summary>
[ClockIndependent] // help, the first start and a taken port: no dates
public class FirstRunTests
{
    [Fact]
    public async Task Help_is_help_the_first_start_shows_the_password_once_and_a_taken_port_is_one_line_before_the_database_is_touched()
    {
        var serveHelp = await GuanxiCli.RunAsync("serve", "--help");
        Assert.Equal(0, serveHelp.ExitCode);
        Assert.Contains("--urls", serveHelp.Stdout, StringComparison.Ordinal);
        Assert.Contains("--no-demo", serveHelp.Stdout, StringComparison.Ordinal);
        var help = await GuanxiCli.RunAsync("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("reset-password", (await GuanxiCli.RunAsync("users", "--help")).Stdout, StringComparison.Ordinal);
        Assert.Contains("serve", help.Stdout, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("guanxi-first-run").FullName;
        var dbFile = Path.Combine(folder, "guanxi.db");
        var url = $"http://127.0.0.1:{FreePort()}";
        string first;
        using (var server = GuanxiCli.Start("--urls", url, "--db", dbFile, "--no-demo"))
        {
            first = await BannerAsync(server);
            Assert.Contains(url, first, StringComparison.Ordinal);
            Assert.Contains(dbFile, first, StringComparison.Ordinal);
            var box = first.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Trim('|', ' ', '\r')).ToList();
            Assert.Contains(box, l => l.Contains("admin", StringComparison.Ordinal));
            Assert.Contains(url + "/account", box);
            // Quiet: no log lines (SQL, hosting) around the banner on stdout.
            Assert.DoesNotContain("info:", first, StringComparison.Ordinal);

            // A second server on the same port: one line saying so and how to choose another, and nothing else done.
            var otherDb = Path.Combine(folder, "other.db");
            var taken = await GuanxiCli.RunAsync("--urls", url, "--db", otherDb);
            Assert.NotEqual(0, taken.ExitCode);
            var line = Assert.Single(taken.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(url, line, StringComparison.Ordinal);
            Assert.Contains("--urls http://127.0.0.1:", line, StringComparison.Ordinal);
            Assert.False(File.Exists(otherDb), "the database was created although the port was taken");
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        // The same database again: the admin exists, so no password this time.
        using (var again = GuanxiCli.Start("--urls", $"http://127.0.0.1:{FreePort()}", "--db", dbFile, "--no-demo"))
        {
            var second = await BannerAsync(again);
            Assert.DoesNotContain("admin", second, StringComparison.Ordinal);
            Assert.Contains(dbFile, second, StringComparison.Ordinal);
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }
    }

    /// <summary>The server's standard output up to the banner's last line.</summary>
    private static async Task<string> BannerAsync(System.Diagnostics.Process server)
    {
        _ = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var text = new System.Text.StringBuilder();
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            text.AppendLine(line);
            if (line.StartsWith("Stop with Ctrl+C", StringComparison.Ordinal)) return text.ToString();
        }
        throw new InvalidOperationException("the server ended without its banner: " + text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
