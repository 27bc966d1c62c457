namespace Guanxi.Domain.Models;

/// <summary>A figure custom rules can name: snake_case name, meaning, and how to read it (amounts in yuan).</summary>
public sealed record CustomMetric(string Name, string Description, Func<CustomerMetrics, ModelResults, int, double> Read);

/// <summary>
/// The metrics of the custom rule language. Figures that do not exist for a customer (recency of a
/// prospect, P(alive) without a fit) are NaN, and every comparison with NaN is false.
/// </summary>
public static class CustomMetricCatalog
{
    private static double Days(int day, int asOf) => day == CustomerMetrics.NoDay ? double.NaN : asOf - day;

    private static double Yuan(long cents) => cents / 100.0;

    public static readonly IReadOnlyList<CustomMetric> All =
    [
        new("recency_days", "days since the last order (NaN without orders)", (m, _, i) => Days(m.LastOrderDay[i], m.AsOfDay)),
        new("orders", "orders in all", (m, _, i) => m.OrderCount[i]),
        new("amount", "spend in all, yuan", (m, _, i) => Yuan(m.TotalCents[i])),
        new("orders_90d", "orders in the last 90 days", (m, _, i) => m.Orders90d[i]),
        new("amount_90d", "spend in the last 90 days, yuan", (m, _, i) => Yuan(m.Amount90dCents[i])),
        new("orders_365d", "orders in the last 365 days", (m, _, i) => m.Orders365d[i]),
        new("amount_365d", "spend in the last 365 days, yuan", (m, _, i) => Yuan(m.Amount365dCents[i])),
        new("orders_prev_365d", "orders in the 365 days before the last 365", (m, _, i) => m.OrdersPrevious365d[i]),
        new("amount_prev_365d", "spend in the 365 days before the last 365, yuan", (m, _, i) => Yuan(m.AmountPrevious365dCents[i])),
        new("avg_order_value", "average order value, yuan (NaN without orders)", (m, _, i) => m.OrderCount[i] > 0 ? Yuan(m.TotalCents[i]) / m.OrderCount[i] : double.NaN),
        new("tenure_days", "days since the customer was created", (m, _, i) => m.TenureDays(i)),
        new("first_order_days", "days since the first order (NaN without orders)", (m, _, i) => Days(m.FirstOrderDay[i], m.AsOfDay)),
        new("distinct_products", "distinct products bought", (m, _, i) => m.DistinctProducts[i]),
        new("distinct_channels", "distinct sales channels used", (m, _, i) => m.DistinctChannels[i]),
        new("interactions", "interactions in all", (m, _, i) => m.InteractionCount[i]),
        new("inbound_365d", "customer-initiated contacts in the last 365 days", (m, _, i) => m.Inbound365d[i]),
        new("outbound_365d", "company-initiated contacts in the last 365 days", (m, _, i) => m.Outbound365d[i]),
        new("meetings_365d", "meetings and visits in the last 365 days", (m, _, i) => m.Meetings365d[i]),
        new("last_contact_days", "days since the last contact (NaN if never)", (m, _, i) => Days(m.LastContactDay[i], m.AsOfDay)),
        new("satisfaction", "mean satisfaction 1–5 (NaN if never rated)", (m, _, i) => m.Satisfaction[i]),
        new("open_complaints", "open complaints", (m, _, i) => m.OpenComplaints[i]),
        new("complaints_365d", "complaints in the last 365 days", (m, _, i) => m.Complaints365d[i]),
        new("profile_completeness", "share of profile fields filled, 0–1", (m, _, i) => m.ProfileCompleteness[i]),
        new("collection_rate", "24-month collection rate 0–1 (NaN without invoices)", (m, _, i) => m.Invoiced24mCents[i] > 0 ? m.Collected24mCents[i] / (double)m.Invoiced24mCents[i] : double.NaN),
        new("longest_payment_term", "longest payment term in days (NaN without invoices)", (m, _, i) => m.LongestPaymentTermDays[i] == CustomerMetrics.NoDay ? double.NaN : m.LongestPaymentTermDays[i]),
        new("referrals", "customers referred directly", (_, r, i) => r.Referrals[i]),
        new("referral_tree_size", "customers in the referral tree below", (_, r, i) => r.ReferralTreeSize[i]),
        new("referral_revenue", "last-365-day spend of the referral tree, yuan", (_, r, i) => Yuan(r.ReferralTreeRevenueCents[i])),
        new("r", "RFM recency score 1–5 (0 without orders)", (_, r, i) => r.R[i]),
        new("f", "RFM frequency score 1–5 (0 without orders)", (_, r, i) => r.F[i]),
        new("m", "RFM monetary score 1–5 (0 without orders)", (_, r, i) => r.M[i]),
        new("p_alive", "BG/NBD probability of being alive (NaN without fit or orders)", (_, r, i) => r.PAlive[i]),
        new("expected_purchases_90d", "expected purchases in the next 90 days", (_, r, i) => r.ExpectedPurchases90d[i]),
        new("expected_purchases_365d", "expected purchases in the next 365 days", (_, r, i) => r.ExpectedPurchases365d[i]),
        new("clv", "discounted predicted value over the horizon, yuan", (_, r, i) => r.Clv[i]),
        new("comprehensive_score", "comprehensive model score 0–100", (_, r, i) => r.Scores(ModelKeys.Comprehensive)![i]),
    ];

    private static readonly Dictionary<string, CustomMetric> ByName = All.ToDictionary(x => x.Name, StringComparer.Ordinal);

    public static CustomMetric? Find(string name) => ByName.GetValueOrDefault(name);
}
