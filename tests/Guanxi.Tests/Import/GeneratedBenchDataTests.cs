using Guanxi.Tests.Infrastructure;
using System.Diagnostics;
using Guanxi.Import;
using Xunit.Abstractions;

namespace Guanxi.Tests.Import;

/// <summary>
/// Runs when the bench generator (python3 + numpy) is available: skipped otherwise, but on CI
/// (CI=true) a missing generator fails the test so the check cannot silently disappear.
/// </summary>
public sealed class BenchGeneratorFactAttribute : FactAttribute
{
    public BenchGeneratorFactAttribute()
    {
        if (BenchGenerator.Problem() is { } problem && !BenchGenerator.OnCi) Skip = problem;
    }
}

internal static class BenchGenerator
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Script => Environment.GetEnvironmentVariable("GUANXI_BENCH_DIR") is { } dir
        ? Path.Combine(dir, "gen_orders.py")
        : Infrastructure.SharedFolder.Exists ? Infrastructure.SharedFolder.Path("bench", "gen_orders.py") : "shared/bench/gen_orders.py";

    private static readonly Lazy<string?> ProblemText = new(() =>
    {
        if (!File.Exists(Script)) return $"bench generator not found at {Script} (set GUANXI_BENCH_DIR)";
        // The generator re-runs itself with /usr/bin/python3 when the python3 on PATH lacks numpy.
        if (Run("python3", "-c \"import numpy\"") == 0 || Run("/usr/bin/python3", "-c \"import numpy\"") == 0) return null;
        return "python3 with numpy is not installed (apt-get install -y python3-numpy)";
    });

    public static string? Problem() => ProblemText.Value;

    public static void Generate(string outDir, string args)
    {
        var code = Run("python3", $"\"{Script}\" {args} --out \"{outDir}\"");
        if (code != 0) throw new InvalidOperationException($"gen_orders.py {args} exited with {code}");
    }

    private static int Run(string file, string args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

[ClockIndependent]
public sealed class GeneratedBenchDataTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Kinds in dirty_rows.csv that only the database can decide.</summary>
    private static readonly string[] NeedsDatabase = ["unknown_customer", "unknown_reference"];

    [BenchGeneratorFact]
    public void Dirty_bench_files_reject_exactly_the_listed_lines_and_keep_the_clean_data()
    {
        Assert.Null(BenchGenerator.Problem());
        var dirty = _files.Path("dirty");
        var clean = _files.Path("clean");
        BenchGenerator.Generate(dirty, "--customers 2000 --orders 20000 --seed 7 --dirty");
        BenchGenerator.Generate(clean, "--customers 2000 --orders 20000 --seed 7");

        var listed = File.ReadAllLines(Path.Combine(dirty, "dirty_rows.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[3] == "reject")
            .Select(f => (File: f[0], Line: long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), Kind: f[2]))
            .ToList();

        foreach (var (file, kind) in new[] { ("customers.csv", ImportKind.Customers), ("orders.csv", ImportKind.Orders) })
        {
            var dirtyRecords = ReadAll(Path.Combine(dirty, file), kind);
            var expected = listed.Where(l => l.File == file && !NeedsDatabase.Contains(l.Kind)).Select(l => l.Line).ToList();
            var databaseOnly = listed.Where(l => l.File == file && NeedsDatabase.Contains(l.Kind)).Select(l => l.Line).ToHashSet();
            var rejects = dirtyRecords.OfType<RejectedRow>().ToList();
            foreach (var r in rejects) output.WriteLine($"{file}:{r.Line}: {r.Reason}");
            Assert.Equal(expected, rejects.Select(r => r.Line));

            // With the database-only rows left out, what is accepted is the clean file's data.
            var accepted = dirtyRecords.Where(r => r is not RejectedRow && !databaseOnly.Contains(r.Line)).ToList();
            var cleanRecords = ReadAll(Path.Combine(clean, file), kind);
            Assert.DoesNotContain(cleanRecords, r => r is RejectedRow);
            if (kind == ImportKind.Orders)
                Assert.Equal(cleanRecords.Select(r => r with { Line = 0 }), accepted.Select(r => r with { Line = 0 }));
            else
                Assert.Equal(cleanRecords.Select(r => ((CustomerImportRow)r).ExternalId), accepted.Select(r => ((CustomerImportRow)r).ExternalId));
        }
    }

    private static List<ImportRecord> ReadAll(string path, ImportKind kind)
    {
        using var reader = ImportReader.Open(path, kind, new ImportOptions());
        return reader.ReadRecords().ToList();
    }

    /// <summary>
    /// Throughput of reading + validating (no database): set GUANXI_IMPORT_BENCH to a bench orders.csv or
    /// customers.csv and run this test in Release. Run 0 is what a one-shot import sees (JIT included).
    /// </summary>
    [Fact]
    public void Import_throughput()
    {
        var path = Environment.GetEnvironmentVariable("GUANXI_IMPORT_BENCH");
        if (path is null) return;
        var kind = Path.GetFileName(path).Contains("customers", StringComparison.OrdinalIgnoreCase) ? ImportKind.Customers : ImportKind.Orders;
        for (var run = 0; run < 3; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            long rows = 0, rejects = 0, cents = 0;
            using (var reader = ImportReader.Open(path, kind, new ImportOptions()))
            {
                foreach (var record in reader.ReadRecords())
                {
                    rows++;
                    if (run == 0 && rows % 250_000 == 0) output.WriteLine($"  {rows:N0} rows at {watch.Elapsed.TotalSeconds:F2} s");
                    if (record is OrderImportRow o) cents += o.AmountCents;
                    else if (record is RejectedRow) rejects++;
                }
            }
            watch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            output.WriteLine($"run {run}: {rows:N0} rows ({rejects} rejects) in {watch.Elapsed.TotalSeconds:F2} s wall = {rows / watch.Elapsed.TotalSeconds:N0} rows/s, {cpuSeconds:F2} s CPU = {rows / cpuSeconds:N0} rows/CPU-s; GC heap {GC.GetTotalMemory(false) / 1048576} MB; sum {cents}");
        }
    }
}
