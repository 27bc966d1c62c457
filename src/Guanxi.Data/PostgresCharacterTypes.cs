using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data;

/// <summary>
/// pg_trgm extracts trigrams only from characters the database's LC_CTYPE calls letters or digits. Under
/// LC_CTYPE "C" or "POSIX" Chinese text yields no trigrams at all, every customer matches the search index,
/// and a name search reads the whole table (measured: 530 ms at a million customers). A database created
/// with a UTF-8 character type (e.g. C.UTF-8, zh_CN.UTF-8) indexes Chinese properly.
/// </summary>
public static class PostgresCharacterTypes
{
    /// <summary>The database's LC_CTYPE when it cannot index Chinese text, or null when it can (or on SQLite).</summary>
    public static async Task<string?> UnsuitableCharacterTypeAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        if (target.Provider != DatabaseProvider.Postgres) return null;
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(target));
        var ctype = await db.Database.SqlQueryRaw<string>("SELECT datctype AS \"Value\" FROM pg_database WHERE datname = current_database()")
            .FirstAsync(ct);
        return ctype is "C" or "POSIX" ? ctype : null;
    }
}
