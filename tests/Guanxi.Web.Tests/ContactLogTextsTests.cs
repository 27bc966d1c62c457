using Guanxi.Components;

namespace Guanxi.Web.Tests;

public sealed class ContactLogTextsTests
{
    [Fact]
    public void Every_contact_log_text_is_written_in_both_languages_and_the_chinese_ones_are_chinese()
    {
        var strings = typeof(ContactLogTexts).GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetMethod?.IsStatic == false)
            .Select(p => (p.Name, En: (string)p.GetValue(ContactLogTexts.En)!, Zh: (string)p.GetValue(ContactLogTexts.Zh)!)).ToList();
        Assert.True(strings.Count >= 13);
        foreach (var (name, en, zh) in strings)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), name);
            Assert.True(zh.Any(c => c is >= '\u4e00' and <= '\u9fff'), $"{name}: \"{zh}\"");
        }
        Assert.Equal("with Ms Li", ContactLogTexts.En.With("Ms Li"));
        Assert.Equal("联系人：李经理", ContactLogTexts.Zh.With("李经理"));
    }
}
