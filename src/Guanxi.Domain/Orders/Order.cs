namespace Guanxi.Domain.Orders;

/// <summary>
/// A purchase. The amount is held in integer cents (fen) so sums are exact and fast in both databases;
/// <see cref="OrderedAt"/> is the business's local time, never converted to UTC.
/// </summary>
public sealed class Order
{
    public long Id { get; set; }
    public string Number { get; set; } = "";
    public long CustomerId { get; set; }
    public DateTime OrderedAt { get; set; }
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "CNY";
    public string Channel { get; set; } = "";
    public DateOnly? InvoiceDueDate { get; set; }
    public DateOnly? PaidDate { get; set; }

    /// <summary>
    /// A return or cancellation: its amount is negative (what was given back) and it never counts as a purchase.
    /// Only a return may have a negative amount.
    /// </summary>
    public bool IsReturn { get; set; }

    /// <summary>The order this return gives back, when known (null for a purchase, or a return whose original is not in Guanxi).</summary>
    public long? ReturnsOrderId { get; set; }

    /// <summary>The import run that last wrote this row: lets an import tell a repeated id in its own file from an earlier import.</summary>
    public long? ImportRunId { get; set; }

    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    public decimal Amount => AmountCents / 100m;
}

public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public string Product { get; set; } = "";
    public decimal Quantity { get; set; }
    public long UnitPriceCents { get; set; }
}

public static class OrderChannels
{
    /// <summary>The channels of the bench format; the API accepts any of these plus free text up to the limit.</summary>
    public static readonly IReadOnlyList<string> Known = ["store", "web", "app", "phone"];
}
