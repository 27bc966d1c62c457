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

    /// <summary>One row per order line; lines sharing an order id make one order (<see cref="OrderLineGrouper"/>).</summary>
    OrderLines,
}

/// <param name="Encoding">A text encoding name (utf-8, gbk, gb18030, gb2312); null = detect.</param>
/// <param name="MappingFile">A CSV of <c>file header,canonical column</c> lines that overrides the built-in aliases.</param>
/// <param name="RoundCents">Accept order amounts with more than two decimals (sub-cent unit prices) by rounding them to
/// cents, half away from zero; they are counted. Without it such amounts are rejected.</param>
/// <param name="DateFormat">How dates are written (<see cref="DateForms.Names"/>); null = decided from the file's date columns.</param>
/// <param name="CreateCustomers">Order lines: a line naming a customer id Guanxi does not know creates that customer
/// (else the order is rejected with the reason).</param>
/// <param name="FileName">The name the user's file had (an upload is stored under a temporary name): what the audit trail shows.</param>
public sealed record ImportOptions(string? Encoding = null, string? MappingFile = null, bool RoundCents = false, string? DateFormat = null, bool CreateCustomers = false,
    string? FileName = null);

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

/// <summary>
/// One line of an order-line file. <see cref="Error"/> set: the line is bad (the reason), and so is its whole order, which
/// is rejected with all its lines. <see cref="CustomerRef"/> null: a guest line (no customer).
/// </summary>
/// <param name="OrderKey">A 64-bit hash of the order id, the key of the first pass's "last line of each order".</param>
/// <param name="Quantity">Negative for a returned quantity.</param>
/// <param name="UnitPrice">Exact, as written (any number of decimals); never negative.</param>
public sealed record OrderLineImportRow(
    long Line, string OrderNumber, long OrderKey, string? CustomerRef, DateTime OrderedAt, string ProductCode, string? ProductName,
    decimal Quantity, decimal UnitPrice, string? Channel, string? Currency, string? Country, string? City, string? CustomerName,
    string? ReturnsOrderNumber, string? Error, string RawText) : ImportRecord(Line);

/// <summary>
/// The lines of one order, complete (<see cref="ImportRecord.Line"/> is the line that completed it, the last of its
/// lines). <see cref="Rejects"/> non-empty: the order is rejected, each line with its reason.
/// </summary>
public sealed record OrderLinesGroup(long Line, string OrderNumber, IReadOnlyList<OrderLineImportRow> Lines, IReadOnlyList<RejectedRow> Rejects) : ImportRecord(Line)
{
    /// <summary>The lines name no customer at all.</summary>
    public bool IsGuest { get; init; }

    public string CustomerRef { get; init; } = "";

    /// <summary>The earliest of the lines' times.</summary>
    public DateTime OrderedAt { get; init; }

    /// <summary>Σ quantity × unit price, exact, rounded to cents once (half away from zero); negative for a return.</summary>
    public long AmountCents { get; init; }

    public bool IsReturn { get; init; }

    /// <summary>The order id this return names (returns_order_id), if any.</summary>
    public string? ReturnsOrderNumber { get; init; }

    public string Channel { get; init; } = "";

    public string Currency { get; init; } = "CNY";
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
