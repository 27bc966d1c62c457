namespace Guanxi.Domain.Models;

/// <summary>
/// One sentence per model and customer, in zh-CN or English, naming the figures that put the customer in
/// the class. Works from one customer's metrics (as of the run's day), the stored row, the run's parameters
/// and settings — no other customer is needed, so the 360 page can explain a stored result.
/// </summary>
public static class ModelExplanations
{
    public static string Explain(
        string modelKey,
        CustomerMetrics metrics,
        int index,
        CustomerModelRow row,
        ModelRunParameters parameters,
        ModelSettings settings,
        string culture)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, metrics.Count);
        bool chinese = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var e = new Explanation(metrics, index, row, parameters, settings, chinese);
        return modelKey switch
        {
            ModelKeys.Value => ValueModel.Explain(e),
            ModelKeys.Active => ActiveModel.Explain(e),
            ModelKeys.Undeveloped => UndevelopedModel.Explain(e),
            ModelKeys.Unsatisfied => UnsatisfiedModel.Explain(e),
            ModelKeys.RepeatPurchase => RepeatPurchaseModel.Explain(e),
            ModelKeys.FirstPurchase => FirstPurchaseModel.Explain(e),
            ModelKeys.Lost => LostModel.Explain(e),
            ModelKeys.Potential => PotentialModel.Explain(e),
            ModelKeys.Social => SocialModel.Explain(e),
            ModelKeys.Comprehensive => ComprehensiveModel.Explain(e),
            ModelKeys.RfmSegment => RfmModel.Explain(e),
            ModelKeys.Lifecycle => LifecycleModel.Explain(e),
            ModelKeys.Category => CategoryModel.Explain(e),
            ModelKeys.CreditRating => CreditRatingModel.Explain(e),
            ModelKeys.MemberTier => MemberTierModel.Explain(e),
            ModelKeys.RelationshipRecommended => RelationshipModel.ExplainRecommended(e),
            ModelKeys.RelationshipPractised => RelationshipModel.ExplainPractised(e),
            _ => throw new ArgumentException($"Unknown model key '{modelKey}'.", nameof(modelKey)),
        };
    }
}
