using Guanxi.Security;
using System.Globalization;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Export;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Audit;

public sealed record AuditEventDto(long Id, DateTime At, long? UserId, string? UserName, string? Address, string Action, string? Entity, string? EntityId, string? Before, string? After);

public sealed record AuditPage(IReadOnlyList<AuditEventDto> Items, long? NextAfter);

/// <summary>Filters of the audit trail; every value is compared as data (bound parameters), never spliced into SQL.</summary>
public sealed class AuditQuery
{
    public long? User { get; init; }
    public string? Action { get; init; }
    public string? Entity { get; init; }
    public string? EntityId { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }

    /// <summary>Keyset cursor: the last id of the previous page (newest first).</summary>
    public long? After { get; init; }

    public int? Limit { get; init; }
}

/// <summary>Read-only access to the audit trail for admins: there is deliberately no endpoint that changes it.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/audit").WithTags("Audit").Requires(Right.ReadAudit);
        g.MapGet("/", ListAsync).WithName("ListAuditEvents");
        g.MapGet("/export", ExportAsync).WithName("ExportAuditEvents");
        return api;
    }

    internal static IQueryable<AuditEvent> Filter(GuanxiDbContext db, AuditQuery q)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (q.User is { } user) events = events.Where(e => e.UserId == user);
        if (!string.IsNullOrWhiteSpace(q.Action)) events = events.Where(e => e.Action == q.Action);
        if (!string.IsNullOrWhiteSpace(q.Entity)) events = events.Where(e => e.Entity == q.Entity);
        if (!string.IsNullOrWhiteSpace(q.EntityId)) events = events.Where(e => e.EntityId == q.EntityId);
        if (q.From is { } from)
        {
            var start = Utc(from);
            events = events.Where(e => e.At >= start);
        }
        if (q.To is { } to)
        {
            var end = Utc(to);
            events = events.Where(e => e.At < end);
        }
        if (q.After is { } after) events = events.Where(e => e.Id < after);
        return events.OrderByDescending(e => e.Id);
    }

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    private static async Task<Ok<AuditPage>> ListAsync([AsParameters] AuditQuery q, AuditLog audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(q, ct));

    /// <summary>The filtered trail as CSV (formula-like cells neutralised), streamed in keyset-paged chunks.</summary>
    private static Task ExportAsync([AsParameters] AuditQuery q, IDbContextFactory<GuanxiDbContext> contexts, AuditLog audit, HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=audit.csv";
        return StreamedDownload.WriteAsync(http, (body, ct) => WriteCsvAsync(body, q, contexts, audit, ct));
    }

    private static async Task WriteCsvAsync(Stream body, AuditQuery q, IDbContextFactory<GuanxiDbContext> contexts, AuditLog audit, CancellationToken ct)
    {
        await using var text = CsvWriter.OpenExcelFriendly(body);
        var csv = new CsvWriter(text);
        await csv.WriteRowAsync(["id", "at", "user_id", "user", "address", "action", "entity", "entity_id", "before", "after"], ct);
        long? after = q.After;
        long rows = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var chunk = await Filter(db, new AuditQuery { User = q.User, Action = q.Action, Entity = q.Entity, EntityId = q.EntityId, From = q.From, To = q.To, After = after })
                .Take(5000).ToListAsync(ct);
            foreach (var e in chunk)
            {
                await csv.WriteRowAsync([
                    e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    e.UserId?.ToString(CultureInfo.InvariantCulture), SpreadsheetCell.Safe(e.UserName), SpreadsheetCell.Safe(e.Address),
                    SpreadsheetCell.Safe(e.Action), SpreadsheetCell.Safe(e.Entity), SpreadsheetCell.Safe(e.EntityId),
                    SpreadsheetCell.Safe(e.Before), SpreadsheetCell.Safe(e.After),
                ], ct);
            }
            rows += chunk.Count;
            if (chunk.Count < 5000) break;
            after = chunk[^1].Id;
            await text.FlushAsync(ct);
        }
        await text.FlushAsync(ct);
        await audit.RecordAsync("export", "AuditEvent", null, null, new { q.User, q.Action, q.Entity, q.EntityId, rows }, ct: ct);
    }
}
