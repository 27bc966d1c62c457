using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Guanxi.Data;

/// <summary>
/// Guanxi's own lock around a schema upgrade, one that dies with the process holding it: an OS file lock on
/// <c>&lt;db&gt;.migrate.lock</c> beside a SQLite file, a session advisory lock on PostgreSQL (decision 0012). A second
/// process waits for it, says so, and gives up after a bounded time with <see cref="MigrationLockTimeoutException"/>.
/// </summary>
internal sealed partial class MigrationLock : IAsyncDisposable
{
    // Any fixed number: the lock is per database, and only guanxi's schema upgrade takes this one.
    private const long PostgresKey = 0x6775_616E_7869_4D67; // "guanxiMg"
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly FileStream? _file;
    private readonly NpgsqlConnection? _connection;

    private MigrationLock(FileStream? file, NpgsqlConnection? connection)
    {
        _file = file;
        _connection = connection;
    }

    public static string SqliteLockFile(DatabaseTarget target) => target.SqliteFile + ".migrate.lock";

    /// <summary>Takes the lock at once, or returns null if a live process holds it.</summary>
    public static async Task<MigrationLock?> TryAcquireAsync(DatabaseTarget target, CancellationToken ct)
    {
        if (target.Provider == DatabaseProvider.Sqlite) return TryLockFile(SqliteLockFile(target)) is { } file ? new MigrationLock(file, null) : null;
        var connection = await OpenPostgresAsync(target, ct);
        try
        {
            if (await TryAdvisoryLockAsync(connection, ct)) return new MigrationLock(null, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> for a live holder to finish, and saying so.</summary>
    public static async Task<MigrationLock> AcquireAsync(DatabaseTarget target, TimeSpan timeout, ILogger logger, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var path = SqliteLockFile(target);
            if (TryLockFile(path) is { } first) return new MigrationLock(first, null);
            LogWaiting(logger, target.Describe(), path, timeout.TotalSeconds);
            while (true)
            {
                await PauseOrGiveUpAsync(target, path, timeout, waited, ct);
                if (TryLockFile(path) is { } file) return new MigrationLock(file, null);
            }
        }

        const string advisory = "a PostgreSQL advisory lock";
        var connection = await OpenPostgresAsync(target, ct);
        try
        {
            if (await TryAdvisoryLockAsync(connection, ct)) return new MigrationLock(null, connection);
            LogWaiting(logger, target.Describe(), advisory, timeout.TotalSeconds);
            while (true)
            {
                await PauseOrGiveUpAsync(target, advisory, timeout, waited, ct);
                if (await TryAdvisoryLockAsync(connection, ct)) return new MigrationLock(null, connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the file or the (unpooled) connection is what frees the lock; a killed process gets the same.
        if (_file is not null) await _file.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private static Task PauseOrGiveUpAsync(DatabaseTarget target, string holds, TimeSpan timeout, Stopwatch waited, CancellationToken ct)
    {
        var left = timeout - waited.Elapsed;
        if (left <= TimeSpan.Zero) throw MigrationLockTimeoutException.AnotherProcess(target, holds, timeout);
        return Task.Delay(left < Poll ? left : Poll, ct);
    }

    private static FileStream? TryLockFile(string path)
    {
        try
        {
            // FileShare.None is an exclusive flock() on Unix (LockFileEx on Windows): the OS frees it when the process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException))
        {
            return null;
        }
    }

    private static async Task<NpgsqlConnection> OpenPostgresAsync(DatabaseTarget target, CancellationToken ct)
    {
        // Unpooled: a pooled connection would keep the session, and the advisory lock with it, after Dispose.
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<bool> TryAdvisoryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", PostgresKey);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for another guanxi process that is upgrading the database schema of {Database} (it holds {Lock}); giving up after {Seconds} s (Database:MigrationLockTimeoutSeconds)")]
    private static partial void LogWaiting(ILogger logger, string database, string @lock, double seconds);
}

/// <summary>A schema upgrade gave up waiting for another process's lock: a clear message and a non-zero exit, never a hang.</summary>
public sealed class MigrationLockTimeoutException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>EX_TEMPFAIL of sysexits.h: try again later.</summary>
    public const int ExitCode = 75;

    internal static MigrationLockTimeoutException AnotherProcess(DatabaseTarget target, string holds, TimeSpan timeout) =>
        new($"Gave up after {timeout.TotalSeconds:0.#} s waiting for another guanxi process that is upgrading the database schema of {target.Describe()} (it holds {holds}). "
            + "Let it finish (or stop it) and run the command again; Database:MigrationLockTimeoutSeconds sets how long to wait.");

    internal static MigrationLockTimeoutException Postgres(DatabaseTarget target, TimeSpan timeout, Exception inner) =>
        new($"Gave up after {timeout.TotalSeconds:0.#} s waiting for a lock on {target.Describe()} that another session holds while the schema is upgraded "
            + "(see pg_locks / pg_stat_activity). Let it finish (or end it) and run the command again; Database:MigrationLockTimeoutSeconds sets how long to wait.", inner);
}
