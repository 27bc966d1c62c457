using Guanxi.Data.Customers;
using Guanxi.Security;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

public sealed record DuplicateCandidateDto(long Id, long CustomerId, string CustomerCode, string CustomerName, long DuplicateOfId, string DuplicateOfCode, string DuplicateOfName, DuplicateReason Reason, DuplicateStatus Status, DateTime FoundAt);

public sealed record DuplicatePage(IReadOnlyList<DuplicateCandidateDto> Items, long? NextAfter);

/// <summary>The review queue of likely duplicates found on create and import.</summary>
public sealed class DuplicateReview(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<DuplicatePage> ListAsync(DuplicateStatus status, long? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 200);
        var q = db.DuplicateCandidates.AsNoTracking().Where(d => d.Status == status);
        if (after is { } a) q = q.Where(d => d.Id > a);
        var items = await q.OrderBy(d => d.Id).Take(limit + 1)
            .Join(db.Customers, d => d.CustomerId, c => c.Id, (d, c) => new { d, c })
            .Join(db.Customers, x => x.d.DuplicateOfId, o => o.Id, (x, o) => new DuplicateCandidateDto(
                x.d.Id, x.c.Id, x.c.Code, x.c.Name, o.Id, o.Code, o.Name, x.d.Reason, x.d.Status, x.d.FoundAt))
            .ToListAsync(ct);
        long? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Id;
        }
        return new DuplicatePage(items, next);
    }

    /// <summary>The open candidates that involve one customer, either side.</summary>
    public async Task<IReadOnlyList<DuplicateCandidateDto>> ForCustomerAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DuplicateCandidates.AsNoTracking()
            .Where(d => d.Status == DuplicateStatus.Open && (d.CustomerId == customerId || d.DuplicateOfId == customerId))
            .OrderBy(d => d.Id).Take(20)
            .Join(db.Customers, d => d.CustomerId, c => c.Id, (d, c) => new { d, c })
            .Join(db.Customers, x => x.d.DuplicateOfId, o => o.Id, (x, o) => new DuplicateCandidateDto(
                x.d.Id, x.c.Id, x.c.Code, x.c.Name, o.Id, o.Code, o.Name, x.d.Reason, x.d.Status, x.d.FoundAt))
            .ToListAsync(ct);
    }

    public async Task DismissAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.DismissDuplicateAsync(id, time.GetUtcNow().UtcDateTime, ct)) throw new NotFoundException("Open duplicate candidate");
    }
}

public static class DuplicatesApi
{
    public static RouteGroupBuilder MapDuplicatesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/duplicates").WithTags("Duplicates");
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var write = g.MapGroup("").Requires(Right.EditCustomers);
        read.MapGet("/", async (DuplicateStatus? status, long? after, int? limit, DuplicateReview s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(status ?? DuplicateStatus.Open, after, limit ?? 50, ct)));
        write.MapPost("/{id:long}/dismiss", async (long id, DuplicateReview s, CancellationToken ct) =>
        {
            await s.DismissAsync(id, ct);
            return TypedResults.NoContent();
        });
        return api;
    }
}
