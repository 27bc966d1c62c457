using System.Text;
using System.Text.RegularExpressions;
using Guanxi.Data.Postgres.Models;
using Guanxi.Data.Sqlite.Models;

namespace Guanxi.Tests.Data;

/// <summary>
/// One day decoder per storage format (issue 12, item 9): SQLite's ISO text is decoded by <see cref="SqliteDays"/>
/// (from the C API's bytes and from ADO.NET's strings alike), PostgreSQL's binary dates and timestamps by
/// <see cref="PostgresDays"/>; no other file of the data projects decodes a stored day.
/// </summary>
public partial class StoredDayTests
{
    [Theory]
    [InlineData("2025-05-05", 2025, 5, 5)]
    [InlineData("2025-05-05 10:11:12", 2025, 5, 5)]
    [InlineData("2024-02-29 23:59:59.9999999", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    public void Sqlite_text_gives_the_same_day_from_bytes_and_from_characters(string stored, int year, int month, int day)
    {
        var expected = new DateOnly(year, month, day).DayNumber;

        Assert.Equal(expected, SqliteDays.DayNumber(Encoding.UTF8.GetBytes(stored).AsSpan()));
        Assert.Equal(expected, SqliteDays.DayNumber(stored.AsSpan()));
    }

    [Theory]
    [InlineData("2025-5-05")]
    [InlineData("2025-02-30")]
    [InlineData("20x5-05-05")]
    [InlineData("")]
    public void Sqlite_text_that_is_no_day_is_an_error(string stored)
    {
        Assert.Throws<InvalidDataException>(() => SqliteDays.DayNumber(Encoding.UTF8.GetBytes(stored).AsSpan()));
        Assert.Throws<InvalidDataException>(() => SqliteDays.DayNumber(stored.AsSpan()));
    }

    [Fact]
    public void Postgres_binary_days_count_from_2000_01_01()
    {
        const long day = 86_400_000_000;
        Assert.Equal(new DateOnly(2000, 1, 1).DayNumber, PostgresDays.DayOfDate(0));
        Assert.Equal(new DateOnly(1987, 6, 5).DayNumber, PostgresDays.DayOfDate(new DateOnly(1987, 6, 5).DayNumber - new DateOnly(2000, 1, 1).DayNumber));
        Assert.Equal(new DateOnly(2000, 1, 2).DayNumber, PostgresDays.DayOfTimestamp(day));
        Assert.Equal(new DateOnly(2000, 1, 1).DayNumber, PostgresDays.DayOfTimestamp(day - 1));
        Assert.Equal(new DateOnly(1999, 12, 31).DayNumber, PostgresDays.DayOfTimestamp(-1));
        Assert.Equal(new DateOnly(1999, 12, 30).DayNumber, PostgresDays.DayOfTimestamp(-day - 1));
    }

    [Fact]
    public void No_other_file_of_the_data_projects_decodes_a_stored_day()
    {
        var root = RepositoryRoot();
        var offenders = new[] { "Guanxi.Data", "Guanxi.Data.Sqlite", "Guanxi.Data.Postgres" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("SqliteDays.cs" or "PostgresDays.cs"))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => DayDecoding().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Stored days decoded outside SqliteDays/PostgresDays:\n" + string.Join('\n', offenders));
    }

    // What a decoder of a stored day looks like: parsing date text, building a day from its parts, or PostgreSQL's epoch.
    [GeneratedRegex(@"\b(ParseExact|TryParseExact|DateOnly\.Parse|DateTime\.Parse)\b|new DateOnly\(\s*\w+\s*,\s*\w+\s*,\s*\w+\s*\)|\b2000,\s*1,\s*1\b|MicrosecondsPerDay")]
    private static partial Regex DayDecoding();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guanxi.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Guanxi.sln not found above the test binaries.");
    }
}
