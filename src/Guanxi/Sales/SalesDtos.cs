using Guanxi.Domain.Sales;
using Guanxi.Security;

namespace Guanxi.Sales;

public sealed record CompetitorDto(long Id, string Name, decimal? Price, [property: PersonalData(PersonalKind.FreeText)] string? Strengths);

public sealed record OpportunityProductDto(long Id, long ProductId, string ProductCode, string ProductName, decimal Quantity, decimal UnitPrice);

/// <summary>An opportunity as the API answers it; <see cref="Status"/> is open, won or lost.</summary>
public sealed record OpportunityDto(
    long Id,
    long CustomerId,
    string CustomerName,
    [property: PersonalData(PersonalKind.FreeText)] string Title,
    OpportunitySource Source,
    string? Channel,
    OpportunityHeat Heat,
    decimal Amount,
    string Currency,
    long PipelineId,
    long StageId,
    string StageName,
    int Probability,
    DateOnly? ExpectedCloseDate,
    long? OwnerId,
    string? OwnerName,
    [property: PersonalData(PersonalKind.FreeText)] string? NextStep,
    string Status,
    [property: PersonalData(PersonalKind.FreeText)] string? CloseReason,
    DateTime? ClosedAt,
    DateTime StageEnteredAt,
    DateTime CreatedAt,
    long Version,
    IReadOnlyList<CompetitorDto> Competitors,
    IReadOnlyList<OpportunityProductDto> Products,
    long? FollowUpTaskId = null);

public sealed record OpportunityPage(IReadOnlyList<OpportunityDto> Items, string? NextCursor);

public sealed record CompetitorInput(string? Name, decimal? Price, string? Strengths);

public sealed record OpportunityProductInput(long ProductId, decimal? Quantity, decimal? UnitPrice);

/// <summary>
/// An opportunity to create or change. Pipeline and stage default to the default pipeline's first stage; probability to
/// the stage's; owner to the caller. A changed stage is a move (recorded, refused on a won or lost opportunity).
/// </summary>
public sealed record OpportunityInput
{
    public long CustomerId { get; init; }
    public string? Title { get; init; }
    public OpportunitySource Source { get; init; } = OpportunitySource.Other;
    public string? Channel { get; init; }
    public OpportunityHeat Heat { get; init; } = OpportunityHeat.Warm;
    public decimal Amount { get; init; }
    public string? Currency { get; init; }
    public long? PipelineId { get; init; }
    public long? StageId { get; init; }
    public int? Probability { get; init; }
    public DateOnly? ExpectedCloseDate { get; init; }
    public long? OwnerId { get; init; }
    public string? NextStep { get; init; }
    public List<CompetitorInput>? Competitors { get; init; }
    public List<OpportunityProductInput>? Products { get; init; }
}

/// <summary>Which opportunities a list shows: stage id, owner (me or an id), customer, status (open, won, lost), expected close between two days.</summary>
public sealed record OpportunityFilter(long? Stage, string? Owner, long? CustomerId, string? Status, DateOnly? CloseFrom, DateOnly? CloseTo, long? PipelineId = null, string? Q = null);

/// <summary>A move to another stage of the same pipeline; <see cref="FollowUpOn"/> schedules the next follow-up task.</summary>
public sealed record OpportunityMoveInput(long StageId, string? NextStep = null, DateOnly? FollowUpOn = null);

public sealed record OpportunityCloseInput(string? Reason);

public sealed record OpportunityReopenInput(long? StageId);

/// <summary>One line of an opportunity's timeline: a move between stages, or a close or reopening.</summary>
public sealed record StageChangeDto(long Id, long? FromStageId, string? FromStage, long ToStageId, string ToStage, string FromStatus, string ToStatus, DateTime At, long? ById, string? ByName);

public sealed record StageDto(long Id, string Name, int Position, int Probability);

public sealed record PipelineDto(long Id, string Name, bool IsDefault, long Version, IReadOnlyList<StageDto> Stages);

public sealed record StageInput(long? Id, string? Name, int Probability);

public sealed record PipelineInput(string? Name, bool IsDefault, List<StageInput>? Stages);

public sealed record CurrencyTotal(string Currency, decimal Amount, decimal Weighted);

public sealed record BoardColumn(long StageId, string Name, int Probability, int Count, IReadOnlyList<CurrencyTotal> Totals, IReadOnlyList<OpportunityDto> Items);

/// <summary>A pipeline's open opportunities by stage: every column's count and totals, and its first <see cref="Shown"/> cards.</summary>
public sealed record BoardDto(long PipelineId, string Name, int Shown, IReadOnlyList<BoardColumn> Columns);

public sealed record ProductDto(long Id, string Code, string Name, decimal Price, string Currency, string? Category, bool Active, long Version);

public sealed record ProductInput(string? Code, string? Name, decimal Price, string? Currency, string? Category, bool Active = true);

public sealed record ProductPage(IReadOnlyList<ProductDto> Items, string? NextCursor);

public sealed record GradeRuleDto(string Grade, int CadenceDays, bool UntilClosed, IReadOnlyList<string> NextSteps, long Version);

public sealed record GradeRuleInput(string? Grade, int CadenceDays, bool UntilClosed, List<string>? NextSteps);

public sealed record GradeInput(string? Grade, string? Reason);

/// <summary>One change of a grade; <c>To</c> is null for the conversion into a customer.</summary>
public sealed record GradeChangeDto(long Id, string? From, string? To, [property: PersonalData(PersonalKind.FreeText)] string Reason, long? ById, string? ByName, DateTime At);

/// <summary>A customer's grade now (null when never graded), the follow-up task its cadence set, and the history, newest first.</summary>
public sealed record CustomerGradeDto(
    long CustomerId,
    string? Grade,
    [property: PersonalData(PersonalKind.FreeText)] string? Reason,
    DateTime? SetAt,
    long? FollowUpTaskId,
    IReadOnlyList<GradeChangeDto> History,
    DateTime? ConvertedAt = null);

/// <summary>Why a lead became a customer (e.g. the first contract signed).</summary>
public sealed record ConvertInput(string? Reason);
