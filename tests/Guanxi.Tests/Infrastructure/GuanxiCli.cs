using System.Diagnostics;
using System.Text;
using Guanxi.Cli;

namespace Guanxi.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd().Split('\n')[^1].Trim();
}

/// <summary>
/// Runs the real `guanxi` program. <see cref="RunAsync"/> calls its command line (<see cref="CommandLine.RunAsync"/>,
/// what Program.cs calls for every subcommand) inside the test process, with its own stdout and stderr; <see cref="Start"/>
/// and <see cref="RunWithInputAsync"/> start guanxi.dll as a separate process, as a user does, for what only a process
/// has: standard input, being killed, serving.
/// </summary>
/// <remarks>
/// Why in-process: a process pays ~2-4 s of CPU to compile EF Core and our code before its first query, which made the
/// CLI tests a third of CI's CPU; in-process the code is compiled once per test run. The command runs exactly as in
/// the program (same parser, same services, same database code); Clock:Start comes from the environment as it would.
/// </remarks>
public static class GuanxiCli
{
    private static readonly AsyncLocal<Capture?> Current = new();

    static GuanxiCli()
    {
        // The process's console is routed once: each write goes to the capture of the command that made it (an AsyncLocal
        // flows into every task and thread the command starts), so commands of tests running in parallel never mix.
        Console.SetOut(new RoutedWriter(Console.Out, static c => c.Out));
        Console.SetError(new RoutedWriter(Console.Error, static c => c.Error));
        // What the process gets in Start: the suite's instant as the product's Clock:Start, no GUANXI_DB from outside.
        Environment.SetEnvironmentVariable("Clock__Start", Testing.TestClock.StartText);
        Environment.SetEnvironmentVariable("GUANXI_DB", null);
    }

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

    /// <summary>A subcommand, in this process (serving always gets its own process).</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        if (CommandLine.IsServe(args)) return await RunWithInputAsync(null, args);
        var capture = new Capture();
        Current.Value = capture;
        int code;
        try
        {
            code = await Task.Run(() => CommandLine.RunAsync(args));
        }
        finally
        {
            Current.Value = null;
        }
        return new CliResult(code, capture.Out.ToString(), capture.Error.ToString());
    }

    /// <summary>Runs the CLI as its own process with <paramref name="input"/> on standard input (e.g. for --password-stdin).</summary>
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

    private sealed class Capture
    {
        public StringWriter Out { get; } = new(System.Globalization.CultureInfo.InvariantCulture);
        public StringWriter Error { get; } = new(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Console.SetOut wraps this in a synchronized writer, so writes from several threads never interleave.</summary>
    private sealed class RoutedWriter(TextWriter console, Func<Capture, TextWriter> pick) : TextWriter
    {
        private TextWriter Target => Current.Value is { } capture ? pick(capture) : console;

        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => Target.Write(value);
        public override void Write(string? value) => Target.Write(value);
        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);
        public override void Write(ReadOnlySpan<char> buffer) => Target.Write(buffer);
        public override void WriteLine(string? value) => Target.WriteLine(value);
        public override void WriteLine(ReadOnlySpan<char> buffer) => Target.WriteLine(buffer);
        public override void Flush() => Target.Flush();
    }
}
