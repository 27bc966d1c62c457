using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Orders;
using Guanxi.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guanxi.Orders;

/// <summary>Section <c>Currency</c>: the base currency every converted money figure is in (issue 17).</summary>
public sealed class CurrencyOptions
{
    /// <summary>A 3-letter ISO 4217 code; checked at start.</summary>
    public string Base { get; set; } = CurrencyRates.DefaultBase;

    /// <summary>The configured code, upper-cased.</summary>
    public string BaseCode => CurrencyCode.Normalize(Base) ?? CurrencyRates.DefaultBase;
}

public sealed record CurrencyRateDto(string Currency, string Month, decimal Rate, DateTime UpdatedAt);

/// <summary>The rates, and the base currency they convert into.</summary>
public sealed record CurrencyRateList(string Base, IReadOnlyList<CurrencyRateDto> Items);

public sealed record CurrencyRateInput(decimal? Rate);

/// <summary>Orders of one currency and month that no rate converts: counted and summed in their own currency.</summary>
public sealed record MissingRateDto(string Currency, string Month, int Orders, decimal Amount);

/// <summary>What the converted figures leave out: every currency and month of orders without a rate.</summary>
public sealed record MissingRatesDto(string Base, int Orders, IReadOnlyList<MissingRateDto> Items);

/// <summary>
/// The admin-maintained monthly rate table (<c>currency_rates</c>) and what it leaves unconverted. Reads are open to
/// everyone who sees customers (the missing report counts the orders of the caller's customers); writes need
/// <see cref="Right.ManageSettings"/> and are audited like every settings change.
/// </summary>
public sealed class CurrencyRateService(IDbContextFactory<GuanxiDbContext> contexts, IOptions<CurrencyOptions> options, TimeProvider time)
{
    public string Base => options.Value.BaseCode;

    public async Task<CurrencyRateList> ListAsync(string? currency, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.CurrencyRates.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(currency))
        {
            var code = CurrencyCode.Normalize(currency) ?? throw ValidationException.For("currency", "Use an ISO 4217 currency code such as USD.");
            q = q.Where(r => r.Currency == code);
        }

        var rows = await q.OrderBy(r => r.Currency).ThenByDescending(r => r.Month).ToListAsync(ct);
        return new CurrencyRateList(Base, [.. rows.Select(ToDto)]);
    }

    /// <summary>The rate table as the models and the home figures convert with it: a few rows per currency and month.</summary>
    public async Task<CurrencyRates> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CurrencyRates.AsNoTracking().Select(r => new { r.Currency, r.Month, r.Rate }).ToListAsync(ct);
        return new CurrencyRates(Base, rows.Select(r => (r.Currency, r.Month, r.Rate)));
    }

    /// <summary>The setting the database's rollup triggers read the base currency from (see <see cref="WriteBaseAsync"/>).</summary>
    public const string BaseSettingKey = "currency.base";

    /// <summary>
    /// Tells the database the configured base currency, at start after the upgrade: the customer rollups' spend is kept
    /// in it by triggers, which cannot read configuration. A changed base makes the database re-add every customer's
    /// spend in the new one (a pass over the orders); an unchanged one writes nothing.
    /// </summary>
    public async Task WriteBaseAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == BaseSettingKey, ct);
        if (row?.Value == Base) return;
        if (row is null) db.Settings.Add(new Setting { Key = BaseSettingKey, Value = Base });
        else row.Value = Base;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the rate of a currency for a month (<c>yyyy-MM</c>), adding or replacing it.</summary>
    public async Task<CurrencyRateDto> PutAsync(string currency, string month, CurrencyRateInput input, CancellationToken ct = default)
    {
        var (code, first) = Key(currency, month, out var e);
        if (input.Rate is not { } rate) e.Add("rate", "Give the rate: units of the base currency per one unit of the currency.");
        else if (CurrencyRates.RateProblem(rate) is { } problem) e.Add("rate", problem);
        e.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ManageSettings);
        var row = await db.CurrencyRates.FirstOrDefaultAsync(r => r.Currency == code && r.Month == first, ct);
        if (row is null)
        {
            row = new CurrencyRate { Currency = code!, Month = first };
            db.CurrencyRates.Add(row);
        }

        row.Rate = input.Rate!.Value;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    public async Task DeleteAsync(string currency, string month, CancellationToken ct = default)
    {
        var (code, first) = Key(currency, month, out var e);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.ManageSettings);
        var row = await db.CurrencyRates.FirstOrDefaultAsync(r => r.Currency == code && r.Month == first, ct)
            ?? throw new NotFoundException("Rate");
        db.CurrencyRates.Remove(row);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Every currency and month of the caller's orders that no rate converts into the base currency: one grouped read
    /// of the orders not in the base currency (a scan of the orders table), then the few groups are held against the rates.
    /// </summary>
    public async Task<MissingRatesDto> MissingAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        string baseCode = Base;
        var groups = await db.Orders.AsNoTracking()
            .Where(o => o.Currency != baseCode)
            .GroupBy(o => new { o.Currency, o.OrderedAt.Year, o.OrderedAt.Month })
            .Select(g => new { g.Key.Currency, g.Key.Year, g.Key.Month, Orders = g.Count(), Cents = g.Sum(o => o.AmountCents) })
            .ToListAsync(ct);
        var rates = await LoadAsync(ct);
        var missing = groups
            .Where(g => !rates.IsBase(g.Currency) && rates.RateFor(g.Currency, new DateOnly(g.Year, g.Month, 1)) is null)
            .GroupBy(g => (Currency: g.Currency.ToUpperInvariant(), g.Year, g.Month))
            .Select(g => new MissingRateDto(g.Key.Currency, MonthText(new DateOnly(g.Key.Year, g.Key.Month, 1)), g.Sum(x => x.Orders), g.Sum(x => x.Cents) / 100m))
            .OrderBy(m => m.Currency, StringComparer.Ordinal).ThenByDescending(m => m.Month, StringComparer.Ordinal)
            .ToList();
        return new MissingRatesDto(Base, missing.Sum(m => m.Orders), missing);
    }

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private (string? Code, DateOnly Month) Key(string currency, string month, out FieldErrors e)
    {
        e = new FieldErrors();
        var code = CurrencyCode.Normalize(currency);
        if (code is null) e.Add("currency", "Use an ISO 4217 currency code such as USD.");
        else if (code == Base) e.Add("currency", $"{Base} is the base currency: its orders need no rate.");
        var first = CurrencyRates.ParseMonth(month);
        if (first is null) e.Add("month", "Give the month as yyyy-MM, e.g. 2026-11 (2000 to 2100).");
        return (code, first ?? default);
    }

    private static CurrencyRateDto ToDto(CurrencyRate r) => new(r.Currency, MonthText(r.Month), r.Rate, r.UpdatedAt);
}
