using Guanxi.Data;
using Guanxi.Hosting;
using Microsoft.Extensions.Configuration;

namespace Guanxi.Cli;

/// <summary>The same services as the server, without the web host, for one CLI command.</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> CreateAsync(string? db, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGuanxiCore();
        services.AddSingleton(DatabaseSelection.Resolve(db, configuration));
        var provider = services.BuildServiceProvider();
        await GuanxiDatabase.MigrateAsync(provider.GetRequiredService<DatabaseTarget>(), ct);
        return provider;
    }
}
