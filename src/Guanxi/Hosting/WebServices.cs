using Guanxi.Components;
using MudBlazor.Services;

namespace Guanxi.Hosting;

/// <summary>Settings of the web UI's import wizard (section <c>Import</c>).</summary>
public sealed class ImportUploadOptions
{
    /// <summary>The largest file the wizard accepts, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 200;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}

/// <summary>The Blazor web UI's services (the pages call the same application services as the API).</summary>
public static class WebServices
{
    public static IServiceCollection AddGuanxiWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddSingleton<Downloads>();
        services.AddOptions<ImportUploadOptions>().Bind(configuration.GetSection("Import"))
            .Validate(o => o.MaxUploadMegabytes is > 0 and <= 10_240, "Import:MaxUploadMegabytes must be 1 to 10240.")
            .ValidateOnStart();
        return services;
    }
}
