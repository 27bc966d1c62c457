using Guanxi.Data;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Data;

[ClockIndependent]
public class SqlitePragmaTests
{
    /// <summary>
    /// An import batch raises its connection's page cache to 256 MB; the pooled connection must come back to the
    /// usual 64 MB the next time anyone opens it, or every web request would inherit the import's cache.
    /// </summary>
    [Fact]
    public async Task A_raised_page_cache_is_reset_when_the_pooled_connection_is_opened_again()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var import = db.CreateContext())
        {
            await import.Database.OpenConnectionAsync();
            await import.ExecuteAsync("PRAGMA cache_size = -262144", CancellationToken.None);
            Assert.Equal(-262144, await import.ScalarAsync<long>("PRAGMA cache_size", CancellationToken.None));
        }

        await using var next = db.CreateContext();
        await next.Database.OpenConnectionAsync();
        Assert.Equal(-65536, await next.ScalarAsync<long>("PRAGMA cache_size", CancellationToken.None));
    }
}
