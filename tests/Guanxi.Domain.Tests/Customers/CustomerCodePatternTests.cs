using Guanxi.Domain.Customers;

namespace Guanxi.Domain.Tests.Customers;

public class CustomerCodePatternTests
{
    [Fact]
    public void Default_pattern_formats_year_and_padded_sequence()
    {
        var pattern = CustomerCodePattern.Parse(CustomerCodePattern.Default);
        Assert.Equal("C-2026-000123", pattern.Format(new DateOnly(2026, 3, 5), 123));
        Assert.Equal("C-2026-", pattern.Prefix(new DateOnly(2026, 3, 5)));
    }

    [Fact]
    public void Date_tokens_and_suffix_are_expanded()
    {
        var pattern = CustomerCodePattern.Parse("KH{yyyy}{MM}{dd}{seq:5}X");
        Assert.Equal("KH2024031500017X", pattern.Format(new DateOnly(2024, 3, 15), 17));
    }

    [Theory]
    [InlineData("C-{yyyy}")]
    [InlineData("C-{seq:6}-{seq:2}")]
    [InlineData("C-{seq:0}")]
    [InlineData("C-{seq:abc}")]
    [InlineData("VERY-LONG-PREFIX-THAT-DOES-NOT-FIT-{seq:6}")]
    public void Invalid_patterns_are_refused_with_a_reason(string text)
    {
        Assert.False(CustomerCodePattern.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
