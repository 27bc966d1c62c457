using Guanxi.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Postgres.Search;

/// <summary>Titles on PostgreSQL: ILIKE served by the trigram GIN index <c>ix_opportunities_title_trgm</c> (migration OpportunitySearch).</summary>
public sealed class PostgresOpportunityTextSearch : IOpportunityTextSearch
{
    public IQueryable<long> TitleIds(GuanxiDbContext db, string text)
    {
        var pattern = "%" + SearchText.EscapeLike(text) + "%";
        return db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM opportunities WHERE title ILIKE {pattern} ESCAPE '\\'");
    }
}
