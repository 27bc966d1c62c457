using System.Globalization;
using Guanxi.Customers;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;

namespace Guanxi.Components;

/// <summary>
/// Every text the UI shows, once per language. A typed class rather than .resx: a missing translation is a
/// compile error (every property is required), and a page reads <c>@T.Customers</c>.
/// </summary>
public sealed partial class Texts
{
    public static Texts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string Home { get; init; }
    public required string Customers { get; init; }
    public required string NewCustomer { get; init; }
    public required string Import { get; init; }
    public required string Settings { get; init; }
    public required string Menu { get; init; }
    public required string SwitchLanguage { get; init; }
    public required string ApiDocs { get; init; }
    public required string SomethingWentWrong { get; init; }
    public required string TryAgain { get; init; }
    public required string NotFound { get; init; }
    public required string ChangedMeanwhile { get; init; }
    public required string PageNotFound { get; init; }
    public required string NoAccessToCustomer { get; init; }
    public required string SignIn { get; init; }
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required string TotpCode { get; init; }
    public required string SignInFailed { get; init; }
    public required string SignInLocked { get; init; }
    public required string AddContact { get; init; }
    public required string AddTag { get; init; }
    public required string AddToGroup { get; init; }
    public required string Address { get; init; }
    public required string AverageSpend { get; init; }
    public required string BirthDate { get; init; }
    public required string Cancel { get; init; }
    public required string CheckColumns { get; init; }
    public required string Choices { get; init; }
    public required string ChoicesHelp { get; init; }
    public required string ChooseCsvOrXlsx { get; init; }
    public required string ChooseFile { get; init; }
    public required string City { get; init; }
    public required string ClearSelection { get; init; }
    public required string Code { get; init; }
    public required string CodePattern { get; init; }
    public required string CodePatternHelp { get; init; }
    public required string Columns { get; init; }
    public required string CompanySize { get; init; }
    public required string Contacts { get; init; }
    public required string Content { get; init; }
    public required string CreateAnyway { get; init; }
    public required string Created { get; init; }
    public required string CustomerCreated { get; init; }
    public required string CreatedFrom { get; init; }
    public required string CreatedTo { get; init; }
    public required string CustomFields { get; init; }
    public required string Customer { get; init; }
    public required string CustomerCode { get; init; }
    public required string CustomerCount { get; init; }
    public required string CustomersByOwner { get; init; }
    public required string CustomersByType { get; init; }
    public required string Delete { get; init; }
    public required string Description { get; init; }
    public required string Details { get; init; }
    public required string DetectEncoding { get; init; }
    public required string DetectedEncoding { get; init; }
    public required string Download { get; init; }
    public required string DownloadRejects { get; init; }
    public required string DuplicateHint { get; init; }
    public required string Edit { get; init; }
    public required string EditContact { get; init; }
    public required string EditCustomField { get; init; }
    public required string EditCustomer { get; init; }
    public required string EditGroup { get; init; }
    public required string Email { get; init; }
    public required string Encoding { get; init; }
    public required string ExportFiltered { get; init; }
    public required string ExportHeaders { get; init; }
    public required string ExportHeadersKeys { get; init; }
    public required string ExportSelected { get; init; }
    public required string FieldType { get; init; }
    public required string FileColumn { get; init; }
    public required string Filters { get; init; }
    public required string FirstPurchase { get; init; }
    public required string FirstRows { get; init; }
    public required string Group { get; init; }
    public required string Groups { get; init; }
    public required string HasOrders { get; init; }
    public required string ImportAnother { get; init; }
    public required string ImportEmpty { get; init; }
    public required string ImportFile { get; init; }
    public required string ImportKind { get; init; }
    public required string ImportsAs { get; init; }
    public required string InNoGroup { get; init; }
    public required string Industry { get; init; }
    public required string Interactions { get; init; }
    public required string Key { get; init; }
    public required string KeyHelp { get; init; }
    public required string Label { get; init; }
    public required string LastPurchase { get; init; }
    public required string Line { get; init; }
    public required string LoadMore { get; init; }
    public required string Loading { get; init; }
    public required string Log { get; init; }
    public required string LogInteraction { get; init; }
    public required string Logged { get; init; }
    public required string LooksLikeExisting { get; init; }
    public required string Members { get; init; }
    public required string MergeExplain { get; init; }
    public required string MergeInto { get; init; }
    public required string MergeNow { get; init; }
    public required string Models { get; init; }
    public required string Name { get; init; }
    public required string NewCustomField { get; init; }
    public required string NewGroup { get; init; }
    public required string NewName { get; init; }
    public required string Next { get; init; }
    public required string NextCodeExample { get; init; }
    public required string No { get; init; }
    public required string NoContactsYet { get; init; }
    public required string NoCustomFieldsYet { get; init; }
    public required string NoCustomersMatch { get; init; }
    public required string NoCustomersYet { get; init; }
    public required string NoCustomersAssigned { get; init; }
    public required string NoGroupsYet { get; init; }
    public required string NoHistoryYet { get; init; }
    public required string NoInteractionsYet { get; init; }
    public required string NoModelData { get; init; }
    public required string NextStep { get; init; }
    public required string NoOwner { get; init; }
    public required string NoTagsYet { get; init; }
    public required string NotADuplicate { get; init; }
    public required string NotImported { get; init; }
    public required string Notes { get; init; }
    public required string OrderCount { get; init; }
    public required string OrderLabel { get; init; }

