using System.Text;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>
/// Names containing a one- or two-character text ("王芳", "李", "li"): most Chinese names have two or three characters,
/// and a trigram index cannot serve fewer than three, so these queries read every customer (139 ms on SQLite, 742 ms on
/// PostgreSQL at a million). They use a per-character index of the name instead (migration NameCharacterSearch): each
/// character one token, the query a phrase of consecutive tokens, then the exact LIKE as recheck (spaces and
/// punctuation are no tokens, so "Li Wei" is a candidate for "iw"). A customer whose code is exactly the text matches too.
/// </summary>
internal static class ShortNameSearch
{
    /// <summary>Short texts with a letter or digit; a text of only punctuation has no token to look up and keeps the scan.</summary>
    public static bool Serves(string text) => text.Length < 3 && text.Any(char.IsLetterOrDigit);

    /// <summary>
    /// The matching customers as the query root, so the access filter, sorting and paging compose on top. On
    /// PostgreSQL both conditions sit in one WHERE on purpose: the planner then weighs the index against walking the
    /// newest customers with its statistics (a common letter is cheaper by walking), which an <c>id IN (…)</c> hides.
    /// </summary>
    public static IQueryable<Customer> Customers(GuanxiDbContext db, string text, string containsPattern)
    {
        if (db.IsPostgres)
        {
            // The expression must be the index's own (migration NameCharacterSearch) for the planner to use it.
            if (text.EnumerateRunes().Count() == 1)
            {
                // One letter or digit: the lexeme is there exactly when the name contains it (both lower-case it), so
                // no recheck. A recheck would also mislead the planner: it multiplies the two selectivities as if
                // independent, thinks a common character rare, and collects and sorts all its names (64 ms p50 for
                // one character) instead of walking the newest customers until the page is full (4–18 ms).
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

        // One id list for both conditions: SQLite walks it newest first and stops at the page (4–9 ms for a common
        // character at a million customers). As "(id IN (…) AND LIKE) OR code = …" it collected and sorted every
        // match first (40–250 ms).
        var phrase = "\"" + Spaced(text).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Customers.FromSql($"""
            SELECT * FROM customers
            WHERE id IN (SELECT rowid FROM customer_name_chars WHERE customer_name_chars MATCH {phrase}
                         UNION ALL SELECT id FROM customers WHERE code = {text})
              AND (name LIKE {containsPattern} ESCAPE '\' OR code = {text})
            """);
    }

    /// <summary>"王芳" → "王 芳": one token per character (code point, as SQLite's substr() counts them).</summary>
    private static string Spaced(string text)
    {
        var spaced = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            if (spaced.Length > 0) spaced.Append(' ');
            spaced.Append(rune.ToString());
        }
        return spaced.ToString();
    }
}
