namespace Guanxi.Domain.Sales;

/// <summary>Where an opportunity came from (销售机会的来源).</summary>
public enum OpportunitySource
{
    Referral = 0,
    Campaign = 1,
    Website = 2,
    TradeShow = 3,
    ColdCall = 4,
    ExistingCustomer = 5,
    Other = 6,
}

/// <summary>How warm the opportunity is (热度).</summary>
public enum OpportunityHeat
{
    Hot = 0,
    Warm = 1,
    Cold = 2,
}

public enum OpportunityStatus
{
    Open = 0,
    Won = 1,
    Lost = 2,
}

/// <summary>
/// A chance to sell to a customer or lead, moving through the stages of one pipeline until it is won or lost. Amounts
/// are cents of <see cref="Currency"/>; a won or lost opportunity does not move until it is reopened.
/// </summary>
public sealed class Opportunity
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string Title { get; set; } = "";
    public OpportunitySource Source { get; set; }

    /// <summary>The route it came in by (产生途径): a shop, a partner, an event's name; free text like an order's channel.</summary>
    public string? Channel { get; set; }

    public OpportunityHeat Heat { get; set; } = OpportunityHeat.Warm;
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "CNY";
    public long PipelineId { get; set; }
    public long StageId { get; set; }
    public int Probability { get; set; }
    public DateOnly? ExpectedCloseOn { get; set; }
    public long? OwnerId { get; set; }
    public string? NextStep { get; set; }
    public OpportunityStatus Status { get; set; }

    /// <summary>Why it was won or lost (required for lost).</summary>
    public string? CloseReason { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>When it entered its current stage: the age in stage the board shows and the funnel averages.</summary>
    public DateTime StageEnteredAt { get; set; }

    /// <summary>
    /// The furthest position (in its pipeline) of a stage the opportunity has been in, by its stage history; null
    /// without history. A fact kept with each stage change (and when a pipeline's stages are reordered), so the funnel
    /// counts a cohort at its furthest stage without walking the history.
    /// </summary>
    public int? FurthestPosition { get; set; }

    public string? ExternalId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public List<OpportunityCompetitor> Competitors { get; set; } = [];
    public List<OpportunityProduct> Products { get; set; } = [];

    public const int TitleMaxLength = 200;
    public const int ChannelMaxLength = 64;
    public const int TextMaxLength = 2000;

    public decimal Amount => AmountCents / 100m;

    /// <summary>Moves to <paramref name="stage"/>, which must be a stage of this opportunity's pipeline; null when done, else why not.</summary>
    public OpportunityRefusal? Move(PipelineStage stage, DateTime now)
    {
        if (Status != OpportunityStatus.Open) return OpportunityRefusal.Closed(Status);
        if (stage.PipelineId != PipelineId) return OpportunityRefusal.OtherPipeline();
        if (stage.Id == StageId) return null;
        StageId = stage.Id;
        Probability = stage.Probability;
        StageEnteredAt = now;
        return null;
    }

    public OpportunityRefusal? Win(string? reason, DateTime now)
    {
        if (Status != OpportunityStatus.Open) return OpportunityRefusal.Closed(Status);
        Status = OpportunityStatus.Won;
        Probability = 100;
        CloseReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ClosedAt = now;
        return null;
    }

    public OpportunityRefusal? Lose(string? reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return OpportunityRefusal.ReasonRequired();
        if (Status != OpportunityStatus.Open) return OpportunityRefusal.Closed(Status);
        Status = OpportunityStatus.Lost;
        Probability = 0;
        CloseReason = reason.Trim();
        ClosedAt = now;
        return null;
    }

    /// <summary>Opens a won or lost opportunity again, in the stage it closed in, with that stage's default probability.</summary>
    public OpportunityRefusal? Reopen(PipelineStage stage)
    {
        if (Status == OpportunityStatus.Open) return new OpportunityRefusal(null, "The opportunity is open already.", true);
        if (stage.PipelineId != PipelineId) return OpportunityRefusal.OtherPipeline();
        Status = OpportunityStatus.Open;
        StageId = stage.Id;
        Probability = stage.Probability;
        CloseReason = null;
        ClosedAt = null;
        return null;
    }
}

