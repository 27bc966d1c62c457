using Guanxi.Data;
using Guanxi.Data.Search;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Search;

/// <summary>The customer text search on SQLite: FTS5 trigram table <c>customer_search</c> and per-character table <c>customer_name_chars</c>.</summary>
public sealed class SqliteCustomerTextSearch : ICustomerTextSearch
{
    public IQueryable<Customer> ByPhoneDigits(GuanxiDbContext db, IQueryable<Customer> customers, string digits, string text)
    {
        var pattern = "%" + digits + "%";
        var contactMatch = db.Contacts.Where(k => EF.Functions.Like(k.PhoneDigits!, pattern)).Select(k => k.CustomerId);
        return customers.Where(c => FullText(db, "phone_digits : " + Fts5Text.Phrase(digits)).Contains(c.Id) || contactMatch.Contains(c.Id) || c.Code == text);
    }

    public IQueryable<Customer> ByEmail(GuanxiDbContext db, IQueryable<Customer> customers, string lowerText)
    {
        // The trigram index needs three characters.
        if (lowerText.Length < 3)
        {
            var pattern = "%" + SearchText.EscapeLike(lowerText) + "%";
            return customers.Where(c => EF.Functions.Like(c.EmailNormalized!, pattern, "\\"));
        }
        return customers.Where(c => FullText(db, "email_normalized : " + Fts5Text.Phrase(lowerText)).Contains(c.Id));
    }

    public IQueryable<Customer> ByNameOrCode(GuanxiDbContext db, IQueryable<Customer> customers, string text)
    {
        var contains = "%" + SearchText.EscapeLike(text) + "%";
        if (SearchText.IsShortName(text)) return ShortName(db, text, contains).AsNoTracking();
        if (text.Length >= 3) return customers.Where(c => FullText(db, "{name code} : " + Fts5Text.Phrase(text)).Contains(c.Id));
        var prefix = SearchText.EscapeLike(text) + "%";
        return customers.Where(c => EF.Functions.Like(c.Name, contains, "\\") || EF.Functions.Like(c.Code, prefix, "\\"));
    }

    /// <summary>
    /// GLOB, not LIKE: SQLite's LIKE ignores case, so it cannot seek an index of BINARY collation; GLOB 'wym*' can. The
    /// letters are ASCII letters only, never a GLOB wildcard. One UNION ALL of two index
    /// ranges (the caller's IN drops duplicates).
    /// </summary>
    public IQueryable<long> PinyinIds(GuanxiDbContext db, string letters)
    {
        var pattern = letters + "*";
        return db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM customers WHERE name_initials GLOB {pattern}
            UNION ALL SELECT id FROM customers WHERE name_pinyin GLOB {pattern}
            """);
    }

    /// <summary>
    /// Names containing a one- or two-character text (decision 0008): each character one token of the per-character
    /// index, the query a phrase of consecutive tokens, then the exact LIKE as recheck (spaces and punctuation are no
    /// tokens, so "Li Wei" is a candidate for "iw"). A customer whose code is exactly the text matches too. One id list
    /// for both conditions: SQLite walks it newest first and stops at the page (4–9 ms for a common character at a
    /// million customers). As "(id IN (…) AND LIKE) OR code = …" it collected and sorted every match first (40–250 ms).
    /// </summary>
    private static IQueryable<Customer> ShortName(GuanxiDbContext db, string text, string containsPattern)
    {
        var phrase = Fts5Text.Phrase(Fts5Text.Spaced(text));
        return db.Customers.FromSql($"""
            SELECT * FROM customers
            WHERE id IN (SELECT rowid FROM customer_name_chars WHERE customer_name_chars MATCH {phrase}
                         UNION ALL SELECT id FROM customers WHERE code = {text})
              AND (name LIKE {containsPattern} ESCAPE '\' OR code = {text})
            """);
    }

    /// <summary>Customer ids whose FTS5 trigram index matches; the match text is a bound parameter.</summary>
    private static IQueryable<long> FullText(GuanxiDbContext db, string match) =>
        db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM customer_search WHERE customer_search MATCH {match}");
}
