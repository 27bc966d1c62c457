using Guanxi.Domain.Interactions;
using Guanxi.Interactions;
using Guanxi.Orders;

namespace Guanxi.Customers;

public enum TimelineKind
{
    Order,
    Interaction,
}

/// <summary>One row of a customer's history: an order or an interaction.</summary>
public sealed record TimelineEntry(TimelineKind Kind, long Id, DateTime At, OrderDto? Order, InteractionDto? Interaction)
{
    public static TimelineEntry Of(OrderDto o) => new(TimelineKind.Order, o.Id, o.OrderedAt, o, null);

    public static TimelineEntry Of(InteractionDto i) => new(TimelineKind.Interaction, i.Id, i.OccurredAt, null, i);
}

/// <summary>What a customer's history shows: orders, interactions (of one channel, when given), or both.</summary>
public sealed record TimelineShow(bool Orders, bool Interactions, InteractionChannel? Channel = null)
{
    public static readonly TimelineShow All = new(true, true);
    public static readonly TimelineShow OrdersOnly = new(true, false);

    public static TimelineShow Of(InteractionChannel channel) => new(false, true, channel);
}

/// <summary>A keyset page of one source of the timeline.</summary>
public delegate Task<(IReadOnlyList<TimelineEntry> Items, string? Next)> TimelineSource(string? after, int limit, CancellationToken ct);

/// <summary>
/// Merges two newest-first keyset-paged sources (orders, interactions) into one newest-first timeline.
/// An entry is emitted only when the other source's next entry is known (or that source is exhausted),
/// so "load more" never shows an entry out of order, and each source is read one page at a time.
/// </summary>
public sealed class CustomerTimeline(TimelineSource first, TimelineSource second, int pageSize = 20)
{
    private readonly Lane _a = new(first);
    private readonly Lane _b = new(second);

    public bool HasMore => _a.Buffer.Count > 0 || !_a.Exhausted || _b.Buffer.Count > 0 || !_b.Exhausted;

    public static CustomerTimeline For(long customerId, OrderService orders, InteractionService interactions, int pageSize = 20) =>
        For(customerId, orders, interactions, TimelineShow.All, pageSize);

    /// <summary>A filtered history: a source left out reads as empty; the interactions' channel is filtered by the query, so paging stays keyset.</summary>
    public static CustomerTimeline For(long customerId, OrderService orders, InteractionService interactions, TimelineShow show, int pageSize = 20) =>
        new(
            show.Orders
                ? async (after, limit, ct) =>
                {
                    var page = await orders.ListAsync(customerId, after, limit, ct);
                    return (page.Items.Select(TimelineEntry.Of).ToList(), page.NextCursor);
                }
                : Nothing,
            show.Interactions
                ? async (after, limit, ct) =>
                {
                    var page = await interactions.ListAsync(customerId, show.Channel, after, limit, ct);
                    return (page.Items.Select(TimelineEntry.Of).ToList(), page.NextCursor);
                }
                : Nothing,
            pageSize);

    private static Task<(IReadOnlyList<TimelineEntry> Items, string? Next)> Nothing(string? after, int limit, CancellationToken ct) =>
        Task.FromResult<(IReadOnlyList<TimelineEntry>, string?)>(([], null));

    public async Task<IReadOnlyList<TimelineEntry>> NextAsync(int count, CancellationToken ct = default)
    {
        var result = new List<TimelineEntry>(count);
        while (result.Count < count)
        {
            await _a.FillAsync(pageSize, ct);
            await _b.FillAsync(pageSize, ct);
            if (_a.Buffer.Count == 0 && _b.Buffer.Count == 0) break;
            var lane = _b.Buffer.Count == 0 || (_a.Buffer.Count > 0 && IsNewer(_a.Buffer.Peek(), _b.Buffer.Peek())) ? _a : _b;
            result.Add(lane.Buffer.Dequeue());
        }
        return result;
    }

    /// <summary>Newest first; at the same instant orders before interactions, then higher id first (stable).</summary>
    internal static bool IsNewer(TimelineEntry x, TimelineEntry y) =>
        x.At != y.At ? x.At > y.At : x.Kind != y.Kind ? x.Kind < y.Kind : x.Id > y.Id;

    private sealed class Lane(TimelineSource source)
    {
        private string? _cursor;

        public Queue<TimelineEntry> Buffer { get; } = new();

        public bool Exhausted { get; private set; }

        public async Task FillAsync(int pageSize, CancellationToken ct)
        {
            if (Buffer.Count > 0 || Exhausted) return;
            var (items, next) = await source(_cursor, pageSize, ct);
            foreach (var item in items) Buffer.Enqueue(item);
            _cursor = next;
            Exhausted = next is null;
        }
    }
}
