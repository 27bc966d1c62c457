using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Security;

public sealed record ShareDto(long Id, long CustomerId, long? UserId, long? TeamId, ShareAccess Access);

public sealed record ShareInput(long? UserId, long? TeamId, ShareAccess Access = ShareAccess.Read);

/// <summary>Sharing a customer with a person or a team; only someone who may edit the customer may share it.</summary>
public static class SharesApi
{
    public static RouteGroupBuilder MapSharesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers/{id:long}/shares").WithTags("Customers");
        g.MapGet("/", async (long id, IDbContextFactory<GuanxiDbContext> contexts, CancellationToken ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) throw new NotFoundException("Customer");
            return TypedResults.Ok(await db.CustomerShares.AsNoTracking().Where(s => s.CustomerId == id).OrderBy(s => s.Id)
                .Select(s => new ShareDto(s.Id, s.CustomerId, s.UserId, s.TeamId, s.Access)).ToListAsync(ct));
        }).Requires(Right.ViewCustomers);
        g.MapPost("/", async (long id, ShareInput body, IDbContextFactory<GuanxiDbContext> contexts, CancellationToken ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.EnsureCanEditAsync(id, ct);
            if ((body.UserId is null) == (body.TeamId is null)) throw ValidationException.For("userId", "Share with exactly one user or one team.");
            if (!Enum.IsDefined(body.Access)) throw ValidationException.For("access", "Access is Read or Edit.");
            if (body.UserId is { } u && !await db.Users.AnyAsync(x => x.Id == u, ct)) throw ValidationException.For("userId", "No such user.");
            if (body.TeamId is { } t && !await db.Teams.AnyAsync(x => x.Id == t, ct)) throw ValidationException.For("teamId", "No such team.");
            var share = new CustomerShare { CustomerId = id, UserId = body.UserId, TeamId = body.TeamId, Access = body.Access };
            db.CustomerShares.Add(share);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/customers/{id}/shares/{share.Id}", new ShareDto(share.Id, id, share.UserId, share.TeamId, share.Access));
        }).Requires(Right.EditCustomers);
        g.MapDelete("/{shareId:long}", async (long id, long shareId, IDbContextFactory<GuanxiDbContext> contexts, CancellationToken ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.EnsureCanEditAsync(id, ct);
            var share = await db.CustomerShares.FirstOrDefaultAsync(s => s.Id == shareId && s.CustomerId == id, ct) ?? throw new NotFoundException("Share");
            db.CustomerShares.Remove(share);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).Requires(Right.EditCustomers);
        return api;
    }
}
