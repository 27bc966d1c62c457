namespace Guanxi.Domain.Models;

/// <summary>
/// One customer's stored results of a model run, flat for a database row. Class keys are the catalog's
/// snake_case keys, null where the model does not apply; lifetime figures are null where unavailable.
/// </summary>
public sealed record CustomerModelRow
{
    public long CustomerId { get; init; }

    // RFM (null for a customer without orders)
    public int? RecencyDays { get; init; }
    public int Frequency { get; init; }
    public long MonetaryCents { get; init; }
    public byte R { get; init; }
    public byte F { get; init; }
    public byte M { get; init; }
    public string? RfmSegment { get; init; }

    // Class keys of the built-in models
    public string? Value { get; init; }
    public string? Active { get; init; }
    public string? Undeveloped { get; init; }
    public string? Unsatisfied { get; init; }
    public string? RepeatPurchase { get; init; }
    public string? FirstPurchase { get; init; }
    public string? Lost { get; init; }
    public string? Potential { get; init; }
    public string? Social { get; init; }
    public string? Comprehensive { get; init; }
    public string? Lifecycle { get; init; }
    public string? Category { get; init; }
    public string? CreditRating { get; init; }
    public string? MemberTier { get; init; }
    public string? RelationshipRecommended { get; init; }
    public string? RelationshipPractised { get; init; }

    /// <summary>Recommended minus practised Kotler level (positive: the customer deserves more care).</summary>
    public int? RelationshipGap { get; init; }

    // Scores (null where the model gives none to this customer)
    public float? ValueScore { get; init; }
    public float? ActiveScore { get; init; }
    public float? UndevelopedScore { get; init; }
    public float? UnsatisfiedScore { get; init; }
    public float? RepeatPurchaseScore { get; init; }
    public float? FirstPurchaseScore { get; init; }
    public float? LostScore { get; init; }
    public float? PotentialScore { get; init; }
    public float? SocialScore { get; init; }
    public float? ComprehensiveScore { get; init; }

    // Lifetime value
    public double? PAlive { get; init; }
    public double? ExpectedPurchases30d { get; init; }
    public double? ExpectedPurchases90d { get; init; }
    public double? ExpectedPurchases365d { get; init; }
    public double? ExpectedOrderValue { get; init; }
    public double? Clv { get; init; }

    // Referral tree (the social model's figures, not recomputable from one customer's metrics)
    public int Referrals { get; init; }
    public int ReferralTreeSize { get; init; }
    public long ReferralTreeRevenueCents { get; init; }

    /// <summary>Custom model name → label (null when no rule matched).</summary>
    public IReadOnlyDictionary<string, string?> CustomLabels { get; init; } = new Dictionary<string, string?>();

    /// <summary>The class key of a built-in model by its key.</summary>
    public string? ClassKey(string modelKey) => modelKey switch
    {
        ModelKeys.Value => Value,
        ModelKeys.Active => Active,
        ModelKeys.Undeveloped => Undeveloped,
        ModelKeys.Unsatisfied => Unsatisfied,
        ModelKeys.RepeatPurchase => RepeatPurchase,
        ModelKeys.FirstPurchase => FirstPurchase,
        ModelKeys.Lost => Lost,
        ModelKeys.Potential => Potential,
        ModelKeys.Social => Social,
        ModelKeys.Comprehensive => Comprehensive,
        ModelKeys.RfmSegment => RfmSegment,
        ModelKeys.Lifecycle => Lifecycle,
        ModelKeys.Category => Category,
        ModelKeys.CreditRating => CreditRating,
        ModelKeys.MemberTier => MemberTier,
        ModelKeys.RelationshipRecommended => RelationshipRecommended,
        ModelKeys.RelationshipPractised => RelationshipPractised,
        _ => throw new ArgumentException($"Unknown model key '{modelKey}'.", nameof(modelKey)),
    };

    /// <summary>The score of a built-in model by its key, or null.</summary>
    public float? Score(string modelKey) => modelKey switch
    {
        ModelKeys.Value => ValueScore,
        ModelKeys.Active => ActiveScore,
        ModelKeys.Undeveloped => UndevelopedScore,
        ModelKeys.Unsatisfied => UnsatisfiedScore,
        ModelKeys.RepeatPurchase => RepeatPurchaseScore,
        ModelKeys.FirstPurchase => FirstPurchaseScore,
        ModelKeys.Lost => LostScore,
        ModelKeys.Potential => PotentialScore,
        ModelKeys.Social => SocialScore,
        ModelKeys.Comprehensive => ComprehensiveScore,
        _ => null,
    };
}
