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

    // Care rules (/marketing/care).
    public string CareRules => Chinese ? "客户关怀" : "Care rules";
    public string NewCareRule => Chinese ? "新建关怀规则" : "New care rule";
    public string EditCareRule => Chinese ? "编辑关怀规则" : "Edit care rule";
    public string NoCareRules => Chinese ? "还没有关怀规则。" : "No care rules yet.";
    public string CareKind => Chinese ? "类型" : "Kind";
    public string CareDays => Chinese ? "天数" : "Days";
    public string CareDaysHint => Chinese ? "生日、节日：提前天数；欢迎：首次购买后天数（0–60）" : "Birthday, festival: days before; welcome: days after the first purchase (0–60)";
    public string CareFestival => Chinese ? "节日" : "Festival";
    public string CareTemplate => Chinese ? "消息模板" : "Template";
    public string CareNoTemplate => Chinese ? "（提醒负责人，不发消息）" : "(an alert to the owner, no message)";
    public string QuietFrom => Chinese ? "免打扰开始" : "Quiet hours from";
    public string QuietTo => Chinese ? "免打扰结束" : "Quiet hours to";
    public string QuietHours => Chinese ? "免打扰时段" : "Quiet hours";
    public string QuietHint => Chinese ? "HH:mm，业务时区；此时段内运行时该规则不排队任何消息" : "HH:mm in the business's time zone; a run inside them queues nothing for the rule";
    public string CareCap => Chinese ? "频次上限（天）" : "Frequency cap (days)";
    public string CareActive => Chinese ? "启用" : "Active";
    public string CareInactive => Chinese ? "停用" : "Inactive";
    public string CareRunHint => Chinese ? "规则每天由 guanxi care run 运行。" : "Rules run daily with guanxi care run.";
    public string Cancel => Chinese ? "取消" : "Cancel";

    // The outreach calendar (/marketing/calendar).
    public string Calendar => Chinese ? "营销日历" : "Outreach calendar";
    public string CalendarHint => Chinese
        ? "每天已发送的营销活动（发送人数）和生日、节日关怀规则将要问候的客户数（发送前还会检查同意、退订和频次上限）。首购欢迎、流失挽回和预警随购买和模型运行而定，无法提前排入日历。"
        : "Per day: the campaigns sent (customers sent to) and how many customers the birthday and festival care rules will greet (consent, unsubscribes and the frequency cap are checked when they are written). Welcome, win-back and churn-warning rules follow purchases and model runs and cannot be placed ahead.";
    public string PreviousMonth => Chinese ? "上个月" : "Previous month";
    public string NextMonth => Chinese ? "下个月" : "Next month";
    public string ThisMonth => Chinese ? "本月" : "This month";
    public string NothingThisMonth => Chinese ? "本月没有已发送的活动或到期的关怀问候。" : "No campaign sent and no care greeting due this month.";
    public string CampaignSent => Chinese ? "活动" : "Campaign";
    public string MonthTitle(DateOnly month) => Chinese
        ? month.ToString("yyyy年M月", System.Globalization.CultureInfo.InvariantCulture)
        : month.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"));
    public string[] WeekDays => Chinese ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    public string Customers(int n) => Chinese ? $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} 人" : $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} customers";

    public string CareKindName(string kind) => kind switch
    {
        "birthday" => Chinese ? "生日祝福" : "Birthday greeting",
        "festival" => Chinese ? "节日祝福" : "Festival greeting",
        "welcome" => Chinese ? "首购欢迎" : "Welcome after first purchase",
        "win_back" => Chinese ? "流失挽回" : "Win-back when lost",
        "churn_warning" => Chinese ? "流失预警（提醒负责人）" : "Churn warning (alert to the owner)",
        _ => kind,
    };

    public string FestivalName(string festival) => festival switch
    {
        "new_year" => Chinese ? "元旦" : "New Year",
        "spring_festival" => Chinese ? "春节" : "Spring Festival",
        "lantern" => Chinese ? "元宵节" : "Lantern Festival",
        "womens_day" => Chinese ? "妇女节" : "Women's Day",
        "qingming" => Chinese ? "清明节" : "Qingming",
        "dragon_boat" => Chinese ? "端午节" : "Dragon Boat Festival",
        "mid_autumn" => Chinese ? "中秋节" : "Mid-Autumn Festival",
        "national_day" => Chinese ? "国庆节" : "National Day",
        "double_ninth" => Chinese ? "重阳节" : "Double Ninth Festival",
        _ => festival,
    };

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
