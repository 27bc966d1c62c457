using Guanxi.Tests.Infrastructure;
using System.Text.RegularExpressions;

namespace Guanxi.Tests.Architecture;

/// <summary>
/// The product takes "now" from the one injected TimeProvider (src/Guanxi/Hosting/Clock.cs) and the tests from their
/// fixed clock (tests/Shared/TestClock.cs): a wall-clock read anywhere else makes a result depend on the day it runs.
/// </summary>
[ClockIndependent]
public partial class ClockSourceTests
{
    private static readonly string[] Allowed =
    [
        Path.Combine("src", "Guanxi", "Hosting", "Clock.cs"),
    ];

    [Fact]
    public void No_source_file_reads_the_wall_clock()
    {
        var root = RepositoryRoot();
        var offenders = new List<string>();
        foreach (var folder in new[] { "src", "tests", "bench" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories))
            {
                if (!(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))) continue;
                var relative = Path.GetRelativePath(root, file);
                if (relative.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || relative.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || Allowed.Contains(relative))
                    continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (WallClock().IsMatch(lines[i])) offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.True(offenders.Count == 0, "Wall-clock reads (take TimeProvider instead):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_check_catches_each_wall_clock_read()
    {
        foreach (var read in new[] { "DateTime" + ".Now", "DateTime" + ".UtcNow", "DateTime" + ".Today", "DateTimeOffset" + ".Now", "DateTimeOffset" + ".UtcNow", "TimeProvider" + ".System" })
            Assert.Matches(WallClock(), $"var x = {read};");
        Assert.DoesNotMatch(WallClock(), "var x = time.GetUtcNow(); var y = DateTime.SpecifyKind(d, DateTimeKind.Utc); // DateTime.Nowhere");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guanxi.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Guanxi.sln not found above the test binaries.");
    }

    // Built from pieces so this file does not match itself.
    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow)\b|\bDateTime\.Today\b|\bTimeProvider\.System\b")]
    private static partial Regex WallClock();
}
