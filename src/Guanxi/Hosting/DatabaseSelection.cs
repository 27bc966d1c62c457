using Guanxi.Data;

namespace Guanxi.Hosting;

/// <summary>The one rule for where the data lives: --db, then ConnectionStrings:Guanxi, then GUANXI_DB, then ./guanxi-data/guanxi.db.</summary>
public static class DatabaseSelection
{
    public static DatabaseTarget Resolve(string? dbOption, IConfiguration? configuration)
    {
        var value = dbOption;
        if (string.IsNullOrWhiteSpace(value)) value = configuration?.GetConnectionString("Guanxi");
        if (string.IsNullOrWhiteSpace(value)) value = Environment.GetEnvironmentVariable("GUANXI_DB");
        if (string.IsNullOrWhiteSpace(value)) value = DatabaseTarget.DefaultSqlitePath;
        return DatabaseTarget.Parse(value);
    }

    /// <summary>How long a schema upgrade waits for another process's: Database:MigrationLockTimeoutSeconds (default 60).</summary>
    public static TimeSpan MigrationLockTimeout(IConfiguration? configuration)
    {
        var seconds = configuration?.GetValue<double?>("Database:MigrationLockTimeoutSeconds");
        if (seconds is null) return GuanxiDatabase.DefaultMigrationLockTimeout;
        if (seconds < 0 || double.IsNaN(seconds.Value) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new InvalidOperationException($"Database:MigrationLockTimeoutSeconds must be a number of seconds from 0 up, not {seconds}.");
        }
        return TimeSpan.FromSeconds(seconds.Value);
    }
}
