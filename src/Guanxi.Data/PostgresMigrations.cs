using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Guanxi.Data;

/// <summary>
/// Schema upgrades of a PostgreSQL database (decision 0012). EF Core's lock here is LOCK TABLE on the history table
/// inside the upgrade's transaction, which the server frees when the session dies; but it waits without limit, and
/// so does every reader of the history table meanwhile. Both waits are bounded, and the wait for another guanxi's
/// upgrade is announced.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>How long the pending check waits for the history table before it concludes that an upgrade is under way.</summary>
    private static readonly TimeSpan CheckLockTimeout = TimeSpan.FromSeconds(1);

    public static async Task MigrateAsync(DatabaseTarget target, TimeSpan lockTimeout, ILogger logger, CancellationToken ct)
    {
        if (!await AnyPendingAsync(target, ct)) return;
        await EnsureDatabaseAsync(target, ct);
        await using var held = await MigrationLock.AcquireAsync(target, lockTimeout, logger, ct);
        // Under our lock, EF Core's LOCK TABLE and the upgrade's DDL wait for other sessions (a long query, a tool
        // that is not guanxi) at most as long as we waited for the lock.
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(WithLockTimeout(target, lockTimeout)));
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw MigrationLockTimeoutException.Postgres(target, lockTimeout, e);
        }
    }

    private static async Task<bool> AnyPendingAsync(DatabaseTarget target, CancellationToken ct)
    {
        // A live upgrade holds the history table exclusively until it commits; reading it would wait as long.
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(WithLockTimeout(target, CheckLockTimeout)));
        try
        {
            return (await db.Database.GetPendingMigrationsAsync(ct)).Any();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return true;
        }
    }

    /// <summary>The advisory lock needs the database to connect to; EF Core would create it anyway.</summary>
    private static async Task EnsureDatabaseAsync(DatabaseTarget target, CancellationToken ct)
    {
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(target));
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it first.
        }
    }

    private static DatabaseTarget WithLockTimeout(DatabaseTarget target, TimeSpan timeout)
    {
        // lock_timeout = 0 would mean no limit.
        var ms = Math.Max(1L, (long)timeout.TotalMilliseconds);
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        builder.Options = $"{builder.Options} -c lock_timeout={ms.ToString(CultureInfo.InvariantCulture)}".Trim();
        return target with { ConnectionString = builder.ToString() };
    }
}
