using System.Globalization;
using Guanxi.Domain.Models;

namespace Guanxi.Components;

/// <summary>The models pages' texts, once per language (kept apart from <see cref="Texts"/> so each feature owns its words).</summary>
public sealed class ModelTexts
{
    public static ModelTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string NoRunYet { get; init; }
    public required string RunNow { get; init; }
    public required string AsOf { get; init; }
    public required string RunQueued { get; init; }
    public required string LatestRun { get; init; }
    public required string Runs { get; init; }
    public required string Status { get; init; }
    public required string RunRunning { get; init; }
    public required string RunSucceeded { get; init; }
    public required string RunFailed { get; init; }
    public required string Customers { get; init; }
    public required string Duration { get; init; }
    public required string NotApplicable { get; init; }
    public required string Class { get; init; }
    public required string Share { get; init; }
    public required string CustomersInClass { get; init; }
    public required string ChooseClass { get; init; }
    public required string Spend { get; init; }
    public required string Orders { get; init; }
    public required string Score { get; init; }
    public required string More { get; init; }
    public required string Migration { get; init; }
    public required string MigrationIntro { get; init; }
    public required string FromRun { get; init; }
    public required string ToRun { get; init; }
    public required string Model { get; init; }
    public required string Show { get; init; }
    public required string NeedTwoRuns { get; init; }
    public required string CustomModels { get; init; }
    public required string CustomModelsIntro { get; init; }
    public required string Name { get; init; }
    public required string Rules { get; init; }
    public required string Validate { get; init; }
    public required string Save { get; init; }
    public required string Delete { get; init; }
    public required string Valid { get; init; }
    public required string NewCustomModel { get; init; }
    public required string NoCustomModels { get; init; }
    public required string Saved { get; init; }
    public required string ExportCsv { get; init; }
    public required string Unknown { get; init; }
    public required string FitWarning { get; init; }
    public required string CurrencyWarning { get; init; }
    public required string Warning { get; init; }

    /// <summary>A run's status (<see cref="Guanxi.Models.ModelRunDto.Status"/>, the API's lower-case word) in the page's language.</summary>
    public string RunStatus(string status) => status switch
    {
        "running" => RunRunning,
        "succeeded" => RunSucceeded,
        "failed" => RunFailed,
        _ => status,
    };

    public string ModelName(ModelDefinition m) => ReferenceEquals(this, Zh) ? m.NameZh : m.NameEn;

    public string ClassName(ModelClass c) => ReferenceEquals(this, Zh) ? c.NameZh : c.NameEn;

    public static readonly ModelTexts En = new()
    {
        Title = "Customer models",
        Intro = "Every customer classified by every model, as of the latest run. Choose a model to see its classes and the customers in each.",
        NoRunYet = "No model run yet. Start one: it classifies every customer in the background.",
        RunNow = "Run all models now",
        AsOf = "As of (optional)",
        RunQueued = "Model run started; this page shows it when it has finished.",
        LatestRun = "Latest run",
        Runs = "Runs",
        Status = "Status",
        RunRunning = "running",
        RunSucceeded = "succeeded",
        RunFailed = "failed",
        Customers = "Customers",
        Duration = "Duration",
        NotApplicable = "Does not apply",
        Class = "Class",
        Share = "Share",
        CustomersInClass = "Customers in this class",
        ChooseClass = "Choose a class to list its customers.",
        Spend = "Spend",
        Orders = "Orders",
        Score = "Score",
        More = "More",
        Migration = "Migration between runs",
        MigrationIntro = "How many customers moved from each class in one run to each class in another: what the maintenance of each layer achieved.",
        FromRun = "From run",
        ToRun = "To run",
        Model = "Model",
        Show = "Show",
        NeedTwoRuns = "Two finished runs are needed to compare.",
        CustomModels = "Custom models",
        CustomModelsIntro = "Your own classifications: one rule per line, first match wins, e.g. amount_365d >= 50000 and orders_365d >= 6 -> \"VIP\". Amounts in yuan.",
        Name = "Name",
        Rules = "Rules",
        Validate = "Check",
        Save = "Save",
        Delete = "Delete",
        Valid = "The rules are valid.",
        NewCustomModel = "New custom model",
        NoCustomModels = "No custom models yet.",
        Saved = "Saved. The next run classifies customers with it.",
        ExportCsv = "Export CSV",
        Unknown = "Unknown model.",
        FitWarning = "The lifetime-value fit of this run needs attention (P(alive), expected purchases and CLV):",
        CurrencyWarning = "Orders without a rate for their month are counted but left out of this run's money figures:",
        Warning = "Warning",
    };

    public static readonly ModelTexts Zh = new()
    {
        Title = "客户模型",
        Intro = "按最近一次运行，每位客户在每个模型中的分类。选择一个模型，查看各类别及其客户。",
        NoRunYet = "尚未运行模型。开始运行后，系统将在后台为每位客户分类。",
        RunNow = "立即运行全部模型",
        AsOf = "截至日期（可选）",
        RunQueued = "模型运行已开始，完成后将在此页显示。",
        LatestRun = "最近一次运行",
        Runs = "运行记录",
        Status = "状态",
        RunRunning = "运行中",
        RunSucceeded = "已完成",
        RunFailed = "失败",
        Customers = "客户数",
        Duration = "用时",
        NotApplicable = "不适用",
        Class = "类别",
        Share = "占比",
        CustomersInClass = "该类别的客户",
        ChooseClass = "选择一个类别以列出其客户。",
        Spend = "消费额",
        Orders = "订单数",
        Score = "得分",
        More = "更多",
        Migration = "运行之间的迁移",
        MigrationIntro = "两次运行之间，各类别客户流向其他类别的人数：用来评估每一层维护策略的效果。",
        FromRun = "起始运行",
        ToRun = "对比运行",
        Model = "模型",
        Show = "显示",
        NeedTwoRuns = "需要至少两次已完成的运行才能对比。",
        CustomModels = "自定义模型",
        CustomModelsIntro = "自定义分类：每行一条规则，按顺序匹配第一条，例如 amount_365d >= 50000 and orders_365d >= 6 -> \"VIP\"。金额单位为元。",
        Name = "名称",
        Rules = "规则",
        Validate = "检查",
        Save = "保存",
        Delete = "删除",
        Valid = "规则有效。",
        NewCustomModel = "新建自定义模型",
        NoCustomModels = "暂无自定义模型。",
        Saved = "已保存。下一次运行将按此模型分类。",
        ExportCsv = "导出 CSV",
        Unknown = "未知模型。",
        FitWarning = "本次运行的客户终身价值拟合需要注意（存活概率、预期购买次数与 CLV）：",
        CurrencyWarning = "缺少当月汇率的订单计入笔数，但未计入本次运行的金额：",
        Warning = "警告",
    };
}
