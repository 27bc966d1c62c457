using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Service;

namespace Guanxi.Import;

public enum ImportKind
{
    Customers,
    Orders,
    Interactions,
    ServiceRequests,
    Opportunities,
}

/// <param name="Encoding">A text encoding name (utf-8, gbk, gb18030, gb2312); null = detect.</param>
/// <param name="MappingFile">A CSV of <c>file header,canonical column</c> lines that overrides the built-in aliases.</param>
/// <param name="RoundCents">Accept order amounts with more than two decimals (sub-cent unit prices) by rounding them to
/// cents, half away from zero; they are counted. Without it such amounts are rejected.</param>
/// <param name="DateFormat">How dates are written (<see cref="DateForms.Names"/>); null = decided from the file's date columns.</param>
public sealed record ImportOptions(string? Encoding = null, string? MappingFile = null, bool RoundCents = false, string? DateFormat = null);

/// <summary>
/// One record of an import file: a valid typed row or a <see cref="RejectedRow"/>.
/// <see cref="Line"/> is the physical line of the record's first line (header = 1), or the sheet row for XLSX.
/// </summary>
public abstract record ImportRecord(long Line);

public sealed record CustomerImportRow(
    long Line, string? ExternalId, string? Code, string Name, string? Phone, string? Email, string? City,
    string? Province, DateOnly? CreatedAt, string? ReferredBy, CustomerKind? Kind, string? WeChatId,
    string? Address, string? Industry, string? Source, string? Notes, string? Tags) : ImportRecord(Line)
{
    /// <summary>The tags one by one (<see cref="Tags"/> holds them joined with ';').</summary>
    public IReadOnlyList<string> TagList => Tags is null ? [] : Tags.Split(';');
}

public sealed record OrderImportRow(
    long Line, string OrderNumber, string CustomerRef, DateTime OrderedAt, long AmountCents, string Channel,
    string? Currency, DateOnly? InvoiceDueDate, DateOnly? PaidDate) : ImportRecord(Line)
{
    /// <summary>True when <see cref="CustomerRef"/> is a customer code (column customer_code), false when a customer_id.</summary>
    public bool CustomerRefIsCode { get; init; }
}

public sealed record InteractionImportRow(
    long Line, string? ExternalId, string CustomerRef, DateTime OccurredAt, InteractionChannel Channel,
    InteractionDirection Direction, string Subject, string? Body) : ImportRecord(Line)
{
    /// <summary>True when <see cref="CustomerRef"/> is a customer code (column customer_code), false when a customer_id.</summary>
    public bool CustomerRefIsCode { get; init; }
}

/// <param name="CreatedAt">When the request was made, in the service desk's zone (as the file writes it).</param>
/// <param name="Status">Null: resolved when the row has resolved_at, assigned when it has an assignee, else new.</param>
/// <param name="Assignee">A user name, looked up when the batch is written.</param>
public sealed record ServiceRequestImportRow(
    long Line, string? ExternalId, string CustomerRef, ServiceRequestType Type, ServiceChannel Channel, ServicePriority Priority,
    string Subject, string? Description, ServiceStatus Status, DateTime CreatedAt, DateTime? ResolvedAt, string? Assignee) : ImportRecord(Line)
{
    /// <summary>True when <see cref="CustomerRef"/> is a customer code (column customer_code), false when a customer_id.</summary>
    public bool CustomerRefIsCode { get; init; }
}

/// <param name="Stage">The stage's name (either half of a "中文 / English" name) or position in the default pipeline; null = the first.</param>
/// <param name="CreatedAt">The day the opportunity was made (null = the import's day).</param>
/// <param name="Owner">A user name, looked up when the batch is written.</param>
public sealed record OpportunityImportRow(
    long Line, string? ExternalId, string CustomerRef, string Title, long AmountCents, string Currency, string? Stage,
    Domain.Sales.OpportunityStatus Status, Domain.Sales.OpportunitySource Source, string? Channel, Domain.Sales.OpportunityHeat Heat,
    int? Probability, DateOnly? ExpectedClose, DateOnly? CreatedAt, DateOnly? ClosedAt, string? CloseReason, string? Owner) : ImportRecord(Line)
{
    /// <summary>True when <see cref="CustomerRef"/> is a customer code (column customer_code), false when a customer_id.</summary>
    public bool CustomerRefIsCode { get; init; }
}

/// <param name="Reason">A short English sentence naming the column and the bad value.</param>
/// <param name="RawText">The record as it stands in the file (for a broken multi-line record: its first line).</param>
public sealed record RejectedRow(long Line, string Reason, string RawText) : ImportRecord(Line);

/// <summary>The file as a whole cannot be imported; the message names the problem.</summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException(string message) : base(message) { }
    public ImportFileException(string message, Exception inner) : base(message, inner) { }
}
