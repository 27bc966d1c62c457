using Guanxi.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Guanxi.Hosting;

/// <summary>
/// The data seam: a named operation that needs provider-specific SQL (bulk order scan, result store, text search,
/// bulk import…) is an interface in Guanxi.Data, implemented once in Guanxi.Data.Sqlite and once in
/// Guanxi.Data.Postgres. Features ask for the interface; the configured database decides which one they get.
/// </summary>
public static class ProviderOperations
{
    public static IServiceCollection AddProviderOperation<TOperation, TSqlite, TPostgres>(this IServiceCollection services)
        where TOperation : class
        where TSqlite : class, TOperation
        where TPostgres : class, TOperation
    {
        services.TryAddSingleton<TSqlite>();
        services.TryAddSingleton<TPostgres>();
        services.AddSingleton<TOperation>(sp => sp.GetRequiredService<DatabaseTarget>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<TPostgres>()
            : sp.GetRequiredService<TSqlite>());
        return services;
    }
}
