using System.Globalization;
using Guanxi.Data.Security;

namespace Guanxi.Components;

/// <summary>Texts of the signed-in bar, users and teams, the audit trail and the privacy panel, once per language.</summary>
public sealed class AdminTexts
{
    public static AdminTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string SignOut { get; init; }
    public required string NoAccess { get; init; }
    public required string UsersAndTeams { get; init; }
    public required string Users { get; init; }
    public required string Teams { get; init; }
    public required string UserName { get; init; }
    public required string Role { get; init; }
    public required string Team { get; init; }
    public required string NoTeam { get; init; }
    public required string State { get; init; }
    public required string Locked { get; init; }
    public required string Active { get; init; }
    public required string TwoFactor { get; init; }
    public required string NewUser { get; init; }
    public required string InitialPassword { get; init; }
    public required string InitialPasswordHelp { get; init; }
    public required string Create { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string Edit { get; init; }
    public required string Lock { get; init; }
    public required string Unlock { get; init; }
    public required string UserCreated { get; init; }
    public required string Saved { get; init; }
    public required string NewTeam { get; init; }
    public required string TeamName { get; init; }
    public required string ParentTeam { get; init; }
    public required string TeamAdded { get; init; }
    public required string NoTeams { get; init; }
    public required string AuditTrail { get; init; }
    public required string When { get; init; }
    public required string Who { get; init; }
    public required string Address { get; init; }
    public required string Action { get; init; }
    public required string Entity { get; init; }
    public required string Change { get; init; }
    public required string AnyUser { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Filter { get; init; }
    public required string Clear { get; init; }
    public required string ExportCsv { get; init; }
    public required string More { get; init; }
    public required string NoEvents { get; init; }
    public required string Privacy { get; init; }
    public required string Consents { get; init; }
    public required string Channel { get; init; }
    public required string Purpose { get; init; }
    public required string Given { get; init; }
    public required string Withdrawn { get; init; }
    public required string How { get; init; }
    public required string HowHint { get; init; }
    public required string NoConsents { get; init; }
    public required string AddConsent { get; init; }
    public required string Withdraw { get; init; }
    public required string ExportPersonalData { get; init; }
    public required string EraseCustomer { get; init; }
    public required string EraseQuestion { get; init; }
    public required string Erase { get; init; }
    public required string NotAllowed { get; init; }
    public required string Reveal { get; init; }
    public required Func<string, int, int, int, string> Erased { get; init; }
    public required IReadOnlyDictionary<string, string> RoleNames { get; init; }
    public required IReadOnlyDictionary<string, string> ChannelNames { get; init; }

    public required string Yes { get; init; }
    public required string No { get; init; }
    public required Func<string, string> Record { get; init; }
    public required IReadOnlyDictionary<string, string> ActionNames { get; init; }
    public required IReadOnlyDictionary<string, string> EntityNames { get; init; }
    public required IReadOnlyDictionary<string, string> FieldNames { get; init; }

    /// <summary>An audit action in words ("update" → "修改"); an action without a name shows as recorded.</summary>
    public string AuditAction(string action) => ActionNames.TryGetValue(action, out var name) ? name : action;

    /// <summary>The kind of record an audit row is about ("Customer" → "客户").</summary>
    public string AuditEntity(string? entity) => entity is null ? "" : EntityNames.TryGetValue(entity, out var name) ? name : entity;

    public string AuditField(string field) => FieldNames.TryGetValue(field, out var name) ? name : field;

    public string RoleName(string? role) => role is not null && RoleNames.TryGetValue(role, out var name) ? name : role ?? "—";

    public required IReadOnlyDictionary<string, string> PurposeNames { get; init; }

    /// <summary>A consent purpose in words; a purpose someone typed in stays as typed.</summary>
    public string PurposeName(string purpose) => PurposeNames.TryGetValue(purpose, out var name) ? name : purpose;

    public string ChannelName(string channel) => ChannelNames.TryGetValue(channel, out var name) ? name : channel;

    public static readonly AdminTexts En = new()
    {
        SignOut = "Sign out",
        NoAccess = "This page is for administrators. Ask an admin if you need it.",
        UsersAndTeams = "Users and teams",
        Users = "Users",
        Teams = "Teams",
        UserName = "User name",
        Role = "Role",
        Team = "Team",
        NoTeam = "(no team)",
        State = "State",
        Locked = "Locked",
        Active = "Active",
        TwoFactor = "Two-factor",
        NewUser = "New user",
        InitialPassword = "Initial password",
        InitialPasswordHelp = "At least 8 characters; the user changes it after signing in.",
        Create = "Create",
        Save = "Save",
        Cancel = "Cancel",
        Edit = "Change role or team",
        Lock = "Lock",
        Unlock = "Unlock",
        UserCreated = "User created.",
        Saved = "Saved.",
        NewTeam = "New team",
        TeamName = "Team name",
        ParentTeam = "Parent team",
        TeamAdded = "Team added.",
        NoTeams = "No teams yet.",
        AuditTrail = "Audit trail",
        When = "When",
        Who = "Who",
        Address = "Address",
        Action = "Action",
        Entity = "Record",
        Change = "Before → after",
        AnyUser = "Any user",
        From = "From",
        To = "To (exclusive)",
        Filter = "Filter",
        Clear = "Clear",
        ExportCsv = "Export CSV",
        More = "More",
        NoEvents = "No events match.",
        Privacy = "Privacy",
        Consents = "Consents",
        Channel = "Channel",
        Purpose = "Purpose",
        Given = "Given",
        Withdrawn = "Withdrawn",
        How = "How",
        HowHint = "How (e.g. signed form, web form)",
        NoConsents = "No consent recorded.",
        AddConsent = "Record consent",
        Withdraw = "Withdraw",
        ExportPersonalData = "Export personal data (JSON)",
        EraseCustomer = "Erase customer",
        EraseQuestion = "Erase this customer's personal data? Name, contact details, contacts, notes and custom values are removed for good; orders stay for statistics. This cannot be undone.",
        Erase = "Erase",
        NotAllowed = "Your role may not do this.",
        Reveal = "Reveal",
        Erased = (code, contacts, fields, orders) => $"Customer {code} erased: {contacts} contacts and {fields} custom values removed, {orders} orders kept.",
        Yes = "yes",
        No = "no",
        Record = what => $"Record {what}",
        ActionNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["create"] = "Created", ["update"] = "Changed", ["delete"] = "Deleted", ["signin"] = "Signed in", ["signin-failed"] = "Sign-in failed",
            ["signout"] = "Signed out", ["role-change"] = "Role changed", ["user-lock"] = "User locked", ["user-unlock"] = "User unlocked",
            ["token-create"] = "Token created", ["token-revoke"] = "Token revoked", ["two-factor-enable"] = "Two-factor turned on",
            ["reveal"] = "Personal data revealed", ["export"] = "Exported", ["import"] = "Imported", ["merge"] = "Merged",
            ["personal-data-export"] = "Personal data exported", ["erase"] = "Personal data erased", ["search"] = "Searched",
            ["password-reset"] = "Password reset", ["password-change"] = "Password changed",
        },
        EntityNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Customer"] = "Customer", ["Customers"] = "Customers", ["Contact"] = "Contact", ["Order"] = "Order", ["Orders"] = "Orders",
            ["OrderLines"] = "Order lines", ["Interaction"] = "Contact log", ["Interactions"] = "Contact logs", ["ConsentRecord"] = "Consent",
            ["CustomerShare"] = "Customer share", ["Team"] = "Team", ["GuanxiUser"] = "User", ["CustomerMerge"] = "Customer merge",
            ["Setting"] = "Setting", ["CustomModelDefinition"] = "Custom model", ["CustomFieldDefinition"] = "Custom field",
            ["CustomerGroup"] = "Customer group", ["ModelRun"] = "Model run", ["CustomerTask"] = "Task", ["Playbook"] = "Playbook",
            ["WinBackCase"] = "Win-back case", ["ServiceRequest"] = "Service request", ["ServiceRequests"] = "Service requests",
            ["Opportunity"] = "Opportunity", ["Opportunities"] = "Opportunities", ["AuditEvent"] = "Audit trail", ["Campaign"] = "Campaign",
            ["MessageTemplate"] = "Message template", ["CareRule"] = "Care rule", ["SalesTarget"] = "Sales target",
        },
        FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Code"] = "Code", ["ExternalId"] = "External ID", ["Name"] = "Name", ["Kind"] = "Type", ["Relationship"] = "Relationship",
            ["Phone"] = "Phone", ["Email"] = "Email", ["WeChatId"] = "WeChat", ["Address"] = "Address", ["Province"] = "Province",
            ["City"] = "City", ["Industry"] = "Industry", ["CompanySize"] = "Company size", ["Source"] = "Source", ["OwnerId"] = "Owner",
            ["BirthDate"] = "Birth date", ["Notes"] = "Notes", ["ReferredById"] = "Referred by", ["Grade"] = "Lead grade",
            ["GradeReason"] = "Grade reason", ["CustomerId"] = "Customer", ["Role"] = "Role", ["IsPrimary"] = "Primary",
            ["file"] = "File", ["Imported"] = "Imported", ["Updated"] = "Updated", ["Unchanged"] = "Unchanged", ["Rejected"] = "Rejected",
            ["resumed"] = "Resumed", ["rows"] = "Rows", ["format"] = "Format", ["headers"] = "Headers", ["mergedCode"] = "Merged customer",
            ["orders"] = "Orders moved", ["interactions"] = "Contact logs moved", ["contacts"] = "Contacts moved", ["fields"] = "Fields taken",
            ["Subject"] = "Subject", ["Channel"] = "Channel", ["OccurredAt"] = "When", ["Status"] = "Status", ["Title"] = "Title", ["Amount"] = "Amount",
            ["UserName"] = "User name", ["DisplayName"] = "Display name", ["TeamId"] = "Team", ["LockoutEnabled"] = "Lockout on",
            ["TwoFactorEnabled"] = "Two-factor", ["Purpose"] = "Purpose", ["q"] = "Search", ["Q"] = "Search", ["Tag"] = "Tag",
        },
        RoleNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Roles.Admin] = "Admin", [Roles.SalesManager] = "Sales manager", [Roles.SalesRep] = "Sales rep",
            [Roles.ServiceAgent] = "Service agent", [Roles.Marketer] = "Marketer", [Roles.Analyst] = "Analyst",
        },
        ChannelNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sms"] = "SMS", ["email"] = "Email", ["phone"] = "Phone", ["wechat"] = "WeChat", ["mail"] = "Post",
        },
        PurposeNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["marketing"] = "Marketing", ["service"] = "Service", ["survey"] = "Surveys", ["care"] = "Care messages", ["analytics"] = "Analytics",
        },
    };

    public static readonly AdminTexts Zh = new()
    {
        SignOut = "退出登录",
        NoAccess = "此页面仅供管理员使用。如需访问，请联系管理员。",
        UsersAndTeams = "用户与团队",
        Users = "用户",
        Teams = "团队",
        UserName = "用户名",
        Role = "角色",
        Team = "团队",
        NoTeam = "（无团队）",
        State = "状态",
        Locked = "已锁定",
        Active = "正常",
        TwoFactor = "双重验证",
        NewUser = "新建用户",
        InitialPassword = "初始密码",
        InitialPasswordHelp = "至少 8 个字符；用户登录后自行修改。",
        Create = "创建",
        Save = "保存",
        Cancel = "取消",
        Edit = "更改角色或团队",
        Lock = "锁定",
        Unlock = "解锁",
        UserCreated = "用户已创建。",
        Saved = "已保存。",
        NewTeam = "新建团队",
        TeamName = "团队名称",
        ParentTeam = "上级团队",
        TeamAdded = "团队已添加。",
        NoTeams = "尚无团队。",
        AuditTrail = "审计日志",
        When = "时间",
        Who = "操作人",
        Address = "地址",
        Action = "操作",
        Entity = "记录",
        Change = "修改前 → 修改后",
        AnyUser = "所有用户",
        From = "开始日期",
        To = "结束日期（不含）",
        Filter = "筛选",
        Clear = "清除",
        ExportCsv = "导出 CSV",
        More = "更多",
        NoEvents = "没有符合条件的记录。",
        Privacy = "隐私",
        Consents = "授权同意",
        Channel = "渠道",
        Purpose = "用途",
        Given = "同意时间",
        Withdrawn = "撤回时间",
        How = "方式",
        HowHint = "方式（如纸质签字、网页表单）",
        NoConsents = "尚无授权记录。",
        AddConsent = "记录授权",
        Withdraw = "撤回",
        ExportPersonalData = "导出个人信息（JSON）",
        EraseCustomer = "删除客户个人信息",
        EraseQuestion = "确定删除该客户的个人信息？姓名、联系方式、联系人、备注和自定义字段将被永久删除；订单保留用于统计。此操作无法撤销。",
        Erase = "删除",
        NotAllowed = "您的角色无权执行此操作。",
        Reveal = "查看完整信息",
        Erased = (code, contacts, fields, orders) => $"客户 {code} 的个人信息已删除：移除 {contacts} 位联系人、{fields} 个自定义字段，保留 {orders} 笔订单。",
        Yes = "是",
        No = "否",
        Record = what => $"记录 {what}",
        ActionNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["create"] = "新建", ["update"] = "修改", ["delete"] = "删除", ["signin"] = "登录", ["signin-failed"] = "登录失败",
            ["signout"] = "退出登录", ["role-change"] = "角色变更", ["user-lock"] = "锁定用户", ["user-unlock"] = "解锁用户",
            ["token-create"] = "创建令牌", ["token-revoke"] = "吊销令牌", ["two-factor-enable"] = "开启两步验证",
            ["reveal"] = "查看完整个人信息", ["export"] = "导出", ["import"] = "导入", ["merge"] = "合并",
            ["personal-data-export"] = "导出个人信息", ["erase"] = "删除个人信息", ["search"] = "搜索",
            ["password-reset"] = "重置密码", ["password-change"] = "修改密码",
        },
        EntityNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Customer"] = "客户", ["Customers"] = "客户", ["Contact"] = "联系人", ["Order"] = "订单", ["Orders"] = "订单",
            ["OrderLines"] = "订单明细", ["Interaction"] = "联系记录", ["Interactions"] = "联系记录", ["ConsentRecord"] = "授权同意",
            ["CustomerShare"] = "客户共享", ["Team"] = "团队", ["GuanxiUser"] = "用户", ["CustomerMerge"] = "客户合并",
            ["Setting"] = "设置", ["CustomModelDefinition"] = "自定义模型", ["CustomFieldDefinition"] = "自定义字段",
            ["CustomerGroup"] = "客户分组", ["ModelRun"] = "模型运行", ["CustomerTask"] = "任务", ["Playbook"] = "行动方案",
            ["WinBackCase"] = "挽回案例", ["ServiceRequest"] = "服务工单", ["ServiceRequests"] = "服务工单",
            ["Opportunity"] = "商机", ["Opportunities"] = "商机", ["AuditEvent"] = "审计日志", ["Campaign"] = "营销活动",
            ["MessageTemplate"] = "消息模板", ["CareRule"] = "关怀规则", ["SalesTarget"] = "销售目标",
        },
        FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Code"] = "客户编码", ["ExternalId"] = "外部编号", ["Name"] = "名称", ["Kind"] = "类型", ["Relationship"] = "关系类型",
            ["Phone"] = "电话", ["Email"] = "邮箱", ["WeChatId"] = "微信", ["Address"] = "地址", ["Province"] = "省份",
            ["City"] = "城市", ["Industry"] = "行业", ["CompanySize"] = "公司规模", ["Source"] = "来源", ["OwnerId"] = "负责人",
            ["BirthDate"] = "生日", ["Notes"] = "备注", ["ReferredById"] = "推荐人", ["Grade"] = "线索等级",
            ["GradeReason"] = "等级原因", ["CustomerId"] = "客户", ["Role"] = "角色", ["IsPrimary"] = "主要联系人",
            ["file"] = "文件", ["Imported"] = "新增", ["Updated"] = "更新", ["Unchanged"] = "未变", ["Rejected"] = "拒绝",
            ["resumed"] = "续传", ["rows"] = "行数", ["format"] = "格式", ["headers"] = "表头", ["mergedCode"] = "被合并客户",
            ["orders"] = "转移订单", ["interactions"] = "转移联系记录", ["contacts"] = "转移联系人", ["fields"] = "采用的字段",
            ["Subject"] = "主题", ["Channel"] = "渠道", ["OccurredAt"] = "时间", ["Status"] = "状态", ["Title"] = "标题", ["Amount"] = "金额",
            ["UserName"] = "用户名", ["DisplayName"] = "显示名", ["TeamId"] = "团队", ["LockoutEnabled"] = "允许锁定",
            ["TwoFactorEnabled"] = "两步验证", ["Purpose"] = "用途", ["q"] = "搜索", ["Q"] = "搜索", ["Tag"] = "标签",
        },
        RoleNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Roles.Admin] = "管理员", [Roles.SalesManager] = "销售经理", [Roles.SalesRep] = "销售代表",
            [Roles.ServiceAgent] = "客服专员", [Roles.Marketer] = "市场专员", [Roles.Analyst] = "数据分析师",
        },
        ChannelNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sms"] = "短信", ["email"] = "电子邮件", ["phone"] = "电话", ["wechat"] = "微信", ["mail"] = "邮寄",
        },
        PurposeNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["marketing"] = "营销推广", ["service"] = "客户服务", ["survey"] = "满意度调查", ["care"] = "客户关怀", ["analytics"] = "数据分析",
        },
    };
}