    /// <summary>A return or cancellation in a customer's history (its amount is negative).</summary>
    public required string ReturnLabel { get; init; }

    /// <summary>"returns order X" after a return whose original is known.</summary>
    public required Func<string, string> ReturnsOrder { get; init; }
    public required string Orders { get; init; }
    public required string Owner { get; init; }
    public required string PossibleDuplicateOf { get; init; }
    public required string Previous { get; init; }
    public required string PrimaryContact { get; init; }
    public required string Profile { get; init; }
    public required string Progress { get; init; }
    public required string Province { get; init; }
    public required string ReassignOwner { get; init; }
    public required string RecentInteractions { get; init; }
    public required string Relationship { get; init; }
    public required string Rename { get; init; }
    public required string Required { get; init; }
    public required string Result { get; init; }
    public required string Revenue12Months { get; init; }
    public required string Role { get; init; }
    public required string RowOk { get; init; }
    public required string RowRejected { get; init; }
    public required string RunImport { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string SearchHint { get; init; }
    public required string Select { get; init; }
    public required string SelectAll { get; init; }
    public required string SortBy { get; init; }
    public required string Source { get; init; }
    public required string StartImport { get; init; }
    public required string Subject { get; init; }
    public required string Tag { get; init; }
    public required string Tags { get; init; }
    public required string TagsHelp { get; init; }
    public required string Timeline { get; init; }
    public required string TotalSpend { get; init; }
    public required string Type { get; init; }
    public required string WeChat { get; init; }
    public required string WrongFileType { get; init; }
    public required string Yes { get; init; }
    public required Func<int, string> AddedToGroup { get; init; }
    public required Func<int, string> TagAdded { get; init; }
    public required Func<int, string> OwnerReassigned { get; init; }
    public required Func<int, string> SelectedCount { get; init; }
    public required Func<long, string> ExportReady { get; init; }
    public required Func<int, string> PageNumber { get; init; }
    public required Func<long, string> RowsRead { get; init; }
    public required Func<int, string> UploadLimit { get; init; }
    public required Func<int, string> FileTooLarge { get; init; }
    public required Func<long, long, long, long, string> ImportSummary { get; init; }
    public required Func<string, string, string> MergeTitle { get; init; }
    public required string MergePickFields { get; init; }
    public required string MergeField { get; init; }
    public required Func<string, string> MergeFieldName { get; init; }
    public required string MergeHistory { get; init; }
    public required Func<string, string, string, string> MergedFrom { get; init; }
    public required Func<string, string> MergeFieldsTaken { get; init; }
    public required Func<string, string, string> Merged { get; init; }
    public required Func<CustomerKind, string> Kind { get; init; }
    public required Func<RelationshipType, string> RelationshipName { get; init; }
    public required Func<Guanxi.Domain.Customers.CompanySize, string> Size { get; init; }
    public required Func<InteractionChannel, string> Channel { get; init; }

    /// <summary>An order's channel: the known ones (<see cref="Domain.Orders.OrderChannels.Known"/>) in words, any other as stored.</summary>
    public required Func<string, string> OrderChannel { get; init; }
    public required Func<InteractionDirection, string> Direction { get; init; }
    public required Func<DuplicateReason, string> Reason { get; init; }
    public required Func<CustomerSort, string> Sort { get; init; }
    public required Func<CustomFieldType, string> FieldTypeName { get; init; }
    public required Func<Guanxi.Import.ImportKind, string> ImportKindName { get; init; }
    public required string Phone { get; init; }
    public required string Working { get; init; }
    public required string Reconnecting { get; init; }
    public required string ConnectionLost { get; init; }
    public required string Reload { get; init; }

    public IReadOnlyDictionary<string, string> Messages { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static readonly Texts En = new()
    {
        Home = "Home",
        Customers = "Customers",
        NewCustomer = "New customer",
        Import = "Import",
        Settings = "Settings",
        Menu = "Menu",
        SwitchLanguage = "Switch language",
        ApiDocs = "API reference",
        SomethingWentWrong = "Something went wrong. Your data is safe; please try again.",
        TryAgain = "Try again",
        NotFound = "This record no longer exists.",
        ChangedMeanwhile = "Someone else changed this record meanwhile. Reload and apply your change again.",
        PageNotFound = "This page does not exist.",
        NoAccessToCustomer = "You do not have access to this customer.",
        SignIn = "Sign in",
        UserName = "User name",
        Password = "Password",
        TotpCode = "Authenticator code (if enabled)",
        SignInFailed = "The user name or password is wrong.",
        SignInLocked = "This account is locked for a while after too many failed attempts.",
        AddContact = "Add contact",
        AddTag = "Add tag",
        AddToGroup = "Add to group",
        Address = "Address",
        AverageSpend = "Average spend",
        BirthDate = "Birth date",
        Cancel = "Cancel",
        CheckColumns = "Check columns and rows",
        Choices = "Choices",
        ChoicesHelp = "Separate with commas",
        ChooseCsvOrXlsx = "Choose CSV or XLSX file",
        ChooseFile = "Choose what to import",
        City = "City",
        ClearSelection = "Clear selection",
        Code = "Code",
        CodePattern = "Customer code pattern",
        CodePatternHelp = "New customers get their code from this pattern: {yyyy} year, {MM} month, {dd} day, {seq:6} a running number of 6 digits. Existing codes never change.",
        Columns = "Columns",
        CompanySize = "Company size",
        Contacts = "Contacts",
        Content = "Content",
        CreateAnyway = "Create anyway",
        Created = "Created",
        CustomerCreated = "Customer created.",
        CreatedFrom = "Created from",
        CreatedTo = "Created to",
        CustomFields = "Custom fields",
        Customer = "Customer",
        CustomerCode = "Customer code",
        CustomerCount = "Customers",
        CustomersByOwner = "Customers by owner",
        CustomersByType = "Customers by type",
        Delete = "Delete",
        Description = "Description",
        Details = "Details",
        DetectEncoding = "Detect automatically",
        DetectedEncoding = "Encoding:",
        Download = "Download",
        DownloadRejects = "Download the rejected rows (line number and reason)",
        DuplicateHint = "Open the existing customer, or press \"Create anyway\" if this is a different one; you can merge later on the customer's page.",
        Edit = "Edit",
        EditContact = "Edit contact",
        EditCustomField = "Edit custom field",
        EditCustomer = "Edit customer",
        EditGroup = "Edit group",
        Email = "Email",
        Encoding = "Encoding",
        ExportFiltered = "Export list",
        ExportHeaders = "Headers",
        ExportHeadersKeys = "Machine keys (for scripts)",
        ExportSelected = "Export selected",
        FieldType = "Type",
        FileColumn = "Column in the file",
        Filters = "Filters",
        FirstPurchase = "First purchase",
        FirstRows = "First rows as they would be imported",
        Group = "Group",
        Groups = "Groups",
        HasOrders = "Has orders",
        ImportAnother = "Import another file",
        ImportEmpty = "Choose a CSV or Excel (XLSX) file of customers, orders or interactions. Chinese column names such as 客户名称 and 手机号 are recognised.",
        ImportFile = "Import a file",
        ImportKind = "What the file holds",
        ImportsAs = "Imported as",
        InNoGroup = "In no group yet.",
        Industry = "Industry",
        Interactions = "Interactions",
        Key = "Key",
        KeyHelp = "Letters, digits and _; used by the API and imports",
        Label = "Label",
        LastPurchase = "Last purchase",
        Line = "Line",
        LoadMore = "Load more",
        Loading = "Loading",
        Log = "Log",
        LogInteraction = "Log a contact",
        Logged = "Logged.",
        LooksLikeExisting = "This looks like an existing customer:",
        Members = "Members",
        MergeExplain = "The other customer keeps its code. These move to it, then this customer is removed:",
        MergeInto = "Merge into",
        MergeNow = "Merge now",
        Models = "Models",
        Name = "Name",
        NewCustomField = "New custom field",
        NewGroup = "New group",
        NewName = "New name",
        Next = "Next",
        NextCodeExample = "The next code will look like",
        No = "No",
        NoContactsYet = "No contacts yet.",
        NoCustomFieldsYet = "No custom fields yet. Define one below.",
        NoCustomersMatch = "No customer matches the search and filters.",
        NoCustomersYet = "No customers yet. Create one or import a file.",
        NoCustomersAssigned = "No customers are assigned to you yet",
        NoGroupsYet = "No groups yet. Create one below.",
        NoHistoryYet = "No orders or interactions yet.",
        NoInteractionsYet = "No interactions yet.",
        NoModelData = "No model results for this customer yet.",
        NextStep = "Next step: ",
        NoOwner = "No owner",
        NoTagsYet = "No tags yet. Add tags on a customer's page or to selected customers in the list.",
        NotADuplicate = "Not a duplicate",
        NotImported = "(not imported)",
        Notes = "Notes",
        OrderCount = "Orders",
        OrderLabel = "Order",
        ReturnLabel = "Return",
        ReturnsOrder = n => $"returns order {n}",
        Orders = "Orders",
        Owner = "Owner",
        PossibleDuplicateOf = "Possible duplicate of",
        Previous = "Previous",
        PrimaryContact = "Primary contact",
        Profile = "Profile",
        Progress = "Progress",
        Province = "Province",
        ReassignOwner = "Reassign owner",
        RecentInteractions = "Recent interactions",
        Relationship = "Relationship",
        Rename = "Rename",
        Required = "Required",
        Result = "Result",
        Revenue12Months = "Revenue, last 12 months (this month included)",
        Role = "Role",
        RowOk = "OK",
        RowRejected = "Rejected",
        RunImport = "Import",
        Save = "Save",
        Saved = "Saved.",
        SearchHint = "Search name, code, phone (4+ digits) or email",
        Select = "Select",
        SelectAll = "Select all on this page",
        SortBy = "Sort by",
        Source = "Source",
        StartImport = "Start import",
        Subject = "Subject",
        Tag = "Tag",
        Tags = "Tags",
        TagsHelp = "Renaming a tag renames it on every customer; deleting removes it from every customer.",
        Timeline = "History",
        TotalSpend = "Total spend",
        Type = "Type",
        WeChat = "WeChat",
        WrongFileType = "Only .csv and .xlsx files can be imported.",
        Yes = "Yes",
        AddedToGroup = n => string.Create(CultureInfo.CurrentCulture, $"Added {n} customers to the group."),
        TagAdded = n => string.Create(CultureInfo.CurrentCulture, $"Tagged {n} customers."),
        OwnerReassigned = n => string.Create(CultureInfo.CurrentCulture, $"Reassigned {n} customers."),
        SelectedCount = n => string.Create(CultureInfo.CurrentCulture, $"{n} selected"),
        ExportReady = n => string.Create(CultureInfo.CurrentCulture, $"{n:N0} customers exported."),
        PageNumber = n => string.Create(CultureInfo.CurrentCulture, $"Page {n}"),
        RowsRead = n => string.Create(CultureInfo.CurrentCulture, $"{n:N0} rows read"),
        UploadLimit = mb => string.Create(CultureInfo.CurrentCulture, $"Up to {mb:N0} MB. UTF-8 or GB18030/GBK text is detected automatically."),
        FileTooLarge = mb => string.Create(CultureInfo.CurrentCulture, $"The file is larger than {mb:N0} MB."),
        ImportSummary = (i, u, s, r) => string.Create(CultureInfo.InvariantCulture, $"imported {i}, updated {u}, unchanged {s}, rejected {r}"),
        MergeTitle = (merged, survivor) => $"Merge {merged} into {survivor}",
        MergePickFields = "Choose per field which value survives; an empty field is filled from the other record, notes are joined.",
        MergeField = "Field",
        MergeFieldName = f => f switch
        {
            "name" => "Name", "phone" => "Phone", "email" => "Email", "wechat" => "WeChat", "address" => "Address", "province" => "Province",
            "city" => "City", "industry" => "Industry", "source" => "Source", "owner" => "Owner", "birthDate" => "Birth date", "notes" => "Notes", _ => f,
        },
        MergeHistory = "Merged into this customer",
        MergedFrom = (when, who, merged) => $"{when} · {who} merged {merged} into this customer",
        MergeFieldsTaken = fields => $"Taken from it: {fields}",
        Merged = (code, survivor) => $"{code} was merged into {survivor}.",
        Kind = k => CustomerWords.Kind(k, chinese: false),
        RelationshipName = r => CustomerWords.Relationship(r, chinese: false),
        Size = s => CustomerWords.Size(s, chinese: false),
        Channel = c => c switch { InteractionChannel.Call => "Call", InteractionChannel.Visit => "Visit", InteractionChannel.Email => "Email", InteractionChannel.Chat => "WeChat", InteractionChannel.Sms => "SMS", InteractionChannel.Letter => "Letter", InteractionChannel.Meeting => "Meeting", _ => "Note" },
        OrderChannel = c => c switch { "store" => "Store", "web" => "Web", "app" => "App", "phone" => "Phone", "other" => "Other", _ => c },
        Direction = d => d switch { InteractionDirection.Inbound => "Inbound", InteractionDirection.Outbound => "Outbound", _ => "Internal" },
        Reason = r => r switch { DuplicateReason.SamePhone => "same phone", DuplicateReason.SameEmail => "same email", _ => "same organisation name" },
        Sort = s => s switch { CustomerSort.Name => "Name", CustomerSort.Code => "Code", CustomerSort.City => "City", CustomerSort.Oldest => "Oldest first", CustomerSort.Spend => "Highest spend", CustomerSort.Orders => "Most orders", CustomerSort.LastPurchase => "Latest purchase", _ => "Newest first" },
        FieldTypeName = t => t switch { CustomFieldType.Number => "Number", CustomFieldType.Date => "Date", CustomFieldType.Choice => "Choice", _ => "Text" },
        ImportKindName = k => k switch { Guanxi.Import.ImportKind.Orders => "Orders", Guanxi.Import.ImportKind.OrderLines => "Order lines", Guanxi.Import.ImportKind.Interactions => "Interactions", Guanxi.Import.ImportKind.ServiceRequests => "Service requests", Guanxi.Import.ImportKind.Opportunities => "Opportunities", _ => "Customers" },
        Phone = "Phone",
        Working = "Working…",
        Reconnecting = "Connection to the server lost; reconnecting…",
        ConnectionLost = "The connection to the server was lost.",
        Reload = "Reload the page",
    };

    public static readonly Texts Zh = new()
    {
        Home = "首页",
        Customers = "客户",
        NewCustomer = "新建客户",
        Import = "导入",
        Settings = "设置",
        Menu = "菜单",
        SwitchLanguage = "切换语言",
        ApiDocs = "API 文档",
        SomethingWentWrong = "出了点问题。您的数据是安全的，请重试。",
        TryAgain = "重试",
        NotFound = "该记录已不存在。",
        ChangedMeanwhile = "其他人刚修改了此记录。请刷新后重新修改。",
        PageNotFound = "页面不存在。",
        NoAccessToCustomer = "无权查看此客户。",
        SignIn = "登录",
        UserName = "用户名",
        Password = "密码",
        TotpCode = "验证器代码（如已启用）",
        SignInFailed = "用户名或密码错误。",
        SignInLocked = "登录失败次数过多，账户已暂时锁定。",
        AddContact = "添加联系人",
        AddTag = "添加标签",
        AddToGroup = "加入分组",
        Address = "地址",
        AverageSpend = "平均消费",
        BirthDate = "出生日期",
        Cancel = "取消",
        CheckColumns = "检查列和数据行",
        Choices = "选项",
        ChoicesHelp = "用逗号分隔",
        ChooseCsvOrXlsx = "选择 CSV 或 XLSX 文件",
        ChooseFile = "选择导入内容",
        City = "城市",
        ClearSelection = "取消选择",
        Code = "编码",
        CodePattern = "客户编码规则",
        CodePatternHelp = "新客户按此规则生成编码：{yyyy} 年，{MM} 月，{dd} 日，{seq:6} 六位流水号。已有编码不会改变。",
        Columns = "列",
        CompanySize = "公司规模",
        Contacts = "联系人",
        Content = "内容",
        CreateAnyway = "仍然创建",
        Created = "创建日期",
        CustomerCreated = "客户已创建。",
        CreatedFrom = "创建日期起",
        CreatedTo = "创建日期止",
        CustomFields = "自定义字段",
        Customer = "客户",
        CustomerCode = "客户编码",
        CustomerCount = "客户数",
        CustomersByOwner = "按负责人统计客户",
        CustomersByType = "按类型统计客户",
        Delete = "删除",
        Description = "说明",
        Details = "详情",
        DetectEncoding = "自动识别",
        DetectedEncoding = "文件编码：",
        Download = "下载",
        DownloadRejects = "下载被拒绝的行（含行号和原因）",
        DuplicateHint = "请打开已有客户查看；如果确是另一个客户，请点击“仍然创建”，之后也可在客户页面合并。",
        Edit = "编辑",
        EditContact = "编辑联系人",
        EditCustomField = "编辑自定义字段",
        EditCustomer = "编辑客户",
        EditGroup = "编辑分组",
        Email = "邮箱",
        Encoding = "编码",
        ExportFiltered = "导出列表",
        ExportHeaders = "表头",
        ExportHeadersKeys = "机器键名（供脚本使用）",
        ExportSelected = "导出所选",
        FieldType = "类型",
        FileColumn = "文件中的列",
        Filters = "筛选",
        FirstPurchase = "首次购买",
        FirstRows = "前几行的导入预览",
        Group = "分组",
        Groups = "分组",
        HasOrders = "有订单",
        ImportAnother = "导入其他文件",
        ImportEmpty = "请选择客户、订单或互动记录的 CSV 或 Excel（XLSX）文件。可识别“客户名称”“手机号”等中文列名。",
        ImportFile = "导入文件",
        ImportKind = "文件内容",
        ImportsAs = "导入为",
        InNoGroup = "尚未加入任何分组。",
        Industry = "行业",
        Interactions = "互动",
        Key = "键",
        KeyHelp = "字母、数字和下划线；用于 API 和导入",
        Label = "显示名称",
        LastPurchase = "最近购买",
        Line = "行号",
        LoadMore = "加载更多",
        Loading = "加载中",
        Log = "记录",
        LogInteraction = "记录联系",
        Logged = "已记录。",
        LooksLikeExisting = "这可能是已有客户：",
        Members = "成员",
        MergeExplain = "另一个客户保留其编码。以下内容将转移给它，然后删除本客户：",
        MergeInto = "合并到",
        MergeNow = "立即合并",
        Models = "模型",
        Name = "名称",
        NewCustomField = "新建自定义字段",
        NewGroup = "新建分组",
        NewName = "新名称",
        Next = "下一页",
        NextCodeExample = "下一个编码示例：",
        No = "否",
        NoContactsYet = "暂无联系人。",
        NoCustomFieldsYet = "暂无自定义字段，请在下方定义。",
        NoCustomersMatch = "没有符合搜索和筛选条件的客户。",
        NoCustomersYet = "还没有客户。请新建或导入文件。",
        NoCustomersAssigned = "暂无分配给你的客户",
        NoGroupsYet = "暂无分组，请在下方新建。",
        NoHistoryYet = "暂无订单或互动记录。",
        NoInteractionsYet = "暂无互动记录。",
        NoModelData = "该客户暂无模型结果。",
        NextStep = "建议：",
        NoOwner = "无负责人",
        NoTagsYet = "暂无标签。可在客户页面或在列表中为所选客户添加标签。",
        NotADuplicate = "不是重复",
        NotImported = "（不导入）",
        Notes = "备注",
        OrderCount = "订单数",
        OrderLabel = "订单",
        ReturnLabel = "退货",
        ReturnsOrder = n => $"退回订单 {n}",
        Orders = "订单",
        Owner = "负责人",
        PossibleDuplicateOf = "可能与以下客户重复：",
        Previous = "上一页",
        PrimaryContact = "主要联系人",
        Profile = "资料",
        Progress = "进度",
        Province = "省份",
        ReassignOwner = "更换负责人",
        RecentInteractions = "最近互动",
        Relationship = "关系类型",
        Rename = "重命名",
        Required = "必填",
        Result = "结果",
        Revenue12Months = "近 12 个月收入（含本月）",
        Role = "职务",
        RowOk = "通过",
        RowRejected = "拒绝",
        RunImport = "导入",
        Save = "保存",
        Saved = "已保存。",
        SearchHint = "搜索名称、编码、电话（4 位以上数字）或邮箱",
        Select = "选择",
        SelectAll = "全选本页",
        SortBy = "排序",
        Source = "来源",
        StartImport = "开始导入",
        Subject = "主题",
        Tag = "标签",
        Tags = "标签",
        TagsHelp = "重命名标签会更改所有客户上的该标签；删除会从所有客户移除。",
        Timeline = "历史记录",
        TotalSpend = "累计消费",
        Type = "类型",
        WeChat = "微信",
        WrongFileType = "只能导入 .csv 和 .xlsx 文件。",
        Yes = "是",
        AddedToGroup = n => string.Create(CultureInfo.CurrentCulture, $"已将 {n} 个客户加入分组。"),
        TagAdded = n => string.Create(CultureInfo.CurrentCulture, $"已为 {n} 个客户添加标签。"),
        OwnerReassigned = n => string.Create(CultureInfo.CurrentCulture, $"已为 {n} 个客户更换负责人。"),
        SelectedCount = n => string.Create(CultureInfo.CurrentCulture, $"已选 {n} 个"),
        ExportReady = n => string.Create(CultureInfo.CurrentCulture, $"已导出 {n:N0} 个客户。"),
        PageNumber = n => string.Create(CultureInfo.CurrentCulture, $"第 {n} 页"),
        RowsRead = n => string.Create(CultureInfo.CurrentCulture, $"已读取 {n:N0} 行"),
        UploadLimit = mb => string.Create(CultureInfo.CurrentCulture, $"最大 {mb:N0} MB。自动识别 UTF-8 或 GB18030/GBK 编码。"),
        FileTooLarge = mb => string.Create(CultureInfo.CurrentCulture, $"文件超过 {mb:N0} MB。"),
        ImportSummary = (i, u, s, r) => string.Create(CultureInfo.InvariantCulture, $"已导入 {i}，已更新 {u}，未变 {s}，已拒绝 {r}"),
        MergeTitle = (merged, survivor) => $"将 {merged} 合并到 {survivor}",
        MergePickFields = "逐项选择保留哪一方的值；空白字段由另一方补全，备注合并保留。",
        MergeField = "字段",
        MergeFieldName = f => f switch
        {
            "name" => "名称", "phone" => "电话", "email" => "邮箱", "wechat" => "微信", "address" => "地址", "province" => "省份",
            "city" => "城市", "industry" => "行业", "source" => "来源", "owner" => "负责人", "birthDate" => "生日", "notes" => "备注", _ => f,
        },
        MergeHistory = "合并记录",
        MergedFrom = (when, who, merged) => $"{when} · {who} 将 {merged} 合并到本客户",
        MergeFieldsTaken = fields => $"采用其值：{fields}",
        Merged = (code, survivor) => $"{code} 已合并到 {survivor}。",
        Kind = k => CustomerWords.Kind(k, chinese: true),
        RelationshipName = r => CustomerWords.Relationship(r, chinese: true),
        Size = s => CustomerWords.Size(s, chinese: true),
        Channel = c => c switch { InteractionChannel.Call => "电话", InteractionChannel.Visit => "拜访", InteractionChannel.Email => "邮件", InteractionChannel.Chat => "微信", InteractionChannel.Sms => "短信", InteractionChannel.Letter => "信件", InteractionChannel.Meeting => "会议", _ => "备注" },
        OrderChannel = c => c switch { "store" => "门店", "web" => "网站", "app" => "App", "phone" => "电话", "other" => "其他", _ => c },
        Direction = d => d switch { InteractionDirection.Inbound => "客户来访/来电", InteractionDirection.Outbound => "主动联系", _ => "内部" },
        Reason = r => r switch { DuplicateReason.SamePhone => "电话相同", DuplicateReason.SameEmail => "邮箱相同", _ => "企业名称相同" },
        Sort = s => s switch { CustomerSort.Name => "名称", CustomerSort.Code => "编码", CustomerSort.City => "城市", CustomerSort.Oldest => "最早创建", CustomerSort.Spend => "消费最高", CustomerSort.Orders => "订单最多", CustomerSort.LastPurchase => "最近购买", _ => "最新创建" },
        FieldTypeName = t => t switch { CustomFieldType.Number => "数字", CustomFieldType.Date => "日期", CustomFieldType.Choice => "选项", _ => "文本" },
        ImportKindName = k => k switch { Guanxi.Import.ImportKind.Orders => "订单", Guanxi.Import.ImportKind.OrderLines => "订单明细", Guanxi.Import.ImportKind.Interactions => "互动记录", Guanxi.Import.ImportKind.ServiceRequests => "服务请求", Guanxi.Import.ImportKind.Opportunities => "销售机会", _ => "客户" },
        Phone = "电话",
        Working = "处理中…",
        Reconnecting = "与服务器的连接中断，正在重新连接…",
        ConnectionLost = "与服务器的连接已断开。",
        Reload = "重新加载页面",
        Messages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["A customer needs a name."] = "客户需要名称。",
            ["A phone number needs at least 5 digits."] = "电话号码至少需要 5 位数字。",
            ["Not a valid email address."] = "不是有效的电子邮箱地址。",
            ["The date is not plausible."] = "日期不合理。",
            ["No such customer."] = "没有这个客户。",
            ["No such user."] = "没有这个用户。",
            ["No such group."] = "没有这个分组。",
            ["A customer cannot refer itself."] = "客户不能推荐自己。",
            ["A contact needs a name."] = "联系人需要姓名。",
            ["A group needs a name."] = "分组需要名称。",
            ["A group with this name exists."] = "已有同名分组。",
            ["A field needs a label."] = "字段需要显示名称。",
            ["A field with this key exists."] = "已有同键字段。",
            ["A key is 1 to 64 letters, digits or underscores, starting with a letter."] = "键由 1 到 64 个字母、数字或下划线组成，以字母开头。",
            ["A choice field needs at least one choice."] = "选项字段至少需要一个选项。",
            ["The type of a field that has values cannot change."] = "已有值的字段不能更改类型。",
            ["A subject is required."] = "需要填写主题。",
            ["A contact cannot be logged in the future."] = "联系时间不能晚于现在。",
            ["Not a contact of this customer."] = "不是该客户的联系人。",
            ["Unknown outcome."] = "未知的结果。",
            ["Unknown kind."] = "未知的类型。",
            ["Not a plausible time."] = "时间不合理。",
            ["When should the reminder be due?"] = "请填写提醒时间。",
            ["A reminder is due today or later."] = "提醒时间应为今天或以后。",
            ["A follow-up is created with the contact; add a task instead."] = "跟进提醒只能在记录联系时创建；请另建任务。",
            ["A pattern is required, e.g. C-{yyyy}-{seq:6}."] = "需要编码规则，例如 C-{yyyy}-{seq:6}。",
            ["A customer cannot be merged into itself."] = "客户不能合并到自身。",
            ["A name is required."] = "需要填写名称。",
            ["A title is required."] = "需要填写标题。",
            ["A model is required."] = "需要选择模型。",
            ["A class is required."] = "需要选择类别。",
            ["Contact cadence must be 1 to 3650 days."] = "联系频率须为 1 到 3650 天。",
            ["Another playbook has this name."] = "已有同名策略。",
            ["Ends before it starts."] = "截止日期早于生效日期。",
            ["Say how the customer was apologised to (apology)."] = "请填写如何向客户道歉。",
            ["Say which remedy was offered (remedy)."] = "请填写提出的补救措施。",
            ["A customer is won back by a purchase within the window; there is none yet."] = "挽回期内客户再次购买才算挽回成功，目前还没有购买。",
            ["A case cannot be closed as lost before a remedy was offered."] = "提出补救措施之前不能确认流失。",
            ["Only an open case can be marked apologised."] = "只有待处理的案例可以标记为已道歉。",
            ["A remedy was already offered."] = "已经提出过补救措施。",
            ["You may assign tasks only to members of your team."] = "只能把任务分配给本团队成员。",
            ["This user cannot see the task's customer; share the customer with them or change its owner first."] = "该用户看不到此任务的客户；请先共享客户或更换负责人。",
        },
    };
}
