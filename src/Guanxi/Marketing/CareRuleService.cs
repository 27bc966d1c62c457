using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>Care rules (客户关怀): list, read, create, change, delete. <see cref="CareRunner"/> runs them.</summary>
public sealed class CareRuleService(IDbContextFactory<GuanxiDbContext> contexts)
{
    public async Task<IReadOnlyList<CareRuleDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.CareRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        return [.. list.Select(ToDto)];
    }

    public async Task<CareRuleDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await FindAsync(db, id, false, ct));
    }

    public async Task<CareRuleDto> CreateAsync(CareRuleInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = new CareRule();
        await ApplyAsync(db, r, input, ct);
        db.CareRules.Add(r);
        await db.SaveChangesAsync(ct);
        return ToDto(r);
    }

    public async Task<CareRuleDto> UpdateAsync(long id, CareRuleInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var r = await FindAsync(db, id, true, ct);
        if (expectedVersion is { } v && v != r.Version) throw new ConcurrencyConflictException($"Care rule {id} is at version {r.Version}, not {v}. Reload and apply the change again.");
        await ApplyAsync(db, r, input, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(r);
    }

    /// <summary>Deletes the rule; its outbox messages keep their care rule id.</summary>
    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.CareRules.Remove(await FindAsync(db, id, true, ct));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<CareRule> FindAsync(GuanxiDbContext db, long id, bool tracked, CancellationToken ct)
    {
        var q = tracked ? db.CareRules : db.CareRules.AsNoTracking();
        return await q.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Care rule");
    }

    /// <summary>HH:mm (or H:mm), or null for an empty value; <paramref name="ok"/> false for anything else.</summary>
    public static TimeOnly? ParseTime(string? value, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        ok = false;
        return null;
    }

    private static async Task ApplyAsync(GuanxiDbContext db, CareRule r, CareRuleInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrWhiteSpace(name)) e.Add("name", "A care rule needs a name.");
        e.MaxLength("name", name, CareRule.NameMaxLength);
        var kind = CareNames.ParseKind(input.Kind);
        if (kind is null) e.Add("kind", "The kind is one of: " + string.Join(", ", CareNames.KindKeys) + ".");
        Domain.Care.Festival? festival = null;
        if (kind == CareRuleKind.Festival)
        {
            festival = CareNames.ParseFestival(input.Festival);
            if (festival is null)
                e.Add("festival", string.IsNullOrWhiteSpace(input.Festival) ? "A festival rule needs a festival: " + string.Join(", ", CareNames.FestivalKeys) + "."
                    : $"Unknown festival \"{input.Festival}\"; it is one of: " + string.Join(", ", CareNames.FestivalKeys) + ".");
        }
        else if (!string.IsNullOrWhiteSpace(input.Festival)) e.Add("festival", "Only a festival rule has a festival.");
        var days = input.Days ?? 0;
        if (days is < 0 or > CareRule.MaxDays) e.Add("days", $"Days are 0 to {CareRule.MaxDays}.");
        else if (days != 0 && kind is CareRuleKind.WinBack or CareRuleKind.ChurnWarning) e.Add("days", "A win-back or churn-warning rule acts on the latest model run; it takes no days (0).");
        var cap = input.FrequencyCapDays ?? 0;
        if (cap is < 0 or > CareRule.MaxCapDays) e.Add("frequencyCapDays", $"The frequency cap is 0 (none) to {CareRule.MaxCapDays} days.");
        var from = ParseTime(input.QuietFrom, out var fromOk);
        var to = ParseTime(input.QuietTo, out var toOk);
        if (!fromOk) e.Add("quietFrom", "Quiet hours start at a time HH:mm.");
        if (!toOk) e.Add("quietTo", "Quiet hours end at a time HH:mm.");
        if (fromOk && toOk && (from is null) != (to is null)) e.Add(from is null ? "quietFrom" : "quietTo", "Quiet hours need both a start and an end (or neither).");
        else if (from is not null && from == to) e.Add("quietTo", "Quiet hours end at another time than they start.");
        MessageTemplate? template = null;
        if (kind == CareRuleKind.ChurnWarning)
        {
            if (input.TemplateId is not null) e.Add("templateId", "A churn warning is an alert to the customer's owner, not a message: it takes no template.");
        }
        else if (input.TemplateId is not { } templateId) e.Add("templateId", "A care rule needs a template.");
        else if ((template = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct)) is null) e.Add("templateId", $"Template {templateId} was not found.");
        e.ThrowIfAny();
        if (await db.CareRules.AnyAsync(x => x.Name == name && x.Id != r.Id, ct)) throw ValidationException.For("name", "Another care rule has this name.");
        r.Name = name!;
        r.Kind = kind!.Value;
        r.Festival = festival;
        r.Days = days;
        r.TemplateId = template?.Id;
        r.Channel = template?.Channel;
        r.QuietFrom = from;
        r.QuietTo = to;
        r.FrequencyCapDays = cap;
        r.Active = input.Active ?? true;
    }

    private static string? Time(TimeOnly? t) => t?.ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static CareRuleDto ToDto(CareRule r) => new(r.Id, r.Name, CareNames.KindKey(r.Kind), r.Festival is { } f ? CareNames.FestivalKey(f) : null, r.Days,
        r.TemplateId, r.Channel is { } c ? TemplateService.ChannelName(c) : null, Time(r.QuietFrom), Time(r.QuietTo), r.FrequencyCapDays, r.Active,
        r.CreatedAt, r.UpdatedAt, r.Version);
}
