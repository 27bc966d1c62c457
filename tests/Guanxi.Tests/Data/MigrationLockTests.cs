using System.Diagnostics;
using Guanxi.Data;
using Guanxi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Guanxi.Tests.Data;

/// <summary>
/// Issue 11 part 3: a command killed at the wrong moment must not leave a database that later commands hang on
/// (decision 0010). Every case runs the real `guanxi` program, as an operator would.
/// </summary>
[ClockIndependent]
public class MigrationLockTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> ShortWait = new() { ["Database:MigrationLockTimeoutSeconds"] = "2" };

    [Fact]
    public async Task A_lock_row_left_by_a_killed_upgrade_is_cleared_with_a_warning_and_the_command_completes()
    {
        // Up to date (nothing pending) and new (everything pending): both times EF Core's row would have hung the command.
        await using var current = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var empty = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(empty.DbArgument)!);
        foreach (var db in new[] { current, empty })
        {
            await LeaveEfLockRowAsync(db);
            var run = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            Assert.Contains("Cleared a migration lock", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
            await using var ctx = db.CreateContext();
            Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_command_that_finds_nothing_pending_takes_no_lock(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var held = await MigrationLock.TryAcquireAsync(db.Target, CancellationToken.None);
        Assert.NotNull(held);

        var run = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("Waiting", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_command_waits_for_a_live_upgrade_says_so_and_gives_up_after_the_configured_time(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider);
        if (db.Target.SqliteFile is { } file) Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var held = await MigrationLock.TryAcquireAsync(db.Target, CancellationToken.None))
        {
            Assert.NotNull(held);
            var clock = Stopwatch.StartNew();
            var run = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
            Assert.Equal(MigrationLockTimeoutException.ExitCode, run.ExitCode);
            Assert.Contains("Waiting for another guanxi process that is upgrading the database schema", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("guanxi: Gave up after 2 s waiting for another guanxi process", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            // Two seconds of waiting, plus the program's start; nowhere near the 60 s default.
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        }

        // The holder is gone: the same command goes through.
        var after = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
    }

    [Fact]
    public async Task The_server_waits_for_a_live_upgrade_too_and_gives_up_with_the_same_message()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(db.DbArgument)!);
        await using var held = await MigrationLock.TryAcquireAsync(db.Target, CancellationToken.None);
        Assert.NotNull(held);

        var run = await GuanxiCliProcess.RunAsync(ShortWait, "serve", "--db", db.DbArgument, "--urls", "http://127.0.0.1:0", "--no-demo");
        Assert.Equal(MigrationLockTimeoutException.ExitCode, run.ExitCode);
        Assert.Contains("Waiting for another guanxi process", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("guanxi: Gave up after 2 s waiting for another guanxi process", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_session_holding_the_history_table_is_waited_for_boundedly_with_a_clear_message()
    {
        // Not a guanxi process (e.g. another tool's upgrade): EF Core's own LOCK TABLE would have waited forever.
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var other = new NpgsqlConnection(db.Target.ConnectionString))
        {
            await other.OpenAsync();
            await using var tx = await other.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE", other, tx))
            {
                await lockTable.ExecuteNonQueryAsync();
            }
            var run = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
            Assert.Equal(MigrationLockTimeoutException.ExitCode, run.ExitCode);
            Assert.Contains("guanxi: Gave up after 2 s waiting for a lock", run.Stderr, StringComparison.Ordinal);
        }
        var after = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
    }

    /// <summary>
    /// kill -9 of `guanxi migrate` on a new database at points across its start-up, and at points after its upgrade
    /// took the lock; each time the next command completes. On SQLite the upgrade is one transaction (all or nothing);
    /// on PostgreSQL EF Core commits each migration whole, with its history row.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_migrate_killed_at_any_point_of_start_up_leaves_a_database_the_next_command_completes(DatabaseProvider provider)
    {
        // Before the lock the process is starting up (no schema work yet); the points that matter are in the upgrade.
        var points = new (bool AfterLock, int Ms)[] { (false, 700), (false, 1500), (false, 2000), (true, 0), (true, 100), (true, 250), (true, 500) };
        var outcomes = new List<string>();
        foreach (var (afterLock, ms) in points)
        {
            var point = afterLock ? $"{ms} ms after the upgrade took its lock" : $"{ms} ms after start";
            await using var db = await TestDatabase.CreateEmptyAsync(provider);
            var all = AllMigrations(db);
            bool finished;
            using (var victim = GuanxiCliProcess.Start(ShortWait, "migrate", "--db", db.DbArgument))
            {
                if (afterLock) await UntilUpgradeHoldsItsLockAsync(db, victim);
                await Task.Delay(ms);
                finished = victim.HasExited;
                await victim.KillAsync();
            }
            var applied = await AppliedMigrationsAsync(db);
            outcomes.Add($"{point}: {(finished ? "had finished" : "killed")}, {applied} of {all} migrations applied");
            if (provider == DatabaseProvider.Sqlite) Assert.True(applied == 0 || applied == all, $"{point}: {applied} of {all} migrations applied");

            var clock = Stopwatch.StartNew();
            var next = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
            Assert.True(next.ExitCode == 0, $"{point}: {next.Stdout}{next.Stderr}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{point}: the next command took {clock.Elapsed}");
            Assert.Equal(all, await AppliedMigrationsAsync(db));
            await using var ctx = db.CreateContext();
            Assert.Equal(0, await ctx.Customers.CountAsync());
        }
        output.WriteLine(string.Join("\n", outcomes));
        // The points must reach into the upgrade, or the test proves nothing.
        Assert.Contains(outcomes, o => o.Contains("after the upgrade took its lock: killed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sqlite_upgrade_in_one_transaction_rebuilds_a_parent_table_and_keeps_its_children()
    {
        // Security rebuilds asp_net_users (a new foreign key), whose user roles cascade on delete: SQLite's recipe
        // (foreign keys off outside the transaction, checked before the commit) keeps them.
        await using var db = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(db.DbArgument)!);
        await using (var ctx = db.CreateContext())
        {
            await ctx.Database.MigrateAsync("CustomerSearchIndex");
            await ctx.Database.ExecuteSqlRawAsync("""
                INSERT INTO asp_net_users (id, display_name, created_at, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES (7, '王芳', '2026-01-01 00:00:00', 0, 0, 0, 0, 0);
                INSERT INTO asp_net_roles (id, name, normalized_name) VALUES (3, 'admin', 'ADMIN');
                INSERT INTO asp_net_user_roles (user_id, role_id) VALUES (7, 3);
                """);
        }
        SqliteConnection.ClearAllPools();

        var run = await GuanxiCliProcess.RunAsync(ShortWait, "migrate", "--db", db.DbArgument);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(AllMigrations(db), await AppliedMigrationsAsync(db));
        Assert.Equal(1, await ScalarAsync(db, "SELECT COUNT(*) FROM asp_net_user_roles WHERE user_id = 7 AND role_id = 3"));
        Assert.Equal(1, await ScalarAsync(db, "SELECT COUNT(*) FROM pragma_table_info('asp_net_users') WHERE name = 'team_id'"));
        Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    private static async Task UntilUpgradeHoldsItsLockAsync(TestDatabase db, GuanxiCliProcess victim)
    {
        var clock = Stopwatch.StartNew();
        while (!victim.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (db.Target.SqliteFile is { } file)
            {
                // The lock file is created by the first upgrade of a new database.
                if (File.Exists(file + ".migrate.lock")) return;
            }
            else
            {
                await using var probe = await MigrationLock.TryAcquireAsync(db.Target, CancellationToken.None);
                if (probe is null) return;
            }
            await Task.Delay(5);
        }
    }

    private static async Task LeaveEfLockRowAsync(TestDatabase db)
    {
        // What EF Core's Migrate() writes and a killed process never deletes.
        await using var connection = new SqliteConnection(db.Target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-30 01:02:03+00:00');
            """;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(TestDatabase db, string sql)
    {
        await using var connection = new SqliteConnection(db.Target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int AllMigrations(TestDatabase db)
    {
        using var ctx = db.CreateContext();
        return ctx.Database.GetMigrations().Count();
    }

    private static async Task<int> AppliedMigrationsAsync(TestDatabase db)
    {
        // Killed before it created the file: nothing applied (and opening it would need its folder).
        if (db.Target.SqliteFile is { } file && !File.Exists(file)) return 0;
        await using var ctx = db.CreateContext();
        return (await ctx.Database.GetAppliedMigrationsAsync()).Count();
    }
}
