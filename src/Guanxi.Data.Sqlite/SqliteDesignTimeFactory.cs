using Microsoft.EntityFrameworkCore.Design;

namespace Guanxi.Data.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<GuanxiDbContext>
{
    public GuanxiDbContext CreateDbContext(string[] args) =>
        new(GuanxiDatabase.Options(DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), "guanxi-design.db"))));
}
