namespace Guanxi.Data;

public enum ModelRunStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>
/// One evaluation of every model for every customer as of a day. Its results are <see cref="ModelResultRow"/>s
/// under its id; the fitted parameters and settings are kept so an explanation can be rebuilt later.
/// </summary>
public sealed class ModelRun
{
    public long Id { get; set; }
    public DateOnly AsOf { get; set; }
    public ModelRunStatus Status { get; set; }

    /// <summary>Who or what started it: cli, api, ui, schedule.</summary>
    public string Trigger { get; set; } = "";

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public int CustomerCount { get; set; }
    public long LoadMilliseconds { get; set; }
    public long EvaluateMilliseconds { get; set; }
    public long StoreMilliseconds { get; set; }

    /// <summary>The fitted lifetime-value parameters and population cutoffs (JSON).</summary>
    public string Parameters { get; set; } = "{}";

    /// <summary>The thresholds in force (JSON).</summary>
    public string Settings { get; set; } = "{}";

    /// <summary>Class counts per model (JSON object: model key → class key → count), for lists without a scan.</summary>
    public string ClassCounts { get; set; } = "{}";

    /// <summary>
    /// The RFM grid counted when the run was stored (JSON: the cells and the customers without scores), so the models
    /// pages show it without grouping a million rows; null for runs stored before it was kept.
    /// </summary>
    public string? RfmGrid { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// A finished run's caveat (English): a lifetime fit that failed or did not converge, and which figures are
    /// therefore empty, or fit parameters the data leave flat. Null when there is nothing to warn about.
    /// </summary>
    public string? Warning { get; set; }

    public const int WarningMaxLength = 4000;
}

/// <summary>
/// One customer's results in one run. Classes are stored as their index in the model's class list
/// (<c>ModelCatalog</c>; lists are only ever appended to), null where the model does not apply:
/// small numbers instead of 17 strings keeps a million-row run small and quick to write.
/// </summary>
public sealed class ModelResultRow
{
    public long RunId { get; set; }
    public long CustomerId { get; set; }
    public int? RecencyDays { get; set; }
    public int Frequency { get; set; }
    public long MonetaryCents { get; set; }
    public short R { get; set; }
    public short F { get; set; }
    public short M { get; set; }
    public short? RfmSegment { get; set; }
    public short? Value { get; set; }
    public short? Active { get; set; }
    public short? Undeveloped { get; set; }
    public short? Unsatisfied { get; set; }
    public short? RepeatPurchase { get; set; }
    public short? FirstPurchase { get; set; }
    public short? Lost { get; set; }
    public short? Potential { get; set; }
    public short? Social { get; set; }
    public short? Comprehensive { get; set; }
    public short? Lifecycle { get; set; }
    public short? Category { get; set; }
    public short? CreditRating { get; set; }
    public short? MemberTier { get; set; }
    public short? RelationshipRecommended { get; set; }
    public short? RelationshipPractised { get; set; }
    public short? RelationshipGap { get; set; }
    public float? ValueScore { get; set; }
    public float? ActiveScore { get; set; }
    public float? UndevelopedScore { get; set; }
    public float? UnsatisfiedScore { get; set; }
    public float? RepeatPurchaseScore { get; set; }
    public float? FirstPurchaseScore { get; set; }
    public float? LostScore { get; set; }
    public float? PotentialScore { get; set; }
    public float? SocialScore { get; set; }
    public float? ComprehensiveScore { get; set; }
    public int Referrals { get; set; }
    public int ReferralTreeSize { get; set; }
    public long ReferralTreeRevenueCents { get; set; }
    public double? PAlive { get; set; }
    public double? ExpectedPurchases30d { get; set; }
    public double? ExpectedPurchases90d { get; set; }
    public double? ExpectedPurchases365d { get; set; }
    public double? ExpectedOrderValue { get; set; }
    public double? Clv { get; set; }
}

/// <summary>A custom model's label for one customer in one run (only customers some rule matched).</summary>
public sealed class ModelCustomLabel
{
    public long RunId { get; set; }
    public long CustomModelId { get; set; }
    public long CustomerId { get; set; }
    public string Label { get; set; } = "";
}

/// <summary>A user-defined classification: ordered rules over the metrics, first match wins.</summary>
public sealed class CustomModelDefinition
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Rules { get; set; } = "";
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// Live per-customer totals, kept by database triggers on every write to orders and interactions (API, import,
/// demo, merge, delete alike — one place, no writer can forget it). Pages read them instead of aggregating orders;
/// a model run computes its own figures as of its day.
/// </summary>
public sealed class CustomerRollup
{
    public long CustomerId { get; set; }
    public int OrderCount { get; set; }
    public long TotalCents { get; set; }
    public DateTime? FirstOrderAt { get; set; }
    public DateTime? LastOrderAt { get; set; }
    public int InteractionCount { get; set; }
    public DateTime? LastContactAt { get; set; }

    /// <summary>
    /// Bumped by the same triggers on every insert, update or delete of one of the customer's orders: an
    /// <see cref="OrderHistoryRow"/> built at this version still describes the customer's orders exactly.
    /// </summary>
    public long OrderVersion { get; set; }
}

/// <summary>
/// One customer's orders packed oldest first (<c>Guanxi.Domain.Models.OrderHistory</c>): what a model run reads instead of the
/// customer's order rows. Written by model runs (and after imports) from the orders, tagged with the
/// <see cref="CustomerRollup.OrderVersion"/> read before those orders; a row whose version no longer matches is
/// ignored and rebuilt. Derived data: deleting every row only makes the next run read the orders again.
/// </summary>
public sealed class OrderHistoryRow
{
    public long CustomerId { get; set; }
    public long OrderVersion { get; set; }
    public int OrderCount { get; set; }
    public byte[] Data { get; set; } = [];
}

/// <summary>
/// One currency's orders in one calendar month (<see cref="Month"/> is its first day, as <c>currency_rates.month</c>):
/// how many and their amounts' sum in that currency, returns adding their negative amounts. Kept by database triggers on
/// every insert, update and delete of an order (both providers, beside the rollup triggers), so the home page's order
/// count, revenue and revenue trend read a few hundred rows instead of every order. A month whose orders all went keeps
/// a row of zeros. Read only where the caller sees every customer: a narrower reach counts its own orders.
/// </summary>
public sealed class OrderMonthFact
{
    public string Currency { get; set; } = "";
    public DateOnly Month { get; set; }
    public long OrderCount { get; set; }
    public long TotalCents { get; set; }
}
