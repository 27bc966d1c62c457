using Guanxi.Data;
using Guanxi.Data.Search;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Postgres.Search;

/// <summary>The customer text search on PostgreSQL: pg_trgm indexes on name, code, phone and e-mail, and the per-character GIN index on name.</summary>
public sealed class PostgresCustomerTextSearch : ICustomerTextSearch
{
    public IQueryable<Customer> ByPhoneDigits(GuanxiDbContext db, IQueryable<Customer> customers, string digits, string text)
    {
        var pattern = "%" + digits + "%";
        // One id set from three indexed lookups. As "LIKE … OR id IN (contacts) OR code = …" the OR with a subquery
        // kept PostgreSQL from combining indexes: it walked all customers newest first, which is quick when a 4-digit
        // fragment matches hundreds but read the whole table for a 7-digit one that matches one or two (378 ms against
        // 6 ms at a million customers).
        var phoneIds = db.Customers.Where(c => EF.Functions.Like(c.PhoneDigits!, pattern)).Select(c => c.Id)
            .Union(db.Contacts.Where(k => EF.Functions.Like(k.PhoneDigits!, pattern)).Select(k => k.CustomerId))
            .Union(db.Customers.Where(c => c.Code == text).Select(c => c.Id));
        return customers.Where(c => phoneIds.Contains(c.Id));
    }

    public IQueryable<Customer> ByEmail(GuanxiDbContext db, IQueryable<Customer> customers, string lowerText)
    {
        var pattern = "%" + SearchText.EscapeLike(lowerText) + "%";
        return customers.Where(c => EF.Functions.Like(c.EmailNormalized!, pattern, "\\"));
    }

    public IQueryable<Customer> ByNameOrCode(GuanxiDbContext db, IQueryable<Customer> customers, string text)
    {
        var contains = "%" + SearchText.EscapeLike(text) + "%";
        if (SearchText.IsShortName(text)) return ShortName(db, text, contains).AsNoTracking();
        var prefix = SearchText.EscapeLike(text) + "%";
        return customers.Where(c => EF.Functions.ILike(c.Name, contains, "\\") || EF.Functions.ILike(c.Code, prefix, "\\"));
    }

    /// <summary>
    /// LIKE 'wym%' seeks the text_pattern_ops indexes (the letters are ASCII letters only, never a wildcard). One UNION ALL of
    /// two index ranges (the caller's IN drops duplicates).
    /// </summary>
    public IQueryable<long> PinyinIds(GuanxiDbContext db, string letters)
    {
        var pattern = letters + "%";
        return db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM customers WHERE name_initials LIKE {pattern}
            UNION ALL SELECT id FROM customers WHERE name_pinyin LIKE {pattern}
            """);
    }

    /// <summary>
    /// Names containing a one- or two-character text (decision 0008) through the per-character index, as the query
    /// root so the access filter, sorting and paging compose on top. Both conditions sit in one WHERE on purpose: the
    /// planner then weighs the index against walking the newest customers with its statistics (a common letter is
    /// cheaper by walking), which an <c>id IN (…)</c> hides. The expression must be the index's own (migration
    /// NameCharacterSearch) for the planner to use it.
    /// </summary>
    private static IQueryable<Customer> ShortName(GuanxiDbContext db, string text, string containsPattern)
    {
        if (text.EnumerateRunes().Count() == 1)
        {
            // One letter or digit: the lexeme is there exactly when the name contains it (both lower-case it), so no
            // recheck. A recheck would also mislead the planner: it multiplies the two selectivities as if
            // independent, thinks a common character rare, and collects and sorts all its names (64 ms p50 for one
            // character) instead of walking the newest customers until the page is full (4–18 ms).
            return db.Customers.FromSql($"""
                SELECT * FROM customers
                WHERE to_tsvector('simple', regexp_replace(name, '(.)', '\1 ', 'g'))
                        @@ phraseto_tsquery('simple', regexp_replace({text}, '(.)', '\1 ', 'g'))
                   OR code = {text}
                """);
        }

        // ILIKE comes first: when the planner walks the newest customers, it rejects most rows before to_tsvector.
        return db.Customers.FromSql($"""
            SELECT * FROM customers
            WHERE (name ILIKE {containsPattern}
                AND to_tsvector('simple', regexp_replace(name, '(.)', '\1 ', 'g'))
                    @@ phraseto_tsquery('simple', regexp_replace({text}, '(.)', '\1 ', 'g')))
               OR code = {text}
            """);
    }
}
