using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

public sealed record OpportunityViewDto(long Id, string Name, string? Status, string? Owner, long? StageId, DateOnly? CloseFrom, DateOnly? CloseTo, string? Q = null)
{
    /// <summary>The list filter the view stands for.</summary>
    public OpportunityFilter Filter => new(StageId, Owner, null, Status, CloseFrom, CloseTo, Q: Q);
}

/// <summary>Saves the list's filter under a name; saving under a name the caller used already replaces that view.</summary>
public sealed record OpportunityViewInput(string? Name, string? Status, string? Owner, long? StageId, DateOnly? CloseFrom, DateOnly? CloseTo, string? Q = null);

/// <summary>Saved views of the opportunity list: each user's own (another's answers not found), any role that reads opportunities.</summary>
public sealed class SavedOpportunityViews(IDbContextFactory<GuanxiDbContext> contexts)
{
    public const int MaxViews = 50;

    public async Task<IReadOnlyList<OpportunityViewDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.OpportunityViews.AsNoTracking().OrderBy(v => v.Name)
            .Select(v => new OpportunityViewDto(v.Id, v.Name, v.Status, v.Owner, v.StageId, v.CloseFrom, v.CloseTo, v.Q)).ToListAsync(ct);
    }

    public async Task<OpportunityViewDto> SaveAsync(OpportunityViewInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) e.Add("name", "A view needs a name.");
        e.MaxLength("name", name, OpportunityListView.NameMaxLength);
        var status = input.Status?.Trim().ToLowerInvariant();
        if (status is "" or "all") status = null;
        if (status is not (null or "open" or "won" or "lost")) e.Add("status", "Use open, won or lost.");
        var owner = input.Owner?.Trim();
        if (owner is "" or "all") owner = null;
        if (owner is not null && owner != "me" && !long.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out _)) e.Add("owner", "Use me or a user id.");
        if (input.CloseFrom is { } from && input.CloseTo is { } to && to < from) e.Add("closeTo", "closeTo is before closeFrom.");
        var q = input.Q?.Trim();
        if (q is "") q = null;
        e.MaxLength("q", q, OpportunityListView.QMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.OwnAccount);
        if (db.Scope.UserId <= 0) throw ValidationException.For("name", "A view is a signed-in user's own.");
        if (input.StageId is { } stage && !await db.PipelineStages.AnyAsync(s => s.Id == stage, ct)) throw ValidationException.For("stageId", "No such stage.");
        var view = await db.OpportunityViews.FirstOrDefaultAsync(v => v.Name == name, ct);
        if (view is null)
        {
            if (await db.OpportunityViews.CountAsync(ct) >= MaxViews) throw ValidationException.For("name", $"At most {MaxViews} views; delete one first.");
            view = new OpportunityListView { UserId = db.Scope.UserId, Name = name! };
            db.OpportunityViews.Add(view);
        }
        (view.Status, view.Owner, view.StageId, view.CloseFrom, view.CloseTo, view.Q) = (status, owner, input.StageId, input.CloseFrom, input.CloseTo, q);
        await db.SaveChangesAsync(ct);
        return new OpportunityViewDto(view.Id, view.Name, view.Status, view.Owner, view.StageId, view.CloseFrom, view.CloseTo, view.Q);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var view = await db.OpportunityViews.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("View");
        db.OpportunityViews.Remove(view);
        await db.SaveChangesAsync(ct);
    }
}
