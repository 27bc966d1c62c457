namespace Guanxi.Domain.Marketing;

public enum CampaignStatus
{
    Draft,
    /// <summary>Its recipients are being drawn and its messages written to the outbox.</summary>
    Sending,
    /// <summary>Recipients stored and messages written to the outbox (the outbox sender delivers them).</summary>
    Sent,
}

/// <summary>
/// One message (a template) to an audience of customers, with a random hold-out (control) group that is not sent to so
/// the report can compare what the sent group did with what it would have done anyway.
/// </summary>
public sealed class Campaign
{
    public const int NameMaxLength = 120;
    public const int AudienceMaxLength = 8000;
    public const int DefaultControlPercent = 10;
    public const int MaxControlPercent = 50;
    public const int DefaultAttributionDays = 30;
    public const int MaxDays = 365;
    public const int DefaultVariantPercent = 50;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public MarketingChannel Channel { get; set; }
    public long TemplateId { get; set; }

    /// <summary>The B variant's template (same channel) for an A/B test, or null: one template for everyone sent to.</summary>
    public long? VariantTemplateId { get; set; }

    /// <summary>With a B variant: the share of the sent group that gets it, in percent (1–99); the rest get A.</summary>
    public int VariantPercent { get; set; } = DefaultVariantPercent;

    /// <summary>The audience expression as JSON (see <see cref="AudienceExpression"/>).</summary>
    public string Audience { get; set; } = "";

    /// <summary>Share of the eligible audience held out as the control group, in percent (0–50).</summary>
    public int ControlPercent { get; set; } = DefaultControlPercent;

    /// <summary>A customer sent anything (by any campaign or care rule) in the last this many days is not sent to; 0 = no cap.</summary>
    public int FrequencyCapDays { get; set; }

    /// <summary>Orders within this many days after the send count for the report.</summary>
    public int AttributionDays { get; set; } = DefaultAttributionDays;

    public CampaignStatus Status { get; set; }

    /// <summary>Drawn once at creation: decides the control group, so a dry run and the real send agree.</summary>
    public long Seed { get; set; }

    public DateTime? SentAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

public enum RecipientGroup
{
    Sent,
    Control,
    Excluded,
}

/// <summary>One customer of a sent campaign: sent to, held out as control, or excluded with the reason.</summary>
public sealed class CampaignRecipient
{
    public long CampaignId { get; set; }
    public long CustomerId { get; set; }
    public RecipientGroup Group { get; set; }

    /// <summary>For <see cref="RecipientGroup.Excluded"/>: no consent, unsubscribed, no address or capped.</summary>
    public string? Reason { get; set; }

    /// <summary>The customer's value-model class index in the latest finished model run at send time (the report's layer).</summary>
    public short? ValueClass { get; set; }

    /// <summary>For the sent group of an A/B campaign: "A" or "B", the template they got; null otherwise.</summary>
    public string? Variant { get; set; }
}

/// <summary>The hold-out draw: deterministic from the campaign's seed and the customer id, so it never changes.</summary>
public static class ControlGroup
{
    /// <summary>True when the customer falls in the control group of a campaign with this seed and share.</summary>
    public static bool IsControl(long seed, long customerId, int percent)
    {
        if (percent <= 0) return false;
        return Bucket(seed, customerId) < (ulong)percent * 100UL;
    }

    /// <summary>A uniform bucket 0–9 999 from SplitMix64 of the seed mixed with the id.</summary>
    public static ulong Bucket(long seed, long customerId)
    {
        ulong z = unchecked((ulong)seed ^ ((ulong)customerId * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return z % 10_000UL;
    }
}

/// <summary>
/// The A/B split of a campaign's sent group: deterministic from the seed and the customer id like the control group, but
/// from an independent stream (the seed mixed with a constant), so which variant a customer gets does not depend on the
/// control share.
/// </summary>
public static class VariantSplit
{
    public const string A = "A";
    public const string B = "B";

    /// <summary>Mixed into the seed so the variant draw is independent of the control draw.</summary>
    private const long Stream = unchecked((long)0xD1B54A32D192ED03UL);

    public static string Of(long seed, long customerId, int percentB) =>
        percentB > 0 && ControlGroup.Bucket(seed ^ Stream, customerId) < (ulong)percentB * 100UL ? B : A;
}
