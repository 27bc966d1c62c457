using System.Globalization;
using Guanxi.Domain.Service;

namespace Guanxi.Components;

/// <summary>The service desk's texts, once per language (like <see cref="TaskTexts"/>).</summary>
public sealed class ServiceTexts
{
    public static ServiceTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    private bool Chinese => ReferenceEquals(this, Zh);

    public required string Service { get; init; }
    public required string Queue { get; init; }
    public required string NewRequest { get; init; }
    public required string Open { get; init; }
    public required string Mine { get; init; }
    public required string Unassigned { get; init; }
    public required string DueSoon { get; init; }
    public required string Breached { get; init; }
    public required string All { get; init; }
    public required string TimeLeft { get; init; }
    public required string Customer { get; init; }
    public required string Type { get; init; }
    public required string Channel { get; init; }
    public required string Priority { get; init; }
    public required string Subject { get; init; }
    public required string Description { get; init; }
    public required string Status { get; init; }
    public required string Assignee { get; init; }
    public required string Nobody { get; init; }
    public required string NoRequests { get; init; }
    public required string More { get; init; }
    public required string NoDeadline { get; init; }
    public required string FirstResponseDue { get; init; }
    public required string ResolutionDue { get; init; }
    public required string FirstResponse { get; init; }
    public required string Policy { get; init; }
    public required string NoPolicy { get; init; }
    public required string Move { get; init; }
    public required string Note { get; init; }
    public required string Notes { get; init; }
    public required string AddNote { get; init; }
    public required string ToCustomer { get; init; }
    public required string Internal { get; init; }
    public required string History { get; init; }
    public required string ComplaintSteps { get; init; }
    public required string Record { get; init; }
    public required string Verdict { get; init; }
    public required string FollowUpTask { get; init; }
    public required string SearchCustomer { get; init; }
    public required string Create { get; init; }
    public required string Saved { get; init; }
    public required string NotFound { get; init; }
    public required string SlaPolicies { get; init; }
    public required string Name { get; init; }
    public required string ModelClass { get; init; }
    public required string AnyCustomer { get; init; }
    public required string Model { get; init; }
    public required string Class { get; init; }
    public required string Types { get; init; }
    public required string Priorities { get; init; }
    public required string Any { get; init; }
    public required string ResponseMinutes { get; init; }
    public required string ResolutionMinutes { get; init; }
    public required string FollowUpDays { get; init; }
    public required string AddPolicy { get; init; }
    public required string Delete { get; init; }
    public required string BusinessCalendar { get; init; }
    public required string CalendarIntro { get; init; }
    public required string Day { get; init; }
    public required string Workday { get; init; }
    public required string Holiday { get; init; }
    public required string AddDay { get; init; }
    public required string Year { get; init; }
    public required string OpenRequests { get; init; }

    public string Left(TimeSpan left)
    {
        var overdue = left < TimeSpan.Zero;
        var span = overdue ? -left : left;
        var text = span.TotalHours >= 24 ? (Chinese ? $"{(int)span.TotalDays} 天 {span.Hours} 小时" : $"{(int)span.TotalDays} d {span.Hours} h")
            : span.TotalMinutes >= 60 ? (Chinese ? $"{(int)span.TotalHours} 小时 {span.Minutes} 分" : $"{(int)span.TotalHours} h {span.Minutes} min")
            : (Chinese ? $"{(int)span.TotalMinutes} 分钟" : $"{(int)span.TotalMinutes} min");
        return overdue ? (Chinese ? $"已超时 {text}" : $"{text} overdue") : text;
    }

    public string TypeName(ServiceRequestType type) => type switch
    {
        ServiceRequestType.Inquiry => Chinese ? "咨询" : "Inquiry",
        ServiceRequestType.Repair => Chinese ? "维修" : "Repair",
        ServiceRequestType.Complaint => Chinese ? "投诉" : "Complaint",
        ServiceRequestType.Suggestion => Chinese ? "建议" : "Suggestion",
        _ => Chinese ? "退换货" : "Return",
    };

