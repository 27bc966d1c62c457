using Guanxi.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Interactions;
using Guanxi.Orders;

namespace Guanxi.Web.Tests;

public sealed class CustomerTimelineTests
{
    private static readonly DateTime Day = new(2026, 5, 1);

    private static OrderDto Order(long id, int hour) =>
        new(id, "SO" + id, 1, Day.AddHours(hour), 10m, "CNY", "store", null, null, 1, []);

    private static InteractionDto Interaction(long id, int hour) =>
        new(id, 1, InteractionChannel.Call, InteractionDirection.Outbound, "call " + id, null, null, Day.AddHours(hour), Day);

    /// <summary>A keyset source over a fixed newest-first list, counting how many pages were read.</summary>
    private sealed class Source(IReadOnlyList<TimelineEntry> all)
    {
        public int Reads { get; private set; }

        public Task<(IReadOnlyList<TimelineEntry> Items, string? Next)> Page(string? after, int limit, CancellationToken ct)
        {
            Reads++;
            var start = after is null ? 0 : int.Parse(after, System.Globalization.CultureInfo.InvariantCulture);
            var items = all.Skip(start).Take(limit).ToList();
            var next = start + limit < all.Count ? (start + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult<(IReadOnlyList<TimelineEntry>, string?)>((items, next));
        }
    }

    [Fact]
    public async Task Orders_and_interactions_come_newest_first_across_pages()
    {
        var orders = new Source([.. new[] { 20, 11, 9, 3 }.Select((h, i) => TimelineEntry.Of(Order(i + 1, h)))]);
        var interactions = new Source([.. new[] { 15, 10, 9, 2, 1 }.Select((h, i) => TimelineEntry.Of(Interaction(i + 1, h)))]);
        var timeline = new CustomerTimeline(orders.Page, interactions.Page, pageSize: 2);

        var first = await timeline.NextAsync(4);
        var rest = await timeline.NextAsync(100);

        var hours = first.Concat(rest).Select(e => (int)(e.At - Day).TotalHours).ToList();
        Assert.Equal([20, 15, 11, 10, 9, 9, 3, 2, 1], hours);
        Assert.Equal(4, first.Count);
        Assert.False(timeline.HasMore);
    }

    [Fact]
    public async Task At_the_same_time_the_order_comes_before_the_interaction()
    {
        var timeline = new CustomerTimeline(
            new Source([TimelineEntry.Of(Order(7, 9))]).Page,
            new Source([TimelineEntry.Of(Interaction(8, 9))]).Page);
        var all = await timeline.NextAsync(10);
        Assert.Equal([TimelineKind.Order, TimelineKind.Interaction], all.Select(e => e.Kind));
    }

    [Fact]
    public async Task Load_more_reads_only_the_pages_it_needs()
    {
        var orders = new Source([.. Enumerable.Range(0, 50).Select(i => TimelineEntry.Of(Order(i + 1, 100 - (2 * i))))]);
        var interactions = new Source([.. Enumerable.Range(0, 50).Select(i => TimelineEntry.Of(Interaction(i + 1, 99 - (2 * i))))]);
        var timeline = new CustomerTimeline(orders.Page, interactions.Page, pageSize: 5);

        var page = await timeline.NextAsync(10);

        Assert.Equal(10, page.Count);
        Assert.True(timeline.HasMore);
        Assert.True(orders.Reads <= 2 && interactions.Reads <= 2, $"{orders.Reads} and {interactions.Reads} reads");
    }

    [Fact]
    public async Task A_customer_with_no_history_has_an_empty_timeline()
    {
        var timeline = new CustomerTimeline(new Source([]).Page, new Source([]).Page);
        Assert.Empty(await timeline.NextAsync(20));
        Assert.False(timeline.HasMore);
    }
}
