using System.Net;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>Posts the sign-in form the way the /signin page does: antiforgery cookie plus hidden field.</summary>
internal static class SignInForm
{
    public static async Task<HttpResponseMessage> PostAsync(WebApplicationFactory<Program> app, string userName, string password, string? code = null,
        string returnUrl = "/", bool withAntiforgery = true, Uri? baseAddress = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        if (baseAddress is not null) options.BaseAddress = baseAddress;
        var http = app.CreateClient(options);
        var fields = new Dictionary<string, string> { ["userName"] = userName, ["password"] = password, ["returnUrl"] = returnUrl };
        if (code is not null) fields["code"] = code;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin");
        if (withAntiforgery)
        {
            var antiforgery = app.Services.GetRequiredService<IAntiforgery>();
            var context = new DefaultHttpContext { RequestServices = app.Services };
            var tokens = antiforgery.GetAndStoreTokens(context);
            fields[tokens.FormFieldName] = tokens.RequestToken!;
            request.Headers.Add("Cookie", $"guanxi.af={tokens.CookieToken}");
        }
        request.Content = new FormUrlEncodedContent(fields);
        return await http.SendAsync(request);
    }

    public static string? Location(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found ? response.Headers.Location?.ToString() : null;
}
