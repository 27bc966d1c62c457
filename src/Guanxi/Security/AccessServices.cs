using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Security;

/// <summary>The access model's services shared by the server and the CLI.</summary>
public static class AccessServices
{
    public static IServiceCollection AddGuanxiAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccessInterceptor>();
        services.AddSingleton<AuditInterceptor>();
        // The CLI acts as the system; the web server replaces this with "nobody" (see AddGuanxiSecurity).
        services.AddSingleton(new ScopeFallback(AccessScope.System));
        services.AddSingleton<IDbContextFactory<GuanxiDbContext>, ScopedContextFactory>();
        services.AddSingleton<Audit.AuditQueue>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<Privacy.PrivacyService>();
        return services;
    }

    public static void AddInterceptors(IServiceProvider sp, DbContextOptionsBuilder options) =>
        options.AddInterceptors(sp.GetRequiredService<AccessInterceptor>(), sp.GetRequiredService<AuditInterceptor>());
}
