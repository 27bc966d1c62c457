using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Search;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>
/// Turns a <see cref="CustomerQuery"/> into one SQL query with keyset paging; shared by list, export and counts. The
/// text search itself is the provider's <see cref="ICustomerTextSearch"/>.
/// </summary>
public sealed class CustomerSearch(ICustomerTextSearch textSearch)
{
    public IQueryable<Customer> Filter(GuanxiDbContext db, CustomerQuery query)
    {
        IQueryable<Customer> q = db.Customers.AsNoTracking();
        // The text search may replace the query root (short names), so it comes before any other condition.
        if (!string.IsNullOrWhiteSpace(query.Q)) q = Text(db, q, query.Q.Trim());
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim();
            // "id IN (customers with the tag)": driven by the tag index. An EXISTS per customer instead scanned the
            // whole table for a rare tag (290 ms at a million customers, against 5 ms).
            q = q.Where(c => db.CustomerTags.Where(t => t.Tag == tag).Select(t => t.CustomerId).Contains(c.Id));
        }
        if (query.GroupId is { } group) q = q.Where(c => db.CustomerGroupMembers.Where(m => m.GroupId == group).Select(m => m.CustomerId).Contains(c.Id));
        if (!string.IsNullOrWhiteSpace(query.City))
        {
            var city = query.City.Trim();
            q = q.Where(c => c.City == city);
        }
        if (query.OwnerId is { } owner) q = q.Where(c => c.OwnerId == owner);
        if (query.Ids is { } ids)
        {
            var idList = ids.ToList();
            q = q.Where(c => idList.Contains(c.Id));
        }
        if (query.Kind is { } kind) q = q.Where(c => c.Kind == kind);
        if (query.CreatedFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(c => c.CreatedAt >= start);
        }
        // The last day of the calendar has no day after it: nothing to cut off (AddDays would throw, a 500).
        if (query.CreatedTo is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(c => c.CreatedAt < end);
        }
        if (query.HasOrders is { } hasOrders)
        {
            q = hasOrders
                ? q.Where(c => db.Orders.Any(o => o.CustomerId == c.Id))
                : q.Where(c => !db.Orders.Any(o => o.CustomerId == c.Id));
        }
        // Order and first-purchase times are business-local (stored without a zone), so the month's bounds are too.
        if (query.BoughtIn is { } month)
        {
            // Per customer a probe of the orders' (customer, time) index; the list's total stays capped.
            var (start, end) = (month.ToDateTime(TimeOnly.MinValue), month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            q = q.Where(c => db.Orders.Any(o => o.CustomerId == c.Id && o.OrderedAt >= start && o.OrderedAt < end));
        }
        if (query.FirstBoughtIn is { } first)
        {
            // "id IN (the month's first buyers)": a range of the rollups' first-purchase index.
            var (start, end) = (first.ToDateTime(TimeOnly.MinValue), first.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            q = q.Where(c => db.CustomerRollups.Where(r => r.FirstOrderAt >= start && r.FirstOrderAt < end).Select(r => r.CustomerId).Contains(c.Id));
        }
        if (!string.IsNullOrWhiteSpace(query.ModelClass))
        {
            var (property, index) = ModelClassFilter(query.ModelClass);
            q = q.Where(c => db.ModelResults.Any(r =>
                r.CustomerId == c.Id
                && r.RunId == db.ModelRuns.Where(run => run.Status == ModelRunStatus.Succeeded).Max(run => run.Id)
                && EF.Property<short?>(r, property) == index));
        }
        return q;
    }

    /// <summary>The result column and class index of <c>model:class</c>; both are checked against the catalog, never passed through.</summary>
    private static (string Property, short Index) ModelClassFilter(string text)
    {
        var parts = text.Trim().Split(':', 2);
        var model = parts.Length == 2 ? Domain.Models.ModelCatalog.Find(parts[0]) : null;
        int index = model is null ? -1 : model.Classes.ToList().FindIndex(c => c.Key == parts[1]);
        if (model is null || index < 0)
        {
            throw ValidationException.For("modelClass", "Use model:class with a model and class from /api/v1/models, e.g. value:high_value.");
        }

        return (Models.ModelQueries.PropertyOf(model.Key), (short)index);
    }

    /// <summary>
    /// The ordered queries a page reads, one after the other, until it is full. Most sorts are one index walk. A sort by
    /// a rollup figure (spend, orders, last purchase) is two: the customers with the figure, walked down the rollups'
    /// index on it, then the customers without it, newest first; the cursor's empty key says the page is in the second.
    /// </summary>
    public IReadOnlyList<IQueryable<Customer>> Apply(GuanxiDbContext db, CustomerQuery query)
    {
        var q = Filter(db, query);
        PageCursor? after = string.IsNullOrEmpty(query.After) ? null : PageCursor.Decode(query.After);
        if (query.Sort is not (CustomerSort.Spend or CustomerSort.Orders or CustomerSort.LastPurchase)) return [Ordered(q, query.Sort, after)];
        var rest = WithoutFigure(db, q, query.Sort);
        if (after is { Key: "" } r) return [rest.Where(c => c.Id < r.Id).OrderByDescending(c => c.Id)];
        return [WithFigure(db, q, query.Sort, after), rest.OrderByDescending(c => c.Id)];
    }

    private static IQueryable<Customer> WithFigure(GuanxiDbContext db, IQueryable<Customer> q, CustomerSort sort, PageCursor? after)
    {
        var rollups = db.CustomerRollups.AsNoTracking();
        switch (sort)
        {
            case CustomerSort.Spend:
                rollups = rollups.Where(r => r.TotalCents > 0);
                if (after is { } s && long.TryParse(s.Key, CultureInfo.InvariantCulture, out var cents))
                    rollups = rollups.Where(r => r.TotalCents < cents || (r.TotalCents == cents && r.CustomerId < s.Id));
                return q.Join(rollups, c => c.Id, r => r.CustomerId, (c, r) => new { c, r })
                    .OrderByDescending(x => x.r.TotalCents).ThenByDescending(x => x.r.CustomerId).Select(x => x.c);
            case CustomerSort.Orders:
                rollups = rollups.Where(r => r.OrderCount > 0);
                if (after is { } o && int.TryParse(o.Key, CultureInfo.InvariantCulture, out var count))
                    rollups = rollups.Where(r => r.OrderCount < count || (r.OrderCount == count && r.CustomerId < o.Id));
                return q.Join(rollups, c => c.Id, r => r.CustomerId, (c, r) => new { c, r })
                    .OrderByDescending(x => x.r.OrderCount).ThenByDescending(x => x.r.CustomerId).Select(x => x.c);
            default:
                rollups = rollups.Where(r => r.LastOrderAt != null);
                if (after is { } l && long.TryParse(l.Key, CultureInfo.InvariantCulture, out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
                {
                    var at = new DateTime(ticks, DateTimeKind.Unspecified); // a business-local time, as order times are stored
                    rollups = rollups.Where(r => r.LastOrderAt < at || (r.LastOrderAt == at && r.CustomerId < l.Id));
                }
                return q.Join(rollups, c => c.Id, r => r.CustomerId, (c, r) => new { c, r })
                    .OrderByDescending(x => x.r.LastOrderAt).ThenByDescending(x => x.r.CustomerId).Select(x => x.c);
        }
    }

    /// <summary>The customers the figure's walk leaves out: no rollup row, or a zero (empty) figure.</summary>
    private static IQueryable<Customer> WithoutFigure(GuanxiDbContext db, IQueryable<Customer> q, CustomerSort sort) => sort switch
    {
        CustomerSort.Spend => q.Where(c => !db.CustomerRollups.Any(r => r.CustomerId == c.Id && r.TotalCents > 0)),
        CustomerSort.Orders => q.Where(c => !db.CustomerRollups.Any(r => r.CustomerId == c.Id && r.OrderCount > 0)),
        _ => q.Where(c => !db.CustomerRollups.Any(r => r.CustomerId == c.Id && r.LastOrderAt != null)),
    };

    // string.Compare here is translated to SQL and runs in the database's collation, not .NET's culture.
#pragma warning disable CA1309
    private static IQueryable<Customer> Ordered(IQueryable<Customer> q, CustomerSort sort, PageCursor? after)
    {
        switch (sort)
        {
            case CustomerSort.Name:
                if (after is { } n) q = q.Where(c => string.Compare(c.Name, n.Key) > 0 || (c.Name == n.Key && c.Id > n.Id));
                return q.OrderBy(c => c.Name).ThenBy(c => c.Id);
            case CustomerSort.Code:
                if (after is { } k) q = q.Where(c => string.Compare(c.Code, k.Key) > 0 || (c.Code == k.Key && c.Id > k.Id));
                return q.OrderBy(c => c.Code).ThenBy(c => c.Id);
            case CustomerSort.City:
                // Walks ix_customers_city_sort, an index on exactly this expression (migration CustomerCitySort).
                if (after is { } t) q = q.Where(c => string.Compare(c.City ?? "", t.Key) > 0 || ((c.City ?? "") == t.Key && c.Id > t.Id));
                return q.OrderBy(c => c.City ?? "").ThenBy(c => c.Id);
            case CustomerSort.Oldest:
                if (after is { } o) q = q.Where(c => c.Id > o.Id);
                return q.OrderBy(c => c.Id);
            default:
                if (after is { } i) q = q.Where(c => c.Id < i.Id);
                return q.OrderByDescending(c => c.Id);
        }
    }

#pragma warning restore CA1309

    /// <summary>The cursor after a page's last row (read with its figures, which the rollup sorts key on).</summary>
    public static PageCursor CursorOf(CustomerListItem last, CustomerSort sort) => sort switch
    {
        CustomerSort.Spend => new(last.Spend > 0 ? decimal.ToInt64(last.Spend * 100).ToString(CultureInfo.InvariantCulture) : "", last.Id),
        CustomerSort.Orders => new(last.Orders > 0 ? last.Orders.ToString(CultureInfo.InvariantCulture) : "", last.Id),
        CustomerSort.LastPurchase => new(last.LastPurchase is { } at ? at.Ticks.ToString(CultureInfo.InvariantCulture) : "", last.Id),
        CustomerSort.Name => new(last.Name, last.Id),
        CustomerSort.Code => new(last.Code, last.Id),
        CustomerSort.City => new(last.City ?? "", last.Id),
        _ => new(last.Id.ToString(CultureInfo.InvariantCulture), last.Id),
    };

    /// <summary>
    /// What <c>q=</c> matches. A caller who sees personal data masked searches by name and code only: were phone or
    /// e-mail fragments matched, each search would tell whether a guessed next character is right, and the masked
    /// value could be rebuilt one character at a time (issue 12: 5 of 5 phones in 17–27 searches). Even an exact
    /// full number is not matched: with four hidden digits, 10 000 guesses would find it (decision 0015). A text of
    /// ASCII letters also matches the start of the name's pinyin or initials (decision 0021).
    /// </summary>
    private IQueryable<Customer> Text(GuanxiDbContext db, IQueryable<Customer> q, string text)
    {
        if (db.Scope.ViewsPersonalData)
        {
            var digits = PhoneNumber.Digits(text);
            if (digits is { Length: >= 4 } && text.All(ch => char.IsDigit(ch) || ch is ' ' or '-' or '+' or '(' or ')'))
                return textSearch.ByPhoneDigits(db, q, digits, text);
            if (text.Contains('@', StringComparison.Ordinal)) return textSearch.ByEmail(db, q, text.ToLowerInvariant());
        }
        var byName = textSearch.ByNameOrCode(db, q, text);
        // A fragment of an e-mail address without its @ ("wang.ym", "example"): the e-mail's trigram index as well.
        IQueryable<long>? byEmail = db.Scope.ViewsPersonalData && IsEmailFragment(text)
            ? textSearch.ByEmail(db, db.Customers.AsNoTracking(), text.ToLowerInvariant()).Select(c => c.Id)
            : null;
        if (!SearchText.IsPinyin(text))
        {
            if (byEmail is null) return byName;
            var nameOrEmail = byName.Select(c => c.Id).Concat(byEmail);
            return q.Where(c => nameOrEmail.Contains(c.Id));
        }
        // Letters only: also the pinyin of the name (decision 0021): "wym", "wangyan" and "lei" find 王艳明 and 雷军.
        // One id list (UNION ALL; IN drops the duplicates): SQLite then looks the ids up and sorts them. As
        // "id IN (name) OR id IN (pinyin)" it merged two lists through temporary B-trees, 2–5 times slower (0008 has the
        // same lesson for short names).
        var ids = byName.Select(c => c.Id).Concat(textSearch.PinyinIds(db, text.ToLowerInvariant()));
        if (byEmail is not null) ids = ids.Concat(byEmail);
        return q.Where(c => ids.Contains(c.Id));
    }

    /// <summary>Three or more characters an e-mail address may hold, with no space: also looked up in the e-mails.</summary>
    private static bool IsEmailFragment(string text) =>
        text.Length >= 3 && text.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' or '+');
}
