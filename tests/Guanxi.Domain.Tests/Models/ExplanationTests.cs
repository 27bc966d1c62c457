using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

public class ExplanationTests
{
    // Ten buyers; the last spent ¥12,300 over 7 orders in the trailing year and is high value.
    private static readonly Cust[] Customers =
    [
        .. Enumerable.Range(1, 9).Select(k => new Cust
        {
            Orders = 2, Total = k * 500, FirstAgo = 300, LastAgo = 20, O365 = 2, A365 = k * 500, CreatedAgo = 400,
        }),
        new Cust
        {
            Orders = 7, Total = 12_300, FirstAgo = 360, LastAgo = 3, O365 = 7, A365 = 12_300, O90 = 2, A90 = 3_000,
            Invoiced = 10_000, Collected = 9_000, Term = 45, Meetings = 2, Satisfaction = 2f, OpenComplaints = 1,
        },
        new Cust { Completeness = 0.5f, Source = "展会", Interactions = 3, Referrer = 9 },
        new Cust { Referrer = 9 },
        new Cust { Referrer = 9 },
    ];

    private static (CustomerMetrics Metrics, ModelResults Results) Run()
    {
        var metrics = TestBase.Build(Customers);
        return (metrics, TestBase.Run(metrics));
    }

    private static string Explain(string model, int i, string culture)
    {
        var (metrics, results) = Run();
        return ModelExplanations.Explain(model, metrics, i, results.Row(i), results.Parameters, ModelSettings.Default, culture);
    }

