using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Models;

/// <summary>A model run's read of the interactions table: every interaction (or one customer's) before a day.</summary>
public interface IInteractionScan
{
    Task ReadAsync(CustomerMetricsBuilder builder, DateOnly end, long? onlyCustomerId, CancellationToken ct);
}

/// <summary>The same SQL on both databases; only the day's form differs (<see cref="IProviderDays"/>).</summary>
public sealed class InteractionScan(IDbContextFactory<GuanxiDbContext> contexts, IProviderDays days) : IInteractionScan
{
    public async Task ReadAsync(CustomerMetricsBuilder builder, DateOnly end, long? onlyCustomerId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var parameters = new List<(string, object?)> { ("@end", days.Parameter(end)) };
        if (onlyCustomerId is { } id) parameters.Add(("@id", id));
        string onlyRows = onlyCustomerId is null ? "" : " AND customer_id = @id";
        await using var interactions = await OrderScan.ReadAsync(db,
            $"SELECT customer_id, occurred_at, channel, direction FROM interactions WHERE occurred_at < @end{onlyRows}", ct, [.. parameters]);
        while (await interactions.ReadAsync(ct))
        {
            builder.AddInteraction(
                interactions.GetInt64(0),
                days.Read(interactions, 1),
                Enum.Parse<InteractionChannel>(interactions.GetString(2)),
                Enum.Parse<InteractionDirection>(interactions.GetString(3)));
        }
    }
}
