using Guanxi.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Search;

/// <summary>Titles on SQLite: the FTS5 trigram table <c>opportunity_search</c> (migration OpportunitySearch).</summary>
public sealed class SqliteOpportunityTextSearch : IOpportunityTextSearch
{
    public IQueryable<long> TitleIds(GuanxiDbContext db, string text)
    {
        // A trigram index needs three characters; one or two ("空调") are matched by LIKE over the titles.
        if (text.EnumerateRunes().Count() < 3)
        {
            var pattern = "%" + SearchText.EscapeLike(text) + "%";
            return db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM opportunities WHERE title LIKE {pattern} ESCAPE '\\'");
        }

        var match = "title : \"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM opportunity_search WHERE opportunity_search MATCH {match}");
    }
}
