using System.Security.Cryptography;
using System.Text;
using Guanxi.Data;
using Guanxi.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <summary>
/// Upserts opportunities by the file's opportunity_id; a file without ids gets a key from the row's content (customer,
/// title, created_at), so importing it twice changes nothing either. Rows go into the default pipeline, the stage found
/// by name (either half of a "中文 / English" name) or position; the probability defaults to the stage's (100 won, 0
/// lost). New ones get a creation row in the stage history, and a close row when the file says won or lost, so the
/// funnel counts them; a changed stage or status on a later import is recorded the same way. Days are the business's
/// local days and stored as the UTC instant of their start.
/// </summary>
internal sealed class OpportunityBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes)
    : ImportBatchWriter(contexts, run, time, writes)
{
    public override int BatchSize => 10_000;

    private Pipeline? _pipeline;

    protected override async Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct)
    {
        var rows = batch.Cast<OpportunityImportRow>().ToList();
        _pipeline ??= await db.Pipelines.AsNoTracking().Include(p => p.Stages.OrderBy(s => s.Position)).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id).FirstOrDefaultAsync(ct)
            ?? throw new ImportFileException("There is no pipeline to import opportunities into.");
        var byExternal = await IdsByExternalIdAsync(db, rows.Where(r => !r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: false, ct);
        var byCode = await IdsByExternalIdAsync(db, rows.Where(r => r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: true, ct);
        var names = rows.Where(r => r.Owner is not null).Select(r => r.Owner!).Distinct(StringComparer.Ordinal).ToList();
        var users = names.Count == 0
            ? new Dictionary<string, long>(StringComparer.Ordinal)
            : await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, StringComparer.Ordinal, ct);
        var keys = rows.Select(KeyOf).ToList();
        var existing = new Dictionary<string, Opportunity>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(2000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Opportunities.Where(o => list.Contains(o.ExternalId!)).ToListAsync(ct)) existing[o.ExternalId!] = o;
        }

        var now = Now;
        var added = new List<Opportunity>();
        var changes = new List<OpportunityStageChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
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
            if (StageOf(row.Stage) is not { } stage)
            {
                rejects.Add(new RejectedRow(row.Line, $"stage: no stage \"{row.Stage}\" in the pipeline {_pipeline.Name}.", ""));
                continue;
            }
            long? ownerId = null;
            if (row.Owner is { } name)
            {
                if (!users.TryGetValue(name, out var user))
                {
                    rejects.Add(new RejectedRow(row.Line, $"owner: no user \"{name}\" in Guanxi.", ""));
                    continue;
                }
                ownerId = user;
            }
            var key = keys[n];
            if (!seen.Add(key))
            {
                rejects.Add(new RejectedRow(row.Line, "opportunity_id: repeats an earlier row of the file.", ""));
                continue;
            }
            var wanted = Build(row, customerId, stage, ownerId, now);
            if (existing.TryGetValue(key, out var current))
            {
                if (SameAs(current, wanted))
                {
                    unchanged++;
                    continue;
                }
                if (current.StageId != wanted.StageId || current.Status != wanted.Status)
                {
                    changes.Add(new OpportunityStageChange
                    {
                        OpportunityId = current.Id,
                        FromStageId = current.StageId,
                        ToStageId = wanted.StageId,
                        FromStatus = current.Status,
                        ToStatus = wanted.Status,
                        At = wanted.ClosedAt ?? now,
                        SecondsInStage = current.Status == OpportunityStatus.Open ? OpportunityStageChange.Seconds(current.StageEnteredAt, wanted.ClosedAt ?? now) : null,
                    });
                    current.StageEnteredAt = current.StageId != wanted.StageId ? wanted.ClosedAt ?? now : current.StageEnteredAt;
                }
                Copy(wanted, current);
                updated++;
                continue;
            }
            wanted.ExternalId = key;
            added.Add(wanted);
        }
        // Updates are tracked: each passes the opportunity's guard, leaves its audit row and keeps the sales facts, like
        // an edit in the app. New rows go in set-based, as the other imports' do (one audit row for the run; imports are
        // for admins only): one tracked insert per opportunity, audit row and history row made a 100,000-row file take
        // 377 s on SQLite, nearly all of it preparing and stepping single-row statements.
        db.OpportunityStageChanges.AddRange(changes);
        await db.SaveChangesAsync(ct);
        await InsertAsync(db, added, now, ct);
        return new BatchCounts(added.Count, updated, unchanged);
    }

    private static readonly string[] InsertColumns =
    [
        "external_id", "customer_id", "title", "source", "channel", "heat", "amount_cents", "currency", "pipeline_id", "stage_id", "probability",
        "expected_close_on", "owner_id", "status", "close_reason", "closed_at", "stage_entered_at", "created_at", "updated_at", "version",
        "furthest_position",
    ];

    private static readonly string[] ChangeColumns = ["opportunity_id", "from_stage_id", "to_stage_id", "from_status", "to_status", "at", "seconds_in_stage"];

    /// <summary>
    /// Bulk-inserts the new opportunities, then their history: a creation row each and a close row for a won or lost
    /// one, so the funnel counts them; then their outcome and hour facts, which a bulk insert does not keep by itself.
    /// </summary>
    private async Task InsertAsync(GuanxiDbContext db, List<Opportunity> added, DateTime now, CancellationToken ct)
    {
        if (added.Count == 0) return;
        // Its history only ever enters its one stage, so its furthest position is that stage's, written with the row: on
        // PostgreSQL setting it afterwards rewrote every new row and its index entries (0.9 s a batch of 10,000).
        var positions = _pipeline!.Stages.ToDictionary(s => s.Id, s => s.Position);
        var rows = new List<object?[]>(added.Count);
        foreach (var o in added)
        {
            rows.Add(
            [
                o.ExternalId, o.CustomerId, o.Title, o.Source.ToString(), o.Channel, o.Heat.ToString(), o.AmountCents, o.Currency, o.PipelineId, o.StageId,
                o.Probability, o.ExpectedCloseOn, o.OwnerId, o.Status.ToString(), o.CloseReason, o.ClosedAt, o.StageEnteredAt, o.CreatedAt, now, 1L,
                positions[o.StageId],
            ]);
        }
        await Writes.Bulk.InsertAsync(db, "opportunities", InsertColumns, rows, ct);

        var ids = new Dictionary<string, long>(added.Count, StringComparer.Ordinal);
        foreach (var chunk in added.Select(o => o.ExternalId!).Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Opportunities.IgnoreQueryFilters().AsNoTracking().Where(o => list.Contains(o.ExternalId!))
                .Select(o => new { o.ExternalId, o.Id }).ToListAsync(ct))
                ids[o.ExternalId!] = o.Id;
        }
        var open = OpportunityStatus.Open.ToString();
        var changes = new List<object?[]>(added.Count * 2);
        foreach (var o in added)
        {
            var id = ids[o.ExternalId!];
            changes.Add([id, null, o.StageId, open, open, o.CreatedAt, null]);
            if (o.Status != OpportunityStatus.Open)
                changes.Add([id, o.StageId, o.StageId, open, o.Status.ToString(), o.ClosedAt!.Value, OpportunityStageChange.Seconds(o.CreatedAt, o.ClosedAt.Value)]);
        }
        await Writes.Bulk.InsertAsync(db, "opportunity_stage_changes", ChangeColumns, changes, ct);
        await SalesFacts.AddNewAsync(db, [.. ids.Values], ct);
    }

    /// <summary>A stage of the pipeline by name or position; its stages came ordered by position, once for the whole run.</summary>
    private PipelineStage? StageOf(string? name)
    {
        var stages = _pipeline!.Stages;
        if (string.IsNullOrWhiteSpace(name)) return stages.FirstOrDefault();
        var text = name.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
            return stages.FirstOrDefault(s => s.Position == position);
        return stages.FirstOrDefault(s => string.Equals(s.Name, text, StringComparison.OrdinalIgnoreCase)
            || s.Name.Split(" / ").Any(part => string.Equals(part.Trim(), text, StringComparison.OrdinalIgnoreCase)));
    }

    private Opportunity Build(OpportunityImportRow row, long customerId, PipelineStage stage, long? ownerId, DateTime now)
    {
        var created = row.CreatedAt is { } c ? StartOf(c) : now;
        DateTime? closed = row.Status == OpportunityStatus.Open ? null : row.ClosedAt is { } d ? StartOf(d) : created > now ? created : now;
        return new Opportunity
        {
            CustomerId = customerId,
            Title = row.Title.Trim(),
            AmountCents = row.AmountCents,
            Currency = row.Currency,
            PipelineId = _pipeline!.Id,
            StageId = stage.Id,
            Status = row.Status,
            Probability = row.Probability ?? row.Status switch { OpportunityStatus.Won => 100, OpportunityStatus.Lost => 0, _ => stage.Probability },
            Source = row.Source,
            Channel = row.Channel,
            Heat = row.Heat,
            ExpectedCloseOn = row.ExpectedClose,
            OwnerId = ownerId,
            CloseReason = row.CloseReason,
            ClosedAt = closed,
            CreatedAt = created,
            StageEnteredAt = created,
        };
    }

    private DateTime StartOf(DateOnly day) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Time.LocalTimeZone), DateTimeKind.Utc);

    private static bool SameAs(Opportunity a, Opportunity b) =>
        a.CustomerId == b.CustomerId && a.Title == b.Title && a.AmountCents == b.AmountCents && a.Currency == b.Currency && a.StageId == b.StageId
        && a.Status == b.Status && a.Probability == b.Probability && a.Source == b.Source && a.Channel == b.Channel && a.Heat == b.Heat
        && a.ExpectedCloseOn == b.ExpectedCloseOn && a.OwnerId == b.OwnerId && a.CloseReason == b.CloseReason && a.ClosedAt == b.ClosedAt;

    private static void Copy(Opportunity from, Opportunity to)
    {
        (to.CustomerId, to.Title, to.AmountCents, to.Currency, to.StageId, to.Status, to.Probability) =
            (from.CustomerId, from.Title, from.AmountCents, from.Currency, from.StageId, from.Status, from.Probability);
        (to.Source, to.Channel, to.Heat, to.ExpectedCloseOn, to.OwnerId, to.CloseReason, to.ClosedAt) =
            (from.Source, from.Channel, from.Heat, from.ExpectedCloseOn, from.OwnerId, from.CloseReason, from.ClosedAt);
    }

    private static string KeyOf(OpportunityImportRow row)
    {
        if (row.ExternalId is { } id) return id;
        var text = string.Join('\u001f', row.CustomerRef, row.Title, row.CreatedAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }
}
