using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Guanxi.Data;

/// <summary>
/// Schema upgrades of a SQLite file (decision 0012). Not EF Core's Migrate(): its lock, a row in
/// <c>__EFMigrationsLock</c>, outlives a killed process and every later start waited for it forever; and it commits
/// before each table rebuild, so a kill there left half a migration applied and unrecorded. Here the upgrade holds
/// <see cref="MigrationLock"/> and runs EF Core's own SQL for the pending migrations in one transaction.
/// </summary>
internal static partial class SqliteMigrations
{
    private const string EfLockTable = "__EFMigrationsLock";

    public static async Task MigrateAsync(DatabaseTarget target, TimeSpan lockTimeout, ILogger logger, CancellationToken ct)
    {
        // WAL readers never wait for a writer, so this check cannot hang on another process's upgrade.
        if (!await AnyPendingAsync(target, ct))
        {
            // Nothing to upgrade, so no lock; but an EF Core lock row left by a dead process is tidied away, as it
            // would hang any other tool (or an older guanxi) that upgrades with EF Core.
            if (await HasEfLockRowAsync(target, ct))
            {
                await using var tidy = await MigrationLock.TryAcquireAsync(target, ct);
                if (tidy is not null) await ClearEfLockRowAsync(target, logger, ct);
            }
            return;
        }

        await using var held = await MigrationLock.AcquireAsync(target, lockTimeout, logger, ct);
        // Every guanxi that upgrades holds the lock we now hold: an EF Core lock row now is a dead process's.
        await ClearEfLockRowAsync(target, logger, ct);
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(target));
        // Read again: the process we waited for may have done the upgrade.
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var known = db.Database.GetMigrations().ToList();
        var pending = known.SkipWhile(applied.Contains).ToList();
        if (pending.Count == 0) return;
        if (pending.Any(applied.Contains))
        {
            throw new InvalidOperationException(
                $"The schema of {target.Describe()} has migrations applied out of order ({string.Join(", ", known.Where(m => !applied.Contains(m)))} missing); it cannot be upgraded safely.");
        }
        var from = known.TakeWhile(applied.Contains).LastOrDefault();
        var script = db.GetService<IMigrator>().GenerateScript(from, null, MigrationsSqlGenerationOptions.NoTransactions);
        await RunInOneTransactionAsync(target, script, ct);
    }

    private static async Task<bool> AnyPendingAsync(DatabaseTarget target, CancellationToken ct)
    {
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(target));
        return (await db.Database.GetPendingMigrationsAsync(ct)).Any();
    }

    /// <summary>
    /// SQLite's own recipe for schema changes: foreign keys off outside the transaction (SQLite ignores the pragma
    /// inside one, and EF Core's table rebuilds drop parent tables), the whole upgrade, a foreign key check, commit.
    /// A process killed before the commit leaves the file as it was: SQLite rolls the journal back on next open.
    /// </summary>
    private static async Task RunInOneTransactionAsync(DatabaseTarget target, string script, CancellationToken ct)
    {
        // Unpooled, so the foreign_keys setting ends with this connection.
        var builder = new SqliteConnectionStringBuilder(target.ConnectionString) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA foreign_keys = 0;", ct);
        // Waits for another writer (an import's batch) as long as any write does: the connection's busy timeout.
        await ExecuteAsync(connection, "BEGIN IMMEDIATE;", ct);
        // On any failure the connection closes with the transaction open: SQLite rolls it back. Holding the write
        // lock, nothing else can make the script wait; a migration that rewrites a large table may take minutes.
        await ExecuteAsync(connection, script, ct, noTimeout: true);
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check;";
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"The schema upgrade of {target.Describe()} would break a foreign key (table {reader.GetString(0)}); nothing was changed.");
            }
        }
        await ExecuteAsync(connection, "COMMIT;", ct);
    }

    private static async Task<bool> HasEfLockRowAsync(DatabaseTarget target, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{EfLockTable}');";
        if (await command.ExecuteScalarAsync(ct) is not 1L) return false;
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{EfLockTable}\");";
        return await command.ExecuteScalarAsync(ct) is 1L;
    }

    /// <summary>Only under <see cref="MigrationLock"/>: then no live guanxi holds EF Core's lock row.</summary>
    private static async Task ClearEfLockRowAsync(DatabaseTarget target, ILogger logger, CancellationToken ct)
    {
        if (!await HasEfLockRowAsync(target, ct)) return;
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM \"{EfLockTable}\" RETURNING \"Timestamp\";";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            LogClearedDeadLock(logger, target.Describe(), reader.IsDBNull(0) ? "?" : reader.GetString(0));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, bool noTimeout = false)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (noTimeout) command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleared a migration lock on {Database} taken at {Taken} by a process that no longer runs (EF Core's __EFMigrationsLock row; a killed upgrade leaves it behind)")]
    private static partial void LogClearedDeadLock(ILogger logger, string database, string taken);
}
