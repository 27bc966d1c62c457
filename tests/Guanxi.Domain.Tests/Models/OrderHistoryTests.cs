using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

/// <summary>
/// A customer's stored order history must give exactly the figures their order rows give: it is what a model run
/// reads instead of the rows.
/// </summary>
public class OrderHistoryTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    [Fact]
    public void Encoding_keeps_every_order_field_and_channel_name()
    {
        var h = new OrderHistory();
        h.Add(739_000, 1_999, "门店", CustomerMetrics.NoDay, CustomerMetrics.NoDay);
        h.Add(739_000, -500, "web", 739_030, CustomerMetrics.NoDay);
        h.Add(739_200, long.MaxValue, "门店", 739_230, 739_260);

        byte[] data = h.Encode();
        Assert.Equal(3, OrderHistory.CountOf(data));
        var back = new OrderHistory();
        back.Add(1, 1, "stale", 1, 1); // decoding replaces whatever was there
        back.Decode(data);

        Assert.Equal(3, back.Count);
        Assert.Equal([739_000, 739_000, 739_200], back.Days[..3]);
        Assert.Equal([1_999L, -500L, long.MaxValue], back.Cents[..3]);
        Assert.Equal(["门店", "web", "门店"], back.Channels[..3].Select(c => back.ChannelNames[c]));
        Assert.Equal([CustomerMetrics.NoDay, 739_030, 739_230], back.DueDays[..3]);
        Assert.Equal([CustomerMetrics.NoDay, CustomerMetrics.NoDay, 739_260], back.PaidDays[..3]);
    }

    [Fact]
    public void A_history_without_invoices_stores_no_payment_columns_and_reads_back_as_none()
    {
        var h = new OrderHistory();
        for (int k = 0; k < 100; k++)
        {
            h.Add(739_000 + k, k, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay);
        }

        byte[] plain = h.Encode();
        h.Add(739_500, 1, "web", 739_530, CustomerMetrics.NoDay);
        Assert.True(h.Encode().Length - plain.Length > 100 * 8, "due and paid days are written only when there are invoices");

        var back = new OrderHistory();
        back.Decode(plain);
        Assert.Equal(100, back.Count);
        Assert.All(back.DueDays[..100], d => Assert.Equal(CustomerMetrics.NoDay, d));
        Assert.All(back.PaidDays[..100], d => Assert.Equal(CustomerMetrics.NoDay, d));
    }

    [Fact]
    public void Damaged_or_unknown_data_is_refused_with_a_clear_error()
    {
        var h = new OrderHistory();
        h.Add(739_000, 100, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay);
        byte[] data = h.Encode();

        var back = new OrderHistory();
        Assert.Throws<InvalidDataException>(() => back.Decode(data.AsSpan(0, data.Length - 3)));
        Assert.Throws<InvalidDataException>(() => back.Decode([.. data, 0]));
        byte[] future = [.. data];
        future[0] = OrderHistory.FormatVersion + 1;
        Assert.Contains("format", Assert.Throws<InvalidDataException>(() => back.Decode(future)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => h.Add(738_999, 1, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay));
    }

    /// <summary>
    /// Property: for random customers, orders (in random arrival order, some after the as-of day, invoices paid and
    /// unpaid) and outbound contacts, the histories the builder collects, decoded and added per customer from two
    /// threads, give every figure the rows gave.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stored_histories_give_the_same_figures_as_the_order_rows(int seed)
    {
        var random = new Random(seed);
        const int Customers = 300;
        var contacts = Contacts(Customers, random.Next());
        var fromRows = Builder(Customers, contacts);
        var orders = new List<(long Customer, DateOnly Day, long Cents, string Channel, DateOnly? Due, DateOnly? Paid)>();
        string[] channels = ["web", "门店", "WEB", "phone", "distributor"];
        for (int k = 0; k < 4_000; k++)
        {
            var day = AsOf.AddDays(-random.Next(-30, 1_100));
            DateOnly? due = random.Next(4) == 0 ? day.AddDays(random.Next(0, 90)) : null;
            DateOnly? paid = due is { } d && random.Next(3) > 0 ? d.AddDays(random.Next(-40, 200)) : null;
            orders.Add((1 + random.Next(Customers + 5), day, random.Next(1, 2_000_000), channels[random.Next(channels.Length)], due, paid));
        }

        foreach (var o in orders)
        {
            fromRows.AddOrder(o.Customer, o.Day, o.Cents, o.Channel, o.Due, o.Paid);
        }

        fromRows.CollectHistories = true;
        var expected = fromRows.Build();

        var fromHistories = Builder(Customers, contacts);
        Parallel.For(0, Customers, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => new OrderHistory(), (i, _, history) =>
        {
            if (fromRows.HistoryOf(i) is { } data)
            {
                history.Decode(data);
                fromHistories.AddOrderHistory(i, history);
            }

            return history;
        }, _ => { });
        var actual = fromHistories.Build();

        Assert.True(Enumerable.Range(0, Customers).Count(expected.HasOrders) > 250, "most customers should have orders");
        Assert.Contains(Enumerable.Range(0, Customers), i => expected.Invoiced24mCents[i] > 0 && expected.FollowedUpOrders365d[i] > 0);
        for (int i = 0; i < Customers; i++)
        {
            string who = $"customer {expected.CustomerId[i]}";
            Assert.True(expected.OrderCount[i] == actual.OrderCount[i], who + " count");
            Assert.True(expected.DistinctOrderDays[i] == actual.DistinctOrderDays[i], who + " days");
            Assert.True(expected.TotalCents[i] == actual.TotalCents[i], who + " total");
            Assert.True(expected.FirstOrderDay[i] == actual.FirstOrderDay[i] && expected.LastOrderDay[i] == actual.LastOrderDay[i], who + " first/last");
            Assert.True(expected.PreviousOrderDay[i] == actual.PreviousOrderDay[i], who + " previous");
            Assert.True(expected.OrderIntervalStdDevDays[i].Equals(actual.OrderIntervalStdDevDays[i]), who + " spread");
            Assert.True(expected.Orders90d[i] == actual.Orders90d[i] && expected.Amount90dCents[i] == actual.Amount90dCents[i], who + " 90d");
            Assert.True(expected.Orders365d[i] == actual.Orders365d[i] && expected.Amount365dCents[i] == actual.Amount365dCents[i], who + " 365d");
            Assert.True(expected.OrdersPrevious365d[i] == actual.OrdersPrevious365d[i] && expected.AmountPrevious365dCents[i] == actual.AmountPrevious365dCents[i], who + " year before");
            Assert.True(expected.DistinctChannels[i] == actual.DistinctChannels[i], who + " channels");
            Assert.True(expected.Invoiced24mCents[i] == actual.Invoiced24mCents[i] && expected.Collected24mCents[i] == actual.Collected24mCents[i], who + " invoices");
            Assert.True(expected.LongestPaymentTermDays[i] == actual.LongestPaymentTermDays[i], who + " term");
            Assert.True(expected.FollowedUpOrders365d[i] == actual.FollowedUpOrders365d[i], who + " follow-ups");
        }
    }

    [Fact]
    public void A_customer_whose_orders_arrive_twice_is_an_error_not_a_double_count()
    {
        var b = new CustomerMetricsBuilder(1, AsOf);
        b.AddCustomer(1, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2024, 1, 1), 0, null, null);
        var h = new OrderHistory();
        h.Add(AsOf.DayNumber - 3, 100, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay);
        b.AddOrderHistory(0, h);
        b.AddOrder(1, AsOf.AddDays(-1), 50, "web", null, null);
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }

    /// <summary>Customers 1…n with these outbound contacts (for the follow-up figure).</summary>
    private static CustomerMetricsBuilder Builder(int customers, List<(long Customer, DateOnly Day)> contacts)
    {
        var b = new CustomerMetricsBuilder(customers, AsOf);
        for (int i = 0; i < customers; i++)
        {
            b.AddCustomer(i + 1, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2022, 1, 1), 0.5f, null, null);
        }

        foreach (var (customer, day) in contacts)
        {
            b.AddInteraction(customer, day, InteractionChannel.Call, InteractionDirection.Outbound);
        }

        return b;
    }

    private static List<(long Customer, DateOnly Day)> Contacts(int customers, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 2_000).Select(_ => ((long)(1 + random.Next(customers)), AsOf.AddDays(-random.Next(0, 400)))).ToList();
    }
}
