using Guanxi.Data;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>
/// Order counts and amounts per currency and calendar month, the input of <see cref="Domain.Orders.CurrencyRates.SumMonths"/>
/// (each currency's month converts with that month's rate). The home page's figure and its trend read them the same way.
/// </summary>
public static class OrderMonthSums
{
    /// <summary>
    /// The months in [<paramref name="from"/>, <paramref name="until"/>). A caller who sees every customer reads the kept
    /// monthly facts (<see cref="OrderMonthFact"/>, a few hundred rows); a narrower reach groups its own orders, which carry
    /// the orders' query filter themselves.
    /// </summary>
    public static async Task<List<(string Currency, int Year, int Month, long Orders, long Cents)>> ReadAsync(
        GuanxiDbContext db, bool seesAll, DateOnly from, DateOnly until, CancellationToken ct)
    {
        if (seesAll)
        {
            var facts = await db.OrderMonthFacts.AsNoTracking()
                .Where(f => f.Month >= from && f.Month < until && f.OrderCount != 0).ToListAsync(ct);
            return facts.Select(f => (f.Currency, f.Month.Year, f.Month.Month, f.OrderCount, f.TotalCents)).ToList();
        }
        DateTime since = from.ToDateTime(TimeOnly.MinValue), before = until.ToDateTime(TimeOnly.MinValue);
        var rows = await db.Orders.Where(o => o.OrderedAt >= since && o.OrderedAt < before)
            .GroupBy(o => new { o.Currency, o.OrderedAt.Year, o.OrderedAt.Month })
            .Select(g => new { g.Key.Currency, g.Key.Year, g.Key.Month, Orders = g.LongCount(), Cents = g.Sum(o => o.AmountCents) })
            .ToListAsync(ct);
        return rows.Select(r => (r.Currency, r.Year, r.Month, r.Orders, r.Cents)).ToList();
    }
}
