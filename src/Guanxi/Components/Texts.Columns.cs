using System.Text.RegularExpressions;

namespace Guanxi.Components;

public sealed partial class Texts
{
    /// <summary>Service messages with a variable part (a field's label, a limit), as Chinese says them.</summary>
    private static readonly (Regex Pattern, string Chinese)[] ChinesePatterns =
    [
        (new Regex(@"^Must be at most (\d+) characters\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "最多 $1 个字符。"),
        (new Regex(@"^A tag is 1 to (\d+) characters\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "标签为 1 到 $1 个字符。"),
        (new Regex(@"^A tag is at most (\d+) characters\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "标签最多 $1 个字符。"),
        (new Regex(@"^(.+) is required\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "“$1”为必填项。"),
        (new Regex(@"^(.+) must be a number\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "“$1”必须是数字。"),
        (new Regex(@"^(.+) must be a date YYYY-MM-DD\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "“$1”必须是日期（YYYY-MM-DD）。"),
        (new Regex(@"^(.+) must be one of: (.+)\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "“$1”必须是以下之一：$2。"),
        (new Regex(@"^(.+) is longer than (\d+) characters\.$", RegexOptions.None, TimeSpan.FromSeconds(1)), "“$1”超过 $2 个字符。"),
    ];

    /// <summary>Service messages (written in English, once, for API and CLI) as this language says them; unknown ones pass through.</summary>
    public string Translate(string message)
    {
        if (Messages.TryGetValue(message, out var text)) return text;
        if (!ReferenceEquals(this, Zh)) return message;
        if (ChineseRuleErrors.TryGetValue(message, out var rule)) return rule;
        foreach (var (pattern, chinese) in ChinesePatterns.Concat(ChineseRuleErrorPatterns))
        {
            if (pattern.IsMatch(message)) return pattern.Replace(message, chinese);
        }
        return message;
    }

    private static readonly Dictionary<string, string> ChineseColumns = new(StringComparer.Ordinal)
    {
        ["customer_id"] = "客户编号",
        ["code"] = "客户编码",
        ["name"] = "名称",
        ["phone"] = "电话",
        ["email"] = "邮箱",
        ["city"] = "城市",
        ["created_at"] = "创建日期",
        ["referred_by"] = "推荐人",
        ["province"] = "省份",
        ["kind"] = "类型",
        ["wechat"] = "微信",
        ["address"] = "地址",
        ["industry"] = "行业",
        ["source"] = "来源",
        ["notes"] = "备注",
        ["tags"] = "标签",
        ["order_id"] = "订单号",
        ["ordered_at"] = "下单时间",
        ["amount"] = "金额",
        ["channel"] = "渠道",
        ["currency"] = "币种",
        ["invoice_due_date"] = "开票到期日",
        ["paid_date"] = "付款日期",
        ["customer_code"] = "客户编码",
        ["interaction_id"] = "记录编号",
        ["occurred_at"] = "时间",
        ["direction"] = "方向",
        ["subject"] = "主题",
        ["body"] = "内容",
        ["quantity"] = "数量",
        ["unit_price"] = "单价",
        ["returns_order_id"] = "退回的订单号",
        ["type"] = "类型",
        ["priority"] = "优先级",
        ["status"] = "状态",
        ["resolved_at"] = "解决时间",
        ["assignee"] = "处理人",
        ["request_id"] = "请求编号",
        ["description"] = "描述",
        ["opportunity_id"] = "机会编号",
        ["title"] = "标题",
        ["stage"] = "阶段",
        ["heat"] = "热度",
        ["probability"] = "赢单概率",
        ["expected_close_date"] = "预计成交日期",
        ["closed_at"] = "关闭日期",
        ["close_reason"] = "输赢原因",
        ["owner"] = "负责人",
    };

    /// <summary>An import column as the reader knows it; the canonical name stays visible, as files and the CLI use it.</summary>
    public string ImportColumn(string column) =>
        ReferenceEquals(this, Zh) && ChineseColumns.TryGetValue(column, out var label) ? $"{label} ({column})" : column;
}
