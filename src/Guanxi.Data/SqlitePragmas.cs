using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guanxi.Data;

/// <summary>
/// Per-connection SQLite settings. The default page cache is 2 MB: with a million customers, every insert into
/// the ten customer indexes and the trigram search index read pages back from the OS, and an import slowed as the
/// table grew. 64 MB keeps the hot index pages in memory. NORMAL sync is safe in WAL mode (no corruption; a
/// power cut can lose only the last commits, which a resumed import redoes).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA cache_size = -65536; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";

    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
