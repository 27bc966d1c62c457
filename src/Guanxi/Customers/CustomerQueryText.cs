using System.Globalization;
using System.Text;
using Guanxi.Common;
using Guanxi.Domain.Customers;
using Microsoft.AspNetCore.WebUtilities;

namespace Guanxi.Customers;

/// <summary>
/// The customer list's filters and sort as a query string, the form the list page's address, a saved view and
/// <c>GET /api/v1/customers</c> share (<c>kind=Company&amp;tag=vip&amp;sort=Name</c>): a link or a saved view reopens the same list.
/// </summary>
public static class CustomerQueryText
{
    /// <summary>The query string of <paramref name="query"/>'s filters and sort, without <c>?</c>; empty for the whole list in the default order.</summary>
    public static string Format(CustomerQuery query)
    {
        var parts = new List<(string Key, string? Value)>
        {
            ("q", query.Q),
            ("tag", query.Tag),
            ("group", query.GroupId?.ToString(CultureInfo.InvariantCulture)),
            ("city", query.City),
            ("owner", query.OwnerId?.ToString(CultureInfo.InvariantCulture)),
            ("kind", query.Kind?.ToString()),
            ("createdFrom", query.CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("createdTo", query.CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("hasOrders", query.HasOrders is { } h ? (h ? "true" : "false") : null),
            ("boughtIn", query.BoughtIn?.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            ("firstBoughtIn", query.FirstBoughtIn?.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
            ("modelClass", query.ModelClass),
            ("sort", query.Sort == CustomerSort.Newest ? null : query.Sort.ToString()),
        };
        var text = new StringBuilder();
        foreach (var (key, value) in parts)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (text.Length > 0) text.Append('&');
            text.Append(key).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }
        return text.ToString();
    }

    /// <summary>A month written <c>yyyy-MM</c> (2000–2100) as its first day; anything else is an error on <paramref name="key"/>.</summary>
    public static DateOnly? Month(string? text, string key, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100) return d;
        errors.Add(key, "Use a month as yyyy-MM (years 2000–2100).");
        return null;
    }

    /// <summary>
    /// The filters and sort of a query string (with or without <c>?</c>); other keys (<c>view</c>, <c>cols</c>) are left to
    /// the caller. A value that does not parse is an error on its key in <paramref name="errors"/>, named as the API names it.
    /// </summary>
    public static CustomerQuery Parse(string? text, FieldErrors errors)
    {
        var values = QueryHelpers.ParseQuery(text);
        string? Get(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        long? Long(string key)
        {
            if (Get(key) is not { } v) return null;
            if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(key, "Not a number.");
            return null;
        }
        DateOnly? Day(string key)
        {
            if (Get(key) is not { } v) return null;
            if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(key, "Use a date as yyyy-MM-dd.");
            return null;
        }
        TEnum? Enum<TEnum>(string key) where TEnum : struct, System.Enum
        {
            if (Get(key) is not { } v) return null;
            if (System.Enum.TryParse<TEnum>(v, ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !v.Any(char.IsAsciiDigit)) return e;
            errors.Add(key, $"Use one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
            return null;
        }
        bool? hasOrders = null;
        if (Get("hasOrders") is { } ho)
        {
            if (bool.TryParse(ho, out var b)) hasOrders = b;
            else errors.Add("hasOrders", "Use true or false.");
        }

        return new CustomerQuery
        {
            Q = Get("q"),
            Tag = Get("tag"),
            GroupId = Long("group"),
            City = Get("city"),
            OwnerId = Long("owner"),
            Kind = Enum<CustomerKind>("kind"),
            CreatedFrom = Day("createdFrom"),
            CreatedTo = Day("createdTo"),
            HasOrders = hasOrders,
            BoughtIn = Month(Get("boughtIn"), "boughtIn", errors),
            FirstBoughtIn = Month(Get("firstBoughtIn"), "firstBoughtIn", errors),
            ModelClass = Get("modelClass"),
            Sort = Enum<CustomerSort>("sort") ?? CustomerSort.Newest,
        };
    }
}
