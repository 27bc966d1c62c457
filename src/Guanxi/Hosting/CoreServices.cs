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
        services.AddProviderOperation<IOpportunityTextSearch, SqliteOpportunityTextSearch, PostgresOpportunityTextSearch>();
        services.AddSingleton<CustomerSearch>();
        services.AddSingleton<CustomerService>();
        services.AddSingleton<CustomerExistence>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<CustomFieldService>();
        services.AddSingleton<OrderService>();
        services.AddOptions<CurrencyOptions>().BindConfiguration("Currency")
            .Validate(o => Domain.Sales.CurrencyCode.Normalize(o.Base) is not null, "Currency:Base must be a 3-letter ISO 4217 currency code such as CNY or USD.")
            .ValidateOnStart();
        services.AddSingleton<CurrencyRateService>();
        services.AddSingleton<InteractionService>();
        services.AddSingleton<Export.CustomerExport>();
        services.AddSingleton<DuplicateReview>();
        services.AddSingleton<CustomerTrends>();
        AddDataSeam(services);
        services.AddSingleton<Demo.DemoLoader>();
        services.AddSingleton<Import.ImportService>();
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddSingleton<Demo.DemoMarketing>();
        services.AddSingleton<CodePatternSettings>();
        services.AddSingleton<Models.MetricsLoader>();
        services.AddSingleton<Models.ModelSettingsStore>();
        services.AddSingleton<Models.ModelRunService>();
        services.AddSingleton<Models.ModelExport>();
        services.AddSingleton<Models.ModelQueries>();
        services.AddSingleton<Models.CustomModelService>();
        services.AddSingleton<Models.ICustomerModelData, Models.CustomerModelData>();
        services.AddSingleton<Security.ScopeResolver>();
        services.AddSingleton<Maintenance.TaskService>();
        services.AddSingleton<Maintenance.PlaybookService>();
        services.AddSingleton<Maintenance.PlaybookEngine>();
        services.AddSingleton<Models.IModelRunFollower, Maintenance.PlaybooksAfterRun>();
        services.AddSingleton<Maintenance.PlaybookEvaluation>();
        services.AddSingleton<Maintenance.WinBackService>();
        services.AddSingleton<Maintenance.NotificationService>();
        services.AddSingleton<Maintenance.CalendarFeedService>();
        services.AddSingleton<Maintenance.CustomerActions>();
        services.AddOptions<Service.ServiceOptions>().BindConfiguration("Service")
            .Validate(o => o.WorkEnd > o.WorkStart, "Service:WorkEnd must come after Service:WorkStart.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Service:TimeZone is not a known time zone.")
            .Validate(o => o.MaxAttachmentMegabytes is > 0 and <= 1024, "Service:MaxAttachmentMegabytes must be 1 to 1024.")
            .ValidateOnStart();
        services.AddSingleton<Service.ServiceCalendar>();
        services.AddOptions<Service.SurveyOptions>().BindConfiguration("Surveys")
            .Validate(o => o.ExpiryDays is >= 1 and <= 365, "Surveys:ExpiryDays must be 1 to 365.")
            .Validate(o => o.GuessesPerMinute >= 1, "Surveys:GuessesPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<Service.PublicLinkGuard>();
        services.AddSingleton<Service.SurveyService>();
        services.AddSingleton<Service.ServiceReports>();
        services.AddSingleton<Service.ServiceAttachments>();
        services.AddSingleton<Service.ServiceDesk>();
        services.AddSingleton<Service.SlaPolicyService>();
        services.AddSingleton<Service.SlaCheck>();
        services.AddSingleton<Sales.SalesCatalog>();
        services.AddSingleton<Sales.LeadGrading>();
        services.AddSingleton<Sales.OpportunityService>();
        services.AddSingleton<Sales.SalesFunnel>();
        services.AddSingleton<Marketing.TemplateService>();
        services.AddOptions<Marketing.SmtpOptions>().BindConfiguration("Smtp");
        services.AddOptions<Marketing.GatewayOptions>().BindConfiguration("Gateway");
        services.AddOptions<Marketing.OutboxOptions>().BindConfiguration("Outbox");
        services.AddHttpClient(nameof(Marketing.GatewayTransport), c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Marketing.SmtpTransport>();
        services.AddSingleton<Marketing.GatewayTransport>();
        services.AddSingleton<Marketing.OutboxWriter>();
        services.AddSingleton<Marketing.CampaignService>();
        services.AddSingleton<Marketing.CareRuleService>();
        services.AddSingleton<Marketing.CareRunner>();
        services.AddSingleton<Marketing.OutreachCalendar>();
        services.AddSingleton<Marketing.OutboxSender>();
        services.AddSingleton<Marketing.OutboxService>();
        services.AddSingleton<Marketing.UnsubscribeService>();
        services.AddSingleton<Sales.SalesQuotas>();
        services.AddSingleton<Sales.SalesForecast>();
        services.AddSingleton<Sales.SavedOpportunityViews>();
        services.AddSingleton<Customers.SavedCustomerViews>();
        return services;
    }

    /// <summary>The data seam's named operations (decision 0013): each implemented once per database, or once for both where the SQL is the same.</summary>
    private static void AddDataSeam(IServiceCollection services)
    {
        services.AddProviderOperation<Data.Models.IProviderDays, Data.Sqlite.Models.SqliteDays, Data.Postgres.Models.PostgresDays>();
        services.AddProviderOperation<Data.Bulk.IBulkInsert, Data.Sqlite.Bulk.SqliteBulkInsert, Data.Postgres.Bulk.PostgresBulkInsert>();
        services.AddProviderOperation<Data.Import.IImportBatches, Data.Sqlite.Import.SqliteImportBatches, Data.Postgres.Import.PostgresImportBatches>();
        services.AddSingleton<Data.Import.CustomerImportWrites>();
        services.AddSingleton<Data.Import.OrderImportWrites>();
        services.AddProviderOperation<Data.Models.ICustomerScan, Data.Sqlite.Models.SqliteCustomerScan, Data.Postgres.Models.PostgresCustomerScan>();
        services.AddProviderOperation<Data.Models.IOrderScan, Data.Sqlite.Models.SqliteOrderScan, Data.Postgres.Models.PostgresOrderScan>();
        services.AddProviderOperation<Data.Models.IInteractionScan, Data.Sqlite.Models.SqliteInteractionScan, Data.Postgres.Models.PostgresInteractionScan>();
        services.AddProviderOperation<Data.Models.IServiceScan, Data.Models.ServiceScan, Data.Postgres.Models.PostgresServiceScan>();
        services.AddProviderOperation<Data.Models.IOrderHistoryStore, Data.Sqlite.Models.SqliteOrderHistoryStore, Data.Postgres.Models.PostgresOrderHistoryStore>();
        services.AddProviderOperation<Data.Models.IModelResultStore, Data.Sqlite.Models.SqliteModelResultStore, Data.Postgres.Models.PostgresModelResultStore>();
    }
}
