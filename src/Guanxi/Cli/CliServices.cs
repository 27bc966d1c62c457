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
        // Warnings and errors on stderr, so a command's own output stays clean; more with e.g.
        // Logging__LogLevel__Guanxi=Debug (a model run then times each of its steps).
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddGuanxiCore();
        services.AddSingleton(DatabaseSelection.Resolve(db, configuration));
        var provider = services.BuildServiceProvider();
        // Checked before the database is touched, as the server's ValidateOnStart does: a bad setting ends with one line.
        _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orders.CurrencyOptions>>().Value;
        await GuanxiDatabase.MigrateAsync(
            provider.GetRequiredService<DatabaseTarget>(),
            DatabaseSelection.MigrationLockTimeout(configuration),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Guanxi.Database"),
            ct);
        await Data.Security.CurrentUser.RunAsAsync(Data.Security.AccessScope.System, async () =>
        {
            await provider.GetRequiredService<Orders.CurrencyRateService>().WriteBaseAsync(ct);
            return 0;
        });
        return provider;
    }
}
