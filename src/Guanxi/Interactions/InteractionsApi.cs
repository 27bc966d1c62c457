using Guanxi.Data.Security;
using Guanxi.Security;
namespace Guanxi.Interactions;

public static class InteractionsApi
{
    public static RouteGroupBuilder MapInteractionsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/interactions").WithTags("Interactions");
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var write = g.MapGroup("").Requires(Right.EditCustomers);
        var log = g.MapGroup("").Requires(Right.LogInteractions);
        read.MapGet("/", async (long? customerId, string? channel, string? after, int? limit, InteractionService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(customerId, InteractionService.ChannelFilter(channel), after, limit ?? 50, ct)));
        read.MapGet("/{id:long}", async (long id, InteractionService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)));
        log.MapPost("/", async (InteractionInput body, InteractionService s, CancellationToken ct) =>
        {
            var interaction = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/interactions/{interaction.Id}", interaction);
        });
        write.MapPut("/{id:long}", async (long id, InteractionInput body, InteractionService s, CancellationToken ct) => TypedResults.Ok(await s.UpdateAsync(id, body, ct)));
        write.MapDelete("/{id:long}", async (long id, InteractionService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        return api;
    }
}
