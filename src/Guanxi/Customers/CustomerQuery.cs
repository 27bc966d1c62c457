using Guanxi.Common;
using Guanxi.Domain.Customers;

namespace Guanxi.Customers;

public enum CustomerSort
{
    Newest = 0,
    Name = 1,
    Code = 2,
    City = 3,
    Oldest = 4,

    /// <summary>Highest spend first (the customer rollups); customers without spend follow, newest first.</summary>
    Spend = 5,

    /// <summary>Most orders first; customers without orders follow, newest first.</summary>
    Orders = 6,

    /// <summary>Latest purchase first; customers who never bought follow, newest first.</summary>
    LastPurchase = 7,
}

/// <summary>Search and filters of the customer list. Sort fields come from an enum: no identifier ever comes from the request.</summary>
public sealed record CustomerQuery
{
    public const int MaxLimit = 200;

    /// <summary>The list counts matches up to this many; beyond it the total reads "10 000+".</summary>
    public const int MaxCount = 10_000;

    public string? Q { get; init; }
    public string? Tag { get; init; }
    public long? GroupId { get; init; }
    public string? City { get; init; }
    public long? OwnerId { get; init; }
    public CustomerKind? Kind { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public bool? HasOrders { get; init; }

    /// <summary>Only customers with an order in this month (its first day): the home page's revenue chart opens a month's buyers.</summary>
    public DateOnly? BoughtIn { get; init; }

    /// <summary>Only customers whose first purchase fell in this month (its first day): the new-customer chart's month.</summary>
    public DateOnly? FirstBoughtIn { get; init; }

    /// <summary>Only customers in this class of the latest model run, written <c>model:class</c> (e.g. <c>value:high_value</c>).</summary>
    public string? ModelClass { get; init; }

    /// <summary>Only these customers (the list's selected rows, e.g. for a bulk export); not exposed by the API.</summary>
    public IReadOnlyList<long>? Ids { get; init; }
    public CustomerSort Sort { get; init; }
    public string? After { get; init; }
    public int Limit { get; init; } = 50;
}
