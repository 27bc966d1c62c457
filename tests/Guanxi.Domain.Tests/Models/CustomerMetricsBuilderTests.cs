using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

public class CustomerMetricsBuilderTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    [Fact]
    public void Returns_take_their_amount_off_the_latest_purchases_and_a_purchase_returned_in_full_is_no_purchase()
    {
        var b = new CustomerMetricsBuilder(3, AsOf);
        b.AddCustomer(1, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2023, 1, 1), 0.5f, null, null);
        b.AddCustomer(2, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2023, 1, 1), 0.5f, null, null);
        b.AddCustomer(3, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2023, 1, 1), 0.5f, null, null);
        // 1: bought 77,183.60 in two orders and cancelled all of it (one return, same day as the second order, listed first).
        b.AddOrder(1, new DateOnly(2025, 3, 1), 7_000_000, "web", null, null);
        b.AddOrder(1, new DateOnly(2025, 6, 1), -7_718_360, "web", null, null);
        b.AddOrder(1, new DateOnly(2025, 6, 1), 718_360, "web", null, null);
        // 2: a 10,000.00 order, 2,500.00 of it returned; an earlier 500.00 order stays whole; a return after the as-of day does not count.
        b.AddOrder(2, new DateOnly(2025, 1, 10), 50_000, "store", null, null);
        b.AddOrder(2, new DateOnly(2025, 5, 1), 1_000_000, "store", null, null);
        b.AddOrder(2, new DateOnly(2025, 5, 20), -250_000, "store", null, null);
        b.AddOrder(2, new DateOnly(2025, 7, 2), -1_000_000, "store", null, null);
        // 3: a return with nothing bought before it takes nothing off later purchases.
        b.AddOrder(3, new DateOnly(2025, 2, 1), -30_000, "web", null, null);
        b.AddOrder(3, new DateOnly(2025, 4, 1), 20_000, "web", null, null);
        var m = b.Build();

        Assert.False(m.HasOrders(0));
        Assert.Equal(0, m.TotalCents[0]);
        Assert.Equal(2, m.OrderCount[1]);
        Assert.Equal(800_000, m.TotalCents[1]);
        Assert.Equal(new DateOnly(2025, 5, 1).DayNumber, m.LastOrderDay[1]);
        Assert.Equal(1, m.OrderCount[2]);
        Assert.Equal(20_000, m.TotalCents[2]);
    }

    [Fact]
    public void Figures_follow_the_rows_in_any_order_and_ignore_later_ones()
    {
        var b = new CustomerMetricsBuilder(2, AsOf);
        b.AddCustomer(10, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2023, 1, 1), 0.5f, "web", null);
        b.AddCustomer(20, CustomerKind.Organisation, RelationshipType.Enterprise, new DateOnly(2024, 1, 1), 1f, null, 10);
        b.AddInteraction(10, new DateOnly(2025, 5, 3), InteractionChannel.Call, InteractionDirection.Outbound);
        b.AddInteraction(10, new DateOnly(2025, 6, 1), InteractionChannel.Visit, InteractionDirection.Inbound);
        b.AddInteraction(10, new DateOnly(2025, 7, 2), InteractionChannel.Call, InteractionDirection.Outbound); // after AsOf
        // Orders out of date order, two on one day, one after AsOf, one 400 days back.
        b.AddOrder(10, new DateOnly(2025, 6, 20), 5_000, "web", null, null);
        b.AddOrder(10, new DateOnly(2025, 5, 1), 10_000, "store", new DateOnly(2025, 5, 31), new DateOnly(2025, 6, 10));
        b.AddOrder(10, new DateOnly(2025, 5, 1), 1_000, "web", null, null);
        b.AddOrder(10, new DateOnly(2024, 5, 26), 2_000, "web", new DateOnly(2024, 6, 25), null);
        b.AddOrder(10, new DateOnly(2025, 7, 1), 99_999, "web", null, null);
        b.AddOrder(99, new DateOnly(2025, 1, 1), 1, "web", null, null); // unknown customer
        var m = b.Build();

        Assert.Equal(4, m.OrderCount[0]);
        Assert.Equal(3, m.DistinctOrderDays[0]);
        Assert.Equal(18_000, m.TotalCents[0]);
        Assert.Equal(new DateOnly(2024, 5, 26).DayNumber, m.FirstOrderDay[0]);
        Assert.Equal(new DateOnly(2025, 6, 20).DayNumber, m.LastOrderDay[0]);
        Assert.Equal(new DateOnly(2025, 5, 1).DayNumber, m.PreviousOrderDay[0]);
        Assert.Equal(10, m.RecencyDays(0));
        Assert.Equal(3, m.Orders90d[0]);
        Assert.Equal(16_000, m.Amount90dCents[0]);
        Assert.Equal(3, m.Orders365d[0]);
        Assert.Equal(1, m.OrdersPrevious365d[0]);
        Assert.Equal(2_000, m.AmountPrevious365dCents[0]);
        Assert.Equal(2, m.DistinctChannels[0]);
        // Invoices due in the last 24 months: 12 000 invoiced, 10 000 paid; the unpaid one runs to AsOf (400 days).
        Assert.Equal(12_000, m.Invoiced24mCents[0]);
        Assert.Equal(10_000, m.Collected24mCents[0]);
        Assert.Equal(AsOf.DayNumber - new DateOnly(2024, 5, 26).DayNumber, m.LongestPaymentTermDays[0]);
        // The 1 May orders were followed up on 3 May; the 20 June one was not (the next call is after AsOf).
        Assert.Equal(2, m.FollowedUpOrders365d[0]);
        Assert.Equal(2, m.InteractionCount[0]);
        Assert.Equal(1, m.Outbound365d[0]);
        Assert.Equal(1, m.Inbound365d[0]);
        Assert.Equal(1, m.Meetings365d[0]);
        Assert.Equal(1, m.OutboundMonths365d[0]);
        Assert.Equal(new DateOnly(2025, 6, 1).DayNumber, m.LastContactDay[0]);
        // Gaps 340 and 50 days: mean 195, standard deviation 145.
        Assert.Equal(145f, m.OrderIntervalStdDevDays[0], 3);

        Assert.False(m.HasOrders(1));
        Assert.Equal(CustomerMetrics.NoDay, m.RecencyDays(1));
        Assert.Equal(0, m.ReferrerIndex[1]);
        Assert.Equal(-1, m.ReferrerIndex[0]);
        Assert.True(float.IsNaN(m.OrderIntervalStdDevDays[1]));
    }

    [Fact]
    public void Interactions_after_orders_are_refused_because_follow_ups_would_be_missed()
    {
        var b = new CustomerMetricsBuilder(1, AsOf);
        b.AddCustomer(1, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2024, 1, 1), 0, null, null);
        b.AddOrder(1, new DateOnly(2025, 1, 1), 100, "web", null, null);
        Assert.Throws<InvalidOperationException>(() => b.AddInteraction(1, new DateOnly(2025, 1, 2), InteractionChannel.Call, InteractionDirection.Outbound));
    }
}
