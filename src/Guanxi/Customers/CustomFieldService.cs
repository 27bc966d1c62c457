using System.Text.RegularExpressions;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

public sealed record CustomFieldDto(long Id, string Key, string Label, CustomFieldType Type, IReadOnlyList<string> Choices, bool Required);

public sealed record CustomFieldInput(string? Key, string? Label, CustomFieldType Type, IReadOnlyList<string>? Choices, bool Required = false);

public sealed partial class CustomFieldService(IDbContextFactory<GuanxiDbContext> contexts)
{
    public async Task<IReadOnlyList<CustomFieldDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.CustomFieldDefinitions.AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct);
        return list.Select(ToDto).ToList();
    }

    public async Task<CustomFieldDto> CreateAsync(CustomFieldInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var field = new CustomFieldDefinition();
        await ApplyAsync(db, field, input, ct);
        db.CustomFieldDefinitions.Add(field);
        await db.SaveChangesAsync(ct);
        return ToDto(field);
    }

    public async Task<CustomFieldDto> UpdateAsync(long id, CustomFieldInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("Custom field");
        if (input.Type != field.Type && await db.CustomFieldValues.AnyAsync(v => v.FieldId == id, ct))
            throw ValidationException.For("type", "The type of a field that has values cannot change.");
        await ApplyAsync(db, field, input, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(field);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var field = await db.CustomFieldDefinitions.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("Custom field");
        db.CustomFieldDefinitions.Remove(field);
        await db.SaveChangesAsync(ct);
    }

    private static async Task ApplyAsync(GuanxiDbContext db, CustomFieldDefinition field, CustomFieldInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        var key = CustomerService.Clean(input.Key);
        if (key is null || !KeyPattern().IsMatch(key)) e.Add("key", "A key is 1 to 64 letters, digits or underscores, starting with a letter.");
        else if (await db.CustomFieldDefinitions.AnyAsync(f => f.Key == key && f.Id != field.Id, ct)) e.Add("key", "A field with this key exists.");
        var label = CustomerService.Clean(input.Label);
        if (label is null) e.Add("label", "A field needs a label.");
        e.MaxLength("label", label, FieldLimits.Name);
        if (!Enum.IsDefined(input.Type)) e.Add("type", "Unknown field type.");
        var choices = (input.Choices ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (input.Type == CustomFieldType.Choice && choices.Count == 0) e.Add("choices", "A choice field needs at least one choice.");
        if (choices.Any(c => c.Contains('\n', StringComparison.Ordinal))) e.Add("choices", "A choice cannot contain a line break.");
        e.ThrowIfAny();
        field.Key = key!;
        field.Label = label!;
        field.Type = input.Type;
        field.Required = input.Required;
        field.Choices = input.Type == CustomFieldType.Choice ? string.Join('\n', choices) : null;
    }

    private static CustomFieldDto ToDto(CustomFieldDefinition f) => new(f.Id, f.Key, f.Label, f.Type, f.ChoiceList, f.Required);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
