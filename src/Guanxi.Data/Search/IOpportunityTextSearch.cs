namespace Guanxi.Data.Search;

/// <summary>
/// The opportunity list's search of titles (`q=`, issue 15), the part whose SQL differs per database: SQLite reads its
/// FTS5 trigram table <c>opportunity_search</c>, PostgreSQL its trigram GIN index on the title. The customers an
/// opportunity belongs to are found by the customer list's own search.
/// </summary>
public interface IOpportunityTextSearch
{
    /// <summary>
    /// Ids of opportunities whose title contains <paramref name="text"/> (case-insensitive for Latin letters), as plain SQL
    /// below the access filter: the caller composes it into a query that has it.
    /// </summary>
    IQueryable<long> TitleIds(GuanxiDbContext db, string text);
}