    public string ChannelName(ServiceChannel channel) => channel switch
    {
        ServiceChannel.Phone => Chinese ? "电话" : "Phone",
        ServiceChannel.WeChat => Chinese ? "微信" : "WeChat",
        ServiceChannel.Email => Chinese ? "邮件" : "Email",
        ServiceChannel.WebForm => Chinese ? "网页表单" : "Web form",
        ServiceChannel.Store => Chinese ? "门店" : "Store",
        _ => Chinese ? "其他" : "Other",
    };

    public string PriorityName(ServicePriority priority) => priority switch
    {
        ServicePriority.Low => Chinese ? "低" : "Low",
        ServicePriority.High => Chinese ? "高" : "High",
        ServicePriority.Urgent => Chinese ? "紧急" : "Urgent",
        _ => Chinese ? "普通" : "Normal",
    };

    public string StatusName(string status) => ServiceTransitions.Parse(status) is { } s ? StatusName(s) : status;

    public string StatusName(ServiceStatus status) => status switch
    {
        ServiceStatus.New => Chinese ? "新建" : "New",
        ServiceStatus.Assigned => Chinese ? "已分配" : "Assigned",
        ServiceStatus.InProgress => Chinese ? "处理中" : "In progress",
        ServiceStatus.WaitingOnCustomer => Chinese ? "等待客户" : "Waiting on customer",
        ServiceStatus.Resolved => Chinese ? "已解决" : "Resolved",
        ServiceStatus.Closed => Chinese ? "已关闭" : "Closed",
        _ => Chinese ? "已重开" : "Reopened",
    };

    /// <summary>The button that moves a request to <paramref name="status"/>.</summary>
    public string MoveTo(ServiceStatus status) => status switch
    {
        ServiceStatus.Assigned => Chinese ? "分配" : "Assign",
        ServiceStatus.InProgress => Chinese ? "开始处理" : "Start work",
        ServiceStatus.WaitingOnCustomer => Chinese ? "等待客户" : "Wait on customer",
        ServiceStatus.Resolved => Chinese ? "解决" : "Resolve",
        ServiceStatus.Closed => Chinese ? "关闭" : "Close",
        ServiceStatus.Reopened => Chinese ? "重开" : "Reopen",
        _ => StatusName(status),
    };

    public string StepName(ComplaintStep step) => step switch
    {
        ComplaintStep.Acknowledged => Chinese ? "受理并致歉" : "Acknowledge and apologise",
        ComplaintStep.Remedy => Chinese ? "补救措施" : "Remedy",
        ComplaintStep.FollowUpVisit => Chinese ? "跟踪回访" : "Follow-up visit",
        _ => Chinese ? "结案（客户评价）" : "Closure (customer's verdict)",
    };

    public string VerdictName(ComplaintVerdict verdict) => verdict switch
    {
        ComplaintVerdict.Satisfied => Chinese ? "满意" : "Satisfied",
        ComplaintVerdict.Accepted => Chinese ? "基本接受" : "Accepted",
        _ => Chinese ? "不满意" : "Unsatisfied",
    };

    public string EventName(string kind) => kind switch
    {
        "created" => Chinese ? "创建" : "Created",
        "assigned" => Chinese ? "分配" : "Assigned",
        "status" => Chinese ? "状态变更" : "Status",
        "note" => Chinese ? "内部备注" : "Internal note",
        "reply" => Chinese ? "回复客户" : "Reply to customer",
        "follow-up" => Chinese ? "安排回访" : "Follow-up scheduled",
        "complaint-step" => Chinese ? "投诉处理" : "Complaint step",
        "escalated" => Chinese ? "超时升级" : "Escalated",
        "survey" => Chinese ? "发送满意度调查" : "Survey sent",
        "progress-link" => Chinese ? "生成进度链接" : "Progress link made",
        "attachment" => Chinese ? "上传附件" : "Attachment",
        _ => kind,
    };

