namespace Guanxi.Domain.Customers;

/// <summary>
/// A customer's coded fields in words, in both languages: the pages, the audit trail and the exports with localized
/// headers say them alike (the exports are a feature, which may not reach into the page components' texts).
/// </summary>
public static class CustomerWords
{
    public static string Kind(CustomerKind kind, bool chinese) => kind switch
    {
        CustomerKind.Organisation => chinese ? "企业" : "Organisation",
        _ => chinese ? "个人" : "Person",
    };

    public static string Relationship(RelationshipType relationship, bool chinese) => relationship switch
    {
        RelationshipType.Enterprise => chinese ? "企业客户" : "Enterprise",
        RelationshipType.Channel => chinese ? "渠道伙伴" : "Channel partner",
        RelationshipType.Internal => chinese ? "内部" : "Internal",
        _ => chinese ? "普通客户" : "Ordinary",
    };

    public static string Size(CompanySize size, bool chinese) => size switch
    {
        CompanySize.Micro => chinese ? "微型" : "Micro",
        CompanySize.Small => chinese ? "小型" : "Small",
        CompanySize.Medium => chinese ? "中型" : "Medium",
        CompanySize.Large => chinese ? "大型" : "Large",
        _ => chinese ? "未知" : "Unknown",
    };
}
