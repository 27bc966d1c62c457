using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Postgres.Search;
using Guanxi.Data.Search;
using Guanxi.Data.Sqlite.Search;
using Guanxi.Interactions;
using Guanxi.Orders;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Hosting;

/// <summary>The services shared by the web app and the CLI.</summary>
public static class CoreServices
{
    public static IServiceCollection AddGuanxiCore(this IServiceCollection services)
    {
        services.AddSingleton(sp => Clock.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => DatabaseSelection.Resolve(null, sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<StampingInterceptor>();
        services.AddDbContextFactory<GuanxiDbContext>((sp, options) =>
        {
            GuanxiDatabase.Configure(options, sp.GetRequiredService<DatabaseTarget>());
            options.AddInterceptors(sp.GetRequiredService<StampingInterceptor>());
            Security.AccessServices.AddInterceptors(sp, options);
        });
        Security.AccessServices.AddGuanxiAccess(services);
        services.AddProviderOperation<ICustomerTextSearch, SqliteCustomerTextSearch, PostgresCustomerTextSearch>();
        services.AddSingleton<CustomerSearch>();
        services.AddSingleton<CustomerService>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<CustomFieldService>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<InteractionService>();
        services.AddSingleton<Export.CustomerExport>();
        services.AddSingleton<DuplicateReview>();
        services.AddSingleton<Demo.DemoLoader>();
        services.AddSingleton<Import.ImportService>();
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddSingleton<CodePatternSettings>();
        services.AddSingleton<Models.MetricsLoader>();
        services.AddSingleton<Models.ModelSettingsStore>();
        services.AddSingleton<Models.ModelRunService>();
        services.AddSingleton<Models.ModelExport>();
        services.AddSingleton<Models.ModelQueries>();
        services.AddSingleton<Models.CustomModelService>();
        services.AddSingleton<Segmentation.ICustomerModelData, Models.CustomerModelData>();
        return services;
    }
}
