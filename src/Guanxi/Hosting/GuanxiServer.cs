using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Guanxi.Common;
using Guanxi.Components;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Interactions;
using Guanxi.Orders;
using Guanxi.Data.Security;
using Guanxi.Security;
using Scalar.AspNetCore;

namespace Guanxi.Hosting;

/// <summary>The web app and REST API.</summary>
public static partial class GuanxiServer
{
    public const long MaxJsonBodyBytes = 1024 * 1024;

    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        // The application name locates the static web assets manifest (guanxi.staticwebassets.*.json)
        // even when another assembly hosts the server, as the browser tests do.
        // A published guanxi started from any folder serves the web assets published beside it.
        var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GuanxiServer).Assembly.GetName().Name,
            WebRootPath = Directory.Exists(publishedWebRoot) ? publishedWebRoot : null,
        });
        // Run from a build output (`dotnet run`, the tests) the UI's files (MudBlazor, blazor.web.js) are found through
        // the static web assets manifest, in any environment; a published app has them in wwwroot and no manifest.
        builder.WebHost.UseStaticWebAssets();
        // Quiet by default: warnings and errors, and the start-up banner below. Configuration raises any category, e.g.
        // Logging__LogLevel__Default=Information, or the SQL of every command with
        // Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGuanxiCore();
        builder.Services.AddGuanxiWeb(builder.Configuration);
        builder.Services.AddGuanxiSecurity(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddApiDocumentation();
        // A body or parameter that cannot be read reaches the problem handler, which names the field (else a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NulCharacters.Refused());
            // Personal data is masked where answers are written, from each field's classification (decision 0015).
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(PersonalData.MaskClassifiedProperties);
        });
        // Search audit rows are written in batches by a hosted service that drains its queue when the host stops.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Audit.AuditQueue>());
        builder.Services.AddSingleton<Models.ModelRunScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Models.ModelRunScheduler>());
        builder.Services.AddHostedService<Marketing.OutboxBackgroundSender>();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxJsonBodyBytes);

        var app = builder.Build();
        // A bad Currency:Base ends here with one line (Program.cs), before the database is touched.
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orders.CurrencyOptions>>().Value;
        // Before the database is touched: a taken port ends here with one line (Program.cs), not after a migration.
        var listens = ListenAddresses.ListensOnPorts(app.Services);
        if (listens && ListenAddresses.FirstTaken(ListenAddresses.From(app.Configuration)) is { } taken) throw new PortInUseException(taken);
        var target = app.Services.GetRequiredService<DatabaseTarget>();
        LogDatabase(app.Logger, target.Describe());
        await GuanxiDatabase.MigrateAsync(target, DatabaseSelection.MigrationLockTimeout(app.Configuration), app.Logger);
        if (await PostgresCharacterTypes.UnsuitableCharacterTypeAsync(target) is { } ctype)
        {
            LogCharacterType(app.Logger, ctype);
        }

        await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await app.Services.GetRequiredService<Orders.CurrencyRateService>().WriteBaseAsync(CancellationToken.None);
            await app.Services.GetRequiredService<Maintenance.PlaybookService>().AddDefaultsOnceAsync(CancellationToken.None);
            return 0;
        });
        // The admin first: the demo adds staff of its own, and the first admin is made only while there are no users.
        var adminPassword = await SecurityServices.BootstrapAdminAsync(app);
        if (app.Configuration.GetValue("Demo:Enabled", true))
        {
            await CurrentUser.RunAsAsync(AccessScope.System, async () =>
            {
                await app.Services.GetRequiredService<Demo.DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
                return 0;
            });
        }
        if (listens)
        {
            // The banner, once the addresses are bound: where to go, where the data is, and (first start only) the admin's password.
            app.Lifetime.ApplicationStarted.Register(() => Console.Out.Write(StartBanner.Format(
                app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                    .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [],
                target.Describe(), adminPassword)));
        }

        app.UseBrowserSafetyHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNulCheck();
        // A browser asking for a missing page (or failing on one) gets a localised page, not a problem document.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !c.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase),
            ui => ui.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseRequestLocalization(UiCulture.Options());
        // Routing after the re-execute above, so /status/{code} finds its page when a request is re-executed.
        app.UseRouting();
        app.UseGuanxiSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        // Works offline and calls no one: the bundle is served from this site, no fonts from Scalar's servers, no telemetry,
        // no AI agent or MCP, no request proxy; the page's Content-Security-Policy allows only this site
        // (ContentSecurityPolicy.cs). No vendor buttons (client app, developer toolbar) either.
        app.MapScalarApiReference("/api-docs", o =>
        {
            o.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("Guanxi API").DisableDefaultFonts().DisableTelemetry()
                .DisableAgent().DisableMcp().HideClientButton().HideDeveloperTools().WithFavicon("/favicon.svg");
            o.ProxyUrl = null;
        });

        app.MapAccountEndpoints();
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapCustomersApi();
        api.MapOrdersApi();
        api.MapCurrencyRatesApi();
        api.MapInteractionsApi();
        api.MapDuplicatesApi();
        api.MapSettingsApi();
        Models.ModelsApi.MapModelsApi(api);
        Maintenance.MaintenanceApi.MapMaintenanceApi(api);
        Service.ServiceDeskApi.MapServiceDeskApi(api);
        Service.SurveysApi.MapSurveysApi(api);
        Sales.SalesApi.MapSalesApi(api);
        Marketing.MarketingApi.MapMarketingApi(api);
        Marketing.CampaignApi.MapCampaignApi(api);
        Marketing.CareApi.MapCareApi(api);
        Service.SurveysApi.MapPublicServicePages(app);
        Maintenance.MaintenanceApi.MapCalendarFeed(app);
        Marketing.UnsubscribeService.MapUnsubscribePages(app);

        app.MapCultureSwitch();
        app.MapDownloads();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PostgreSQL database has LC_CTYPE {CharacterType}: Chinese text gets no search trigrams and name search scans every customer. Create it with a UTF-8 character type, e.g. CREATE DATABASE guanxi TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C'.")]
    private static partial void LogCharacterType(ILogger logger, string characterType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Guanxi data: {Database}")]
    private static partial void LogDatabase(ILogger logger, string database);
}
