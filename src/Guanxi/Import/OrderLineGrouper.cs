using System.Globalization;

namespace Guanxi.Import;

/// <summary>
/// Turns the stream of order lines into whole orders without holding the file in memory. A first pass
/// (<see cref="ImportReader.LastLineOfEachOrder"/>) notes the last line of each order id (by a 64-bit hash: 16 bytes an
/// order, ~50 MB for 2M orders); this second pass gathers the lines of each order still open and gives the order out at
/// its last line. When a file keeps an order's lines together (the usual export) one order is open at a time; when it
/// scatters them, only the orders between their first and last line are held. Orders come out in the order of their
/// last lines, so a run's "last committed line" still means "everything completed up to here is written".
/// A hash collision only makes the two orders complete together at the later of their last lines.
/// </summary>
internal static class OrderLineGrouper
{
    /// <summary>FNV-1a, 64 bits, over the trimmed UTF-8 order id: the same key in both passes.</summary>
    public static long KeyOf(ReadOnlySpan<byte> orderId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in orderId)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return (long)hash;
    }

    /// <summary>The orders an order-line file holds (and the lines that belong to none), in the order their last lines come.</summary>
    /// <param name="lastLines">Order key → the line of its last line, from the first pass.</param>
    /// <param name="cancellationPrefix">An order id starting with it is a return (mapping file <c>cancellation_prefix=</c>).</param>
    public static IEnumerable<ImportRecord> Group(IEnumerable<ImportRecord> records, IReadOnlyDictionary<long, long> lastLines, string? cancellationPrefix)
    {
        var open = new Dictionary<long, List<List<OrderLineImportRow>>>();
        foreach (var record in records)
        {
            if (record is not OrderLineImportRow line)
            {
                yield return record;
                continue;
            }
            if (!open.TryGetValue(line.OrderKey, out var orders)) open[line.OrderKey] = orders = [];
            var lines = orders.Find(o => o[0].OrderNumber == line.OrderNumber);
            if (lines is null) orders.Add(lines = []);
            lines.Add(line);
            // A line the first pass did not see as its order's last (it cannot happen with the same file) waits for the end.
            if (lastLines.TryGetValue(line.OrderKey, out var last) && last <= line.Line)
            {
                open.Remove(line.OrderKey);
                foreach (var order in orders) yield return Complete(order, line.Line, cancellationPrefix);
            }
        }
        foreach (var order in open.Values.SelectMany(o => o).OrderBy(o => o[^1].Line)) yield return Complete(order, order[^1].Line, cancellationPrefix);
    }

    /// <summary>The order the lines make, or the reason they make none.</summary>
    public static OrderLinesGroup Complete(IReadOnlyList<OrderLineImportRow> lines, long completedAt, string? cancellationPrefix)
    {
        var number = lines[0].OrderNumber;
        OrderLinesGroup Reject(string reasonForOthers, Func<OrderLineImportRow, string?>? own = null) =>
            new(completedAt, number, lines, [.. lines.Select(l => new RejectedRow(l.Line, own?.Invoke(l) ?? reasonForOthers, l.RawText))]);

        if (lines.FirstOrDefault(l => l.Error is not null) is { } bad)
            return Reject(string.Create(CultureInfo.InvariantCulture, $"order_id: order {number} is rejected with its line {bad.Line} ({bad.Error})"), l => l.Error);
        var customers = lines.Select(l => l.CustomerRef).Distinct(StringComparer.Ordinal).ToList();
        if (customers is [null]) return Reject($"customer_id: is empty (a guest order: order {number} names no customer)") with { IsGuest = true };
        if (customers.Count > 1)
            return Reject($"customer_id: the lines of order {number} name different customers ({string.Join(", ", customers.Select(c => c ?? "none"))})");
        var currencies = lines.Select(l => l.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
            return Reject($"currency: the lines of order {number} have different currencies ({string.Join(", ", currencies.Select(c => c ?? "none"))})");
        var channels = lines.Select(l => l.Channel).Where(c => c is not null).Distinct(StringComparer.Ordinal).ToList();
        if (channels.Count > 1) return Reject($"channel: the lines of order {number} have different channels ({string.Join(", ", channels)})");
        var originals = lines.Select(l => l.ReturnsOrderNumber).Where(r => r is not null).Distinct(StringComparer.Ordinal).ToList();
        if (originals.Count > 1) return Reject($"returns_order_id: the lines of order {number} return different orders ({string.Join(", ", originals)})");
        if (originals is [{ } original] && original == number) return Reject($"returns_order_id: order {number} cannot return itself");

        // Exact: decimal products and sum, rounded to cents once for the order, half away from zero (as --round-cents).
        var total = 0m;
        foreach (var l in lines) total += l.Quantity * l.UnitPrice;
        var amount = Math.Round(total, 2, MidpointRounding.AwayFromZero);
        var byPrefix = cancellationPrefix is not null && number.StartsWith(cancellationPrefix, StringComparison.Ordinal);
        var isReturn = byPrefix || originals.Count == 1 || lines.All(l => l.Quantity < 0);
        var shown = amount.ToString("0.00", CultureInfo.InvariantCulture);
        if (Math.Abs(amount) >= 10_000_000m) return Reject($"amount: order {number} totals {shown}, not below 10,000,000 in size");
        if (isReturn && amount > 0)
            return Reject($"quantity: order {number} is a return ({(byPrefix ? "cancellation prefix" : "returns_order_id")}) but its lines total {shown}; a return's quantities are negative");
        if (!isReturn && amount < 0)
            return Reject($"quantity: order {number} totals {shown}; only a return may be negative (all quantities negative, returns_order_id, or the mapping file's cancellation_prefix)");
        return new OrderLinesGroup(completedAt, number, lines, [])
        {
            CustomerRef = customers[0]!,
            OrderedAt = lines.Min(l => l.OrderedAt),
            AmountCents = (long)(amount * 100m),
            IsReturn = isReturn,
            ReturnsOrderNumber = originals.Count == 1 ? originals[0] : null,
            Channel = channels.Count == 1 ? channels[0]! : OrderLinesBatchWriter.DefaultChannel,
            Currency = currencies[0] ?? "CNY",
        };
    }
}
