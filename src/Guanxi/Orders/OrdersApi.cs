using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guanxi.Orders;

public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/orders").WithTags("Orders");
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var write = g.MapGroup("").Requires(Right.EditCustomers);
        read.MapGet("/", async (long? customerId, string? after, int? limit, OrderService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(customerId, after, limit ?? 50, ct)));
        read.MapGet("/{id:long}", async Task<Ok<OrderDto>> (long id, OrderService s, HttpResponse response, CancellationToken ct) =>
        {
            var order = await s.GetAsync(id, ct);
            response.Headers.ETag = ETags.Of(order.Version);
            return TypedResults.Ok(order);
        });
        write.MapPost("/", async (OrderInput body, OrderService s, CancellationToken ct) =>
        {
            var order = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
        });
        write.MapPut("/{id:long}", async (long id, OrderInput body, OrderService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var order = await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(order.Version);
            return TypedResults.Ok(order);
        });
        write.MapDelete("/{id:long}", async (long id, OrderService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        return api;
    }
}
