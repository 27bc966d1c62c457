using Guanxi.Data;
using Npgsql;

namespace Guanxi.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database per test on a real SQLite file or the test PostgreSQL server.
/// Migrations run once per provider into a template, which each test copies (a file copy, or
/// CREATE DATABASE … TEMPLATE), so tests stay independent and fast.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly TimeProvider Clock = Testing.TestClock.Create();
    private static string? _sqliteTemplate;
    private static bool _postgresTemplateReady;
    private static int _counter;

    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseTarget target, string? sqliteFile, string? postgresName)
    {
        Target = target;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public DatabaseTarget Target { get; }

    public DatabaseProvider Provider => Target.Provider;

    /// <summary>The value a user would pass to --db.</summary>
    public string DbArgument => _sqliteFile ?? Target.ConnectionString;

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var n = Interlocked.Increment(ref _counter);
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = await SqliteTemplateAsync();
            var file = Path.Combine(Path.GetTempPath(), $"guanxi-test-{Environment.ProcessId}-{n}-{Guid.NewGuid():N}.db");
            File.Copy(template, file);
            return new TestDatabase(DatabaseTarget.Parse(file), file, null);
        }
        var server = await PostgresServer.GetAsync();
        await EnsurePostgresTemplateAsync(server);
        var name = $"t_{Environment.ProcessId}_{n}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE guanxi_template", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(DatabaseTarget.Parse(server.ConnectionString(name)), null, name);
    }

    /// <summary>A database with no schema yet, for tests of the migrations and CLI start-up themselves.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider)
    {
        var n = Interlocked.Increment(ref _counter);
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"guanxi-empty-{Environment.ProcessId}-{n}-{Guid.NewGuid():N}", "guanxi.db");
            return new TestDatabase(DatabaseTarget.Parse(file), file, null);
        }
        var server = await PostgresServer.GetAsync();
        var name = $"e_{Environment.ProcessId}_{n}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(DatabaseTarget.Parse(server.ConnectionString(name)), null, name);
    }

    /// <summary>A context for a test's own reads and writes; saves are stamped by the suite's clock.</summary>
    public GuanxiDbContext CreateContext() => new(GuanxiDatabase.Options(Target, Clock));


    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is null)
            {
                var file = Path.Combine(Path.GetTempPath(), $"guanxi-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
                var target = DatabaseTarget.Parse(file);
                await GuanxiDatabase.MigrateAsync(target);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                // Fold the WAL into the main file so a plain copy carries the whole schema.
                await using (var c = new Microsoft.Data.Sqlite.SqliteConnection(target.ConnectionString))
                {
                    await c.OpenAsync();
                    await using var cmd = c.CreateCommand();
                    cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                    await cmd.ExecuteNonQueryAsync();
                }
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                _sqliteTemplate = file;
            }
            return _sqliteTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task EnsurePostgresTemplateAsync(PostgresServer server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplateReady) return;
            await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
            {
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE DATABASE guanxi_template", admin);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = server.ConnectionString("guanxi_template");
            await GuanxiDatabase.MigrateAsync(DatabaseTarget.Parse(cs));
            // A template must have no open connections when it is copied.
            NpgsqlConnection.ClearAllPools();
            _postgresTemplateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // A file still open elsewhere stays in /tmp.
                }
            }
        }
        else if (_postgresName is not null)
        {
            var server = await PostgresServer.GetAsync();
            await using var admin = new NpgsqlConnection(server.ConnectionString("postgres"));
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
