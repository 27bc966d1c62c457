using System.Text.Json;
using Guanxi.Domain.Marketing;
using Guanxi.Security;

namespace Guanxi.Marketing;

/// <summary>A campaign as the API and pages show it; audience is the JSON expression, status draft, sending or sent.</summary>
public sealed record CampaignDto(
    long Id, string Name, string Channel, long TemplateId, JsonElement Audience, int ControlPercent, int FrequencyCapDays,
    int AttributionDays, string Status, DateTime? SentAt, DateTime CreatedAt, DateTime UpdatedAt, long Version,
    long? VariantTemplateId = null, int VariantPercent = Campaign.DefaultVariantPercent);

/// <summary>
/// What a campaign is made of; control percent defaults to 10, attribution days to 30, the cap to none (0). An A/B test
/// names a second template of the same channel (<c>variantTemplateId</c>) and the share of the sent group that gets it
/// (<c>variantPercent</c>, 1–99, default 50).
/// </summary>
public sealed record CampaignInput(
    string? Name, long? TemplateId, JsonElement? Audience, int? ControlPercent, int? FrequencyCapDays, int? AttributionDays,
    long? VariantTemplateId = null, int? VariantPercent = null);

/// <summary>One customer of a preview's sample, masked like every answer for roles without personal data.</summary>
public sealed record AudienceSampleDto(
    long Id, string Code, string Name,
    [property: PersonalData(PersonalKind.Phone)] string? Phone,
    [property: PersonalData(PersonalKind.Email)] string? Email,
    [property: PersonalData(PersonalKind.Handle)] string? WeChatId);

/// <summary>
/// Who a campaign reaches: the audience, then who is excluded and why (no consent, unsubscribed, no address, capped —
/// in that order, each customer counted once), then the control group held out of the rest; queued are sent to.
/// </summary>
public sealed record CampaignPreviewDto(
    int Audience, int Queued, int Excluded, int NoConsent, int Unsubscribed, int NoAddress, int Capped, int Control,
    IReadOnlyList<AudienceSampleDto> Sample, int? VariantB = null);

/// <summary>The answer of a send (202): the same counts as the preview, as stored.</summary>
/// <remarks>With a B variant, <c>variantB</c> of the queued get it (the rest get A); null without one.</remarks>
public sealed record CampaignSendDto(string Status, int Audience, int Queued, int Excluded, int NoConsent, int Unsubscribed, int NoAddress, int Capped, int Control, int? VariantB = null)
{
    /// <summary>The CLI's line (issue 16's contract, exactly).</summary>
    public string Line => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"queued {Queued}, excluded {Excluded} (no consent {NoConsent}, unsubscribed {Unsubscribed}, no address {NoAddress}, capped {Capped}), control {Control}");
}

/// <summary>What one group did in the attribution window.</summary>
public sealed record GroupResultDto(long Customers, long Converted, double ConversionRate, long Orders, decimal Revenue, double RevenuePerCustomer);

/// <summary>Sent − control for the conversion rate and revenue per customer, each with its 95 % confidence interval.</summary>
public sealed record UpliftDto(Difference Conversion, Difference RevenuePerCustomer);

/// <summary>The comparison within one layer: the customer's value-model class at send time (null: none).</summary>
public sealed record LayerResultDto(string? Layer, string LayerName, GroupResultDto Sent, GroupResultDto Control, UpliftDto Uplift);

/// <summary>The campaign's outbox rows by status; unsubscribed counts messages whose link was used.</summary>
public sealed record MessageCountsDto(int Queued, int Sent, int Failed, int Excluded, int Unsubscribed);

/// <summary>One variant of an A/B campaign: its template, what its part of the sent group did, and its uplift over the (shared) control group.</summary>
public sealed record VariantResultDto(string Variant, long TemplateId, GroupResultDto Sent, UpliftDto Uplift);

/// <summary>
/// B against A (B − A, with the same 95 % intervals) and the winner (<c>Uplift.Winner</c>): the variant ahead on revenue
/// per customer when that interval excludes 0, else on conversion when that one does, else null (no winner yet).
/// </summary>
public sealed record VariantComparisonDto(UpliftDto BMinusA, string? Winner);

/// <summary>
/// A campaign's results. Every revenue figure is in <c>currency</c>, the base currency (<c>Currency:Base</c>): orders in
/// other currencies are converted with the rate of the month they were placed in; <c>unconvertedOrders</c> of the sent and
/// control groups' window orders had no rate and count as orders and conversions but add nothing to revenue.
/// </summary>
public sealed record CampaignReportDto(
    long CampaignId, DateTime SentAt, int AttributionDays, DateTime WindowEnd, GroupResultDto Sent, GroupResultDto Control, UpliftDto Uplift,
    IReadOnlyList<LayerResultDto> Layers, MessageCountsDto Messages, string Currency, int UnconvertedOrders,
    IReadOnlyList<VariantResultDto>? Variants = null, VariantComparisonDto? Comparison = null);
