using Guanxi.Tests.Infrastructure;
using Guanxi.Security;

namespace Guanxi.Tests.Security;

/// <summary>
/// Free-text masking (decision 0015) on notes as sales staff write them: landlines of seven or eight digits (with or
/// without an area code) and WeChat ids are masked; dates, amounts, quantities and order numbers are not.
/// The database path (notes, interactions, consents through the API on SQLite and PostgreSQL) is in
/// <see cref="MaskingTests"/>; these pin the rule itself, both directions.
/// </summary>
[ClockIndependent]
public class FreeTextMaskingTests
{
    public static TheoryData<string, string> Masked => new()
    {
        { "座机 6552 1234，找王经理", "6552 1234" },
        { "办公室电话：87654321", "87654321" },
        { "前台 8765-4321 转 805", "8765-4321" },
        { "有事打2345678", "2345678" },
        { "北京办公室 010-12345678", "010-12345678" },
        { "深圳总部 0755 1234 5678，下午在", "0755 1234 5678" },
        { "总机（010）6552 7788", "6552 7788" },
        { "fax (021) 5432 1098", "5432 1098" },
        { "订单联系人电话 65529900，送货前先打", "65529900" },
        { "快递员手机 13812345678", "13812345678" },
        { "身份证号 11010119900307123X", "11010119900307123X" },
        { "退款到卡号 6222 0212 3456 7890", "6222 0212 3456 7890" },
        { "微信: abc_12345", "abc_12345" },
        { "微信号：zhangwei1988，晚上联系", "zhangwei1988" },
        { "加了微信zhangwei，聊得不错", "zhangwei" },
        { "客户说 wechat id wxid_abc123 可以加", "wxid_abc123" },
        { "wx: li-si-2024", "li-si-2024" },
        { "WeChat: sunshine_wang", "sunshine_wang" },
        { "VX 同手机号，另一个号 wxid_k8s9d0f1", "wxid_k8s9d0f1" },
    };

    public static TheoryData<string> Kept => new()
    {
        "2026年12月31日回访，合同 20261231 签订",
        "下次拜访 20270115，带样品",
        "订单号 2026123100018 已发货",
        "订单 DD20261231001 和 SO-7654321 待确认",
        "单号：87654321，请财务核对",
        "金额 3500000，分三期",
        "本月成交 1280000 元，比上月多",
        "¥2345678 的预算已批",
        "共 4500000 件，库存充足",
        "报价 5600000，客户嫌贵",
        "增长 25000000%",
        "发票号码 No. 23456789",
        "单价 38.5 元，数量 2345678 个",
        "WeChat message sent, no reply yet",
        "微信联系过了，下周再跟进",
        "邮编 100022，朝阳区",
    };

    [Theory]
    [MemberData(nameof(Masked))]
    public void A_landline_or_wechat_id_in_a_note_is_masked(string note, string secret)
    {
        var masked = PersonalData.FreeText(note)!;
        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(new string(secret.Where(char.IsAsciiDigit).ToArray()) is { Length: >= 7 } digits ? digits : "\u0000", masked, StringComparison.Ordinal);
        // The words around it stay, and masking twice changes nothing (the masks are idempotent).
        Assert.Equal(note[..Math.Min(2, note.Length)], masked[..Math.Min(2, masked.Length)]);
        Assert.Equal(masked, PersonalData.FreeText(masked));
    }

    [Theory]
    [MemberData(nameof(Kept))]
    public void A_date_amount_quantity_or_order_number_in_a_note_is_kept(string note) =>
        Assert.Equal(note, PersonalData.FreeText(note));

    [Fact]
    public void A_note_with_both_keeps_the_order_number_and_masks_the_phone()
    {
        var masked = PersonalData.FreeText("订单号 2026123100018，收货人座机 6552 1234，微信: abc_12345，金额 1280000 元")!;
        Assert.Equal("订单号 2026123100018，收货人座机 ****34，微信: a***，金额 1280000 元", masked);
    }
}
