using System.Globalization;
using Guanxi.Domain.Marketing;

namespace Guanxi.Components;

/// <summary>The marketing pages' texts, once per language (like <see cref="SalesTexts"/>).</summary>
public sealed class MarketingTexts
{
    public static MarketingTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Templates { get; init; }
    public required string NewTemplate { get; init; }
    public required string EditTemplate { get; init; }
    public required string Name { get; init; }
    public required string Channel { get; init; }
    public required string AnyChannel { get; init; }
    public required string Language { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required string Updated { get; init; }
    public required string NoTemplates { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string Delete { get; init; }
    public required string Deleted { get; init; }
    public required string Back { get; init; }
    public required string Preview { get; init; }
    public required string PreviewCustomer { get; init; }
    public required string PreviewHint { get; init; }
    public required string Placeholders { get; init; }
    public required string PlaceholdersHint { get; init; }
    public required string NotFound { get; init; }
    public required string ReadOnly { get; init; }
    public required string Unsubscribe { get; init; }
    public required string UnsubscribeQuestion { get; init; }
    public required string UnsubscribeConfirm { get; init; }
    public required string UnsubscribeDone { get; init; }
    public required string UnsubscribeUnknown { get; init; }
    public required string UnsubscribeThrottled { get; init; }
    public required string Outbox { get; init; }
    public required string Status { get; init; }
    public required string AnyStatus { get; init; }
    public required string Customer { get; init; }
    public required string Address { get; init; }
    public required string Attempts { get; init; }
    public required string NextAttempt { get; init; }
    public required string LastError { get; init; }
    public required string SentAt { get; init; }
    public required string NoMessages { get; init; }
    public required string More { get; init; }

    public string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Queued => Chinese ? "排队中" : "Queued",
        OutboxStatus.Sending => Chinese ? "发送中" : "Sending",
        OutboxStatus.Sent => Chinese ? "已发送" : "Sent",
        OutboxStatus.Failed => Chinese ? "失败" : "Failed",
        _ => Chinese ? "已排除" : "Excluded",
    };

    public string ChannelName(MarketingChannel channel) => channel switch
    {
        MarketingChannel.Sms => Chinese ? "短信" : "SMS",
        MarketingChannel.WeChat => Chinese ? "微信" : "WeChat",
        _ => Chinese ? "电子邮件" : "E-mail",
    };

    public string ChannelName(string channel) => Marketing.TemplateService.ParseChannel(channel) is { } c ? ChannelName(c) : channel;

    public string LanguageName(string language) => language == "zh-CN" ? (Chinese ? "中文" : "Chinese") : (Chinese ? "英文" : "English");

    public static readonly MarketingTexts Zh = new()
    {
        Templates = "消息模板",
        NewTemplate = "新建模板",
        EditTemplate = "编辑模板",
        Name = "名称",
        Channel = "渠道",
        AnyChannel = "全部渠道",
        Language = "语言",
        Subject = "主题",
        Body = "正文",
        Updated = "更新时间",
        NoTemplates = "还没有消息模板。",
        Save = "保存",
        Saved = "已保存。",
        Delete = "删除",
        Deleted = "已删除。",
        Back = "返回模板列表",
        Preview = "预览",
        PreviewCustomer = "用哪位客户预览",
        PreviewHint = "选择一位客户，即可看到这位客户收到的内容。",
        Placeholders = "可用占位符",
        PlaceholdersHint = "写成 {{ name }}；只能使用下列占位符，其他名称或 include、for、assign 等标签在保存时会被拒绝。",
        NotFound = "找不到该模板。",
        ReadOnly = "您的角色只能查看模板。",
        Unsubscribe = "退订",
        UnsubscribeQuestion = "确定不再通过此渠道接收我们的营销消息吗？",
        UnsubscribeConfirm = "确认退订",
        UnsubscribeDone = "您已退订，我们不会再通过此渠道向您发送营销消息。",
        UnsubscribeUnknown = "找不到这个退订链接。",
        UnsubscribeThrottled = "尝试次数过多，请稍后再试。",
        Outbox = "发件箱",
        Status = "状态",
        AnyStatus = "全部状态",
        Customer = "客户",
        Address = "地址",
        Attempts = "尝试次数",
        NextAttempt = "下次尝试",
        LastError = "原因",
        SentAt = "发送时间",
        NoMessages = "没有消息。",
        More = "更多",
    };

    public static readonly MarketingTexts En = new()
    {
        Templates = "Message templates",
        NewTemplate = "New template",
        EditTemplate = "Edit template",
        Name = "Name",
        Channel = "Channel",
        AnyChannel = "All channels",
        Language = "Language",
        Subject = "Subject",
        Body = "Body",
        Updated = "Updated",
        NoTemplates = "No message templates yet.",
        Save = "Save",
        Saved = "Saved.",
        Delete = "Delete",
        Deleted = "Deleted.",
        Back = "Back to the templates",
        Preview = "Preview",
        PreviewCustomer = "Preview for customer",
        PreviewHint = "Choose a customer to see what they would receive.",
        Placeholders = "Placeholders",
        PlaceholdersHint = "Write {{ name }}; only these placeholders are allowed, and any other name or a tag such as include, for or assign is refused at save.",
        NotFound = "Template not found.",
        ReadOnly = "Your role may only read templates.",
        Unsubscribe = "Unsubscribe",
        UnsubscribeQuestion = "Stop receiving our marketing messages on this channel?",
        UnsubscribeConfirm = "Unsubscribe",
        UnsubscribeDone = "You are unsubscribed: we will send you no more marketing messages on this channel.",
        UnsubscribeUnknown = "This unsubscribe link was not found.",
        UnsubscribeThrottled = "Too many attempts; please try again later.",
        Outbox = "Outbox",
        Status = "Status",
        AnyStatus = "All statuses",
        Customer = "Customer",
        Address = "Address",
        Attempts = "Attempts",
        NextAttempt = "Next attempt",
        LastError = "Reason",
        SentAt = "Sent",
        NoMessages = "No messages.",
        More = "More",
    };
}
