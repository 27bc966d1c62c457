using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>A saved view of the customer list; <see cref="Mine"/> tells the caller's own (theirs to replace or delete) from a teammate's shared one.</summary>
public sealed record CustomerViewDto(long Id, string Name, string Query, IReadOnlyList<string> Columns, bool Shared, bool Mine);

/// <summary>
/// Saves the list's filters and sort (<paramref name="Query"/>, the query string <c>GET /api/v1/customers</c> takes) and
/// columns under a name; saving under a name the caller used already replaces that view. <paramref name="Shared"/> shows
/// it to the caller's team (everyone when the caller has no team).
/// </summary>
public sealed record CustomerViewInput(string? Name, string? Query, IReadOnlyList<string>? Columns, bool Shared);

/// <summary>
/// Saved views of the customer list: each user's own and the ones shared with their team; another's view can be opened
/// but not changed (not found). A view holds filters only: the list it opens still passes the viewer's own access filter.
/// </summary>
public sealed class SavedCustomerViews(IDbContextFactory<GuanxiDbContext> contexts)
{
    public const int MaxViews = 50;
    public const int MaxColumns = 40;

    public async Task<IReadOnlyList<CustomerViewDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CustomerViews.AsNoTracking().OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync(ct);
        return rows.Select(v => Dto(v, db.Scope.UserId)).ToList();
    }

    public async Task<CustomerViewDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var view = await db.CustomerViews.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("View");
        return Dto(view, db.Scope.UserId);
    }

    public async Task<CustomerViewDto> SaveAsync(CustomerViewInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) e.Add("name", "A view needs a name.");
        e.MaxLength("name", name, CustomerListView.NameMaxLength);
        var queryErrors = new FieldErrors();
        var query = CustomerQueryText.Format(CustomerQueryText.Parse(input.Query, queryErrors));
        if (queryErrors.Any) e.Add("query", "Use the filters and sort of GET /api/v1/customers, e.g. tag=vip&sort=Name.");
        e.MaxLength("query", query, CustomerListView.QueryMaxLength);
        var columns = (input.Columns ?? []).Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (columns.Count > MaxColumns || columns.Any(c => c.Length > 64 || c.Contains(',', StringComparison.Ordinal))) e.Add("columns", "Column keys without commas, at most 40.");
        var columnText = string.Join(',', columns);
        e.MaxLength("columns", columnText, CustomerListView.ColumnsMaxLength);
        e.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.OwnAccount);
        if (db.Scope.UserId <= 0) throw ValidationException.For("name", "A view is a signed-in user's own.");
        var userId = db.Scope.UserId;
        var view = await db.CustomerViews.FirstOrDefaultAsync(v => v.UserId == userId && v.Name == name, ct);
        if (view is null)
        {
            if (await db.CustomerViews.CountAsync(v => v.UserId == userId, ct) >= MaxViews) throw ValidationException.For("name", $"At most {MaxViews} views; delete one first.");
            view = new CustomerListView { UserId = userId, Name = name! };
            db.CustomerViews.Add(view);
        }
        var teamId = input.Shared ? await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).FirstOrDefaultAsync(ct) : null;
        (view.Query, view.Columns, view.Shared, view.TeamId) = (query, columnText, input.Shared, teamId);
        await db.SaveChangesAsync(ct);
        return Dto(view, userId);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var view = await db.CustomerViews.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("View");
        db.CustomerViews.Remove(view);
        await db.SaveChangesAsync(ct);
    }

    private static CustomerViewDto Dto(CustomerListView v, long userId) =>
        new(v.Id, v.Name, v.Query, v.Columns.Length == 0 ? [] : v.Columns.Split(','), v.Shared, v.UserId == userId);
}
