using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Guanxi.Security;

/// <summary>Declares the bearer token in the OpenAPI document, so /api-docs can send it.</summary>
internal static class OpenApiSecurity
{
    public static IServiceCollection AddBearerToOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal access token: `guanxi tokens create NAME`, or POST /api/v1/account/tokens.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
}
