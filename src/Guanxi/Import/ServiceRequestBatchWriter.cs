using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Guanxi.Data;
using Guanxi.Domain.Service;
using Guanxi.Service;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <summary>
/// Upserts service requests by the file's request_id; a file without ids gets a key from the row's content (customer,
/// created_at, type, subject), so importing it twice changes nothing either. The file's times are in the desk's zone
/// (Service:TimeZone) and stored as UTC instants like every request's. A request gets the SLA deadlines the desk would
/// have given it when it was made (the policy matching its type, priority and the customer's classes at the latest run,
/// counted in business time from created_at), so the queue, the breach scan and the reports treat it like any other.
/// </summary>
internal sealed class ServiceRequestBatchWriter(IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes)
    : ImportBatchWriter(contexts, run, time, writes)
{
    private static readonly string[] InsertColumns =
    [
        "external_id", "customer_id", "type", "channel", "priority", "subject", "description", "assignee_id", "status", "is_open",
        "sla_policy_id", "response_due_at", "resolution_due_at", "next_due_at", "first_responded_at", "resolved_at", "closed_at",
        "follow_up_days", "created_at", "updated_at", "version", "import_run_id", "first_response_minutes", "resolution_minutes",
    ];

    public override int BatchSize => 5000;

    private List<SlaPolicy>? _policies;
    private BusinessCalendar? _calendar;

    protected override async Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct)
    {
        var rows = batch.Cast<ServiceRequestImportRow>().ToList();
        var byExternal = await IdsByExternalIdAsync(db, rows.Where(r => !r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: false, ct);
        var byCode = await IdsByExternalIdAsync(db, rows.Where(r => r.CustomerRefIsCode).Select(r => r.CustomerRef), byCode: true, ct);
        var names = rows.Where(r => r.Assignee is not null).Select(r => r.Assignee!).Distinct(StringComparer.Ordinal).ToList();
        var users = names.Count == 0
            ? new Dictionary<string, long>(StringComparer.Ordinal)
            : await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, StringComparer.Ordinal, ct);
        var keys = rows.Select(KeyOf).ToList();
        var existing = new Dictionary<string, ServiceRequest>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var r in await db.ServiceRequests.Where(r => list.Contains(r.ExternalId!)).ToListAsync(ct)) existing[r.ExternalId!] = r;
        }
        _policies ??= await db.SlaPolicies.AsNoTracking().ToListAsync(ct);
        _calendar ??= await Writes.Calendar.LoadAsync(db, ct);
        var modelKeys = _policies.Where(p => p.ModelKey is not null).Select(p => p.ModelKey!).ToList();
        var customerIds = byExternal.Values.Concat(byCode.Values).ToList();
        var classes = modelKeys.Count == 0 ? [] : await ServiceDesk.ClassesAsync(db, customerIds, modelKeys, ct);

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
            long? assigneeId = null;
            if (row.Assignee is { } name)
            {
                if (!users.TryGetValue(name, out var user))
                {
                    rejects.Add(new RejectedRow(row.Line, $"assignee: no user \"{name}\" in Guanxi.", ""));
                    continue;
                }
                assigneeId = user;
            }
            var key = keys[n];
            var wanted = Build(row, customerId, assigneeId, classes.GetValueOrDefault(customerId) ?? []);
            if (existing.TryGetValue(key, out var current))
            {
                if (SameAs(current, wanted))
                {
                    unchanged++;
                    continue;
                }
                // Tracked: the update passes the request's guard and leaves its audit row like an edit in the desk.
                Copy(wanted, current);
                current.ImportRunId = Run.Id;
                updated++;
                continue;
            }
            if (!insertedKeys.Add(key))
            {
                rejects.Add(new RejectedRow(row.Line, "request_id: repeats an earlier row of the file.", ""));
                continue;
            }
            inserts.Add([key, customerId, wanted.Type.ToString(), wanted.Channel.ToString(), wanted.Priority.ToString(), wanted.Subject, wanted.Description,
                assigneeId, wanted.Status.ToString(), wanted.IsOpen, wanted.SlaPolicyId, wanted.ResponseDueAt, wanted.ResolutionDueAt, wanted.NextDueAt,
                wanted.FirstRespondedAt, wanted.ResolvedAt, wanted.ClosedAt, wanted.FollowUpDays, wanted.CreatedAt, now, 0L, Run.Id, wanted.FirstResponseMinutes, wanted.ResolutionMinutes]);
        }
        await db.SaveChangesAsync(ct);
        await Writes.Bulk.InsertAsync(db, "service_requests", InsertColumns, inserts, ct);
        return new BatchCounts(inserts.Count, updated, unchanged);
    }

    /// <summary>The request as the desk holds it: UTC times, deadlines from the matching policy, a resolution counting as the first response.</summary>
    private ServiceRequest Build(ServiceRequestImportRow row, long customerId, long? assigneeId, IReadOnlySet<(string Model, string Class)> classes)
    {
        var zone = Writes.Calendar.Zone;
        var created = Utc(row.CreatedAt, zone);
        var resolved = row.ResolvedAt is { } at ? Utc(at, zone) : (DateTime?)null;
        var r = new ServiceRequest
        {
            CustomerId = customerId,
            Type = row.Type,
            Channel = row.Channel,
            Priority = row.Priority,
            Subject = row.Subject.Trim(),
            Description = row.Description,
            AssigneeId = assigneeId,
            Status = row.Status,
            CreatedAt = created,
            ResolvedAt = resolved,
            // The file does not say when a request was first answered; its resolution is (as in the desk) when there is one.
            FirstRespondedAt = resolved,
            ClosedAt = row.Status == ServiceStatus.Closed ? resolved : null,
        };
        if (SlaPolicies.Match(_policies!, r.Type, r.Priority, classes) is { } policy)
        {
            r.SlaPolicyId = policy.Id;
            r.ResponseDueAt = _calendar!.AddBusinessMinutesUtc(created, policy.FirstResponseMinutes);
            r.ResolutionDueAt = _calendar.AddBusinessMinutesUtc(created, policy.ResolutionMinutes);
            r.FollowUpDays = policy.FollowUpDays;
        }
        r.NextDueAt = r.RunningDeadline();
        r.MeasureTimes();
        return r;
    }

    private static DateTime Utc(DateTime local, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), DateTimeKind.Utc);

    private static bool SameAs(ServiceRequest a, ServiceRequest b) =>
        a.CustomerId == b.CustomerId && a.Type == b.Type && a.Channel == b.Channel && a.Priority == b.Priority && a.Subject == b.Subject
        && a.Description == b.Description && a.AssigneeId == b.AssigneeId && a.Status == b.Status && a.CreatedAt == b.CreatedAt && a.ResolvedAt == b.ResolvedAt;

    private static void Copy(ServiceRequest from, ServiceRequest to)
    {
        (to.CustomerId, to.Type, to.Channel, to.Priority, to.Subject, to.Description, to.AssigneeId) =
            (from.CustomerId, from.Type, from.Channel, from.Priority, from.Subject, from.Description, from.AssigneeId);
        (to.Status, to.CreatedAt, to.ResolvedAt, to.FirstRespondedAt, to.ClosedAt) = (from.Status, from.CreatedAt, from.ResolvedAt, to.FirstRespondedAt ?? from.FirstRespondedAt, from.ClosedAt);
        (to.SlaPolicyId, to.ResponseDueAt, to.ResolutionDueAt, to.FollowUpDays) = (from.SlaPolicyId, from.ResponseDueAt, from.ResolutionDueAt, from.FollowUpDays);
        to.NextDueAt = to.RunningDeadline();
        to.MeasureTimes();
    }

    private static string KeyOf(ServiceRequestImportRow row)
    {
        if (row.ExternalId is { } id) return id;
        var text = string.Join('\u001f', row.CustomerRef, row.CreatedAt.ToString("O", CultureInfo.InvariantCulture), row.Type, row.Subject);
        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }
}
