using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Orders;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <summary>
/// Writes whole orders of an order-line file (<see cref="OrderLinesGroup"/>): upserts the order by its number with
/// its lines, creates the products it meets in the catalogue and, with <c>--create-customers</c>, the customers it
/// names that Guanxi does not know. An order equal to the stored one (fields and lines) is unchanged; a different one
/// is updated and its lines replaced. The summary counts orders: a rejected order is one, whatever its lines.
/// </summary>
internal sealed class OrderLinesBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes, bool createCustomers)
    : ImportBatchWriter(contexts, run, time, writes)
{
    /// <summary>The channel of an order whose file gives none (no channel column, no <c>channel=</c> constant).</summary>
    public const string DefaultChannel = "other";

    /// <summary>A customer created from an order line keeps the line's country as a tag <c>country:…</c> (customers have no country field).</summary>
    public const string CountryTagPrefix = "country:";

    private static readonly string[] OrderColumns =
    [
        "number", "customer_id", "ordered_at", "amount_cents", "currency", "channel", "is_return", "returns_order_id",
        "import_run_id", "created_at", "version",
    ];

    private static readonly string[] LineColumns = ["order_id", "product", "quantity", "unit_price_cents"];

    private static readonly string[] ProductColumns = ["code", "name", "price_cents", "currency", "active", "version"];

    private static readonly string[] CustomerColumns =
    [
        "code", "external_id", "name", "name_pinyin", "name_initials", "kind", "relationship", "city", "company_size",
        "created_at", "updated_at", "version",
    ];

    /// <summary>Product codes the catalogue is known to have: asked of the database once per import, not once per batch.</summary>
    private readonly HashSet<string> _knownProducts = new(StringComparer.Ordinal);

    /// <summary>Returns whose original was not in Guanxi when they were written: linked at the end if it came later in the file.</summary>
    private readonly List<(string Return, string Original)> _unlinked = [];

    public override int BatchSize => 5000;

    public override void Replay(object record)
    {
        if (record is OrderLinesGroup { Rejects.Count: 0, ReturnsOrderNumber: { } original } g) _unlinked.Add((g.OrderNumber, original));
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        if (_unlinked.Count == 0) return;
        await using var db = await Contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (ret, original) in _unlinked) await Writes.Orders.LinkReturnAsync(db, ret, original, ct);
        await tx.CommitAsync(ct);
    }

    protected override async Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct)
    {
        var groups = batch.Cast<OrderLinesGroup>().ToList();
        long rejected = 0, guests = 0;
        var valid = new List<OrderLinesGroup>(groups.Count);
        foreach (var g in groups)
        {
            if (g.Rejects.Count == 0)
            {
                valid.Add(g);
                continue;
            }
            rejects.AddRange(g.Rejects);
            rejected++;
            if (g.IsGuest) guests++;
        }

        var customers = await IdsByExternalIdAsync(db, valid.Select(g => g.CustomerRef).Distinct(StringComparer.Ordinal), byCode: false, ct);
        var unknown = valid.Where(g => !customers.ContainsKey(g.CustomerRef)).ToList();
        if (unknown.Count > 0 && createCustomers)
        {
            foreach (var (id, customerId) in await CreateCustomersAsync(db, unknown, ct)) customers[id] = customerId;
        }
        var kept = new List<OrderLinesGroup>(valid.Count);
        foreach (var g in valid)
        {
            if (customers.ContainsKey(g.CustomerRef))
            {
                kept.Add(g);
                continue;
            }
            RejectAll(rejects, g, $"customer_id: no customer {g.CustomerRef} in Guanxi (import customers first, or pass --create-customers)");
            rejected++;
        }

        await AddProductsAsync(db, kept, ct);
        var existing = new Dictionary<string, Order>(StringComparer.Ordinal);
        foreach (var chunk in kept.Select(g => g.OrderNumber).Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Orders.Where(o => list.Contains(o.Number)).ToListAsync(ct)) existing[o.Number] = o;
        }
        // The stored orders' lines in a query of their own, only when there are any (a first import has none): joined to
        // the orders by number, PostgreSQL at 2M orders sometimes planned a parallel scan of every line per batch. The
        // tracked orders get their lines by EF's fix-up.
        foreach (var chunk in existing.Values.Select(o => o.Id).Chunk(5000))
        {
            var ids = chunk.ToList();
            await db.OrderLines.Where(l => ids.Contains(l.OrderId)).LoadAsync(ct);
        }
        var originals = await OrderIdsAsync(db, kept.Where(g => g.ReturnsOrderNumber is not null).Select(g => g.ReturnsOrderNumber!), ct);

        var now = Now;
        var inserts = new List<OrderLinesGroup>();
        var replaced = new List<(Order Order, OrderLinesGroup Group)>();
        long updated = 0, unchanged = 0, lines = 0, returns = 0;
        foreach (var g in kept)
        {
            var customerId = customers[g.CustomerRef];
            long? originalId = g.ReturnsOrderNumber is { } on && originals.TryGetValue(on, out var oid) ? oid : null;
            lines += g.Lines.Count;
            if (g.IsReturn) returns++;
            if (!existing.TryGetValue(g.OrderNumber, out var order))
            {
                inserts.Add(g);
                continue;
            }
            var linesChanged = !SameLines(order.Lines, g.Lines);
            var changed = linesChanged || order.CustomerId != customerId || order.OrderedAt != g.OrderedAt || order.AmountCents != g.AmountCents
                || order.Channel != g.Channel || order.Currency != g.Currency || order.IsReturn != g.IsReturn
                || (originalId is not null && order.ReturnsOrderId != originalId);
            if (!changed)
            {
                unchanged++;
                continue;
            }
            order.CustomerId = customerId;
            order.OrderedAt = DateTime.SpecifyKind(g.OrderedAt, DateTimeKind.Unspecified);
            order.AmountCents = g.AmountCents;
            order.Channel = g.Channel;
            order.Currency = g.Currency;
            order.IsReturn = g.IsReturn;
            if (originalId is not null || !g.IsReturn) order.ReturnsOrderId = originalId;
            order.ImportRunId = Run.Id;
            if (linesChanged) replaced.Add((order, g));
            updated++;
        }
        await db.SaveChangesAsync(ct);

        var orderRows = new List<object?[]>(inserts.Count);
        foreach (var g in inserts)
        {
            long? originalId = g.ReturnsOrderNumber is { } on && originals.TryGetValue(on, out var oid) ? oid : null;
            orderRows.Add(
            [
                g.OrderNumber, customers[g.CustomerRef], DateTime.SpecifyKind(g.OrderedAt, DateTimeKind.Unspecified), g.AmountCents, g.Currency, g.Channel,
                g.IsReturn, originalId, Run.Id, now, 1L,
            ]);
        }
        await Writes.Bulk.InsertAsync(db, "orders", OrderColumns, orderRows, ct);
        var newIds = await OrderIdsAsync(db, inserts.Select(g => g.OrderNumber), ct);

        var lineRows = new List<object?[]>();
        foreach (var g in inserts) AddLines(lineRows, newIds[g.OrderNumber], g);
        await Writes.Orders.DeleteLinesAsync(db, [.. replaced.Select(r => r.Order.Id)], ct);
        foreach (var (order, g) in replaced) AddLines(lineRows, order.Id, g);
        await Writes.Bulk.InsertAsync(db, "order_lines", LineColumns, lineRows, ct);

        // A return whose original is in this batch (written just now) or not yet anywhere.
        foreach (var g in kept)
        {
            if (g.ReturnsOrderNumber is not { } original || originals.ContainsKey(original)) continue;
            if (newIds.ContainsKey(original)) await Writes.Orders.LinkReturnAsync(db, g.OrderNumber, original, ct);
            else _unlinked.Add((g.OrderNumber, original));
        }
        return new BatchCounts(inserts.Count, updated, unchanged, rejected, lines, returns, guests);
    }

    private static void RejectAll(List<RejectedRow> rejects, OrderLinesGroup g, string reason) =>
        rejects.AddRange(g.Lines.Select(l => new RejectedRow(l.Line, reason, l.RawText)));

    /// <summary>The line as stored: product code, quantity, unit price in cents (half away from zero; the amount used the exact price).</summary>
    private static long PriceCents(decimal unitPrice) => (long)Math.Round(unitPrice * 100m, MidpointRounding.AwayFromZero);

    private static void AddLines(List<object?[]> rows, long orderId, OrderLinesGroup g)
    {
        foreach (var l in g.Lines) rows.Add([orderId, l.ProductCode, l.Quantity, PriceCents(l.UnitPrice)]);
    }

    private static bool SameLines(List<OrderLine> stored, IReadOnlyList<OrderLineImportRow> file)
    {
        if (stored.Count != file.Count) return false;
        var a = stored.Select(l => (l.Product, l.Quantity, l.UnitPriceCents)).Order().ToList();
        var b = file.Select(l => (l.ProductCode, l.Quantity, PriceCents(l.UnitPrice))).Order().ToList();
        return a.SequenceEqual(b);
    }

    private static async Task<Dictionary<string, long>> OrderIdsAsync(GuanxiDbContext db, IEnumerable<string> numbers, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Distinct(StringComparer.Ordinal).Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Orders.IgnoreQueryFilters().Where(o => list.Contains(o.Number)).Select(o => new { o.Id, o.Number }).ToListAsync(ct))
            {
                result[o.Number] = o.Id;
            }
        }
        return result;
    }

    /// <summary>
    /// Products met for the first time join the catalogue: the code, the first name met (else the code), the first unit
    /// price met (rounded to cents) and the order's currency. A product the catalogue has is left as it is.
    /// </summary>
    private async Task AddProductsAsync(GuanxiDbContext db, List<OrderLinesGroup> groups, CancellationToken ct)
    {
        var met = new Dictionary<string, (OrderLineImportRow Line, string Currency)>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            foreach (var l in g.Lines)
            {
                if (!_knownProducts.Contains(l.ProductCode)) met.TryAdd(l.ProductCode, (l, g.Currency));
            }
        }
        if (met.Count == 0) return;
        foreach (var chunk in met.Keys.Chunk(5000))
        {
            var list = chunk.ToList();
            _knownProducts.UnionWith(await db.Products.Where(p => list.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct));
        }
        var rows = met.Where(m => !_knownProducts.Contains(m.Key))
            .Select(m => new object?[] { m.Key, m.Value.Line.ProductName ?? m.Key, PriceCents(m.Value.Line.UnitPrice), m.Value.Currency, true, 1L })
            .ToList();
        await Writes.Bulk.InsertAsync(db, "products", ProductColumns, rows, ct);
        // Known from here on only if this batch commits: a batch that fails is retried by the resumed import, which
        // starts with a new writer.
        _knownProducts.UnionWith(rows.Select(r => (string)r[0]!));
    }

    /// <summary>
    /// A customer for each unknown id: the name from the mapped name column (else "Customer &lt;id&gt;"), the city, the
    /// country as a tag, created on the day of their first order in the batch (the orders' trigger lowers it further
    /// if an earlier order comes later).
    /// </summary>
    private async Task<Dictionary<string, long>> CreateCustomersAsync(GuanxiDbContext db, List<OrderLinesGroup> groups, CancellationToken ct)
    {
        var now = Now;
        var people = groups.GroupBy(g => g.CustomerRef, StringComparer.Ordinal).Select(byCustomer =>
        {
            var lines = byCustomer.SelectMany(g => g.Lines).ToList();
            return (
                Id: byCustomer.Key,
                Name: lines.Select(l => l.CustomerName).FirstOrDefault(n => n is not null) ?? "Customer " + byCustomer.Key,
                City: lines.Select(l => l.City).FirstOrDefault(c => c is not null),
                Country: lines.Select(l => l.Country).FirstOrDefault(c => c is not null),
                Since: DateOnly.FromDateTime(byCustomer.Min(g => g.OrderedAt)));
        }).ToList();
        var codes = new List<string>(people.Count);
        var rows = new List<object?[]>(people.Count);
        foreach (var p in people)
        {
            var code = await CustomerCodes.NextAsync(db, p.Since, ct);
            codes.Add(code);
            var pinyin = Pinyin.Of(p.Name);
            rows.Add(
            [
                code, p.Id, p.Name, pinyin.Full, pinyin.Initials, CustomerKind.Person.ToString(), RelationshipType.Ordinary.ToString(), p.City,
                CompanySize.Unknown.ToString(), p.Since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), now, 1L,
            ]);
        }
        await Writes.Bulk.InsertAsync(db, "customers", CustomerColumns, rows, ct);
        var ids = await IdsByExternalIdAsync(db, people.Select(p => p.Id), byCode: false, ct);
        var tags = people.Where(p => p.Country is not null && ids.ContainsKey(p.Id))
            .Select(p => (ids[p.Id], CountryTagPrefix + p.Country!.Trim()));
        await Writes.Customers.AddTagsAsync(db, tags, ct);
        return ids;
    }

}
