namespace Guanxi.Domain.Models;

/// <summary>One class (layer) of a model: a stable snake_case key stored in the database, and its display names.</summary>
public sealed record ModelClass(string Key, string NameEn, string NameZh);

/// <summary>A built-in model: its key (the export column name), names and ordered classes (best or most urgent first).</summary>
public sealed record ModelDefinition(string Key, string NameEn, string NameZh, IReadOnlyList<ModelClass> Classes)
{
    /// <summary>Index of the class with this key, or -1.</summary>
    public int IndexOf(string classKey)
    {
        for (int c = 0; c < Classes.Count; c++)
        {
            if (string.Equals(Classes[c].Key, classKey, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return -1;
    }
}

/// <summary>The keys of the built-in models, exactly the export column names.</summary>
/// <summary>The lost model's classes that other features act on (alerts, win-back cases, the action panel).</summary>
public static class LostClasses
{
    public const string HighValue = "lost_high_value";
    public const string ChurnWarning = "churn_warning";
    public const string Retained = "retained";
}

public static class ModelKeys
{
    public const string Value = "value";
    public const string Active = "active";
    public const string Undeveloped = "undeveloped";
    public const string Unsatisfied = "unsatisfied";
    public const string RepeatPurchase = "repeat_purchase";
    public const string FirstPurchase = "first_purchase";
    public const string Lost = "lost";
    public const string Potential = "potential";
    public const string Social = "social";
    public const string Comprehensive = "comprehensive";
    public const string RfmSegment = "rfm_segment";
    public const string Lifecycle = "lifecycle";
    public const string Category = "category";
    public const string CreditRating = "credit_rating";
    public const string MemberTier = "member_tier";
    public const string RelationshipRecommended = "relationship_recommended";
    public const string RelationshipPractised = "relationship_practised";
}

/// <summary>
/// Every built-in model with its classes. Class order is the order of the class indexes in
/// <see cref="ModelResults"/>; keys never change once released because the database stores them.
/// </summary>
public static class ModelCatalog
{
    private static ModelClass C(string key, string en, string zh) => new(key, en, zh);

    public static readonly ModelDefinition Value = new(ModelKeys.Value, "Value customers", "价值客户",
    [
        C("high_value", "High value", "高价值客户"),
        C("potential", "Potential", "潜在价值客户"),
        C("general", "General", "一般客户"),
        C("low_value", "Low value", "低价值客户"),
    ]);

    public static readonly ModelDefinition Active = new(ModelKeys.Active, "Active customers", "活跃客户",
    [
        C("highly_active", "Highly active", "高度活跃"),
        C("active", "Active", "活跃"),
        C("occasionally_active", "Occasionally active", "偶尔活跃"),
        C("inactive", "Inactive", "不活跃"),
    ]);

    public static readonly ModelDefinition Undeveloped = new(ModelKeys.Undeveloped, "Undeveloped customers", "未开发客户",
    [
        C("high_potential", "High development potential", "高开发潜力"),
        C("medium_potential", "Medium development potential", "中开发潜力"),
        C("low_potential", "Low development potential", "低开发潜力"),
    ]);

    public static readonly ModelDefinition Unsatisfied = new(ModelKeys.Unsatisfied, "Unsatisfied customers", "未满足客户",
    [
        C("severe", "Severely unsatisfied", "严重不满"),
        C("moderate", "Moderately unsatisfied", "中度不满"),
        C("mild", "Mildly unsatisfied", "轻度不满"),
        C("none", "No sign of dissatisfaction", "无不满迹象"),
    ]);

    public static readonly ModelDefinition RepeatPurchase = new(ModelKeys.RepeatPurchase, "Repeat-purchase customers", "重复购买客户",
    [
        C("frequent_regular", "Frequent and regular", "高频规律复购"),
        C("frequent_irregular", "Frequent, irregular", "高频不规律复购"),
        C("occasional_regular", "Occasional and regular", "低频规律复购"),
        C("occasional_irregular", "Occasional, irregular", "低频不规律复购"),
    ]);

    public static readonly ModelDefinition FirstPurchase = new(ModelKeys.FirstPurchase, "First-purchase customers", "首次购买客户",
    [
        C("promising", "Recent and large: likely to return", "近期大额首购"),
        C("recent", "Recent", "近期首购"),
        C("fading", "Fading", "首购渐远"),
        C("dormant", "Dormant", "首购沉睡"),
    ]);

    public static readonly ModelDefinition Lost = new(ModelKeys.Lost, "Lost customers", "流失客户",
    [
        C(LostClasses.HighValue, "Lost, high value: win back first", "高价值流失（优先挽回）"),
        C("lost_low_value", "Lost, low value", "低价值流失"),
        C(LostClasses.ChurnWarning, "Churn warning", "流失预警"),
        C(LostClasses.Retained, "Retained", "保持中"),
    ]);

    public static readonly ModelDefinition Potential = new(ModelKeys.Potential, "Potential customers", "潜在客户",
    [
        C("high_likelihood", "High likelihood", "高可能性"),
        C("medium_likelihood", "Medium likelihood", "中可能性"),
        C("low_likelihood", "Low likelihood", "低可能性"),
    ]);

    public static readonly ModelDefinition Social = new(ModelKeys.Social, "Social customers", "社交客户",
    [
        C("key_influencer", "Key influencer", "核心影响者"),
        C("influencer", "Influencer", "影响者"),
        C("referrer", "Referrer", "推荐者"),
    ]);

    public static readonly ModelDefinition Comprehensive = new(ModelKeys.Comprehensive, "Comprehensive customers", "综合客户",
    [
        C("key", "Key", "关键客户"),
        C("important", "Important", "重要客户"),
        C("ordinary", "Ordinary", "普通客户"),
        C("low", "Low", "低贡献客户"),
    ]);

    // Same order as RfmSegment, so the class index is the enum value.
    public static readonly ModelDefinition Rfm = new(ModelKeys.RfmSegment, "RFM segment", "RFM 分层",
    [
        C("champions", "Champions", "冠军客户"),
        C("loyal_customers", "Loyal Customers", "忠诚客户"),
        C("potential_loyalist", "Potential Loyalist", "潜在忠诚客户"),
        C("new_customers", "New Customers", "新客户"),
        C("promising", "Promising", "有潜力客户"),
        C("need_attention", "Need Attention", "需要关注"),
        C("about_to_sleep", "About to Sleep", "即将沉睡"),
        C("at_risk", "At Risk", "有风险客户"),
        C("cant_lose_them", "Can't Lose Them", "不能失去的客户"),
        C("hibernating", "Hibernating", "休眠客户"),
        C("lost", "Lost", "流失客户"),
    ]);

    public static readonly ModelDefinition Lifecycle = new(ModelKeys.Lifecycle, "Lifecycle stage", "生命周期",
    [
        C("prospect", "Prospect", "潜在期"),
        C("introduction", "Introduction", "引进期"),
        C("growth", "Growth", "成长期"),
        C("maturity", "Maturity", "成熟期"),
        C("decline", "Decline", "衰退期"),
        C("lost", "Lost", "流失期"),
    ]);

    public static readonly ModelDefinition Category = new(ModelKeys.Category, "Customer category", "客户类别",
    [
        C("potential", "Potential", "潜在客户"),
        C("new", "New", "新客户"),
        C("established", "Established", "老客户"),
        C("large", "Large", "大客户"),
        C("small", "Small", "小客户"),
    ]);

    public static readonly ModelDefinition CreditRating = new(ModelKeys.CreditRating, "Credit rating", "信用等级",
    [
        C("a", "A", "A 级"),
        C("b", "B", "B 级"),
        C("c", "C", "C 级"),
        C("d", "D", "D 级"),
        C("none", "No credit", "不授信"),
    ]);

    public static readonly ModelDefinition MemberTier = new(ModelKeys.MemberTier, "Member tier", "会员等级",
    [
        C("diamond", "Diamond", "钻石"),
        C("platinum", "Platinum", "白金"),
        C("gold", "Gold", "金卡"),
        C("mass", "Mass", "大众"),
    ]);

    // Kotler's five levels, lowest first, so "recommended minus practised" is a difference of indexes.
    private static IReadOnlyList<ModelClass> RelationshipLevels() =>
    [
        C("basic", "Basic", "基本型"),
        C("reactive", "Reactive", "被动型"),
        C("accountable", "Accountable", "负责型"),
        C("proactive", "Proactive", "能动型"),
        C("partnership", "Partnership", "伙伴型"),
    ];

    public static readonly ModelDefinition RelationshipRecommended = new(ModelKeys.RelationshipRecommended,
        "Recommended relationship level", "建议关系类型", RelationshipLevels());

    public static readonly ModelDefinition RelationshipPractised = new(ModelKeys.RelationshipPractised,
        "Practised relationship level", "实际关系类型", RelationshipLevels());

    /// <summary>Every built-in model, in export column order.</summary>
    public static readonly IReadOnlyList<ModelDefinition> All =
    [
        Value, Active, Undeveloped, Unsatisfied, RepeatPurchase, FirstPurchase, Lost, Potential, Social, Comprehensive,
        Rfm, Lifecycle, Category, CreditRating, MemberTier, RelationshipRecommended, RelationshipPractised,
    ];

    /// <summary>The model with this key, or null.</summary>
    public static ModelDefinition? Find(string key)
    {
        foreach (var model in All)
        {
            if (string.Equals(model.Key, key, StringComparison.Ordinal))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>The model with this key; throws for an unknown key (a programming error).</summary>
    public static ModelDefinition Get(string key) =>
        Find(key) ?? throw new ArgumentException($"Unknown model key '{key}'.", nameof(key));
}
