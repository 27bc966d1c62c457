using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

public sealed record GroupDto(long Id, string Name, string? Description, int Members);

public sealed record GroupInput(string? Name, string? Description);

public sealed class GroupService(IDbContextFactory<GuanxiDbContext> contexts)
{
    public async Task<IReadOnlyList<GroupDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CustomerGroups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GroupDto(g.Id, g.Name, g.Description, db.CustomerGroupMembers.Count(m => m.GroupId == g.Id)))
            .ToListAsync(ct);
    }

    public async Task<GroupDto> CreateAsync(GroupInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await ValidateAsync(db, input, null, ct);
        var group = new CustomerGroup { Name = name, Description = CustomerService.Clean(input.Description) };
        db.CustomerGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return new GroupDto(group.Id, group.Name, group.Description, 0);
    }

    public async Task<GroupDto> UpdateAsync(long id, GroupInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.CustomerGroups.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("Group");
        group.Name = await ValidateAsync(db, input, id, ct);
        group.Description = CustomerService.Clean(input.Description);
        await db.SaveChangesAsync(ct);
        return new GroupDto(group.Id, group.Name, group.Description, await db.CustomerGroupMembers.CountAsync(m => m.GroupId == id, ct));
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.CustomerGroups.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("Group");
        db.CustomerGroups.Remove(group);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<string> ValidateAsync(GuanxiDbContext db, GroupInput input, long? id, CancellationToken ct)
    {
        var e = new FieldErrors();
        var name = CustomerService.Clean(input.Name);
        if (name is null) e.Add("name", "A group needs a name.");
        e.MaxLength("name", name, FieldLimits.GroupName);
        e.MaxLength("description", input.Description, FieldLimits.Notes);
        if (name is not null && await db.CustomerGroups.AnyAsync(g => g.Name == name && g.Id != id, ct)) e.Add("name", "A group with this name exists.");
        e.ThrowIfAny();
        return name!;
    }
}
