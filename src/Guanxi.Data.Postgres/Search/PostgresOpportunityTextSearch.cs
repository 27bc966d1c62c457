using Guanxi.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Postgres.Search;

/// <summary>
/// Titles on PostgreSQL: ILIKE served by the trigram GIN index <c>ix_opportunities_title_trgm</c> for three or more
/// characters, by the per-character GIN index <c>ix_opportunities_title_chars</c> for one or two (migration OpportunitySearch).
/// </summary>
public sealed class PostgresOpportunityTextSearch : IOpportunityTextSearch
{
    public IQueryable<long> TitleIds(GuanxiDbContext db, string text)
    {
        var pattern = "%" + SearchText.EscapeLike(text) + "%";
        // Three or more characters: trigrams; punctuation only ("%", "--") has no lexeme to look up: a scan, rare enough.
        if (text.EnumerateRunes().Count() >= 3 || !text.Any(char.IsLetterOrDigit))
        {
            return db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM opportunities WHERE title ILIKE {pattern} ESCAPE '\\'");
        }

        // The expression must be the index's own for the planner to use it; ILIKE rechecks (punctuation is no lexeme).
        return db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM opportunities
            WHERE to_tsvector('simple', regexp_replace(title, '(.)', '\1 ', 'g'))
                    @@ phraseto_tsquery('simple', regexp_replace({text}, '(.)', '\1 ', 'g'))
              AND title ILIKE {pattern} ESCAPE '\'
            """);
    }
}
