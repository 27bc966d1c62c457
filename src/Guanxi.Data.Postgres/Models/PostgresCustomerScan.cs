using System.Globalization;
using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Data.Postgres.Models;

/// <summary>
/// PostgreSQL's customer scan: a binary COPY of each range's query, decoded by <see cref="PgCopyReader"/> (Npgsql's
/// typed readers cost more per value than the server took to send it).
/// </summary>
public sealed class PostgresCustomerScan(IDbContextFactory<GuanxiDbContext> contexts, PostgresDays days) : CustomerScan(contexts, days)
{
    public override async Task<OrderVersionRows> ReadOrderVersionsAsync(CancellationToken ct)
    {
        await using var db = await Contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var ids = new List<long>();
        var counts = new List<int>();
        var versions = new List<long>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await Task.Run(() =>
        {
            using var copy = PgCopyReader.Begin(connection, $"COPY ({OrderVersionsSql}) TO STDOUT (FORMAT BINARY)");
            while (copy.Read())
            {
                ids.Add(copy.Int64(0));
                counts.Add(copy.Int32(1));
                versions.Add(copy.Int64(2));
            }
        }, ct);
        return new OrderVersionRows([.. ids], [.. counts], [.. versions]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override List<ScannedCustomer> ReadRange(DateOnly end, long from, long to, CancellationToken ct)
    {
        using var db = Contexts.CreateDbContext();
        db.Database.OpenConnection();
        var rows = new List<ScannedCustomer>();
        var kinds = new Utf8Texts<CustomerKind>(Enum.Parse<CustomerKind>);
        var relationships = new Utf8Texts<RelationshipType>(Enum.Parse<RelationshipType>);
        var sources = new Utf8Texts<string>(text => text);

        // COPY takes no parameters; the three values are our own day and ids, written as literals.
        string sql = $"{Columns} WHERE c.created_at < '{end:yyyy-MM-dd}' AND c.id >= {from.ToString(CultureInfo.InvariantCulture)} "
            + $"AND c.id < {to.ToString(CultureInfo.InvariantCulture)} ORDER BY c.id";
        using var copy = PgCopyReader.Begin((NpgsqlConnection)db.Database.GetDbConnection(), $"COPY ({sql}) TO STDOUT (FORMAT BINARY)");
        while (copy.Read())
        {
            if ((rows.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            rows.Add(new ScannedCustomer(
                copy.Int64(0),
                kinds.Get(copy.Bytes(1)),
                relationships.Get(copy.Bytes(2)),
                copy.TimestampDay(3),
                copy.Int32(4) / 8f,
                copy.IsNull(5) ? null : sources.Get(copy.Bytes(5)),
                copy.IsNull(6) ? null : copy.Int64(6)));
        }

        return rows;
    }
}
