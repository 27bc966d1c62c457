using Guanxi.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Search;

/// <summary>
/// Titles on SQLite: the FTS5 trigram table <c>opportunity_search</c> for three or more characters, the per-character
/// table <c>opportunity_title_chars</c> for one or two (migration OpportunitySearch).
/// </summary>
public sealed class SqliteOpportunityTextSearch : IOpportunityTextSearch
{
    public IQueryable<long> TitleIds(GuanxiDbContext db, string text)
    {
        if (text.EnumerateRunes().Count() >= 3)
        {
            var match = "title : " + Fts5Text.Phrase(text);
            return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM opportunity_search WHERE opportunity_search MATCH {match}");
        }

        var pattern = "%" + SearchText.EscapeLike(text) + "%";
        if (!text.Any(char.IsLetterOrDigit))
        {
            // Punctuation only ("%", "--"): no token to look up; a scan, rare enough.
            return db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM opportunities WHERE title LIKE {pattern} ESCAPE '\\'");
        }

        // The characters as a phrase of consecutive tokens, then LIKE as the recheck: spaces and punctuation are no
        // tokens, so "a b" is a candidate for "ab".
        var phrase = Fts5Text.Phrase(Fts5Text.Spaced(text));
        return db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM opportunities
            WHERE id IN (SELECT rowid FROM opportunity_title_chars WHERE opportunity_title_chars MATCH {phrase})
              AND title LIKE {pattern} ESCAPE '\'
            """);
    }
}
