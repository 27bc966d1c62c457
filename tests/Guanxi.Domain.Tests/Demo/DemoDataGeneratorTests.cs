using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Demo;

namespace Guanxi.Domain.Tests.Demo;

public class DemoDataGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    private static DemoDataGenerator Generator(int customers, long orders, int seed = 42) =>
        new(new DemoOptions(customers, orders, seed, Today));

    // One shared medium-sized run keeps the suite fast; tests only read it.
    private static readonly Lazy<(DemoCustomer[] Customers, DemoOrder[] Orders)> Medium = new(() =>
    {
        var g = Generator(5000, 50_000);
        return (g.Customers().ToArray(), g.Orders().ToArray());
    });

    [Theory]
    [InlineData(2022, 2, 1)]
    [InlineData(2025, 1, 29)]
    [InlineData(2026, 2, 17)]
    [InlineData(2027, 2, 6)]
    [InlineData(2028, 1, 26)]
    [InlineData(2031, 1, 23)]
    [InlineData(2033, 1, 31)]
    [InlineData(2050, 1, 23)]
    public void Spring_festival_is_the_lunar_new_year(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DemoDataGenerator.SpringFestival(year));

    [Fact]
    public void Same_seed_gives_identical_output()
    {
        var a = Generator(300, 3000);
        var b = Generator(300, 3000);
        Assert.Equal(a.Customers().Select(Describe), b.Customers().Select(Describe));
        Assert.Equal(a.Orders().Select(Describe), b.Orders().Select(Describe));
        Assert.Equal(a.Interactions(), b.Interactions());
    }

    [Fact]
    public void Different_seed_gives_different_output()
    {
        Assert.NotEqual(Generator(300, 3000, 1).Customers().Select(Describe), Generator(300, 3000, 2).Customers().Select(Describe));
        Assert.NotEqual(Generator(300, 3000, 1).Orders().Select(Describe), Generator(300, 3000, 2).Orders().Select(Describe));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 7)]
    [InlineData(100, 10)]
    [InlineData(100, 5000)]
    public void Orders_are_exactly_the_requested_number(int customers, long orders) =>
        Assert.Equal(orders, Generator(customers, orders).Orders().LongCount());

    [Fact]
    public void No_order_before_its_customer_was_created_or_after_today()
    {
        var (customers, orders) = Medium.Value;
        var end = Today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        Assert.All(orders, o => Assert.InRange(o.OrderedAt, customers[o.CustomerIndex].CreatedAt, end.AddTicks(-1)));
    }

    [Fact]
    public void Customers_are_in_creation_order_within_the_last_three_years()
    {
        var (customers, _) = Medium.Value;
        Assert.Equal(Enumerable.Range(0, customers.Length), customers.Select(c => c.Index));
        Assert.All(customers.Zip(customers.Skip(1)), p => Assert.True(p.First.CreatedAt <= p.Second.CreatedAt));
        Assert.True(DateOnly.FromDateTime(customers[0].CreatedAt) >= Today.AddYears(-3));
        Assert.True(DateOnly.FromDateTime(customers[^1].CreatedAt) <= Today);
    }

    [Fact]
    public void Referrals_point_to_earlier_customers_and_are_heavy_tailed()
    {
        var (customers, _) = Medium.Value;
        var referred = customers.Where(c => c.ReferredByIndex is not null).ToArray();
        Assert.All(referred, c => Assert.InRange(c.ReferredByIndex!.Value, 0, c.Index - 1));
        Assert.InRange(referred.Length / (double)customers.Length, 0.09, 0.15);
        var mostReferrals = referred.GroupBy(c => c.ReferredByIndex).Max(g => g.Count());
        Assert.True(mostReferrals >= 10, $"top referrer has only {mostReferrals}");
    }

    [Fact]
    public void About_a_fifth_never_buy()
    {
        var (customers, orders) = Medium.Value;
        var buyers = orders.Select(o => o.CustomerIndex).Distinct().Count();
        Assert.InRange(1 - buyers / (double)customers.Length, 0.15, 0.25);
    }

    [Fact]
    public void Order_counts_are_heavy_tailed()
    {
        var counts = Medium.Value.Orders.GroupBy(o => o.CustomerIndex).Select(g => g.Count()).Order().ToArray();
        var median = counts[counts.Length / 2];
        Assert.True(counts[^1] >= 10 * median, $"max {counts[^1]}, median {median}");
        var onceShare = counts.Count(c => c == 1) / (double)counts.Length;
        Assert.InRange(onceShare, 0.1, 0.5);
    }

    [Fact]
    public void Amounts_are_positive_lines_add_up_and_channels_are_known()
    {
        var (customers, orders) = Medium.Value;
        Assert.All(orders, o =>
        {
            Assert.True(o.AmountCents > 0);
            Assert.True(o.AmountCents < 1_000_000_000);
            Assert.Contains(o.Channel, Guanxi.Domain.Orders.OrderChannels.Known);
            if (o.Lines.Count > 0) Assert.Equal(o.AmountCents, o.Lines.Sum(l => l.Quantity * l.UnitPriceCents));
            Assert.All(o.Lines, l => Assert.True(l.UnitPriceCents > 0 && l.Product.Length <= FieldLimits.Product));
            var organisation = customers[o.CustomerIndex].Kind == CustomerKind.Organisation;
            Assert.Equal(organisation, o.InvoiceDueDate is not null);
            Assert.True(o.PaidDate is null || o.PaidDate <= Today);
        });
        var amounts = orders.Select(o => o.AmountCents).Order().ToArray();
        Assert.InRange(amounts[amounts.Length / 2] / 100.0, 80, 300); // median near the README's 141 CNY
    }

    [Fact]
    public void Phones_normalise_to_mobiles_or_area_code_numbers()
    {
        var (customers, _) = Medium.Value;
        var phones = customers.Select(c => c.Phone).Concat(customers.SelectMany(c => c.Contacts).Select(c => c.Phone)).OfType<string>();
        Assert.All(phones, phone =>
        {
            var digits = PhoneNumber.Digits(phone)!;
            var mobile = digits.Length == 11 && digits[0] == '1' && "35789".Contains(digits[1], StringComparison.Ordinal);
            var landline = DemoCatalog.Cities.Any(c => digits.StartsWith(c.AreaCode, StringComparison.Ordinal) && digits.Length == c.AreaCode.Length + 8);
            Assert.True(mobile || landline, phone);
        });
    }

    [Fact]
    public void Emails_are_only_on_reserved_domains()
    {
        var (customers, _) = Medium.Value;
        var emails = customers.Select(c => c.Email).Concat(customers.SelectMany(c => c.Contacts).Select(c => c.Email)).OfType<string>();
        string[] reserved = ["@example.com", "@example.net", "@example.org"];
        Assert.All(emails, e =>
        {
            Assert.True(EmailAddress.LooksValid(e), e);
            Assert.Contains(reserved, r => e.EndsWith(r, StringComparison.OrdinalIgnoreCase));
            Assert.True(e.All(char.IsAscii), e);
        });
    }

    [Fact]
    public void A_few_customers_are_deliberate_duplicates_of_earlier_ones()
    {
        var (customers, _) = Medium.Value;
        var duplicates = customers.Where(c => c.DuplicateOfIndex is not null).ToArray();
        Assert.InRange(duplicates.Length, 3, 40);
        Assert.All(duplicates, d =>
        {
            var original = customers[d.DuplicateOfIndex!.Value];
            Assert.True(original.Index < d.Index);
            Assert.Equal(PhoneNumber.Digits(original.Phone), PhoneNumber.Digits(d.Phone));
            Assert.Equal(EmailAddress.Normalize(original.Email), EmailAddress.Normalize(d.Email));
        });
    }

    [Fact]
    public void Every_field_fits_its_limit()
    {
        var (customers, _) = Medium.Value;
        Assert.All(customers, c =>
        {
            Assert.InRange(c.Name.Length, 2, FieldLimits.Name);
            Assert.True((c.Phone?.Length ?? 0) <= FieldLimits.Phone);
            Assert.True((c.Email?.Length ?? 0) <= FieldLimits.Email);
            Assert.True((c.WeChatId?.Length ?? 0) <= FieldLimits.WeChat);
            Assert.True((c.Province?.Length ?? 0) <= FieldLimits.Region);
            Assert.True((c.City?.Length ?? 0) <= FieldLimits.Region);
            Assert.True((c.Industry?.Length ?? 0) <= FieldLimits.Industry);
            Assert.True((c.Source?.Length ?? 0) <= FieldLimits.Source);
            Assert.True((c.Notes?.Length ?? 0) <= FieldLimits.Notes);
            Assert.All(c.Tags, t => Assert.InRange(t.Length, 1, FieldLimits.Tag));
            Assert.All(c.Contacts, k => Assert.True(k.Name.Length <= FieldLimits.Name && k.Role.Length <= FieldLimits.ContactRole));
            Assert.True(c.BirthDate is null || c.BirthDate < Today);
        });
        Assert.All(Generator(500, 0).Interactions(), i =>
        {
            Assert.InRange(i.Subject.Length, 1, FieldLimits.Subject);
            Assert.InRange(i.Body.Length, 1, FieldLimits.Body);
        });
    }

    [Fact]
    public void Organisations_are_about_a_tenth_and_named_like_companies()
    {
        var (customers, _) = Medium.Value;
        var organisations = customers.Where(c => c.Kind == CustomerKind.Organisation).ToArray();
        Assert.InRange(organisations.Length / (double)customers.Length, 0.07, 0.13);
        Assert.All(organisations, o =>
        {
            Assert.EndsWith("有限公司", o.Name, StringComparison.Ordinal);
            Assert.NotEqual(RelationshipType.Ordinary, o.Relationship);
            Assert.NotEmpty(o.Contacts);
        });
    }

    [Fact]
    public void Interactions_fall_between_creation_and_today()
    {
        var g = Generator(500, 0);
        var customers = g.Customers().ToArray();
        var interactions = g.Interactions().ToArray();
        Assert.InRange(interactions.Length, 1200, 1800);
        var end = Today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        Assert.All(interactions, i => Assert.InRange(i.OccurredAt, customers[i.CustomerIndex].CreatedAt, end.AddTicks(-1)));
    }

    [Fact]
    public void Large_generation_streams_100k_customers_and_1m_orders()
    {
        var g = Generator(100_000, 1_000_000);
        Assert.Equal(100_000, g.Customers().Count());
        Assert.Equal(1_000_000L, g.Orders().LongCount());
    }

    private static string Describe(DemoCustomer c) =>
        $"{c.Index}|{c.Name}|{c.Phone}|{c.Email}|{c.City}|{c.CreatedAt:O}|{c.ReferredByIndex}|{string.Join(',', c.Tags)}|{c.Contacts.Count}";

    private static string Describe(DemoOrder o) =>
        $"{o.CustomerIndex}|{o.OrderedAt:O}|{o.AmountCents}|{o.Channel}|{o.Lines.Count}|{o.PaidDate}";
}
