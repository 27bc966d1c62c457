using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guanxi.Data;

/// <summary>Provider choice and schema upgrades, in one place for the server, the CLI and the tests.</summary>
public static class GuanxiDatabase
{
    public const string SqliteMigrationsAssembly = "Guanxi.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Guanxi.Data.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseTarget target)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            // A list in Contains() goes as ONE parameter (json_each / = ANY): imports look up 5 000 keys at once, and
            // binding 5 000 separate parameters costs SQLite a name scan each (quadratic; it dominated import time).
            builder.UseSqlite(target.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)
                .CommandTimeout(300));
            builder.AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            // Bulk statements of an import or a model run may take longer than the 30 s default on a busy server.
            builder.UseNpgsql(target.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)
                .CommandTimeout(300));
        }
        return builder;
    }

    /// <summary>Options for a context outside the app's services; with <paramref name="time"/>, saves stamp entities by it.</summary>
    public static DbContextOptions<GuanxiDbContext> Options(DatabaseTarget target, TimeProvider? time = null)
    {
        var builder = new DbContextOptionsBuilder<GuanxiDbContext>();
        Configure(builder, target);
        if (time is not null) builder.AddInterceptors(new StampingInterceptor(time));
        return builder.Options;
    }

    /// <summary>How long a schema upgrade waits for another process's by default (Database:MigrationLockTimeoutSeconds).</summary>
    public static readonly TimeSpan DefaultMigrationLockTimeout = TimeSpan.FromSeconds(60);

    public static Task MigrateAsync(DatabaseTarget target, CancellationToken ct = default) =>
        MigrateAsync(target, DefaultMigrationLockTimeout, NullLogger.Instance, ct);

    /// <summary>
    /// Creates the SQLite folder, switches SQLite to WAL, and applies pending migrations (decision 0012): with nothing
    /// pending it takes no lock; else it takes <see cref="MigrationLock"/>, waiting at most <paramref name="lockTimeout"/>
    /// for a live holder, clears an EF Core lock row left by a dead process, and upgrades. SQLite upgrades run in one
    /// transaction, so a process killed half-way leaves the schema as it was.
    /// </summary>
    public static async Task MigrateAsync(DatabaseTarget target, TimeSpan lockTimeout, ILogger logger, CancellationToken ct = default)
    {
        if (target.SqliteFile is { } file)
        {
            var folder = Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            await using var connection = new SqliteConnection(target.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // WAL lets readers (pages, API) go on while an import or model run writes; and the pending check below
            // goes on while another process upgrades.
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(ct);
            await SqliteMigrations.MigrateAsync(target, lockTimeout, logger, ct);
        }
        else
        {
            await PostgresMigrations.MigrateAsync(target, lockTimeout, logger, ct);
        }

        // Pinyin of customers written before pinyin search (decision 0021); one index seek when there are none.
        await Customers.CustomerPinyinBackfill.RunAsync(target, ct);
    }
}
