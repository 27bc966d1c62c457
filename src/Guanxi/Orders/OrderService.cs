using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Common;
using Guanxi.Domain.Orders;
using Guanxi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Orders;

public sealed record OrderLineDto(string Product, decimal Quantity, decimal UnitPrice);

public sealed record OrderDto(
    long Id,
    string Number,
    long CustomerId,
    DateTime OrderedAt,
    decimal Amount,
    string Currency,
    string Channel,
    DateOnly? InvoiceDueDate,
    DateOnly? PaidDate,
    long Version,
    IReadOnlyList<OrderLineDto> Lines,
    bool IsReturn = false,
    long? ReturnsOrderId = null,
    string? ReturnsOrderNumber = null);

/// <summary>What a client may set on an order. <see cref="OrderedAt"/> is the business's local time.</summary>
public sealed record OrderInput
{
    public string? Number { get; init; }
    public long CustomerId { get; init; }
    public DateTime OrderedAt { get; init; }
    public decimal Amount { get; init; }
    public string? Currency { get; init; }
    public string? Channel { get; init; }
    public DateOnly? InvoiceDueDate { get; init; }
    public DateOnly? PaidDate { get; init; }
    public IReadOnlyList<OrderLineDto>? Lines { get; init; }

    /// <summary>A return or cancellation: its amount is 0 or negative and its lines' quantities negative. Only a return may be negative.</summary>
    public bool IsReturn { get; init; }

    /// <summary>The order a return gives back (the same customer's); only for a return.</summary>
    public long? ReturnsOrderId { get; init; }
}

public sealed record OrderPage(IReadOnlyList<OrderDto> Items, string? NextCursor);