    public static readonly ServiceTexts Zh = new()
    {
        Service = "客户服务",
        Queue = "服务队列",
        NewRequest = "新建服务请求",
        Open = "未结",
        Mine = "我的",
        Unassigned = "未分配",
        DueSoon = "即将到期",
        Breached = "已超时",
        All = "全部",
        TimeLeft = "剩余时间",
        Customer = "客户",
        Type = "类型",
        Channel = "渠道",
        Priority = "优先级",
        Subject = "主题",
        Description = "描述",
        Status = "状态",
        Assignee = "处理人",
        Nobody = "未分配",
        NoRequests = "没有服务请求。",
        More = "加载更多",
        NoDeadline = "无时限",
        FirstResponseDue = "首次响应时限",
        ResolutionDue = "解决时限",
        FirstResponse = "首次响应",
        Policy = "服务等级",
        NoPolicy = "没有匹配的服务等级",
        Move = "处理",
        Note = "说明",
        Notes = "备注",
        AddNote = "添加备注",
        ToCustomer = "回复客户",
        Internal = "内部",
        History = "处理记录",
        ComplaintSteps = "投诉处理",
        Record = "记录",
        Verdict = "客户评价",
        FollowUpTask = "回访任务",
        SearchCustomer = "搜索客户",
        Create = "创建",
        Saved = "已保存。",
        NotFound = "找不到这个服务请求。",
        SlaPolicies = "服务等级（SLA）",
        Name = "名称",
        ModelClass = "客户分层",
        AnyCustomer = "所有客户",
        Model = "模型",
        Class = "分类",
        Types = "请求类型",
        Priorities = "优先级",
        Any = "任意",
        ResponseMinutes = "首次响应（工作分钟）",
        ResolutionMinutes = "解决（工作分钟）",
        FollowUpDays = "回访（解决后天数）",
        AddPolicy = "添加服务等级",
        Delete = "删除",
        BusinessCalendar = "工作日历",
        CalendarIntro = "周一至周五为工作日，周六周日休息；这里列出例外：工作日放假（法定节假日）和周末调休上班。已内置国务院办公厅公布的 2025、2026 年安排，之后的年份请在通知发布后添加。",
        Day = "日期",
        Workday = "调休上班",
        Holiday = "放假",
        AddDay = "添加",
        Year = "年份",
        OpenRequests = "服务请求",
    };

    public static readonly ServiceTexts En = new()
    {
        Service = "Service",
        Queue = "Service queue",
        NewRequest = "New service request",
        Open = "Open",
        Mine = "Mine",
        Unassigned = "Unassigned",
        DueSoon = "Due soon",
        Breached = "Breached",
        All = "All",
        TimeLeft = "Time left",
        Customer = "Customer",
        Type = "Type",
        Channel = "Channel",
        Priority = "Priority",
        Subject = "Subject",
        Description = "Description",
        Status = "Status",
        Assignee = "Assignee",
        Nobody = "Unassigned",
        NoRequests = "No service requests.",
        More = "More",
        NoDeadline = "No deadline",
        FirstResponseDue = "First response due",
        ResolutionDue = "Resolution due",
        FirstResponse = "First response",
        Policy = "SLA policy",
        NoPolicy = "No matching SLA policy",
        Move = "Move",
        Note = "Note",
        Notes = "Notes",
        AddNote = "Add note",
        ToCustomer = "Reply to customer",
        Internal = "Internal",
        History = "History",
        ComplaintSteps = "Complaint handling",
        Record = "Record",
        Verdict = "Customer's verdict",
        FollowUpTask = "Follow-up task",
        SearchCustomer = "Search customer",
        Create = "Create",
        Saved = "Saved.",
        NotFound = "This service request was not found.",
        SlaPolicies = "SLA policies",
        Name = "Name",
        ModelClass = "Customer layer",
        AnyCustomer = "Any customer",
        Model = "Model",
        Class = "Class",
        Types = "Request types",
        Priorities = "Priorities",
        Any = "Any",
        ResponseMinutes = "First response (business minutes)",
        ResolutionMinutes = "Resolution (business minutes)",
        FollowUpDays = "Follow-up (days after resolution)",
        AddPolicy = "Add policy",
        Delete = "Delete",
        BusinessCalendar = "Business calendar",
        CalendarIntro = "Monday to Friday work and weekends rest; listed here are the exceptions: weekdays off (public holidays) and working weekend days (调休). Mainland China's 2025 and 2026 arrangements ship with Guanxi; add later years when the State Council's notice is out.",
        Day = "Day",
        Workday = "Working day",
        Holiday = "Day off",
        AddDay = "Add",
        Year = "Year",
        OpenRequests = "Service requests",
    };
}
