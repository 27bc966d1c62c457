using Guanxi.Domain.Customers;
using Guanxi.Domain.Models;
using Guanxi.Domain.Orders;

namespace Guanxi.Domain.Tests.Orders;

public class CurrencyRatesTests
{
    private static readonly CurrencyRates Rates = new("CNY",
    [
        ("USD", new DateOnly(2026, 10, 1), 7.1m),
        ("USD", new DateOnly(2026, 11, 1), 7.25m),
        ("JPY", new DateOnly(2026, 11, 1), 0.0473m),
    ]);

    [Fact]
    public void An_order_takes_the_rate_of_its_own_month_and_a_month_without_one_has_none()
    {
        Assert.Equal(7.1m, Rates.RateFor("USD", new DateOnly(2026, 10, 31)));
        Assert.Equal(7.25m, Rates.RateFor("usd", new DateOnly(2026, 11, 1)));
        // December has no rate: never November's, never a guess.
        Assert.Null(Rates.RateFor("USD", new DateOnly(2026, 12, 1)));
        Assert.Null(Rates.RateFor("USD", new DateOnly(2026, 9, 30)));
        Assert.Null(Rates.RateFor("EUR", new DateOnly(2026, 11, 5)));
        // The base currency needs no rate, whatever the month.
        Assert.Equal(1m, Rates.RateFor("CNY", new DateOnly(1999, 1, 1)));
    }

    [Fact]
    public void Month_sums_convert_each_currency_month_and_count_the_orders_of_months_without_a_rate()
    {
        var (cents, unconverted) = Rates.SumMonths(
        [
            ("CNY", 2026, 12, 3, 10_000),   // base: as it is
            ("USD", 2026, 11, 2, 1_000),    // 10.00 USD × 7.25 = 72.50 CNY
            ("USD", 2026, 12, 4, 5_000),    // no December rate: counted, not summed
            ("JPY", 2026, 11, 1, 333),      // 333 × 0.0473 = 15.75 → 16 cents
        ]);
        Assert.Equal(10_000 + 7_250 + 16, cents);
        Assert.Equal(4, unconverted);
    }

    [Fact]
    public void Conversion_rounds_each_order_to_cents_half_away_from_zero()
    {
        Assert.True(Rates.TryConvert("USD", new DateOnly(2026, 10, 2).DayNumber, 1_000, out long cents));
        Assert.Equal(7_100, cents);
        // 0.10 USD × 7.25 = 0.725 CNY → 0.73; the return of it → −0.73.
        Assert.Equal(73, CurrencyRates.Convert(10, 7.25m));
        Assert.Equal(-73, CurrencyRates.Convert(-10, 7.25m));
        // ¥1 × 0.0473 = 0.0473 → 0.05 (4.73 fen rounds to 5).
        Assert.True(Rates.TryConvert("JPY", new DateOnly(2026, 11, 30).DayNumber, 100, out cents));
        Assert.Equal(5, cents);
        Assert.True(Rates.TryConvert("CNY", 0, 12_345, out cents));
        Assert.Equal(12_345, cents);
        Assert.False(Rates.TryConvert("USD", new DateOnly(2026, 12, 1).DayNumber, 1_000, out cents));
        Assert.Equal(0, cents);
    }

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2000-01", 2000, 1)]
    [InlineData("2026-13", 0, 0)]
    [InlineData("2026-1", 0, 0)]
    [InlineData("1999-12", 0, 0)]
    [InlineData("2026-11-01", 0, 0)]
    [InlineData("", 0, 0)]
    public void A_month_is_written_yyyy_MM(string text, int year, int month)
    {
        var parsed = CurrencyRates.ParseMonth(text);
        Assert.Equal(year == 0 ? null : new DateOnly(year, month, 1), parsed);
    }

    [Fact]
    public void A_rate_is_above_zero_with_at_most_ten_decimals()
    {
        Assert.Null(CurrencyRates.RateProblem(7.1m));
        Assert.Null(CurrencyRates.RateProblem(0.0000000001m));
        Assert.NotNull(CurrencyRates.RateProblem(0m));
        Assert.NotNull(CurrencyRates.RateProblem(-7m));
        Assert.NotNull(CurrencyRates.RateProblem(0.00000000001m));
        Assert.NotNull(CurrencyRates.RateProblem(2_000_000m));
    }

    [Fact]
    public void A_run_converts_orders_in_other_currencies_and_leaves_out_of_the_money_those_without_a_rate()
    {
        var asOf = new DateOnly(2026, 12, 31);
        var b = new CustomerMetricsBuilder(1, asOf) { Rates = Rates };
        b.AddCustomer(1, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2025, 1, 1), 0.5f, null, null);
        b.AddOrder(1, new DateOnly(2026, 10, 5), 10_000, "web", null, null, "CNY");
        b.AddOrder(1, new DateOnly(2026, 10, 6), 1_000, "web", null, null, "USD");
        // No December rate: a purchase that counts as an order but adds nothing, and a return that is dropped.
        b.AddOrder(1, new DateOnly(2026, 12, 2), 5_000, "web", null, null, "USD");
        b.AddOrder(1, new DateOnly(2026, 12, 3), -2_000, "web", null, null, "USD");
        b.CollectHistories = true;
        var m = b.Build();

        Assert.Equal(10_000 + 7_100, m.TotalCents[0]);
        Assert.Equal(3, m.OrderCount[0]);
        Assert.Equal(new DateOnly(2026, 12, 2).DayNumber, m.LastOrderDay[0]);
        var unconverted = Assert.Single(m.Unconverted);
        Assert.Equal(new UnconvertedOrders("USD", new DateOnly(2026, 12, 1), 2, 3_000), unconverted);

        // The stored history keeps every order in its own currency: the next run converts it again the same way.
        var history = new OrderHistory();
        history.Decode(b.HistoryOf(0)!);
        Assert.Equal(4, history.Count);
        Assert.Equal(["CNY", "USD", "USD", "USD"], Enumerable.Range(0, 4).Select(history.CurrencyOf));
        var again = new CustomerMetricsBuilder(1, asOf) { Rates = Rates };
        again.AddCustomer(1, CustomerKind.Person, RelationshipType.Ordinary, new DateOnly(2025, 1, 1), 0.5f, null, null);
        again.AddOrderHistory(0, history);
        var fromHistory = again.Build();
        Assert.Equal(m.TotalCents[0], fromHistory.TotalCents[0]);
        Assert.Equal(m.Unconverted, fromHistory.Unconverted);
    }

    [Fact]
    public void A_history_of_one_currency_stores_no_currency_column()
    {
        var one = new OrderHistory();
        one.Add(100, 1_000, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay, "CNY");
        one.Add(101, 2_000, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay, "CNY");
        var two = new OrderHistory();
        two.Add(100, 1_000, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay, "CNY");
        two.Add(101, 2_000, "web", CustomerMetrics.NoDay, CustomerMetrics.NoDay, "USD");
        Assert.Equal(one.Encode().Length + 4 + 2, two.Encode().Length); // "USD" named once (4 bytes), one index per order (2)
        var decoded = new OrderHistory();
        decoded.Decode(two.Encode());
        Assert.Equal("USD", decoded.CurrencyOf(1));
        Assert.Equal(2, OrderHistory.CountOf(two.Encode()));
    }
}
