using System.Diagnostics;

namespace Guanxi.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd().Split('\n')[^1].Trim();
}

/// <summary>Runs the real `guanxi` program (the built guanxi.dll) as a separate process, as a user would.</summary>
public static class GuanxiCli
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "guanxi.dll");

    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("GUANXI_DB");
        // The command's clock starts at the suite's instant, as the in-process app's does.
        psi.Environment["Clock__Start"] = Testing.TestClock.StartText;
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start guanxi");
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs the CLI with <paramref name="input"/> on standard input (e.g. for --password-stdin).</summary>
    public static async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        using var p = Start(args);
        if (input is not null) await p.StandardInput.WriteAsync(input);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return new CliResult(p.ExitCode, await stdout, await stderr);
    }
}
