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
}
