using System.Text.RegularExpressions;

namespace Guanxi.Components;

public sealed partial class Texts
{
    private static Regex R(string pattern) => new("^" + pattern + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The import's rejection reasons (written in English, once, for the CLI and the rejects file: "column: what is wrong")
    /// as Chinese says them; the values quoted from the file stay as they were. First match wins: the specific before the general.
    /// </summary>
    private static readonly (Regex Pattern, string Chinese)[] ChineseImportReasons =
    [
        (R(@"(.+) is not a phone number \(needs at least 5 digits\)"), "$1 不是电话号码（至少需要 5 位数字）"),
        (R(@"(.+) is not a valid email address"), "$1 不是有效的电子邮箱地址"),
        (R(@"customer (.+) cannot refer themselves"), "客户 $1 不能推荐自己"),
        (R(@"(.+) repeats an earlier row of the file\.?"), "$1 与文件中前面的行重复"),
        (R(@"repeats an earlier row of the file\.?"), "与文件中前面的行重复"),
        (R(@"(.+) is not a plain decimal.*"), "$1 不是普通小数（只用数字，以“.”作小数点，例如 189.00）"),
        (R(@"(.+) is negative \(a return has negative quantities, not prices\)"), "$1 为负数（退货的数量为负，价格不为负）"),
        (R(@"(.+) is negative"), "$1 为负数"),
        (R(@"(.+) has more than (\d+) decimals and rounds to 10,000,000 or more"), "$1 的小数超过 $2 位，四舍五入后达到 10,000,000 或以上"),
        (R(@"(.+) has more than (\d+) decimals \(--round-cents rounds such amounts\)"), "$1 的小数超过 $2 位（可用 --round-cents 四舍五入）"),
        (R(@"(.+) has more than (\d+) decimals"), "$1 的小数超过 $2 位"),
        (R(@"order (.+) totals (.+), not below 10,000,000 in size"), "订单 $1 合计 $2，绝对值须小于 10,000,000"),
        (R(@"(.+) is not below 10,000,000( in size)?"), "$1 须小于 10,000,000"),
        (R(@"(.+) is not one of (.+)"), "$1 不是以下之一：$2"),
        (R(@"is empty \(expected a positive integer\)"), "为空（应为正整数）"),
        (R(@"is empty \(expected (.+)\)"), "为空（应为 $1）"),
        (R(@"is 0 \(a line sells or returns at least some\)"), "为 0（每行至少卖出或退回一些）"),
        (R(@"is empty for a resolved request \(expected (.+)\)"), "已解决的请求必须填写（应为 $1）"),
        (R(@"is empty for an assigned request"), "已分配的请求必须填写处理人"),
        (R(@"is empty for a lost opportunity \(say why it was lost\)"), "丢单必须填写原因"),
        (R(@"is empty \(a guest order: order (.+) names no customer\)"), "为空（散客订单：订单 $1 没有客户）"),
        (R(@"is empty"), "为空"),
        (R(@"(.+) is before created_at (.+)"), "$1 早于创建时间 $2"),
        (R(@"is given for a request that is (.+) \(still open\)"), "请求状态为 $1（尚未结束），不应填写"),
        (R(@"is given for an opportunity that is still open"), "销售机会仍在进行中，不应填写"),
        (R(@"(.+) is not an ISO 4217 currency code such as (.+)"), "$1 不是 ISO 4217 币种代码（例如 $2）"),
        (R(@"(.+) is not a 3-letter currency code such as (.+)"), "$1 不是三个字母的币种代码（例如 $2）"),
        (R(@"(.+) is not a whole number from 0 to 100"), "$1 不是 0 到 100 的整数"),
        (R(@"(.+) is not a positive integer up to (\d+)"), "$1 不是不超过 $2 的正整数"),
        (R(@"(\d+) characters is longer than the limit of (\d+) \((.*)\)"), "$1 个字符，超过上限 $2（$3）"),
        (R(@"the tag (.+) is longer than the limit of (\d+)"), "标签 $1 超过 $2 个字符的上限"),
        (R(@"(.+) is not a real date \(expected (.+)\)"), "$1 不是真实存在的日期（应为 $2）"),
        (R(@"(.+) is not a real date-time \(expected (.+)\)"), "$1 不是真实存在的日期时间（应为 $2）"),
        (R(@"(.+) is not a date in the form (\S+) \(the file's dates are ISO; another form: --date-format\)"), "$1 不是 $2 格式的日期（文件的日期为 ISO 格式；其他格式请用 --date-format）"),
        (R(@"(.+) is not a date-time in the form (\S+) \(the file's dates are ISO; another form: --date-format\)"), "$1 不是 $2 格式的日期时间（文件的日期为 ISO 格式；其他格式请用 --date-format）"),
        (R(@"(.+) is not a date in the form (\S+)(?: or (.+))?"), "$1 不是 $2 格式的日期（或 $3）"),
        (R(@"(.+) is not a date-time in the form (\S+)(?: or (.+))?"), "$1 不是 $2 格式的日期时间（或 $3）"),
        (R(@"no customer with customer_id (.+) in the file or in Guanxi\."), "文件和系统中都没有 customer_id 为 $1 的客户。"),
        (R(@"(.+) already belongs to another customer\."), "$1 已属于另一个客户。"),
        (R(@"no customer (.+) in Guanxi \(import customers first, or pass --create-customers\)"), "系统中没有客户 $1（请先导入客户，或使用 --create-customers）"),
        (R(@"no customer (.+) in Guanxi \(import customers first\)\."), "系统中没有客户 $1（请先导入客户）。"),
        (R(@"no stage (.+) in the pipeline (.+)\."), "销售流程“$2”中没有阶段 $1。"),
        (R(@"no user (.+) in Guanxi\."), "系统中没有用户 $1。"),
        (R(@"order (.+) is rejected with its line (\d+) \((.*)\)"), "订单 $1 因第 $2 行被拒绝（$3）"),
        (R(@"the lines of order (.+) name different customers \((.*)\)"), "订单 $1 的各行客户不同（$2）"),
        (R(@"the lines of order (.+) have different currencies \((.*)\)"), "订单 $1 的各行币种不同（$2）"),
        (R(@"the lines of order (.+) have different channels \((.*)\)"), "订单 $1 的各行渠道不同（$2）"),
        (R(@"the lines of order (.+) return different orders \((.*)\)"), "订单 $1 的各行退回不同的订单（$2）"),
        (R(@"order (.+) cannot return itself"), "订单 $1 不能退回自身"),
        (R(@"order (.+) is a return \((.+)\) but its lines total (.+); a return's quantities are negative"), "订单 $1 是退货（$2），但各行合计 $3；退货的数量应为负数"),
        (R(@"order (.+) totals (.+); only a return may be negative .*"), "订单 $1 合计 $2；只有退货可以为负（数量全为负、填写 returns_order_id 或映射文件的 cancellation_prefix）"),
        (R(@"broken quoting: (.*)"), "引号不成对：$1"),
        (R(@"the row has (\d+) fields instead of (\d+)"), "该行有 $1 个字段，应为 $2 个"),
        (R(@"invalid row"), "无效的行"),
    ];

    /// <summary>An import rejection reason as this language says it (English: as written, the CLI's and the API's words).</summary>
    public string ImportReason(string reason)
    {
        if (!ReferenceEquals(this, Zh)) return reason;
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && reason.AsSpan(0, colon).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz_") < 0)
        {
            return ImportColumn(reason[..colon]) + "：" + ImportReasonDetail(reason[(colon + 2)..]);
        }
        return ImportReasonDetail(reason);
    }

    private static string ImportReasonDetail(string detail)
    {
        foreach (var (pattern, chinese) in ChineseImportReasons)
        {
            if (pattern.IsMatch(detail)) return pattern.Replace(detail, chinese);
        }
        return detail;
    }
}
