using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Guanxi.Components;

/// <summary>The two languages of the UI; the browser's Accept-Language picks one, the switch in the page overrides it with a cookie.</summary>
public static class UiCulture
{
    public static readonly string[] Supported = ["zh-CN", "en"];

    /// <summary>
    /// The Chinese UI's culture: zh-CN with dates written 2026-12-04 (and 2026-12-04 14:05), as Chinese business software
    /// writes them, instead of .NET's 2026/12/4. Every page, picker and export that formats with the reader's culture gets it.
    /// </summary>
    public static readonly CultureInfo Chinese = CreateChinese();

    private static CultureInfo CreateChinese()
    {
        var culture = new CultureInfo("zh-CN");
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        return CultureInfo.ReadOnly(culture);
    }

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions { SupportedCultures = [Chinese, new CultureInfo("en")] }
            .SetDefaultCulture("en")
            .AddSupportedUICultures(Supported);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        // zh, zh-Hans, zh-TW… all read the Chinese UI.
        options.RequestCultureProviders.Insert(2, new CustomRequestCultureProvider(context =>
        {
            var header = context.Request.Headers.AcceptLanguage.ToString();
            var first = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return Task.FromResult(first is not null && first.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
                ? new ProviderCultureResult("zh-CN")
                : null);
        }));
        return options;
    }

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext http) =>
        {
            var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? "en";
            // Max-Age rather than Expires: the browser counts the year on its own clock.
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
            // Only local paths: an open redirect would let a link send users anywhere.
            return Results.LocalRedirect(Security.LocalUrl.OrRoot(redirectUri));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
