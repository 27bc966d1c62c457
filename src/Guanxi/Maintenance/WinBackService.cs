using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Maintenance;
using Guanxi.Hosting;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

public sealed record WinBackCaseDto(
    long Id, long CustomerId, string CustomerName, long? OwnerId, WinBackState State,
    [property: PersonalData(PersonalKind.FreeText)] string Reason,
    [property: PersonalData(PersonalKind.FreeText)] string? Apology,
    [property: PersonalData(PersonalKind.FreeText)] string? Remedy,
    DateOnly OpenedOn, DateOnly WindowEnds, DateOnly? ClosedOn, long Version);

/// <summary>A transition with what it needs: the apology when apologising, the remedy when offering one.</summary>
public sealed record WinBackTransition
{
    public WinBackState To { get; init; }
    public string? Apology { get; init; }
    public string? Remedy { get; init; }

    /// <summary>When offering a remedy: a follow-up visit (跟踪回访) this many days later; none when null.</summary>
    public int? FollowUpInDays { get; init; }
}

/// <summary>Win-back cases (挽回): the steps are enforced by <see cref="WinBackRules"/>; customers in reach only.</summary>
public sealed class WinBackService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<WinBackCaseDto>> ListAsync(string? state, long? customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.WinBackCases.AsNoTracking();
        switch (state)
        {
            case null or "" or "open":
                q = q.Where(w => w.State == WinBackState.Open || w.State == WinBackState.Apologised || w.State == WinBackState.RemedyOffered);
                break;
            case "closed":
                q = q.Where(w => w.State == WinBackState.WonBack || w.State == WinBackState.LostForGood);
                break;
            case "all":
                break;
            default:
                throw ValidationException.For("state", "Use open, closed or all.");
        }
        if (customerId is { } id) q = q.Where(w => w.CustomerId == id);
        return await Project(db, q.OrderByDescending(w => w.Id).Take(500)).ToListAsync(ct);
    }

    public async Task<WinBackCaseDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.WinBackCases.Where(w => w.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Win-back case");
    }

    private static IQueryable<WinBackCaseDto> Project(GuanxiDbContext db, IQueryable<WinBackCase> cases) =>
        from w in cases
        join c in db.Customers on w.CustomerId equals c.Id
        select new WinBackCaseDto(w.Id, w.CustomerId, c.Name, w.OwnerId, w.State, w.Reason, w.Apology, w.Remedy, w.OpenedOn,
            w.OpenedOn.AddDays(w.WindowDays), w.ClosedOn, w.Version);

    /// <summary>Moves a case on; a refused step answers 409 with the reason, a stale If-Match 412.</summary>
    public async Task<WinBackCaseDto> TransitionAsync(long id, WinBackTransition input, long? expectedVersion, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        if (!Enum.IsDefined(input.To)) e.Add("to", "Unknown state.");
        e.MaxLength("apology", input.Apology, WinBackCase.TextMaxLength);
        e.MaxLength("remedy", input.Remedy, WinBackCase.TextMaxLength);
        if (input.FollowUpInDays is < 0 or > 365) e.Add("followUpInDays", "0 to 365 days.");
        e.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await db.WinBackCases.FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Win-back case");
        if (expectedVersion is { } v && v != c.Version)
            throw new ConcurrencyConflictException($"Win-back case {id} is at version {c.Version}, not {v}. Reload and apply the change again.");
        if (!string.IsNullOrWhiteSpace(input.Apology)) c.Apology = input.Apology.Trim();
        if (!string.IsNullOrWhiteSpace(input.Remedy)) c.Remedy = input.Remedy.Trim();
        var bought = input.To == WinBackState.WonBack && (await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == c.CustomerId && o.OrderedAt >= c.OpenedOn.ToDateTime(TimeOnly.MinValue))
            .Select(o => o.OrderedAt).ToListAsync(ct)).Any(c.InWindow);
        if (WinBackRules.Refusal(c, input.To, bought) is { } reason) throw new ConflictException(reason);
        c.State = input.To;
        var today = time.Today();
        if (c.IsClosed) c.ClosedOn = today;
        if (input.To == WinBackState.RemedyOffered && input.FollowUpInDays is { } days)
        {
            db.Tasks.Add(new CustomerTask
            {
                CustomerId = c.CustomerId,
                AssigneeId = db.Scope.UserId > 0 ? db.Scope.UserId : c.OwnerId,
                Kind = TaskKind.Call,
                Title = "挽回跟踪回访：补救措施是否见效",
                DueAt = today.AddDays(days).ToDateTime(PlaybookPlanner.DueTime),
                Priority = TaskPriority.High,
                State = TaskState.Open,
                Origin = TaskOrigin.WinBack,
                WinBackCaseId = c.Id,
                CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
            });
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }
}
