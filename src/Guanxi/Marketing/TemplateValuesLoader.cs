using System.Globalization;
using Guanxi.Common;
using Guanxi.Components;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Marketing;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>
/// Reads the placeholder values of many customers at once (a handful of set-based queries, never one per customer):
/// name; honorific and points from the custom fields <c>honorific</c> and <c>points</c> when the company defines them;
/// member tier and recommended offer from the latest finished model run; the last order's date and amount.
/// </summary>
public static class TemplateValuesLoader
{
    public const string HonorificField = "honorific";
    public const string PointsField = "points";

    public static CultureInfo CultureOf(string language) => language == "zh-CN" ? UiCulture.Chinese : CultureInfo.GetCultureInfo("en");

    /// <summary>Values per customer id for the customers in <paramref name="customerIds"/> that the caller sees.</summary>
    public static async Task<Dictionary<long, TemplateValues>> LoadAsync(GuanxiDbContext db, IReadOnlyCollection<long> customerIds, string language, Func<long, string> unsubscribeLink, CancellationToken ct)
    {
        var chinese = language == "zh-CN";
        var culture = CultureOf(language);
        var ids = customerIds.Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var fields = await db.CustomFieldValues.AsNoTracking()
            .Where(v => ids.Contains(v.CustomerId))
            .Join(db.CustomFieldDefinitions.Where(d => d.Key == HonorificField || d.Key == PointsField), v => v.FieldId, d => d.Id, (v, d) => new { v.CustomerId, d.Key, v.Value })
            .ToListAsync(ct);
        var lastOrders = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.CustomerId) && o.OrderedAt == db.Orders.Where(x => x.CustomerId == o.CustomerId).Max(x => x.OrderedAt))
            .Select(o => new { o.CustomerId, o.Id, o.OrderedAt, o.AmountCents, o.Currency })
            .ToListAsync(ct);
        var runId = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        var classes = runId is { } run
            ? await db.ModelResults.AsNoTracking().Where(r => r.RunId == run && ids.Contains(r.CustomerId))
                .Select(r => new { r.CustomerId, r.MemberTier, r.Lost, r.RfmSegment, r.Value }).ToDictionaryAsync(r => r.CustomerId, ct)
            : [];

        var result = new Dictionary<long, TemplateValues>(customers.Count);
        foreach (var c in customers)
        {
            var honorific = fields.FirstOrDefault(f => f.CustomerId == c.Id && f.Key == HonorificField)?.Value;
            var pointsText = fields.FirstOrDefault(f => f.CustomerId == c.Id && f.Key == PointsField)?.Value;
            long points = decimal.TryParse(pointsText, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? (long)Math.Floor(p) : 0;
            var last = lastOrders.Where(o => o.CustomerId == c.Id).OrderByDescending(o => o.Id).FirstOrDefault();
            classes.TryGetValue(c.Id, out var row);
            string tier = "", offer = "";
            if (row is not null)
            {
                var tierClass = Models.ModelQueries.Key(ModelCatalog.MemberTier, row.MemberTier);
                tier = tierClass is null ? "" : ClassName(ModelCatalog.MemberTier, tierClass, chinese);
                offer = Offer([(ModelKeys.Lost, Models.ModelQueries.Key(ModelCatalog.Lost, row.Lost)), (ModelKeys.RfmSegment, Models.ModelQueries.Key(ModelCatalog.Rfm, row.RfmSegment)),
                    (ModelKeys.Value, Models.ModelQueries.Key(ModelCatalog.Value, row.Value)), (ModelKeys.MemberTier, tierClass)], chinese);
            }
            result[c.Id] = new TemplateValues(
                c.Name,
                string.IsNullOrWhiteSpace(honorific) ? (chinese ? "尊敬的客户" : "Dear customer") : honorific.Trim(),
                tier,
                points,
                last is null ? "" : Formats.Date(DateOnly.FromDateTime(last.OrderedAt), culture),
                last is null ? "" : Formats.Amount(last.AmountCents / 100m, last.Currency, culture),
                offer,
                unsubscribeLink(c.Id));
        }
        return result;
    }

    private static string ClassName(ModelDefinition model, string key, bool chinese)
    {
        var cls = model.Classes.First(c => c.Key == key);
        return chinese ? cls.NameZh : cls.NameEn;
    }

    /// <summary>The next step of the first key signal that asks for one (a retained customer's "keep in touch" is no offer).</summary>
    private static string Offer(IEnumerable<(string Model, string? Class)> signals, bool chinese)
    {
        foreach (var (model, cls) in signals)
        {
            if (cls is null || cls == LostClasses.Retained || KeySignals.Of(model, cls) is not { } meaning) continue;
            return chinese ? meaning.NextZh : meaning.NextEn;
        }
        return "";
    }
}
