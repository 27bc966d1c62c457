using System.Globalization;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Guanxi.Export;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

/// <summary>
/// One CSV row per customer of a run, in the contract's columns, streamed in customer order (keyset pages,
/// never the whole run in memory). Classes are written as their keys; the RFM segment as the bench README's text.
/// </summary>
public sealed class ModelExport(IDbContextFactory<GuanxiDbContext> contexts)
{
    public static readonly string[] Header =
    [
        "customer_code", "recency_days", "frequency", "monetary", "r", "f", "m", "rfm_segment", "value", "active",
        "undeveloped", "unsatisfied", "repeat_purchase", "first_purchase", "lost", "potential", "social", "comprehensive",
        "lifecycle", "category", "credit_rating", "member_tier", "relationship_recommended", "relationship_practised",
        "p_alive", "expected_purchases_90d", "clv",
    ];

    private const int Page = 20_000;

    /// <summary>Writes the run (latest succeeded one when null); returns the run id and the row count.</summary>
    public async Task<(long RunId, long Rows)> WriteCsvAsync(Stream output, long? runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        long id = runId ?? await db.ModelRuns.Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(ct) ?? throw new Common.NotFoundException("A finished model run");
        if (!await db.ModelRuns.AnyAsync(r => r.Id == id && r.Status == ModelRunStatus.Succeeded, ct))
        {
            throw new Common.NotFoundException($"Finished model run {id}");
        }

        await using var writer = CsvWriter.OpenExcelFriendly(output);
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(Header, ct);
        long rows = 0;
        long after = 0;
        var fields = new string?[Header.Length];
        while (true)
        {
            var page = await db.ModelResults.AsNoTracking()
                .Where(r => r.RunId == id && r.CustomerId > after)
                .OrderBy(r => r.CustomerId)
                .Take(Page)
                .Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => new { r, c.Code })
                .ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var item in page)
            {
                Fill(fields, item.Code, item.r);
                await csv.WriteRowAsync(fields, ct);
            }

            rows += page.Count;
            after = page[^1].r.CustomerId;
        }

        return (id, rows);
    }

    private static void Fill(string?[] f, string code, ModelResultRow r)
    {
        var inv = CultureInfo.InvariantCulture;
        bool buyer = r.Frequency > 0;
        f[0] = SpreadsheetCell.Safe(code);
        f[1] = r.RecencyDays?.ToString(inv);
        f[2] = r.Frequency.ToString(inv);
        f[3] = (r.MonetaryCents / 100m).ToString("0.00", inv);
        f[4] = buyer ? r.R.ToString(inv) : null;
        f[5] = buyer ? r.F.ToString(inv) : null;
        f[6] = buyer ? r.M.ToString(inv) : null;
        f[7] = r.RfmSegment is { } s ? ModelCatalog.Rfm.Classes[s].NameEn : null;
        f[8] = Key(ModelCatalog.Value, r.Value);
        f[9] = Key(ModelCatalog.Active, r.Active);
        f[10] = Key(ModelCatalog.Undeveloped, r.Undeveloped);
        f[11] = Key(ModelCatalog.Unsatisfied, r.Unsatisfied);
        f[12] = Key(ModelCatalog.RepeatPurchase, r.RepeatPurchase);
        f[13] = Key(ModelCatalog.FirstPurchase, r.FirstPurchase);
        f[14] = Key(ModelCatalog.Lost, r.Lost);
        f[15] = Key(ModelCatalog.Potential, r.Potential);
        f[16] = Key(ModelCatalog.Social, r.Social);
        f[17] = Key(ModelCatalog.Comprehensive, r.Comprehensive);
        f[18] = Key(ModelCatalog.Lifecycle, r.Lifecycle);
        f[19] = Key(ModelCatalog.Category, r.Category);
        f[20] = Key(ModelCatalog.CreditRating, r.CreditRating);
        f[21] = Key(ModelCatalog.MemberTier, r.MemberTier);
        f[22] = Key(ModelCatalog.RelationshipRecommended, r.RelationshipRecommended);
        f[23] = Key(ModelCatalog.RelationshipPractised, r.RelationshipPractised);
        f[24] = r.PAlive?.ToString("0.####", inv);
        f[25] = r.ExpectedPurchases90d?.ToString("0.####", inv);
        f[26] = r.Clv?.ToString("0.00", inv);
    }

    private static string? Key(ModelDefinition model, short? index) => ModelQueries.Key(model, index);
}
