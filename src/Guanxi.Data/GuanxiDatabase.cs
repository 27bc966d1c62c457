using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Creates the SQLite folder, switches SQLite to WAL, and applies pending migrations.</summary>
    public static async Task MigrateAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        if (target.SqliteFile is { } file)
        {
            var folder = Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            await using var connection = new SqliteConnection(target.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            // WAL lets readers (pages, API) go on while an import or model run writes.
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(ct);
        }
        await using var db = new GuanxiDbContext(Options(target));
        await db.Database.MigrateAsync(ct);
    }
}
