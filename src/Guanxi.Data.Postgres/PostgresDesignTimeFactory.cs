using Microsoft.EntityFrameworkCore.Design;

namespace Guanxi.Data.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<GuanxiDbContext>
{
    public GuanxiDbContext CreateDbContext(string[] args) =>
        new(GuanxiDatabase.Options(DatabaseTarget.Parse("Host=localhost;Database=guanxi_design")));
}
