using System.Diagnostics;

namespace Guanxi.Tests.Infrastructure;

/// <summary>
/// The real `guanxi` program with extra configuration in its environment (e.g. Database__MigrationLockTimeoutSeconds),
/// and with its output read while it runs, so a process the test kills or waits on never blocks on a full pipe.
/// </summary>
public sealed class GuanxiCliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private GuanxiCliProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    public static GuanxiCliProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(GuanxiCli.DllPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("GUANXI_DB");
        psi.Environment["Clock__Start"] = Testing.TestClock.StartText;
        foreach (var (key, value) in settings) psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start guanxi");
        process.StandardInput.Close();
        return new GuanxiCliProcess(process);
    }

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var p = Start(settings, args);
        return await p.WaitAsync(TimeSpan.FromMinutes(3));
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return new CliResult(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>kill -9 of the program and anything it started.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
