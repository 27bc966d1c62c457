using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Guanxi.Data;
using Guanxi.Domain.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <summary>
/// Upserts interactions by the file's interaction_id; a file without ids gets a key from the row's
/// content (customer, time, channel, direction, subject), so importing it twice changes nothing either.
/// </summary>
internal sealed class InteractionBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes)
    : ImportBatchWriter(contexts, run, time, writes)
{
    private static readonly string[] InsertColumns =
    [
        "external_id", "customer_id", "channel", "direction", "subject", "body", "occurred_at", "created_at", "import_run_id",
    ];

    public override int BatchSize => 5000;

    protected override async Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct)
    {
        var rows = batch.Cast<InteractionImportRow>().ToList();
        var byExternal = await IdsByExternalIdAsync(db, rows.Where(r => !r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: false, ct);
        var byCode = await IdsByExternalIdAsync(db, rows.Where(r => r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: true, ct);
        var keys = rows.Select(KeyOf).ToList();
        var existing = new Dictionary<string, Interaction>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var i in await db.Interactions.Where(i => list.Contains(i.ExternalId!)).ToListAsync(ct)) existing[i.ExternalId!] = i;
        }

        var now = Now;
        var inserts = new List<object?[]>();
        var insertedKeys = new HashSet<string>(StringComparer.Ordinal);
        long updated = 0, unchanged = 0;
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n];
            var customers = row.CustomerRefIsCode ? byCode : byExternal;
            if (!customers.TryGetValue(row.CustomerRef, out var customerId))
            {
                var column = row.CustomerRefIsCode ? "customer_code" : "customer_id";
                rejects.Add(new RejectedRow(row.Line, $"{column}: no customer {row.CustomerRef} in Guanxi (import customers first).", ""));
                continue;
            }
            var key = keys[n];
            if (existing.TryGetValue(key, out var current))
            {
                var changed = current.CustomerId != customerId || current.OccurredAt != row.OccurredAt || current.Channel != row.Channel
                    || current.Direction != row.Direction || current.Subject != row.Subject || current.Body != row.Body;
                if (!changed)
                {
                    unchanged++;
                    continue;
                }
                (current.CustomerId, current.OccurredAt, current.Channel, current.Direction, current.Subject, current.Body) =
                    (customerId, row.OccurredAt, row.Channel, row.Direction, row.Subject, row.Body);
                current.ImportRunId = Run.Id;
                updated++;
                continue;
            }
            if (!insertedKeys.Add(key))
            {
                rejects.Add(new RejectedRow(row.Line, "interaction_id: repeats an earlier row of the file.", ""));
                continue;
            }
            inserts.Add([key, customerId, row.Channel.ToString(), row.Direction.ToString(), row.Subject, row.Body,
                DateTime.SpecifyKind(row.OccurredAt, DateTimeKind.Unspecified), now, Run.Id]);
        }
        await db.SaveChangesAsync(ct);
        await Writes.Bulk.InsertAsync(db, "interactions", InsertColumns, inserts, ct);
        return new BatchCounts(inserts.Count, updated, unchanged);
    }

    private static string KeyOf(InteractionImportRow row)
    {
        if (row.ExternalId is { } id) return id;
        var text = string.Join('\u001f', row.CustomerRef, row.OccurredAt.ToString("O", CultureInfo.InvariantCulture), row.Channel, row.Direction, row.Subject);
        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }
}
