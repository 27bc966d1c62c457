using System.Data.Common;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

/// <summary>
/// Reads the whole customer base as of a day into <see cref="CustomerMetrics"/>: four streaming,
/// set-based queries (customers, interactions, orders, products per customer), never a query per customer.
/// Reads raw SQL on purpose: a model run is a system job over every customer, below anyone's access scope.
/// </summary>
public sealed class MetricsLoader(IDbContextFactory<GuanxiDbContext> contexts)
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

        long count = await db.ScalarAsync<long>($"SELECT count(*) FROM customers c WHERE c.created_at < @end{only}", ct, [.. parameters]);
        var builder = new CustomerMetricsBuilder(checked((int)count), asOf);

        await using (var customers = await ReadAsync(db, $"""
            SELECT c.id, c.kind, c.relationship, c.created_at,
                   (CASE WHEN c.phone IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.email IS NULL THEN 0 ELSE 1 END)
                 + (CASE WHEN c.we_chat_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.address IS NULL THEN 0 ELSE 1 END)
                 + (CASE WHEN c.city IS NULL THEN 0 ELSE 1 END) + (CASE WHEN c.industry IS NULL THEN 0 ELSE 1 END)
                 + (CASE WHEN c.company_size = 'Unknown' THEN 0 ELSE 1 END) + (CASE WHEN c.birth_date IS NULL THEN 0 ELSE 1 END),
                   c.source, c.referred_by_id
            FROM customers c WHERE c.created_at < @end{only} ORDER BY c.id
            """, parameters, ct))
        {
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            int added = 0;
            while (await customers.ReadAsync(ct) && added < count)
            {
                long customerId = customers.GetInt64(0);
                string? source = customers.IsDBNull(5) ? null : customers.GetString(5);
                if (source is not null)
                {
                    // Interned: a million customers share a handful of sources.
                    source = sources.TryGetValue(source, out var shared) ? shared : sources[source] = source;
                }

                builder.AddCustomer(
                    customerId,
                    Enum.Parse<CustomerKind>(customers.GetString(1)),
                    Enum.Parse<RelationshipType>(customers.GetString(2)),
                    DayOf(customers, 3),
                    Convert.ToInt32(customers.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) / 8f,
                    source,
                    customers.IsDBNull(6) ? null : customers.GetInt64(6));
                added++;
            }
        }

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

        await using (var orders = await ReadAsync(db,
            $"SELECT customer_id, ordered_at, amount_cents, channel, invoice_due_date, paid_date FROM orders WHERE ordered_at < @end{onlyRows}", parameters, ct))
        {
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

        string onlyOrders = onlyCustomerId is null ? "" : " AND o.customer_id = @id";
        await using (var products = await ReadAsync(db, $"""
            SELECT o.customer_id, count(DISTINCT l.product) FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.ordered_at < @end{onlyOrders} GROUP BY o.customer_id
            """, parameters, ct))
        {
            while (await products.ReadAsync(ct))
            {
                builder.SetDistinctProducts(products.GetInt64(0), Convert.ToInt32(products.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.Build();
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
            return ParseIsoDay(reader.GetString(column));
        }

        return reader.GetValue(column) switch
        {
            DateTime t => DateOnly.FromDateTime(t),
            DateOnly d => d,
            var value => throw new InvalidDataException($"Unexpected date value {value}."),
        };
    }

    private static DateOnly ParseIsoDay(ReadOnlySpan<char> s)
    {
        int year = ((s[0] - '0') * 1000) + ((s[1] - '0') * 100) + ((s[2] - '0') * 10) + (s[3] - '0');
        int month = ((s[5] - '0') * 10) + (s[6] - '0');
        int day = ((s[8] - '0') * 10) + (s[9] - '0');
        return new DateOnly(year, month, day);
    }
}