public sealed class OrderService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public const decimal MaxAmount = 10_000_000m;

    /// <summary>Newest first, keyset-paged on (ordered_at, id).</summary>
    public async Task<OrderPage> ListAsync(long? customerId, string? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 200);
        var q = db.Orders.AsNoTracking();
        if (customerId is { } cid) q = q.Where(o => o.CustomerId == cid);
        if (!string.IsNullOrEmpty(after))
        {
            var cursor = PageCursor.Decode(after);
            var at = cursor.KeyAsTime();
            q = q.Where(o => o.OrderedAt < at || (o.OrderedAt == at && o.Id < cursor.Id));
        }
        var orders = await q.OrderByDescending(o => o.OrderedAt).ThenByDescending(o => o.Id).Take(limit + 1)
            .Include(o => o.Lines).ToListAsync(ct);
        var originals = await OriginalNumbersAsync(db, orders, ct);
        string? next = null;
        if (orders.Count > limit)
        {
            orders.RemoveAt(limit);
            var last = orders[^1];
            next = PageCursor.ForTime(last.OrderedAt, last.Id).Encode();
        }
        return new OrderPage(orders.Select(o => ToDto(o, originals)).ToList(), next);
    }

    public async Task<OrderDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new NotFoundException("Order");
        return ToDto(order, await OriginalNumbersAsync(db, [order], ct));
    }

    public async Task<OrderDto> CreateAsync(OrderInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, null, ct);
        var order = new Order
        {
            Number = CustomerServiceClean(input.Number) ?? await NextNumberAsync(db, input.OrderedAt, ct),
        };
        Apply(order, input);
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        return ToDto(order);
    }

    public async Task<OrderDto> UpdateAsync(long id, OrderInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Order");
        if (expectedVersion is { } v && v != order.Version)
            throw new ConcurrencyConflictException($"Order {order.Number} is at version {order.Version}, not {v}.");
        await ValidateAsync(db, input, id, ct);
        if (CustomerServiceClean(input.Number) is { } number) order.Number = number;
        Apply(order, input);
        db.Entry(order).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"Order {order.Number} was changed by someone else meanwhile.");
        }
        return ToDto(order);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Order");
        db.Orders.Remove(order);
        await db.SaveChangesAsync(ct);
    }

    private static async Task ValidateAsync(GuanxiDbContext db, OrderInput input, long? id, CancellationToken ct)
    {
        var e = new FieldErrors();
        var number = CustomerServiceClean(input.Number);
        e.MaxLength("number", number, FieldLimits.OrderNumber);
        if (number is not null && await db.Orders.IgnoreQueryFilters().AnyAsync(o => o.Number == number && o.Id != id, ct)) e.Add("number", "An order with this number exists.");
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) e.Add("customerId", "No such customer.");
        if (input.OrderedAt == default) e.Add("orderedAt", "The order time is required.");
        // Only a return may be negative, and a return never adds to what the customer bought.
        if (input.Amount < 0 && !input.IsReturn) e.Add("amount", "The amount cannot be negative (only a return is; set isReturn).");
        if (input.Amount > 0 && input.IsReturn) e.Add("amount", "A return's amount is 0 or negative (what was given back).");
        if (Math.Abs(input.Amount) >= MaxAmount) e.Add("amount", "The amount must be below 10,000,000 in size.");
        if (input.ReturnsOrderId is { } original)
        {
            if (!input.IsReturn) e.Add("returnsOrderId", "Only a return names the order it gives back.");
            else if (original == id) e.Add("returnsOrderId", "A return cannot give back itself.");
            else if (!await db.Orders.AnyAsync(o => o.Id == original && o.CustomerId == input.CustomerId && !o.IsReturn, ct))
                e.Add("returnsOrderId", "No such purchase of this customer.");
        }
        if (decimal.Round(input.Amount, 2) != input.Amount) e.Add("amount", "The amount has at most 2 decimals.");
        var channel = CustomerServiceClean(input.Channel);
        if (channel is null) e.Add("channel", "The channel is required.");
        e.MaxLength("channel", channel, FieldLimits.Channel);
        var currency = CustomerServiceClean(input.Currency);
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))) e.Add("currency", "A currency is a 3-letter ISO code such as CNY.");
        foreach (var line in input.Lines ?? [])
        {
            // JSON lets a null through as an element of the list.
            if (line is null)
            {
                e.Add("lines", "A line cannot be null.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Product) || line.Product.Length > FieldLimits.Product) e.Add("lines", $"Each line needs a product of 1 to {FieldLimits.Product} characters.");
            if (!input.IsReturn && line.Quantity <= 0) e.Add("lines", "A line's quantity must be positive (a return's lines are negative).");
            if (input.IsReturn && line.Quantity >= 0) e.Add("lines", "A return's line quantities are negative.");
            if (line.UnitPrice < 0 || decimal.Round(line.UnitPrice, 2) != line.UnitPrice) e.Add("lines", "A line's unit price is a non-negative amount with at most 2 decimals.");
        }
        e.ThrowIfAny();
    }

    private static void Apply(Order order, OrderInput input)
    {
        order.CustomerId = input.CustomerId;
        order.OrderedAt = DateTime.SpecifyKind(input.OrderedAt, DateTimeKind.Unspecified);
        order.AmountCents = (long)(input.Amount * 100m);
        order.Currency = CustomerServiceClean(input.Currency) ?? "CNY";
        order.Channel = CustomerServiceClean(input.Channel)!;
        order.InvoiceDueDate = input.InvoiceDueDate;
        order.PaidDate = input.PaidDate;
        order.IsReturn = input.IsReturn;
        order.ReturnsOrderId = input.IsReturn ? input.ReturnsOrderId : null;
        if (input.Lines is not null)
        {
            order.Lines.Clear();
            order.Lines.AddRange(input.Lines.Select(l => new OrderLine
            {
                Product = l.Product.Trim(),
                Quantity = l.Quantity,
                UnitPriceCents = (long)(l.UnitPrice * 100m),
            }));
        }
    }

    private async Task<string> NextNumberAsync(GuanxiDbContext db, DateTime orderedAt, CancellationToken ct)
    {
        var date = orderedAt == default ? time.Today() : DateOnly.FromDateTime(orderedAt);
        var prefix = "SO" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        while (true)
        {
            var sequence = await Sequences.NextAsync(db, prefix, ct);
            var number = prefix + sequence.ToString("D5", CultureInfo.InvariantCulture);
            if (!await db.Orders.IgnoreQueryFilters().AnyAsync(o => o.Number == number, ct)) return number; // unique across all customers
        }
    }

    private static string? CustomerServiceClean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static OrderDto ToDto(Order o) => ToDto(o, null);

    private static OrderDto ToDto(Order o, IReadOnlyDictionary<long, string>? originals) => new(o.Id, o.Number, o.CustomerId, o.OrderedAt, o.Amount, o.Currency, o.Channel,
        o.InvoiceDueDate, o.PaidDate, o.Version,
        o.Lines.Select(l => new OrderLineDto(l.Product, l.Quantity, l.UnitPriceCents / 100m)).ToList(),
        o.IsReturn, o.ReturnsOrderId, o.ReturnsOrderId is { } r ? originals?.GetValueOrDefault(r) : null);

    /// <summary>The numbers of the originals the returns among these orders give back (one query; a deleted original is absent).</summary>
    private static async Task<Dictionary<long, string>> OriginalNumbersAsync(GuanxiDbContext db, IReadOnlyCollection<Order> orders, CancellationToken ct)
    {
        var ids = orders.Where(o => o.ReturnsOrderId is not null).Select(o => o.ReturnsOrderId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
    }
}
