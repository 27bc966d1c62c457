using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guanxi.Marketing;

/// <summary>Message templates under /api/v1 (issue 16's contract: <c>templates</c> CRUD and <c>POST templates/{id}/render</c>).</summary>
public static class MarketingApi
{
    public static RouteGroupBuilder MapMarketingApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/templates").WithTags("Marketing");
        var read = g.MapGroup("").Requires(Right.ViewMarketing);
        var manage = g.MapGroup("").Requires(Right.ManageMarketing);
        read.MapGet("/", async (string? channel, TemplateService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(channel, ct)));
        read.MapGet("/placeholders", () => TypedResults.Ok(TemplateService.Placeholders(Components.UiCulture.IsChinese(System.Globalization.CultureInfo.CurrentUICulture))));
        read.MapGet("/{id:long}", async (long id, TemplateService s, HttpResponse response, CancellationToken ct) => Tagged(response, await s.GetAsync(id, ct)));
        // Rendering reads a customer, so it is a read: the customer must be in reach and the answer is masked for masked roles.
        read.MapPost("/{id:long}/render", async (long id, RenderInput body, TemplateService s, CancellationToken ct) => TypedResults.Ok(await s.RenderAsync(id, body.CustomerId, ct)));
        manage.MapPost("/", async (MessageTemplateInput body, TemplateService s, HttpResponse response, CancellationToken ct) =>
        {
            var t = await s.CreateAsync(body, ct);
            response.Headers.ETag = ETags.Of(t.Version);
            return TypedResults.Created($"/api/v1/templates/{t.Id}", t);
        });
        manage.MapPut("/{id:long}", async (long id, MessageTemplateInput body, TemplateService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct)));
        manage.MapDelete("/{id:long}", async (long id, TemplateService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        api.MapGet("/outbox", async (string? status, long? campaignId, string? after, int? limit, OutboxService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(status, campaignId, after, limit ?? 50, ct))).WithTags("Marketing").Requires(Right.ViewMarketing);
        return api;
    }

    private static Ok<MessageTemplateDto> Tagged(HttpResponse response, MessageTemplateDto t)
    {
        response.Headers.ETag = ETags.Of(t.Version);
        return TypedResults.Ok(t);
    }
}
