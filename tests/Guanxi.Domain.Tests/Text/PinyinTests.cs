using Guanxi.Domain.Customers;
using Guanxi.Domain.Text;

namespace Guanxi.Domain.Tests.Text;

public class PinyinTests
{
    [Theory]
    [InlineData("王艳明", "wangyanming", "wym")]
    [InlineData("雷军", "leijun", "lj")]
    [InlineData("吕布", "lvbu", "lb")]
    [InlineData("女娲", "nvwa", "nw")]
    [InlineData("  张 三 ", "zhangsan", "zs")]
    public void Names_read_as_toneless_pinyin_and_initials(string name, string full, string initials) =>
        Assert.Equal(new PinyinReading(full, initials), Pinyin.Of(name));

    [Theory]
    [InlineData("曾小贤", "zengxiaoxian", "zxx")]
    [InlineData("单田芳", "shantianfang", "stf")]
    [InlineData("解缙", "xiejin", "xj")]
    [InlineData("仇英", "qiuying", "qy")]
    [InlineData("朴树", "piaoshu", "ps")]
    [InlineData("区家明", "oujiaming", "ojm")]
    [InlineData("查良镛", "zhaliangyong", "zly")]
    [InlineData("覃海", "qinhai", "qh")]
    [InlineData("尉迟恭", "yuchigong", "ycg")]
    [InlineData("万俟卨", "moqixie", "mqx")]
    [InlineData("长孙无忌", "zhangsunwuji", "zswj")]
    public void Polyphonic_surnames_read_as_surnames(string name, string full, string initials) =>
        Assert.Equal(new PinyinReading(full, initials), Pinyin.Of(name));

    [Fact]
    public void A_surname_character_later_in_the_name_keeps_its_common_reading()
    {
        // 单 is "shan" as a surname, "dan" elsewhere (简单 jiandan); 曾 likewise (未曾 weiceng).
        Assert.Equal("wangdan", Pinyin.Of("王单").Full);
        Assert.Equal("liceng", Pinyin.Of("李曾").Full);
    }

    [Theory]
    [InlineData("ABC科技", "abckeji", "abckj")]
    [InlineData("3M中国", "3mzhongguo", "3mzg")]
    [InlineData("ＡＢＣ（上海）", "abcshanghai", "abcsh")]
    [InlineData("José Li", "joseli", "joseli")]
    [InlineData("---", "", "")]
    [InlineData("", "", "")]
    public void Latin_letters_and_digits_are_kept_lower_cased_and_punctuation_dropped(string name, string full, string initials) =>
        Assert.Equal(new PinyinReading(full, initials), Pinyin.Of(name));

    [Fact]
    public void A_character_outside_the_basic_block_has_its_reading()
    {
        // U+20037 (Extension B, read "ji"): a surrogate pair in .NET strings, one character of the table.
        Assert.Equal(new PinyinReading("liji", "lj"), Pinyin.Of("李\U00020037"));
    }

    [Fact]
    public void Setting_a_customer_name_sets_its_pinyin()
    {
        var customer = new Customer { Name = "王艳明" };
        Assert.Equal(("wangyanming", "wym"), (customer.NamePinyin, customer.NameInitials));
        customer.Name = "雷军";
        Assert.Equal(("leijun", "lj"), (customer.NamePinyin, customer.NameInitials));
    }

    [Fact]
    public void The_longest_name_fits_the_columns()
    {
        var reading = Pinyin.Of(new string('庄', 200));
        Assert.Equal(1200, reading.Full.Length);
        Assert.Equal(200, reading.Initials.Length);
        Assert.True(Pinyin.Of(new string('㍱', 200)).Full.Length <= PinyinReading.MaxFull);
    }
}
