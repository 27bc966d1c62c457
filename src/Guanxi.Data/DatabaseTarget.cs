using Microsoft.Data.Sqlite;
using Npgsql;

namespace Guanxi.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives, from one user-facing string: a SQLite file path, or a PostgreSQL connection
/// string (<c>Host=…;Database=…</c> or a <c>postgres://</c> URL).
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "guanxi-data/guanxi.db";

    public static DatabaseTarget Parse(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, FromUrl(new Uri(text)));
        }
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, text);
        }
        var path = text.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(text).DataSource
            : text;
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Pooling = true,
            // Writers wait instead of failing at once while another connection holds the write lock.
            DefaultTimeout = 30,
        };
        return new(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>The SQLite file, for creating its folder; null for PostgreSQL.</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>For logs and messages: never the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite) return $"SQLite {SqliteFile}";
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    private static string FromUrl(Uri url)
    {
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port > 0 ? url.Port : 5432,
            Database = url.AbsolutePath.Trim('/'),
        };
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            var parts = url.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return b.ToString();
    }
}
