using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Sales;
using Guanxi.Hosting;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

/// <summary>A rep's or a team's target for a period (exactly one of <see cref="UserId"/> and <see cref="TeamId"/>).</summary>
public sealed record SalesTargetDto(long Id, string Period, long? UserId, string? UserName, long? TeamId, string? TeamName, decimal Amount, string Currency, DateTime UpdatedAt, long Version);

/// <summary>Sets the target of a rep (<see cref="UserId"/>) or a team (<see cref="TeamId"/>) for a month ("2027-01") or quarter ("2027-Q1").</summary>
public sealed record SalesTargetInput(string? Period, long? UserId, long? TeamId, decimal Amount, string? Currency);

public sealed record SalesCommitmentDto(long Id, string Period, long UserId, string? UserName, decimal Amount, string Currency, [property: PersonalData(PersonalKind.FreeText)] string? Note, DateTime At);

/// <summary>What the caller commits to close in a period; each entry is kept and the latest counts.</summary>
public sealed record SalesCommitmentInput(string? Period, decimal Amount, string? Currency, string? Note);

/// <summary>
/// Quotas and commitments. Managers (<see cref="Right.SetTargets"/>) set the targets of the reps and teams of their
/// subtree, admins anyone's; a holder outside the caller's subtree is not found. Reps enter their own commitments.
/// Reads follow the query filters: one's own, and a manager's subtree.
/// </summary>
public sealed class SalesQuotas(IDbContextFactory<GuanxiDbContext> contexts)
{
    public static SalesPeriod ParsePeriod(string? text, string field = "period") =>
        SalesPeriod.TryParse(text, out var p) ? p : throw ValidationException.For(field, "Use a month such as 2027-01 or a quarter such as 2027-Q1 (years 2000–2100).");

    public async Task<IReadOnlyList<SalesTargetDto>> TargetsAsync(string? period, CancellationToken ct = default)
    {
        var p = period is null ? (SalesPeriod?)null : ParsePeriod(period);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.SalesTargets.AsNoTracking();
        if (p is { } x)
        {
            var text = x.ToString();
            q = q.Where(t => t.Period == text);
        }
        return await ProjectTargets(db, q.OrderBy(t => t.Period).ThenBy(t => t.TeamId).ThenBy(t => t.UserId)).ToListAsync(ct);
    }

