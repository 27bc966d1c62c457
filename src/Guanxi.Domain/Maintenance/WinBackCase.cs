namespace Guanxi.Domain.Maintenance;

/// <summary>The steps of winning a lost customer back (003: 流失预警 → 诚恳道歉 → 补救措施 → 跟踪回访).</summary>
public enum WinBackState
{
    Open = 0,
    Apologised = 1,
    RemedyOffered = 2,
    WonBack = 3,
    LostForGood = 4,
}

/// <summary>A high-value customer who has been classed lost, and what is being done to win them back.</summary>
public sealed class WinBackCase
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? OwnerId { get; set; }
    public WinBackState State { get; set; }
    public string Reason { get; set; } = "";
    public string? Apology { get; set; }
    public string? Remedy { get; set; }

    /// <summary>The local business day the case opened; a purchase within <see cref="WindowDays"/> of it wins the customer back.</summary>
    public DateOnly OpenedOn { get; set; }

    public int WindowDays { get; set; } = 90;
    public DateOnly? ClosedOn { get; set; }
    public long? RunId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public bool IsClosed => State is WinBackState.WonBack or WinBackState.LostForGood;

    public DateOnly WindowEnds => OpenedOn.AddDays(WindowDays);

    /// <summary>True when an order at this local time wins the customer back: from the day the case opened to the window's last day.</summary>
    public bool InWindow(DateTime orderedAt) =>
        orderedAt >= OpenedOn.ToDateTime(TimeOnly.MinValue) && orderedAt < WindowEnds.AddDays(1).ToDateTime(TimeOnly.MinValue);

    public const int TextMaxLength = 2000;
}

/// <summary>The transitions a win-back case may take, and why a refused one is refused.</summary>
public static class WinBackRules
{
    /// <summary>Null when <paramref name="to"/> may follow the case's state, else the reason (English).</summary>
    public static string? Refusal(WinBackCase c, WinBackState to, bool boughtInWindow)
    {
        if (c.IsClosed) return $"The case is closed ({c.State}).";
        return to switch
        {
            WinBackState.Apologised when c.State != WinBackState.Open => "Only an open case can be marked apologised.",
            WinBackState.Apologised when string.IsNullOrWhiteSpace(c.Apology) => "Say how the customer was apologised to (apology).",
            WinBackState.RemedyOffered when c.State is not (WinBackState.Open or WinBackState.Apologised) => "A remedy was already offered.",
            WinBackState.RemedyOffered when string.IsNullOrWhiteSpace(c.Remedy) => "Say which remedy was offered (remedy).",
            WinBackState.WonBack when !boughtInWindow => "A customer is won back by a purchase within the window; there is none yet.",
            WinBackState.LostForGood when string.IsNullOrWhiteSpace(c.Remedy) => "A case cannot be closed as lost before a remedy was offered.",
            WinBackState.Open => "A case cannot go back to open.",
            _ => null,
        };
    }
}
