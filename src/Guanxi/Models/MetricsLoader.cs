using System.Data.Common;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

/// <summary>
/// Reads the whole customer base as of a day into <see cref="CustomerMetrics"/>: four streaming,
/// set-based queries (customers, interactions, orders, products per customer), never a query per customer.
/// Orders, the bulk, are read in parallel ranges (<see cref="OrderScan"/>).
/// Reads raw SQL on purpose: a model run is a system job over every customer, below anyone's access scope.
/// </summary>
public sealed partial class MetricsLoader(IDbContextFactory<GuanxiDbContext> contexts, IConfiguration configuration, ILogger<MetricsLoader> log)
{
    public async Task<CustomerMetrics> LoadAsync(DateOnly asOf, CancellationToken ct, long? onlyCustomerId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var end = asOf.AddDays(1);
        var endParameter = EndParameter(db, end);
        string only = onlyCustomerId is null ? "" : " AND c.id = @id";
        var parameters = new List<(string, object?)> { ("@end", endParameter) };
        if (onlyCustomerId is { } id)
        {
            parameters.Add(("@id", id));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        long count = await db.ScalarAsync<long>($"SELECT count(*) FROM customers c WHERE c.created_at < @end{only}", ct, [.. parameters]);
        // The highest order id bounds the order count: sizes the builder's day list once.
        long orderHint = onlyCustomerId is null ? await db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM orders", ct) : 0;
        var builder = new CustomerMetricsBuilder(checked((int)count), asOf, (int)Math.Min(orderHint, 200_000_000));

        string customersSql = $"""
            SELECT c.id, c.kind, c.relationship, c.created_at,
                   (CASE WHEN c.phone IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.email IS NULL THEN 0 ELSE 1 END)
                 + (CASE WHEN c.we_chat_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.address IS NULL THEN 0 ELSE 1 END)
                 + (CASE WHEN c.city IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.industry IS NULL THEN 0 ELSE 1 END)
                 + (CASE WHEN c.company_size = 'Unknown' THEN 0 ELSE 1 END) + (CASE WHEN c.birth_date IS NULL THEN 0 ELSE 1 END),
                   c.source, c.referred_by_id
            FROM customers c WHERE c.created_at < @end{only} ORDER BY c.id
            """;
        if (db.Database.GetDbConnection() is SqliteConnection sqlite && onlyCustomerId is null)
        {
            await db.Database.OpenConnectionAsync(ct);
            ReadCustomers(sqlite, customersSql, (string)endParameter, builder, count);
        }
        else
        {
            await using var customers = await ReadAsync(db, customersSql, parameters, ct);
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            int added = 0;
            while (await customers.ReadAsync(ct) && added < count)
            {
                string? source = customers.IsDBNull(5) ? null : customers.GetString(5);
                if (source is not null)
                {
                    // Interned: a million customers share a handful of sources.
                    source = sources.TryGetValue(source, out var shared) ? shared : sources[source] = source;
                }

                builder.AddCustomer(
                    customers.GetInt64(0),
                    Enum.Parse<CustomerKind>(customers.GetString(1)),
                    Enum.Parse<RelationshipType>(customers.GetString(2)),
                    DayOf(customers, 3),
                    Convert.ToInt32(customers.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) / 8f,
                    source,
                    customers.IsDBNull(6) ? null : customers.GetInt64(6));
                added++;
            }
        }

        LogPhase(log, "customers", clock.Elapsed.TotalMilliseconds);
        string onlyRows = onlyCustomerId is null ? "" : " AND customer_id = @id";
        await using (var interactions = await ReadAsync(db,
            $"SELECT customer_id, occurred_at, channel, direction FROM interactions WHERE occurred_at < @end{onlyRows}", parameters, ct))
        {
            while (await interactions.ReadAsync(ct))
            {
                builder.AddInteraction(
                    interactions.GetInt64(0),
                    DayOf(interactions, 1),
                    Enum.Parse<InteractionChannel>(interactions.GetString(2)),
                    Enum.Parse<InteractionDirection>(interactions.GetString(3)));
            }
        }

        LogPhase(log, "interactions", clock.Elapsed.TotalMilliseconds);
        if (onlyCustomerId is null)
        {
            await OrderScan.ReadAsync(contexts, builder, configuration.GetValue<int?>("Models:ScanThreads"), ct);
        }
        else
        {
            await using var orders = await ReadAsync(db,
                $"SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders WHERE ordered_at < @end{onlyRows}", parameters, ct);
            while (await orders.ReadAsync(ct))
            {
                builder.AddOrder(
                    orders.GetInt64(0),
                    DayOf(orders, 1),
                    orders.GetInt64(2),
                    orders.GetString(3),
                    orders.IsDBNull(4) ? null : DayOf(orders, 4),
                    orders.IsDBNull(5) ? null : DayOf(orders, 5));
            }
        }

        LogPhase(log, "orders", clock.Elapsed.TotalMilliseconds);
        // CROSS JOIN keeps SQLite's join order as written: order lines drive, each finds its order by key. Without
        // statistics SQLite otherwise walked all ten million orders to find (often) no lines at all.
        string onlyOrders = onlyCustomerId is null ? "" : " AND o.customer_id = @id";
        await using (var products = await ReadAsync(db, $"""
            SELECT o.customer_id, count(DISTINCT l.product) FROM order_lines l CROSS JOIN orders o
            WHERE o.id = l.order_id AND o.ordered_at < @end{onlyOrders} GROUP BY o.customer_id
            """, parameters, ct))
        {
            while (await products.ReadAsync(ct))
            {
                builder.SetDistinctProducts(products.GetInt64(0), Convert.ToInt32(products.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        LogPhase(log, "products", clock.Elapsed.TotalMilliseconds);
        var metrics = builder.Build();
        LogPhase(log, "build", clock.Elapsed.TotalMilliseconds);
        return metrics;
    }

    /// <summary>The whole base on SQLite: through the C API, each distinct kind, relationship and source decoded once.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ReadCustomers(SqliteConnection connection, string sql, string end, CustomerMetricsBuilder builder, long count)
    {
        using var rows = SqliteStatement.Prepare(connection, sql);
        rows.Bind(1, end); // @end, the statement's first (and only) parameter: SQLite numbers named ones too
        var kinds = new Utf8Texts<CustomerKind>(Enum.Parse<CustomerKind>);
        var relationships = new Utf8Texts<RelationshipType>(Enum.Parse<RelationshipType>);
        var sources = new Utf8Texts<string>(text => text);
        for (long added = 0; added < count && rows.Step(); added++)
        {
            builder.AddCustomer(
                rows.Int64(0),
                kinds.Get(rows.Utf8(1)),
                relationships.Get(rows.Utf8(2)),
                DateOnly.FromDayNumber(rows.DayNumber(3)),
                rows.Int64(4) / 8f,
                rows.IsNull(5) ? null : sources.Get(rows.Utf8(5)),
                rows.IsNull(6) ? null : rows.Int64(6));
        }
    }

    private static object EndParameter(GuanxiDbContext db, DateOnly end) =>
        db.IsPostgres
            ? end.ToDateTime(TimeOnly.MinValue)
            : end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<DbDataReader> ReadAsync(GuanxiDbContext db, string sql, List<(string, object?)> parameters, CancellationToken ct)
    {
        var command = await db.CreateCommandAsync(sql, ct, [.. parameters]);
        command.CommandTimeout = 0;
        return await command.ExecuteReaderAsync(ct);
    }

    /// <summary>The calendar day of a date or date-time column: SQLite holds ISO text, PostgreSQL real dates.</summary>
    private static DateOnly DayOf(DbDataReader reader, int column)
    {
        if (reader is Microsoft.Data.Sqlite.SqliteDataReader)
        {
            // The first ten characters of EF Core's "yyyy-MM-dd[ HH:mm:ss…]". The bulk order scan has its own
            // byte-level parser (SqliteStatement.DayNumber); this path only sees interactions and single customers.
            return DateOnly.ParseExact(reader.GetString(column).AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return reader.GetValue(column) switch
        {
            DateTime t => DateOnly.FromDateTime(t),
            DateOnly d => d,
            var value => throw new InvalidDataException($"Unexpected date value {value}."),
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Metrics loaded up to {Phase} after {Milliseconds:F0} ms")]
    private static partial void LogPhase(ILogger logger, string phase, double milliseconds);
}
