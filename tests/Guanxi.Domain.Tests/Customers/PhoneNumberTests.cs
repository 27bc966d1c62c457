using Guanxi.Domain.Customers;

namespace Guanxi.Domain.Tests.Customers;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 13812345678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("0086 138 1234 5678", "13812345678")]
    [InlineData("021-62345678", "02162345678")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void Digits_normalises_the_ways_people_write_numbers(string? input, string? expected) =>
        Assert.Equal(expected, PhoneNumber.Digits(input));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("021-62345678", "021*****5678")]
    [InlineData("123", "***")]
    public void Mask_keeps_only_the_ends(string input, string expected) =>
        Assert.Equal(expected, PhoneNumber.Mask(input));

    [Fact]
    public void Email_mask_keeps_first_letter_and_domain() =>
        Assert.Equal("z***@example.com", EmailAddress.Mask("zhang.wei@example.com"));
}
