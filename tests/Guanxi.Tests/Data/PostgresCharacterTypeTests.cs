using Guanxi.Data;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Data;

[ClockIndependent]
public class PostgresCharacterTypeTests
{
    /// <summary>
    /// The test server is created as production should be: with a UTF-8 character type, so pg_trgm makes
    /// trigrams of Chinese names and the search index is used. Under LC_CTYPE "C" Chinese gives no trigrams.
    /// </summary>
    [Fact]
    public async Task Chinese_text_gets_search_trigrams_and_the_check_finds_nothing_to_warn_about()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        Assert.Null(await PostgresCharacterTypes.UnsuitableCharacterTypeAsync(db.Target));
        await using var ctx = db.CreateContext();
        var trigrams = await ctx.Database.SqlQueryRaw<int>("SELECT cardinality(show_trgm('上海联合')) AS \"Value\"").FirstAsync();
        Assert.True(trigrams >= 3, $"only {trigrams} trigrams for a four-character Chinese name");
    }
}