/// <summary>Why an opportunity refused a change: <see cref="Field"/> names the input at fault (a 400), or none and <see cref="Conflict"/> (a 409).</summary>
public sealed record OpportunityRefusal(string? Field, string Message, bool Conflict)
{
    public static OpportunityRefusal Closed(OpportunityStatus status) =>
        new(null, $"The opportunity is {(status == OpportunityStatus.Won ? "won" : "lost")}; reopen it first.", true);

    public static OpportunityRefusal OtherPipeline() => new("stageId", "The stage belongs to another pipeline.", false);

    public static OpportunityRefusal ReasonRequired() => new("reason", "Say why the opportunity was lost.", false);
}

/// <summary>A competitor the customer compares with (竞争对手): their price and what they do well.</summary>
public sealed class OpportunityCompetitor
{
    public long Id { get; set; }
    public long OpportunityId { get; set; }
    public string Name { get; set; } = "";
    public long? PriceCents { get; set; }
    public string? Strengths { get; set; }

    public const int NameMaxLength = 200;
}

/// <summary>A product the opportunity would sell, with quantity and the price offered.</summary>
public sealed class OpportunityProduct
{
    public long Id { get; set; }
    public long OpportunityId { get; set; }
    public long ProductId { get; set; }
    public decimal Quantity { get; set; } = 1;
    public long UnitPriceCents { get; set; }
}

/// <summary>One move between stages (or to won/lost and back): what velocity and the funnel count.</summary>
public sealed class OpportunityStageChange
{
    public long Id { get; set; }
    public long OpportunityId { get; set; }

    /// <summary>The stage left; null for the creation row.</summary>
    public long? FromStageId { get; set; }

    public long ToStageId { get; set; }
    public OpportunityStatus FromStatus { get; set; }
    public OpportunityStatus ToStatus { get; set; }
    public DateTime At { get; set; }
    public long? ById { get; set; }

    /// <summary>Seconds the opportunity spent in the stage it left (null for the creation row): the funnel's days per stage, averaged set-based.</summary>
    public long? SecondsInStage { get; set; }

    public static long Seconds(DateTime entered, DateTime left) => Math.Max(0, (long)(left - entered).TotalSeconds);
}

/// <summary>
/// The forecast model's learnt counts, company-wide: for a stage and an age bucket in it, how many times an open
/// opportunity left that stage after that long and was won, or lost, in the end. Kept with every stage change, win,
/// loss, reopening, import and deletion (GuanxiDbContext.SaveChanges), rebuilt from the history after bulk loads; the
/// forecast reads these few rows instead of grouping the history.
/// </summary>
public sealed class StageOutcomeCount
{
    public long StageId { get; set; }
    public int Bucket { get; set; }
    public long Won { get; set; }
    public long Lost { get; set; }
}

/// <summary>
/// The funnel's days per stage, company-wide: for a stage and a UTC hour, how many stage changes left that stage in
/// that hour and the seconds they had spent in it (the changes with <see cref="OpportunityStageChange.SecondsInStage"/>).
/// Kept with every stage change, import and deletion (GuanxiDbContext.SaveChanges), rebuilt from the history after bulk
/// loads; a period reads at most hours × stages rows instead of its stage changes.
/// </summary>
/// <remarks>
/// Keyed by the UTC hour, not the local day the funnel's periods are made of: the local zone is the TimeProvider's
/// (the machine's or the configured one) and may change after the facts were written, while an hour since the Unix
/// epoch never moves. A zone whose offset is not a whole hour (India, Nepal) cuts an hour at the period's edges; the
/// funnel reads those partial hours from the history rows.
/// </remarks>
public sealed class StageHourFact
{
    public long StageId { get; set; }

    /// <summary>Whole hours since 1970-01-01T00:00Z.</summary>
    public long Hour { get; set; }

    public long Changes { get; set; }
    public long Seconds { get; set; }

    public static long HourOf(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerHour;

    public static DateTime StartOf(long hour) => new(DateTime.UnixEpoch.Ticks + hour * TimeSpan.TicksPerHour, DateTimeKind.Utc);
}