    public async Task<SalesTargetDto> SetTargetAsync(SalesTargetInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        SalesPeriod period = default;
        if (!SalesPeriod.TryParse(input.Period, out period)) e.Add("period", "Use a month such as 2027-01 or a quarter such as 2027-Q1 (years 2000–2100).");
        if ((input.UserId is null) == (input.TeamId is null)) e.Add("userId", "Give either a rep (userId) or a team (teamId).");
        if (!SalesRules.IsAmount(input.Amount)) e.Add("amount", "An amount is at least 0, with at most two decimals.");
        var currency = CurrencyCode.Normalize(input.Currency ?? "CNY");
        if (currency is null) e.Add("currency", "Use an ISO 4217 currency code such as CNY.");
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.SetTargets);
        await EnsureHolderAsync(db, input.UserId, input.TeamId, ct);
        var text = period.ToString();
        var target = await db.SalesTargets.FirstOrDefaultAsync(t => t.Period == text && t.UserId == input.UserId && t.TeamId == input.TeamId, ct);
        if (target is null)
        {
            target = new SalesTarget { Period = text, UserId = input.UserId, TeamId = input.TeamId };
            db.SalesTargets.Add(target);
        }
        target.AmountCents = SalesRules.Cents(input.Amount);
        target.Currency = currency!;
        target.SetById = db.Scope.UserId > 0 ? db.Scope.UserId : null;
        await db.SaveChangesAsync(ct);
        var id = target.Id;
        return await ProjectTargets(db, db.SalesTargets.AsNoTracking().Where(t => t.Id == id)).SingleAsync(ct);
    }

    public async Task DeleteTargetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var target = await db.SalesTargets.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Target");
        db.Demand(Right.SetTargets);
        await EnsureHolderAsync(db, target.UserId, target.TeamId, ct);
        db.SalesTargets.Remove(target);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Commitments, newest first: of a period, of one rep (within reach), or all the caller sees.</summary>
    public async Task<IReadOnlyList<SalesCommitmentDto>> CommitmentsAsync(string? period, long? userId, CancellationToken ct = default)
    {
        var p = period is null ? (SalesPeriod?)null : ParsePeriod(period);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.SalesCommitments.AsNoTracking();
        if (p is { } x)
        {
            var text = x.ToString();
            q = q.Where(c => c.Period == text);
        }
        if (userId is { } u) q = q.Where(c => c.UserId == u);
        var rows = await (from c in q.OrderByDescending(c => c.Id).Take(500)
                          join user in db.Users on c.UserId equals user.Id into us
                          from user in us.DefaultIfEmpty()
                          select new SalesCommitmentDto(c.Id, c.Period, c.UserId, user != null ? user.UserName : null, c.AmountCents / 100m, c.Currency, c.Note, c.At)).ToListAsync(ct);
        return PersonalData.ForCaller(rows);
    }

    public async Task<SalesCommitmentDto> CommitAsync(SalesCommitmentInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        if (!SalesPeriod.TryParse(input.Period, out var period)) e.Add("period", "Use a month such as 2027-01 or a quarter such as 2027-Q1 (years 2000–2100).");
        if (!SalesRules.IsAmount(input.Amount)) e.Add("amount", "An amount is at least 0, with at most two decimals.");
        var currency = CurrencyCode.Normalize(input.Currency ?? "CNY");
        if (currency is null) e.Add("currency", "Use an ISO 4217 currency code such as CNY.");
        e.MaxLength("note", input.Note, SalesCommitment.NoteMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.WorkOpportunities);
        if (db.Scope.UserId <= 0) throw ValidationException.For("userId", "A commitment is a signed-in rep's own.");
        var c = new SalesCommitment
        {
            Period = period.ToString(), UserId = db.Scope.UserId, AmountCents = SalesRules.Cents(input.Amount), Currency = currency!,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        db.SalesCommitments.Add(c);
        await db.SaveChangesAsync(ct);
        return PersonalData.ForCaller(new SalesCommitmentDto(c.Id, c.Period, c.UserId, db.Scope.UserName, c.AmountCents / 100m, c.Currency, c.Note, c.At));
    }

    /// <summary>The reps and teams whose targets the caller may set (an admin: everyone; a manager: their subtree), by name.</summary>
    public async Task<(IReadOnlyList<(long Id, string Name)> Users, IReadOnlyList<(long Id, string Name)> Teams)> HoldersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!db.Scope.Has(Right.SetTargets)) return ([], []);
        var managed = db.Scope.ManagedTeamIds.ToList();
        var all = db.Scope.SeesAll;
        var users = await db.Users.AsNoTracking().Where(u => all || (u.TeamId != null && managed.Contains(u.TeamId.Value)))
            .OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName }).Take(500).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Where(t => all || managed.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).Take(500).ToListAsync(ct);
        return ([.. users.Select(u => (u.Id, u.UserName ?? ""))], [.. teams.Select(t => (t.Id, t.Name))]);
    }

    /// <summary>404 unless the rep or team exists and is the caller's to set: anyone's for an admin, the own subtree's for a manager.</summary>
    private static async Task EnsureHolderAsync(GuanxiDbContext db, long? userId, long? teamId, CancellationToken ct)
    {
        var managed = db.Scope.ManagedTeamIds.ToList();
        if (userId is { } u)
        {
            var user = await db.Users.AsNoTracking().Where(x => x.Id == u).Select(x => new { x.TeamId }).FirstOrDefaultAsync(ct);
            if (user is null || !(db.Scope.SeesAll || (user.TeamId is { } t && managed.Contains(t)))) throw new NotFoundException("User");
        }
        if (teamId is { } team)
        {
            if (!await db.Teams.AnyAsync(x => x.Id == team, ct) || !(db.Scope.SeesAll || managed.Contains(team))) throw new NotFoundException("Team");
        }
    }

    private static IQueryable<SalesTargetDto> ProjectTargets(GuanxiDbContext db, IQueryable<SalesTarget> q) =>
        from t in q
        join user in db.Users on t.UserId equals user.Id into us
        from user in us.DefaultIfEmpty()
        join team in db.Teams on t.TeamId equals team.Id into ts
        from team in ts.DefaultIfEmpty()
        select new SalesTargetDto(t.Id, t.Period, t.UserId, user != null ? user.UserName : null, t.TeamId, team != null ? team.Name : null, t.AmountCents / 100m, t.Currency, t.UpdatedAt, t.Version);
}
