using Guanxi.Tests.Infrastructure;
using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Guanxi.Tests.Architecture;

/// <summary>
/// One seam per database (issue 12, item 8; decision 0013): the program (src/Guanxi) speaks EF Core through the
/// filtered, intercepted GuanxiDbContext, or a named operation of Guanxi.Data implemented once per provider in
/// Guanxi.Data.Sqlite and Guanxi.Data.Postgres. So no type of it depends on a database driver or on raw-SQL helpers,
/// no source line of it writes raw or set-based SQL or asks which database it runs on, and no feature depends on the
/// pages that show it. Every failure names the file and line.
/// </summary>
[ClockIndependent]
public partial class DataSeamTests
{
    /// <summary>Database drivers, and Guanxi.Data's raw-SQL helpers (the provider projects use them, the program does not).</summary>
    private static readonly string[] DriverNamespaces = ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCL", "Guanxi.Data.DbCommands"];

    private static readonly string[] FeatureNamespaces =
    [
        "Guanxi.Customers", "Guanxi.Models", "Guanxi.Import", "Guanxi.Orders", "Guanxi.Interactions", "Guanxi.Privacy",
        "Guanxi.Export", "Guanxi.Audit", "Guanxi.Security", "Guanxi.Segmentation", "Guanxi.Demo",
    ];

    private static readonly Assembly ProgramAssembly = typeof(Guanxi.Hosting.CoreServices).Assembly;

    [Fact]
    public void The_program_depends_on_no_database_driver()
    {
        var failing = Types.InAssembly(ProgramAssembly).ShouldNot().HaveDependencyOnAny(DriverNamespaces).GetResult().FailingTypeNames ?? [];
        var offenders = Located(failing, DriverReference());
        Assert.True(offenders.Count == 0,
            "Types of src/Guanxi that use a database driver or raw SQL helpers (use EF Core or a named operation of Guanxi.Data, decision 0013):\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void Features_depend_on_no_page_component()
    {
        var offenders = new List<string>();
        foreach (var feature in FeatureNamespaces)
        {
            var failing = Types.InAssembly(ProgramAssembly).That().ResideInNamespaceStartingWith(feature)
                .ShouldNot().HaveDependencyOn("Guanxi.Components").GetResult().FailingTypeNames ?? [];
            offenders.AddRange(Located(failing, ComponentReference()));
        }

        Assert.True(offenders.Count == 0,
            "Feature types that depend on page components (the pages call the features, never the other way round):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void No_source_line_writes_raw_or_set_based_sql_or_asks_for_the_database()
    {
        var offenders = new List<string>();
        foreach (var (relative, lines) in ProgramSources())
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (RawSql().IsMatch(lines[i])) offenders.Add($"src/Guanxi/{relative}:{i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(offenders.Count == 0,
            "Raw SQL, set-based writes or database checks in src/Guanxi (move them into a named operation of Guanxi.Data, decision 0013):\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void The_checks_catch_what_they_are_for()
    {
        foreach (var line in new[] { "ExecuteUpdateAsync(", "ExecuteDelete(", "ExecuteSqlRaw(", "SqlQuery<int>(", "FromSqlInterpolated(", "command.CommandText = s;", "db.IsPostgres" })
            Assert.Matches(RawSql(), $"await db.Orders.{line}");
        Assert.DoesNotMatch(RawSql(), "await db.SaveChangesAsync(ct); // an ExecuteAsync of an IResult is no SQL");

        // The type check sees through IL: a type that only names a driver in a signature fails too.
        var failing = Types.InAssembly(typeof(DataSeamTests).Assembly).That().HaveName(nameof(UsesDriver))
            .ShouldNot().HaveDependencyOnAny(DriverNamespaces).GetResult();
        Assert.False(failing.IsSuccessful);
        Assert.Contains(Located(failing.FailingTypeNames, DriverReference(), Path.Combine("tests", "Guanxi.Tests")),
            line => line.StartsWith("tests/Guanxi.Tests/Architecture/DataSeamTests.cs:", StringComparison.Ordinal));
    }

    /// <summary>
    /// "file:line: text" for each failing type: the lines of its file that name
    /// what is forbidden, else the line that declares it (the dependency is in the IL only, e.g. an inferred type).
    /// </summary>
    private static List<string> Located(IEnumerable<string> failingTypes, Regex reference, string folder = "src/Guanxi")
    {
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !InBuildOutput(f))
            .Select(f => (Relative: Path.GetRelativePath(root, f).Replace('\\', '/'), Lines: File.ReadAllLines(f)))
            .ToList();
        var result = new List<string>();
        foreach (var type in failingTypes.Select(OuterTypeName).Distinct(StringComparer.Ordinal))
        {
            var declaration = new Regex($@"\b(class|struct|record|interface|enum)\s+{Regex.Escape(type)}\b");
            var files = sources.Where(s => s.Lines.Any(declaration.IsMatch)).ToList();
            if (files.Count == 0)
            {
                result.Add($"{type}: (no source file found)");
                continue;
            }

            foreach (var (relative, lines) in files)
            {
                var hits = Enumerable.Range(0, lines.Length).Where(i => reference.IsMatch(lines[i])).ToList();
                if (hits.Count == 0) hits = [Array.FindIndex(lines, declaration.IsMatch)];
                result.AddRange(hits.Select(i => $"{relative}:{i + 1}: {lines[i].Trim()}"));
            }
        }

        return result;
    }

    /// <summary>"Guanxi.Customers.CustomerService/&lt;&gt;c" → "CustomerService"; generic arity dropped.</summary>
    private static string OuterTypeName(string fullName)
    {
        var outer = fullName.Split('/', '+')[0];
        var name = outer[(outer.LastIndexOf('.') + 1)..];
        return name.Split('`')[0];
    }

    private static IEnumerable<(string Relative, string[] Lines)> ProgramSources()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Guanxi");
        foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
        {
            if (!(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal)) || InBuildOutput(file)) continue;
            yield return (Path.GetRelativePath(folder, file).Replace('\\', '/'), File.ReadAllLines(file));
        }
    }

    private static bool InBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guanxi.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Guanxi.sln not found above the test binaries.");
    }

    /// <summary>A type that depends on a driver only through a signature: what the type check must catch.</summary>
    private static class UsesDriver
    {
        public static string? Describe(Npgsql.NpgsqlConnection? connection) => connection?.Database;
    }

    [GeneratedRegex(@"\b(ExecuteUpdate|ExecuteDelete|ExecuteSql|SqlQuery|FromSql)\w*|\bCommandText\b|\bIsPostgres\b")]
    private static partial Regex RawSql();

    [GeneratedRegex(@"\b(Npgsql\w*|Microsoft\.Data\.Sqlite|SQLitePCL|Sqlite(Connection|Command|DataReader|Exception|Parameter|Transaction)|PostgresException|DbCommands|CreateCommandAsync|ScalarAsync|ExecuteAsync)\b")]
    private static partial Regex DriverReference();

    [GeneratedRegex(@"\bComponents\.|using Guanxi\.Components")]
    private static partial Regex ComponentReference();
}
