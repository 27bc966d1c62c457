using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guanxi.Marketing;

/// <summary>Care rules under /api/v1 (issue 16's contract: <c>care-rules</c> CRUD).</summary>
public static class CareApi
{
    public static RouteGroupBuilder MapCareApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/care-rules").WithTags("Marketing");
        var read = g.MapGroup("").Requires(Right.ViewMarketing);
        var manage = g.MapGroup("").Requires(Right.ManageMarketing);
        read.MapGet("/", async (CareRuleService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        read.MapGet("/{id:long}", async (long id, CareRuleService s, HttpResponse response, CancellationToken ct) => Tagged(response, await s.GetAsync(id, ct)));
        manage.MapPost("/", async (CareRuleInput body, CareRuleService s, HttpResponse response, CancellationToken ct) =>
        {
            var r = await s.CreateAsync(body, ct);
            response.Headers.ETag = ETags.Of(r.Version);
            return TypedResults.Created($"/api/v1/care-rules/{r.Id}", r);
        });
        manage.MapPut("/{id:long}", async (long id, CareRuleInput body, CareRuleService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct)));
        manage.MapDelete("/{id:long}", async (long id, CareRuleService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        return api;
    }

    private static Ok<CareRuleDto> Tagged(HttpResponse response, CareRuleDto r)
    {
        response.Headers.ETag = ETags.Of(r.Version);
        return TypedResults.Ok(r);
    }
}
