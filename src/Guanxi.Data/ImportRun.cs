namespace Guanxi.Data;

public enum ImportRunStatus
{
    Running = 0,
    Completed = 1,
    Failed = 2,
}

/// <summary>
/// One run of an import over a file. Its counters and the last committed line are written in the same
/// transaction as each batch, so a run killed half-way is resumed from that line by the next run of the same file.
/// </summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file: a resumed run must read the very same bytes.</summary>
    public string FileHash { get; set; } = "";

    public ImportRunStatus Status { get; set; }
    public long LastCommittedLine { get; set; }
    public long Imported { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }

    /// <summary>An order-line import: the lines of the orders it imported, updated or found unchanged.</summary>
    public long Lines { get; set; }

    /// <summary>An order-line import: how many of those orders are returns.</summary>
    public long Returns { get; set; }

    /// <summary>An order-line import: orders rejected because their lines name no customer (guest orders).</summary>
    public long Guests { get; set; }
    public long? StartedByUserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

/// <summary>Application settings kept in the database (the customer-code pattern, …).</summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
