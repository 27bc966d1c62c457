using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Import;

/// <summary>
/// The set-based writes of an order-line import, in the caller's transaction; the same SQL on both databases. Like the
/// rest of an import they act below the per-record access rule: only a caller who may edit every customer runs one.
/// </summary>
public sealed class OrderImportWrites
{
    /// <summary>Deletes the lines of these orders (an updated order gets the file's lines instead).</summary>
    public async Task DeleteLinesAsync(GuanxiDbContext db, IReadOnlyCollection<long> orderIds, CancellationToken ct)
    {
        foreach (var chunk in orderIds.Chunk(5000))
        {
            var ids = chunk.ToList();
            await db.OrderLines.Where(l => ids.Contains(l.OrderId)).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Links the return numbered <paramref name="returnNumber"/> to the order numbered <paramref name="originalNumber"/>, when that exists and no link is set.</summary>
    public Task<int> LinkReturnAsync(GuanxiDbContext db, string returnNumber, string originalNumber, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE orders SET returns_order_id = (SELECT o.id FROM orders o WHERE o.number = @original) " +
            "WHERE number = @return AND returns_order_id IS NULL AND EXISTS (SELECT 1 FROM orders o WHERE o.number = @original)",
            ct, ("@original", originalNumber), ("@return", returnNumber));
}
