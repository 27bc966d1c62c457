using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guanxi.Marketing;

/// <summary>Campaigns under /api/v1 (issue 16's contract: <c>campaigns</c> CRUD, <c>…/{id}/preview</c>, <c>…/{id}/send</c>, <c>…/{id}/report</c>).</summary>
public static class CampaignApi
{
    public static RouteGroupBuilder MapCampaignApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/campaigns").WithTags("Marketing");
        var read = g.MapGroup("").Requires(Right.ViewMarketing);
        var manage = g.MapGroup("").Requires(Right.ManageMarketing);
        read.MapGet("/", async (CampaignService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        read.MapGet("/{id:long}", async (long id, CampaignService s, HttpResponse response, CancellationToken ct) => Tagged(response, await s.GetAsync(id, ct)));
        // A preview reads customers and writes nothing: a read, masked for masked roles.
        read.MapPost("/{id:long}/preview", async (long id, CampaignService s, CancellationToken ct) => TypedResults.Ok(await s.PreviewAsync(id, ct)));
        read.MapGet("/{id:long}/report", async (long id, CampaignService s, CancellationToken ct) => TypedResults.Ok(await s.ReportAsync(id, ct)));
        manage.MapPost("/", async (CampaignInput body, CampaignService s, HttpResponse response, CancellationToken ct) =>
        {
            var c = await s.CreateAsync(body, ct);
            response.Headers.ETag = ETags.Of(c.Version);
            return TypedResults.Created($"/api/v1/campaigns/{c.Id}", c);
        });
        manage.MapPut("/{id:long}", async (long id, CampaignInput body, CampaignService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct)));
        manage.MapDelete("/{id:long}", async (long id, CampaignService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        manage.MapPost("/{id:long}/send", async (long id, CampaignService s, CancellationToken ct) =>
            TypedResults.Accepted($"/api/v1/campaigns/{id}/report", await s.SendAsync(id, false, ct)));
        return api;
    }

    private static Ok<CampaignDto> Tagged(HttpResponse response, CampaignDto c)
    {
        response.Headers.ETag = ETags.Of(c.Version);
        return TypedResults.Ok(c);
    }
}
