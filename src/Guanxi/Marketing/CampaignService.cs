using System.Security.Cryptography;
using System.Text.Json;
using Guanxi.Common;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Guanxi.Orders;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>
/// Campaigns: CRUD, the preview (who is reached, who is excluded and why, the control group), the send (recipients
/// stored, then the sent group's messages written to the outbox; idempotent) and the uplift report.
/// </summary>
public sealed class CampaignService(
    IDbContextFactory<GuanxiDbContext> contexts, OutboxWriter writer, CustomerSearch search, CurrencyRateService currencies, TimeProvider time)
{
    public const int SampleSize = 10;

    public async Task<IReadOnlyList<CampaignDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(ct);
        return [.. list.Select(ToDto)];
    }

    public async Task<CampaignDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await FindAsync(db, id, false, ct));
    }

    public async Task<CampaignDto> CreateAsync(CampaignInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = new Campaign { Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)), Status = CampaignStatus.Draft };
        await ApplyAsync(db, c, input, ct);
        db.Campaigns.Add(c);
        await db.SaveChangesAsync(ct);
        return ToDto(c);
    }

    public async Task<CampaignDto> UpdateAsync(long id, CampaignInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await FindAsync(db, id, true, ct);
        if (expectedVersion is { } v && v != c.Version) throw new ConcurrencyConflictException($"Campaign {id} is at version {c.Version}, not {v}. Reload and apply the change again.");
        if (c.Status != CampaignStatus.Draft) throw new ConflictException($"Campaign {id} was sent; only a draft is changed.");
        await ApplyAsync(db, c, input, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(c);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await FindAsync(db, id, true, ct);
        if (c.Status != CampaignStatus.Draft) throw new ConflictException($"Campaign {id} was sent; its recipients and report are kept, so it is not deleted.");
        db.Campaigns.Remove(c);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Who the campaign would reach now, with a masked sample of the queued customers; nothing is written.</summary>
    public async Task<CampaignPreviewDto> PreviewAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await FindAsync(db, id, false, ct);
        var draw = await DrawAsync(db, c, withLayer: false, ct);
        var sampleIds = draw.Where(r => r.Group == RecipientGroup.Sent).Take(SampleSize).Select(r => r.CustomerId).ToList();
        var sample = await db.Customers.AsNoTracking().Where(x => sampleIds.Contains(x.Id)).OrderBy(x => x.Id)
            .Select(x => new AudienceSampleDto(x.Id, x.Code, x.Name, x.Phone, x.Email, x.WeChatId)).ToListAsync(ct);
        var counts = Count(draw, "preview");
        return Security.PersonalData.ForCaller(new CampaignPreviewDto(counts.Audience, counts.Queued, counts.Excluded, counts.NoConsent, counts.Unsubscribed,
            counts.NoAddress, counts.Capped, counts.Control, sample, counts.VariantB));
    }

    /// <summary>
    /// Sends the campaign: draws the recipients (audience → exclusions → control group from the stored seed), stores
    /// them in bulk, then writes the sent group's messages to the outbox with the key <c>campaign:{id}</c>. A campaign
    /// already sent answers its stored counts and writes nothing; one interrupted after its recipients were stored keeps
    /// them and writes only the messages still missing. <paramref name="dryRun"/> computes the counts and writes nothing.
    /// </summary>
    public async Task<CampaignSendDto> SendAsync(long id, bool dryRun = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!dryRun) db.Demand(Right.ManageMarketing);
        var c = await FindAsync(db, id, true, ct);
        if (dryRun) return Count(await DrawAsync(db, c, withLayer: false, ct), "dry run");
        if (c.Status == CampaignStatus.Sent) return Count(await StoredAsync(db, id, ct), "queued");

        var stored = await StoredAsync(db, id, ct);
        if (stored.Count == 0)
        {
            var draw = await DrawAsync(db, c, withLayer: true, ct);
            // One transaction: the recipients are stored whole or not at all, so an interrupted send starts over.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                c.Status = CampaignStatus.Sending;
                c.SentAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct); // the version check: a second send at the same moment gets 409
                foreach (var chunk in draw.Chunk(5000))
                {
                    db.CampaignRecipients.AddRange(chunk);
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
                await tx.CommitAsync(ct);
            }
            stored = draw;
            db.Attach(c);
        }
        var key = "campaign:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A/B: each variant's customers get its template; the key is the campaign's either way, so a customer is written once.
        foreach (var variant in stored.Where(r => r.Group == RecipientGroup.Sent).GroupBy(r => r.Variant).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var template = variant.Key == VariantSplit.B && c.VariantTemplateId is { } b ? b : c.TemplateId;
            await writer.WriteAsync(template, [.. variant.Select(r => r.CustomerId)], key, campaignId: id, ct: ct);
        }
        c.Status = CampaignStatus.Sent;
        await db.SaveChangesAsync(ct);
        return Count(stored, "queued");
    }

    /// <summary>
    /// Sent versus control in the attribution window after the send (orders from the send instant up to window days
    /// later), overall and per layer — the value-model class each customer had in the latest finished run at send
    /// time, stored with the recipient — plus the campaign's messages by status. Revenue is in the base currency
    /// (<c>Currency:Base</c>): one grouped query over the recipients sums each one's base-currency orders in the window in
    /// the database (and counts every order); a second reads, only for the few recipients with window orders in another
    /// currency, those recipients' window orders, which are converted per order with their month's rate
    /// (<see cref="Domain.Orders.CurrencyRates"/>) and correct their group's revenue and sum of squares. Orders without a
    /// rate count as orders and conversions, not as revenue, and are counted in <c>unconvertedOrders</c>.
    /// </summary>
    public async Task<CampaignReportDto> ReportAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await FindAsync(db, id, false, ct);
        if (c.Status != CampaignStatus.Sent || c.SentAt is not { } from) throw ValidationException.For("status", "The campaign has not been sent yet: there is nothing to report.");
        // Orders carry the business's local time (Order.OrderedAt), so the window is the send instant in local time.
        var localFrom = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)), time.LocalTimeZone).DateTime;
        var localTo = localFrom.AddDays(c.AttributionDays);
        // The grouped queries sum base-currency orders only (Squares from that base-only revenue); Converted corrects both.
        string baseCode = currencies.Base;
        var rows = await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == id && r.Group != RecipientGroup.Excluded)
            .Select(r => new
            {
                r.Group,
                r.ValueClass,
                Orders = db.Orders.Count(o => o.CustomerId == r.CustomerId && o.OrderedAt >= localFrom && o.OrderedAt < localTo),
                Revenue = db.Orders.Where(o => o.CustomerId == r.CustomerId && o.OrderedAt >= localFrom && o.OrderedAt < localTo && o.Currency == baseCode).Sum(o => (long?)o.AmountCents) ?? 0,
            })
            .GroupBy(r => new { r.Group, r.ValueClass })
            .Select(g => new
            {
                g.Key.Group,
                g.Key.ValueClass,
                Customers = g.LongCount(),
                Converted = g.LongCount(x => x.Orders > 0),
                Orders = g.Sum(x => (long)x.Orders),
                Revenue = g.Sum(x => x.Revenue),
                Squares = g.Sum(x => (double)x.Revenue * (double)x.Revenue),
            })
            .ToListAsync(ct);
        var foreign = await ConvertedAsync(db, id, localFrom, localTo, baseCode, ct);
        GroupOutcome Outcome(RecipientGroup group, short? layer, bool all)
        {
            var parts = rows.Where(r => r.Group == group && (all || r.ValueClass == layer)).ToList();
            var fixes = foreign.Where(f => f.Group == group && (all || f.ValueClass == layer)).ToList();
            // Cents to currency units; squares of cents to squares of units.
            return new GroupOutcome(parts.Sum(p => p.Customers), parts.Sum(p => p.Converted), parts.Sum(p => p.Orders),
                (parts.Sum(p => p.Revenue) + fixes.Sum(f => f.RevenueDelta)) / 100m, (parts.Sum(p => p.Squares) + fixes.Sum(f => f.SquaresDelta)) / 10_000d);
        }
        var chinese = Components.UiCulture.IsChinese(System.Globalization.CultureInfo.CurrentUICulture);
        var layers = rows.Select(r => r.ValueClass).Distinct().OrderBy(v => v ?? short.MaxValue).Select(v =>
        {
            var key = Models.ModelQueries.Key(Domain.Models.ModelCatalog.Value, v);
            var cls = key is null ? null : Domain.Models.ModelCatalog.Value.Classes.First(x => x.Key == key);
            var s = Outcome(RecipientGroup.Sent, v, false);
            var k = Outcome(RecipientGroup.Control, v, false);
            return new LayerResultDto(key, cls is null ? (chinese ? "无分层" : "No layer") : chinese ? cls.NameZh : cls.NameEn, Result(s), Result(k), UpliftOf(s, k));
        }).ToList();
        var sent = Outcome(RecipientGroup.Sent, null, true);
        var control = Outcome(RecipientGroup.Control, null, true);
        var statuses = await db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == id).GroupBy(m => m.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        int N(params OutboxStatus[] s) => statuses.Where(x => s.Contains(x.Key)).Sum(x => x.N);
        var unsubscribed = await db.OutboxMessages.AsNoTracking().CountAsync(m => m.CampaignId == id && m.UnsubscribedAt != null, ct);
        List<VariantResultDto>? variants = null;
        VariantComparisonDto? comparison = null;
        if (c.VariantTemplateId is { } variantTemplate)
        {
            // The sent group split by variant, each against the whole control group (one query, grouped as above).
            var split = await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == id && r.Group == RecipientGroup.Sent)
                .Select(r => new
                {
                    r.Variant,
                    Orders = db.Orders.Count(o => o.CustomerId == r.CustomerId && o.OrderedAt >= localFrom && o.OrderedAt < localTo),
                    Revenue = db.Orders.Where(o => o.CustomerId == r.CustomerId && o.OrderedAt >= localFrom && o.OrderedAt < localTo && o.Currency == baseCode).Sum(o => (long?)o.AmountCents) ?? 0,
                })
                .GroupBy(r => r.Variant)
                .Select(g => new
                {
                    Variant = g.Key,
                    Customers = g.LongCount(),
                    Converted = g.LongCount(x => x.Orders > 0),
                    Orders = g.Sum(x => (long)x.Orders),
                    Revenue = g.Sum(x => x.Revenue),
                    Squares = g.Sum(x => (double)x.Revenue * (double)x.Revenue),
                })
                .ToListAsync(ct);
            GroupOutcome Of(string v)
            {
                if (split.FirstOrDefault(x => x.Variant == v) is not { } x) return new GroupOutcome(0, 0, 0, 0, 0);
                var fixes = foreign.Where(f => f.Group == RecipientGroup.Sent && f.Variant == v).ToList();
                return new GroupOutcome(x.Customers, x.Converted, x.Orders, (x.Revenue + fixes.Sum(f => f.RevenueDelta)) / 100m, (x.Squares + fixes.Sum(f => f.SquaresDelta)) / 10_000d);
            }
            GroupOutcome a = Of(VariantSplit.A), b = Of(VariantSplit.B);
            variants =
            [
                new VariantResultDto(VariantSplit.A, c.TemplateId, Result(a), UpliftOf(a, control)),
                new VariantResultDto(VariantSplit.B, variantTemplate, Result(b), UpliftOf(b, control)),
            ];
            var bMinusA = UpliftOf(b, a);
            comparison = new VariantComparisonDto(bMinusA, Uplift.Winner(bMinusA.RevenuePerCustomer, bMinusA.Conversion));
        }
        return new CampaignReportDto(id, from, c.AttributionDays, from.AddDays(c.AttributionDays), Result(sent), Result(control), UpliftOf(sent, control), layers,
            new MessageCountsDto(N(OutboxStatus.Queued, OutboxStatus.Sending), N(OutboxStatus.Sent), N(OutboxStatus.Failed), N(OutboxStatus.Excluded), unsubscribed),
            baseCode, foreign.Sum(f => f.Unconverted), variants, comparison);
    }

    /// <summary>
    /// One recipient with window orders outside the base currency: its revenue as the grouped query summed it (base-currency
    /// orders only) and as converted (every order that has a rate), and how many of its orders had none.
    /// </summary>
    private sealed record ConvertedRecipient(RecipientGroup Group, short? ValueClass, string? Variant, long BaseOnly, long Converted, int Unconverted)
    {
        public long RevenueDelta => Converted - BaseOnly;

        /// <summary>What replacing the base-only revenue by the converted one changes in the group's sum of squares.</summary>
        public double SquaresDelta => ((double)Converted * Converted) - ((double)BaseOnly * BaseOnly);
    }

    /// <summary>
    /// The recipients (sent and control) with a window order not in the base currency — rare — with all their window
    /// orders read once (a join, no row per other recipient), each converted with the rate of the month it was placed
    /// in, rounded per order; the rates are read only when there is such an order.
    /// </summary>
    private async Task<List<ConvertedRecipient>> ConvertedAsync(GuanxiDbContext db, long id, DateTime localFrom, DateTime localTo, string baseCode, CancellationToken ct)
    {
        var orders = await (
            from r in db.CampaignRecipients.AsNoTracking()
            where r.CampaignId == id && r.Group != RecipientGroup.Excluded
                && db.Orders.Any(o => o.CustomerId == r.CustomerId && o.OrderedAt >= localFrom && o.OrderedAt < localTo && o.Currency != baseCode)
            join o in db.Orders.AsNoTracking() on r.CustomerId equals o.CustomerId
            where o.OrderedAt >= localFrom && o.OrderedAt < localTo
            select new { r.CustomerId, r.Group, r.ValueClass, r.Variant, o.Currency, o.OrderedAt, o.AmountCents }).ToListAsync(ct);
        if (orders.Count == 0) return [];
        var rates = await currencies.LoadAsync(ct);
        return [.. orders.GroupBy(o => o.CustomerId).Select(g =>
        {
            long baseOnly = 0, converted = 0;
            var unconverted = 0;
            foreach (var o in g)
            {
                // Exactly the grouped query's test (an order stored as "cny" still converts at 1 below).
                if (string.Equals(o.Currency, baseCode, StringComparison.Ordinal)) baseOnly += o.AmountCents;
                if (rates.TryConvert(o.Currency, DateOnly.FromDateTime(o.OrderedAt).DayNumber, o.AmountCents, out var cents)) converted += cents;
                else unconverted++;
            }
            var r = g.First();
            return new ConvertedRecipient(r.Group, r.ValueClass, r.Variant, baseOnly, converted, unconverted);
        })];
    }

    private static GroupResultDto Result(GroupOutcome o) => new(o.Customers, o.Converted, o.ConversionRate, o.Orders, o.Revenue, o.RevenuePerCustomer);

    private static UpliftDto UpliftOf(GroupOutcome sent, GroupOutcome control) => new(Uplift.Conversion(sent, control), Uplift.RevenuePerCustomer(sent, control));

    private static async Task<List<CampaignRecipient>> StoredAsync(GuanxiDbContext db, long id, CancellationToken ct) =>
        await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == id).OrderBy(r => r.CustomerId).ToListAsync(ct);

    private static CampaignSendDto Count(IReadOnlyCollection<CampaignRecipient> rows, string status)
    {
        int Reason(string reason) => rows.Count(r => r.Group == RecipientGroup.Excluded && r.Reason == reason);
        int noConsent = Reason(OutboxWriter.NoConsentReason), unsubscribed = Reason(OutboxWriter.UnsubscribedReason),
            noAddress = Reason(OutboxWriter.NoAddressReason), capped = Reason(OutboxWriter.CappedReason);
        var variantB = rows.Any(r => r.Variant is not null) ? rows.Count(r => r.Variant == VariantSplit.B) : (int?)null;
        return new CampaignSendDto(status, rows.Count, rows.Count(r => r.Group == RecipientGroup.Sent), noConsent + unsubscribed + noAddress + capped,
            noConsent, unsubscribed, noAddress, capped, rows.Count(r => r.Group == RecipientGroup.Control), variantB);
    }

    /// <summary>
    /// The campaign's recipients as they would be drawn now, in customer-id order: one query resolves the audience in
    /// the database with, per customer, the channel's address, its consents, whether anything was sent to them within
    /// the frequency cap and their value class; the exclusions follow the outbox writer's order (no address, then
    /// consent) and the cap comes last; the control group is drawn from the rest by the stored seed, and with a B
    /// variant the sent group is split A/B by the same seed (an independent draw). Per customer the database looks at
    /// the consents once, at recent messages only with a cap, and at the value class only <paramref name="withLayer"/>
    /// (the send stores it; a preview or dry run counts only) — over 1M customers each look costs about a second.
    /// </summary>
    private async Task<List<CampaignRecipient>> DrawAsync(GuanxiDbContext db, Campaign c, bool withLayer, CancellationToken ct)
    {
        var node = await AudienceFilter.ValidateAsync(db, c.Audience, ct);
        var run = await AudienceFilter.LatestRunAsync(db, ct);
        var channel = TemplateService.ChannelName(c.Channel);
        var cap = c.FrequencyCapDays;
        var since = time.GetUtcNow().UtcDateTime.AddDays(-Math.Max(0, cap));
        var runId = run ?? 0;
        var audience = await AudienceFilter.CustomersAsync(db, search, node, run, ct);
        var recent = RecentlyContacted(db, since);
        var rows = await audience.AsNoTracking().OrderBy(x => x.Id).Select(x => new
        {
            x.Id,
            Address = c.Channel == MarketingChannel.Email ? x.Email : c.Channel == MarketingChannel.Sms ? x.Phone : x.WeChatId,
            // The channel's consents in one look: none (null), an active one (0) or only withdrawn ones (1).
            Consent = db.Consents.Where(k => k.CustomerId == x.Id && k.Channel == channel).Min(k => (int?)(k.WithdrawnAt == null ? 0 : 1)),
            Capped = cap > 0 ? recent.Any(m => m.CustomerId == x.Id) : false,
            Value = withLayer ? db.ModelResults.Where(r => r.RunId == runId && r.CustomerId == x.Id).Select(r => r.Value).FirstOrDefault() : null,
        }).ToListAsync(ct);
        if (rows.Count == 0) throw ValidationException.For("audience", "The audience is empty: no customer in your reach matches it.");
        var result = new List<CampaignRecipient>(rows.Count);
        foreach (var r in rows)
        {
            string? reason = string.IsNullOrWhiteSpace(r.Address) ? OutboxWriter.NoAddressReason
                : r.Consent == 0 ? (r.Capped ? OutboxWriter.CappedReason : null)
                : r.Consent is not null ? OutboxWriter.UnsubscribedReason
                : OutboxWriter.NoConsentReason;
            var group = reason is not null ? RecipientGroup.Excluded
                : ControlGroup.IsControl(c.Seed, r.Id, c.ControlPercent) ? RecipientGroup.Control
                : RecipientGroup.Sent;
            var variant = group == RecipientGroup.Sent && c.VariantTemplateId is not null ? VariantSplit.Of(c.Seed, r.Id, c.VariantPercent) : null;
            result.Add(new CampaignRecipient { CampaignId = c.Id, CustomerId = r.Id, Group = group, Reason = reason, ValueClass = r.Value, Variant = variant });
        }
        return result;
    }

    /// <summary>
    /// The frequency cap: outbox messages written since <paramref name="since"/> that were not themselves excluded, by any
    /// campaign or care rule. A customer with one is "capped" (campaigns and care rules share this rule).
    /// </summary>
    internal static IQueryable<OutboxMessage> RecentlyContacted(GuanxiDbContext db, DateTime since) =>
        db.OutboxMessages.Where(m => m.Status != OutboxStatus.Excluded && m.CreatedAt >= since);

    private static async Task<Campaign> FindAsync(GuanxiDbContext db, long id, bool tracked, CancellationToken ct)
    {
        var q = tracked ? db.Campaigns : db.Campaigns.AsNoTracking();
        return await q.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Campaign");
    }

    private static async Task ApplyAsync(GuanxiDbContext db, Campaign c, CampaignInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrWhiteSpace(name)) e.Add("name", "A campaign needs a name.");
        e.MaxLength("name", name, Campaign.NameMaxLength);
        var control = input.ControlPercent ?? Campaign.DefaultControlPercent;
        if (control is < 0 or > Campaign.MaxControlPercent) e.Add("controlPercent", $"The control group is 0 to {Campaign.MaxControlPercent} % of the audience.");
        var cap = input.FrequencyCapDays ?? 0;
        if (cap is < 0 or > Campaign.MaxDays) e.Add("frequencyCapDays", $"The frequency cap is 0 (none) to {Campaign.MaxDays} days.");
        var window = input.AttributionDays ?? Campaign.DefaultAttributionDays;
        if (window is < 1 or > Campaign.MaxDays) e.Add("attributionDays", $"The attribution window is 1 to {Campaign.MaxDays} days.");
        MessageTemplate? template = null;
        if (input.TemplateId is not { } templateId) e.Add("templateId", "A campaign needs a template.");
        else if ((template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct)) is null) e.Add("templateId", $"Template {templateId} was not found.");
        var variantPercent = input.VariantPercent ?? Campaign.DefaultVariantPercent;
        if (variantPercent is < 1 or > 99) e.Add("variantPercent", "The B variant gets 1 to 99 % of the sent group.");
        MessageTemplate? variantTemplate = null;
        if (input.VariantTemplateId is { } variantId)
        {
            if ((variantTemplate = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == variantId, ct)) is null) e.Add("variantTemplateId", $"Template {variantId} was not found.");
            else if (variantId == input.TemplateId) e.Add("variantTemplateId", "The B variant needs a template other than A's.");
            else if (template is not null && variantTemplate.Channel != template.Channel) e.Add("variantTemplateId", "The B variant's template must use the same channel as A's.");
        }
        string? audience = input.Audience is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } a ? a.GetRawText() : null;
        if (audience is { Length: > Campaign.AudienceMaxLength }) e.Add("audience", $"The audience is longer than {Campaign.AudienceMaxLength} characters.");
        else
        {
            try
            {
                await AudienceFilter.ValidateAsync(db, audience, ct);
            }
            catch (ValidationException v)
            {
                foreach (var m in v.Errors["audience"]) e.Add("audience", m);
            }
        }
        e.ThrowIfAny();
        if (await db.Campaigns.AnyAsync(x => x.Name == name && x.Id != c.Id, ct)) throw ValidationException.For("name", "Another campaign has this name.");
        c.Name = name!;
        c.TemplateId = template!.Id;
        c.Channel = template.Channel;
        c.Audience = audience!;
        c.ControlPercent = control;
        c.FrequencyCapDays = cap;
        c.AttributionDays = window;
        c.VariantTemplateId = variantTemplate?.Id;
        c.VariantPercent = variantPercent;
    }

    internal static CampaignDto ToDto(Campaign c)
    {
        using var audience = JsonDocument.Parse(c.Audience);
        return new CampaignDto(c.Id, c.Name, TemplateService.ChannelName(c.Channel), c.TemplateId, audience.RootElement.Clone(), c.ControlPercent, c.FrequencyCapDays,
            c.AttributionDays, c.Status.ToString().ToLowerInvariant(), c.SentAt, c.CreatedAt, c.UpdatedAt, c.Version, c.VariantTemplateId, c.VariantPercent);
    }
}