    [Fact]
    public void Value_explanation_names_spend_orders_and_the_line_in_both_languages()
    {
        string en = Explain(ModelKeys.Value, 9, "en");
        string zh = Explain(ModelKeys.Value, 9, "zh-CN");
        Assert.StartsWith("Spent ¥12,300 over 7 orders in the last 365 days", en, StringComparison.Ordinal);
        Assert.Contains("top 20% contribution (line ¥4,500): high value", en, StringComparison.Ordinal);
        Assert.Contains("近365天消费¥12,300", zh, StringComparison.Ordinal);
        Assert.Contains("7笔订单", zh, StringComparison.Ordinal);
        Assert.Contains("高价值客户", zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModelKeys.CreditRating, 9, "90.0%", "longest payment term 45 days", "回款率90.0%")]
    [InlineData(ModelKeys.Social, 9, "Referred 3 customers directly", "referral tree of 3", "直接推荐3位客户")]
    [InlineData(ModelKeys.Unsatisfied, 9, "Mean satisfaction 2.0/5", "1 open complaint(s)", "1项投诉未结")]
    [InlineData(ModelKeys.MemberTier, 9, "¥12,300", "platinum ≥ ¥10,000", "白金 ≥¥10,000")]
    [InlineData(ModelKeys.RelationshipPractised, 9, "2 meetings", "Partnership", "会面2次")]
    [InlineData(ModelKeys.RfmSegment, 9, "Last order 3 days ago (R=", "7 orders (F=5)", "共7笔订单（F=5）")]
    [InlineData(ModelKeys.Active, 9, "2 orders for ¥3,000 in the last 90 days", "7 orders for ¥12,300", "近90天2笔订单、消费¥3,000")]
    [InlineData(ModelKeys.Undeveloped, 10, "profile 50% complete", "source \"展会\" (+15)", "资料完整度50%")]
    [InlineData(ModelKeys.Lost, 0, "Last order 20 days ago", "retained", "最近一次购买在20天前")]
    [InlineData(ModelKeys.Lost, 9, "Last order 3 days ago, 0.1× the rhythm (own mean gap 60 days)", "retained", "为购买节奏的0.1倍")]
    public void Explanations_name_the_figures(string model, int customer, string en1, string en2, string zh1)
    {
        string en = Explain(model, customer, "en");
        string zh = Explain(model, customer, "zh-CN");
        Assert.Contains(en1, en, StringComparison.Ordinal);
        Assert.Contains(en2, en, StringComparison.Ordinal);
        Assert.Contains(zh1, zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_ago_reads_today_and_yesterday()
    {
        var metrics = TestBase.Build(
        [
            .. Enumerable.Range(1, 8).Select(k => new Cust { Orders = 2, Total = k * 500, FirstAgo = 300, LastAgo = 20, O365 = 2, A365 = k * 500, CreatedAgo = 400 }),
            new Cust { Orders = 2, Total = 900, FirstAgo = 200, LastAgo = 0, O365 = 2, A365 = 900, CreatedAgo = 400 },
            new Cust { Orders = 2, Total = 900, FirstAgo = 200, LastAgo = 1, O365 = 2, A365 = 900, CreatedAgo = 400 },
        ]);
        var results = TestBase.Run(metrics);
        string Say(string model, int i, string culture) =>
            ModelExplanations.Explain(model, metrics, i, results.Row(i), results.Parameters, ModelSettings.Default, culture);
        Assert.Contains("Last order today,", Say(ModelKeys.Lost, 8, "en"), StringComparison.Ordinal);
        Assert.Contains("最近一次购买在今天，", Say(ModelKeys.Lost, 8, "zh-CN"), StringComparison.Ordinal);
        Assert.Contains("Last order yesterday (R=", Say(ModelKeys.RfmSegment, 9, "en"), StringComparison.Ordinal);
        Assert.Contains("最近一次购买在昨天（", Say(ModelKeys.RfmSegment, 9, "zh-CN"), StringComparison.Ordinal);
        Assert.Contains("Last order 20 days ago", Say(ModelKeys.Lost, 0, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_model_explains_every_customer_in_both_languages()
    {
        var metrics = TestBase.Synthetic(400, seed: 9);
        var results = TestBase.Run(metrics);
        Assert.True(results.Parameters.Lifetime.TransactionsAvailable);
        foreach (var model in ModelCatalog.All)
        {
            for (int i = 0; i < metrics.Count; i++)
            {
                var row = results.Row(i);
                string en = ModelExplanations.Explain(model.Key, metrics, i, row, results.Parameters, ModelSettings.Default, "en");
                string zh = ModelExplanations.Explain(model.Key, metrics, i, row, results.Parameters, ModelSettings.Default, "zh-CN");
                Assert.False(string.IsNullOrWhiteSpace(en));
                Assert.NotEqual(en, zh);
                Assert.Contains(zh, c => c >= '\u4e00' && c <= '\u9fff');
                Assert.DoesNotContain("NaN", en, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Explanation_works_from_one_recomputed_customer_and_the_stored_row()
    {
        // The 360 page: metrics of this customer alone (index 0) plus the row and parameters stored by the run.
        var (_, results) = Run();
        var one = TestBase.Build(Customers[9]);
        string en = ModelExplanations.Explain(ModelKeys.Value, one, 0, results.Row(9), results.Parameters, ModelSettings.Default, "en");
        Assert.Contains("¥12,300 over 7 orders", en, StringComparison.Ordinal);

        // Customer 10 was referred by customer 9, a good customer; alone, the referrer's figures are missing,
        // yet the explanation still credits the referral from the stored score.
        var prospect = TestBase.Build(Customers[10] with { Referrer = -1 });
        string zh = ModelExplanations.Explain(ModelKeys.Undeveloped, prospect, 0, results.Row(10), results.Parameters, ModelSettings.Default, "zh-CN");
        Assert.Contains("来源“展会”", zh, StringComparison.Ordinal);
        Assert.Contains("由优质客户推荐（+30）", zh, StringComparison.Ordinal);
        Assert.Contains("开发潜力 70/100", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Yuan_is_formatted_with_thousands_separators()
    {
        Assert.Equal("¥12,300", Explanation.Yuan(12_300_00L));
        Assert.Equal("¥1,234,568", Explanation.Yuan(1_234_567.89));
        Assert.Equal("¥52.69", Explanation.Yuan(52.69));
        Assert.Equal("¥189", Explanation.Yuan(189.0));
    }
}
