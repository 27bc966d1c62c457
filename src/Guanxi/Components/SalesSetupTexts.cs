using System.Globalization;

namespace Guanxi.Components;

/// <summary>The sales set-up page's texts (pipelines, products, lead grades), once per language.</summary>
public sealed class SalesSetupTexts
{
    public static SalesSetupTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Pipelines { get; init; }
    public required string NewPipeline { get; init; }
    public required string Name { get; init; }
    public required string DefaultPipeline { get; init; }
    public required string Default { get; init; }
    public required string Stage { get; init; }
    public required string Probability { get; init; }
    public required string AddStage { get; init; }
    public required string MoveUp { get; init; }
    public required string MoveDown { get; init; }
    public required string Remove { get; init; }
    public required string StagesHelp { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string Cancel { get; init; }
    public required string Products { get; init; }
    public required string SearchProducts { get; init; }
    public required string Code { get; init; }
    public required string Price { get; init; }
    public required string Currency { get; init; }
    public required string Category { get; init; }
    public required string Active { get; init; }
    public required string Inactive { get; init; }
    public required string Edit { get; init; }
    public required string Delete { get; init; }
    public required string AddProduct { get; init; }
    public required string EditProduct { get; init; }
    public required string More { get; init; }
    public required string NoProducts { get; init; }
    public required string ProductsHelp { get; init; }
    public required string Grades { get; init; }
    public required string Grade { get; init; }
    public required string CadenceDays { get; init; }
    public required string UntilClosed { get; init; }
    public required string NextSteps { get; init; }
    public required string GradesHelp { get; init; }

    public static readonly SalesSetupTexts Zh = new()
    {
        Title = "销售设置",
        Intro = "全公司共用的销售流程及其阶段、产品目录和线索等级的跟进规则。",
        Pipelines = "销售流程",
        NewPipeline = "新建销售流程",
        Name = "名称",
        DefaultPipeline = "设为默认流程",
        Default = "默认",
        Stage = "阶段",
        Probability = "赢单概率 %",
        AddStage = "添加阶段",
        MoveUp = "上移",
        MoveDown = "下移",
        Remove = "移除",
        StagesHelp = "阶段按商机推进的顺序排列；进入某阶段的商机默认采用该阶段的概率。仍有商机或历史记录的阶段不能移除。",
        Save = "保存",
        Saved = "已保存。",
        Cancel = "取消",
        Products = "产品",
        SearchProducts = "搜索编码或名称",
        Code = "编码",
        Price = "价格",
        Currency = "币种",
        Category = "类别",
        Active = "在售",
        Inactive = "停售",
        Edit = "编辑",
        Delete = "删除",
        AddProduct = "添加产品",
        EditProduct = "编辑产品",
        More = "更多",
        NoProducts = "没有符合条件的产品。",
        ProductsHelp = "销售机会报价时选用这些产品；导入订单明细时遇到的新产品编码会自动加入。已用于销售机会的产品不能删除，请设为停售。",
        Grades = "线索等级",
        Grade = "等级",
        CadenceDays = "跟进间隔（天）",
        UntilClosed = "直到赢单或输单",
        NextSteps = "下一步（每行一条）",
        GradesHelp = "每个等级的跟进间隔决定已评级线索的跟进任务；逾期的跟进以红色显示。",
    };

    public static readonly SalesSetupTexts En = new()
    {
        Title = "Sales set-up",
        Intro = "The company's pipelines and their stages, the product catalogue and the lead grades' follow-up rules.",
        Pipelines = "Pipelines",
        NewPipeline = "New pipeline",
        Name = "Name",
        DefaultPipeline = "Default pipeline",
        Default = "default",
        Stage = "Stage",
        Probability = "Probability %",
        AddStage = "Add stage",
        MoveUp = "Move up",
        MoveDown = "Move down",
        Remove = "Remove",
        StagesHelp = "Stages in the order deals go through them; an opportunity entering a stage takes its probability. A stage that still has opportunities or history cannot be removed.",
        Save = "Save",
        Saved = "Saved.",
        Cancel = "Cancel",
        Products = "Products",
        SearchProducts = "Search code or name",
        Code = "Code",
        Price = "Price",
        Currency = "Currency",
        Category = "Category",
        Active = "Active",
        Inactive = "Inactive",
        Edit = "Edit",
        Delete = "Delete",
        AddProduct = "Add product",
        EditProduct = "Edit product",
        More = "More",
        NoProducts = "No products match.",
        ProductsHelp = "Opportunities quote these products; an order-line import adds the product codes it meets. A product on opportunities is not deleted: mark it inactive.",
        Grades = "Lead grades",
        Grade = "Grade",
        CadenceDays = "Follow up every (days)",
        UntilClosed = "Until won or lost",
        NextSteps = "Next steps (one a line)",
        GradesHelp = "A grade's cadence sets the follow-up task of each lead with that grade; an overdue follow-up shows in red.",
    };
}
