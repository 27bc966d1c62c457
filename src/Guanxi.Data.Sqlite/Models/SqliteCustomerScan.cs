using System.Runtime.CompilerServices;
using Guanxi.Data.Models;
using Guanxi.Data.Sqlite.Bulk;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>SQLite's customer scan: each range through the C API (<see cref="SqliteStatement"/>), no boxing, no string per date.</summary>
public sealed class SqliteCustomerScan(IDbContextFactory<GuanxiDbContext> contexts, SqliteDays days) : CustomerScan(contexts, days)
{
    public override async Task<OrderVersionRows> ReadOrderVersionsAsync(CancellationToken ct)
    {
        await using var db = await Contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var ids = new List<long>();
        var counts = new List<int>();
        var versions = new List<long>();
        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        await Task.Run(() =>
        {
            using var rows = SqliteStatement.Prepare(sqlite, OrderVersionsSql);
            while (rows.Step())
            {
                ids.Add(rows.Int64(0));
                counts.Add((int)rows.Int64(1));
                versions.Add(rows.Int64(2));
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

        // Each distinct kind, relationship and source decoded once.
        var kinds = new Utf8Texts<CustomerKind>(Enum.Parse<CustomerKind>);
        var relationships = new Utf8Texts<RelationshipType>(Enum.Parse<RelationshipType>);
        var sources = new Utf8Texts<string>(text => text);
        using var statement = SqliteStatement.Prepare(
            (SqliteConnection)db.Database.GetDbConnection(), $"{Columns} WHERE c.created_at < @end AND c.id >= @from AND c.id < @to ORDER BY c.id");
        statement.Bind(1, (string)days.Parameter(end)); // parameters are numbered in order of appearance
        statement.Bind(2, from);
        statement.Bind(3, to);
        while (statement.Step())
        {
            if ((rows.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            rows.Add(new ScannedCustomer(
                statement.Int64(0),
                kinds.Get(statement.Utf8(1)),
                relationships.Get(statement.Utf8(2)),
                statement.DayNumber(3),
                statement.Int64(4) / 8f,
                statement.IsNull(5) ? null : sources.Get(statement.Utf8(5)),
                statement.IsNull(6) ? null : statement.Int64(6)));
        }

        return rows;
    }
}
