using Guanxi.Data;
using Guanxi.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <summary>Upserts orders by order number; the customer is found by the file's customer_id (or code).</summary>
internal sealed class OrderBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes)
    : ImportBatchWriter(contexts, run, time, writes)
{
    private static readonly string[] InsertColumns =
    [
        "number", "customer_id", "ordered_at", "amount_cents", "currency", "channel", "invoice_due_date", "paid_date",
        "import_run_id", "created_at", "version",
    ];

    public override int BatchSize => 20_000;

    protected override async Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct)
    {
        var rows = batch.Cast<OrderImportRow>().ToList();
        var byExternal = await IdsByExternalIdAsync(db, rows.Where(r => !r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: false, ct);
        var byCode = await IdsByExternalIdAsync(db, rows.Where(r => r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: true, ct);
        var existing = new Dictionary<string, Order>(StringComparer.Ordinal);
        // EF sends the list as one array parameter, "number = ANY(@list)": index probes on the unique number, 20–60 ms
        // per 5 000 numbers at 3 million orders on PostgreSQL. Not a join on unnest(@list): with nested loops off in an
        // import batch that became a hash join over all orders (1.5 s per 5 000 at 3 million, growing with the table).
        foreach (var chunk in rows.Select(r => r.OrderNumber).Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Orders.Where(o => list.Contains(o.Number)).ToListAsync(ct)) existing[o.Number] = o;
        }

        var now = Now;
        var inserts = new List<object?[]>();
        long updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var customers = row.CustomerRefIsCode ? byCode : byExternal;
            if (!customers.TryGetValue(row.CustomerRef, out var customerId))
            {
                var column = row.CustomerRefIsCode ? "customer_code" : "customer_id";
                rejects.Add(new RejectedRow(row.Line, $"{column}: no customer {row.CustomerRef} in Guanxi (import customers first).", ""));
                continue;
            }
            var currency = row.Currency ?? "CNY";
            if (existing.TryGetValue(row.OrderNumber, out var order))
            {
                var changed = order.CustomerId != customerId || order.OrderedAt != row.OrderedAt || order.AmountCents != row.AmountCents
                    || order.Channel != row.Channel || order.Currency != currency
                    || order.InvoiceDueDate != row.InvoiceDueDate || order.PaidDate != row.PaidDate;
                if (!changed)
                {
                    unchanged++;
                    continue;
                }
                order.CustomerId = customerId;
                order.OrderedAt = row.OrderedAt;
                order.AmountCents = row.AmountCents;
                order.Channel = row.Channel;
                order.Currency = currency;
                order.InvoiceDueDate = row.InvoiceDueDate;
                order.PaidDate = row.PaidDate;
                order.ImportRunId = Run.Id;
                updated++;
                continue;
            }
            inserts.Add(
            [
                row.OrderNumber, customerId, DateTime.SpecifyKind(row.OrderedAt, DateTimeKind.Unspecified), row.AmountCents, currency, row.Channel,
                row.InvoiceDueDate, row.PaidDate, Run.Id, now, 1L,
            ]);
        }
        await db.SaveChangesAsync(ct);
        await Writes.Bulk.InsertAsync(db, "orders", InsertColumns, inserts, ct);
        return new BatchCounts(inserts.Count, updated, unchanged);
    }
}
