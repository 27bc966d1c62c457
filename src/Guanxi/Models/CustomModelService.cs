using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

public sealed record CustomModelInput(string? Name, string? Rules, string? Description);

public sealed record CustomModelDto(long Id, string Name, string Rules, string? Description, IReadOnlyList<string> Labels, long Version);

public sealed record RuleErrorDto(int Line, int Column, string Message);

public sealed record RuleValidationDto(bool Valid, IReadOnlyList<RuleErrorDto> Errors, IReadOnlyList<string> Labels);

/// <summary>User-defined classifications: ordered rules, validated by the same parser the engine runs.</summary>
public sealed class CustomModelService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public static RuleValidationDto Validate(CustomModelInput input)
    {
        var parsed = CustomModel.Parse(input.Name?.Trim() ?? "", input.Rules ?? "");
        return new RuleValidationDto(
            parsed.Success,
            parsed.Errors.Select(e => new RuleErrorDto(e.Line, e.Column, e.Message)).ToList(),
            parsed.Model?.Labels ?? []);
    }

    public async Task<IReadOnlyList<CustomModelDto>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = await db.CustomModels.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        return all.Select(ToDto).ToList();
    }

    public async Task<CustomModelDto> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await db.CustomModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException($"Custom model {id}"));
    }

    public async Task<CustomModelDto> CreateAsync(CustomModelInput input, CancellationToken ct)
    {
        var name = Check(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.CustomModels.AnyAsync(m => m.Name == name, ct)) throw ValidationException.For("name", $"A custom model named '{name}' exists already.");
        var now = time.GetUtcNow().UtcDateTime;
        var model = new CustomModelDefinition { Name = name, Rules = input.Rules!, Description = input.Description, CreatedAt = now, UpdatedAt = now, Version = 1 };
        db.CustomModels.Add(model);
        await db.SaveChangesAsync(ct);
        return ToDto(model);
    }

    public async Task<CustomModelDto> UpdateAsync(long id, CustomModelInput input, long? expectedVersion, CancellationToken ct)
    {
        var name = Check(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var model = await db.CustomModels.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException($"Custom model {id}");
        if (expectedVersion is { } v && v != model.Version) throw new ConcurrencyConflictException("The custom model was changed by someone else.");
        if (await db.CustomModels.AnyAsync(m => m.Name == name && m.Id != id, ct)) throw ValidationException.For("name", $"A custom model named '{name}' exists already.");
        model.Name = name;
        model.Rules = input.Rules!;
        model.Description = input.Description;
        model.UpdatedAt = time.GetUtcNow().UtcDateTime;
        model.Version++;
        await db.SaveChangesAsync(ct);
        return ToDto(model);
    }

    public async Task DeleteAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var model = await db.CustomModels.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException($"Custom model {id}");
        db.CustomModels.Remove(model);
        await db.SaveChangesAsync(ct);
    }

    private static string Check(CustomModelInput input)
    {
        if (input.Description is { Length: > CustomModel.MaxDescriptionLength })
            throw ValidationException.For("description", $"A description is at most {CustomModel.MaxDescriptionLength} characters.");
        var result = Validate(input);
        if (!result.Valid)
        {
            var errors = result.Errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}").ToArray();
            bool nameProblem = string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > CustomModel.MaxNameLength;
            throw new ValidationException(new Dictionary<string, string[]> { [nameProblem && result.Errors.Count <= 1 ? "name" : "rules"] = errors });
        }

        return input.Name!.Trim();
    }

    private static CustomModelDto ToDto(CustomModelDefinition m) =>
        new(m.Id, m.Name, m.Rules, m.Description, CustomModel.Parse(m.Name, m.Rules).Model?.Labels ?? [], m.Version);
}
