using Guanxi.Domain.Models.Lifetimes;

namespace Guanxi.Domain.Models;

/// <summary>
/// What a model run derived from the whole base and used to classify: the lifetime fits and the
/// population cutoffs. Stored with the run so one customer's explanation can be rebuilt later
/// from that customer's figures alone. Serialisable with System.Text.Json (no NaN: unavailable is null).
/// </summary>
public sealed record ModelRunParameters
{
    public DateOnly AsOf { get; init; }
    public int CustomerCount { get; init; }
    public int BuyerCount { get; init; }
    public LifetimeFitSummary Lifetime { get; init; } = new();
    public PopulationCutoffs Cutoffs { get; init; } = new();

    /// <summary>Kotler's inputs per value layer, in value-class order.</summary>
    public IReadOnlyList<RelationshipLayer> RelationshipLayers { get; init; } = [];
}

/// <summary>The BG/NBD and Gamma-Gamma fits (time unit: days), or why they are missing.</summary>
public sealed record LifetimeFitSummary
{
    /// <summary>True when P(alive) and expected purchases are available.</summary>
    public bool TransactionsAvailable { get; init; }

    /// <summary>True when expected order value and CLV are available.</summary>
    public bool SpendAvailable { get; init; }

    /// <summary>Why a fit is missing, in English (for logs and the run page); null when both fitted.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// What a user of the run must know, in English: a fit that failed or did not converge and which figures are
    /// therefore empty, or parameters the data leave flat. Null when both fits converged with every parameter identified
    /// (or when there are no buyers at all). The run stores it as <c>ModelRun.Warning</c>.
    /// </summary>
    public string? Warning { get; init; }

    public int SampleSize { get; init; }
    public int RepeatSampleSize { get; init; }
    public BgNbdParameters? BgNbd { get; init; }
    public double? BgNbdLogLikelihood { get; init; }

    /// <summary>BG/NBD parameters the likelihood is flat along (their values are arbitrary); empty when all are identified.</summary>
    public IReadOnlyList<string> BgNbdNotIdentified { get; init; } = [];
    public GammaGammaParameters? GammaGamma { get; init; }
    public double? GammaGammaLogLikelihood { get; init; }

    /// <summary>Gamma-Gamma parameters the likelihood is flat along; empty when all are identified.</summary>
    public IReadOnlyList<string> GammaGammaNotIdentified { get; init; } = [];
    public int HorizonMonths { get; init; }
    public double MonthlyDiscountRate { get; init; }
}

/// <summary>Cutoffs taken from the distribution of the base on the run's day (cents, days).</summary>
public sealed record PopulationCutoffs
{
    /// <summary>Trailing-year spend at and above which a buyer is in the value model's top share.</summary>
    public long HighValueAmount365dCents { get; init; }

    /// <summary>Trailing-year spend below which a buyer is in the value model's bottom share.</summary>
    public long LowValueAmount365dCents { get; init; }

    /// <summary>Median trailing-year spend of buyers who spent in that year.</summary>
    public long MedianAmount365dCents { get; init; }

    /// <summary>The active model's spend quantile among buyers who spent in the trailing year.</summary>
    public long HighlyActiveAmount365dCents { get; init; }

    /// <summary>Median average order value of buyers: a first order this large is "large".</summary>
    public long MedianOrderValueCents { get; init; }

    /// <summary>Average order value over all buyers' orders (margin proxy of the whole base).</summary>
    public long AverageOrderValueCents { get; init; }

    /// <summary>Median of repeat buyers' mean inter-purchase interval: the rhythm assumed for one-time buyers.</summary>
    public double MedianIntervalDays { get; init; }

    /// <summary>Trailing-year spend at and above which a buyer is a large customer (category).</summary>
    public long LargeAmount365dCents { get; init; }
}

/// <summary>One value layer as Kotler's table sees it: how many customers, what margin, which level it recommends.</summary>
public sealed record RelationshipLayer(
    string LayerKey,
    int Customers,
    double Share,
    long AverageOrderValueCents,
    double MarginRate,
    string CustomerCountLevel,
    string MarginLevel,
    string RecommendedKey);
