namespace Guanxi.Components;

public sealed partial class Texts
{
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
    };

    /// <summary>An import column as the reader knows it; the canonical name stays visible, as files and the CLI use it.</summary>
    public string ImportColumn(string column) =>
        ReferenceEquals(this, Zh) && ChineseColumns.TryGetValue(column, out var label) ? $"{label} ({column})" : column;
}
