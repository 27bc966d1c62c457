using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Guanxi.Domain.Service;
using Guanxi.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Service;

/// <summary>SLA policies (company-wide; admins change them): no two may match the same request within one class.</summary>
public sealed class SlaPolicyService(IDbContextFactory<GuanxiDbContext> contexts)
{
    public async Task<IReadOnlyList<SlaPolicyDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return [.. (await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct)).Select(ToDto)];
    }

    public async Task<SlaPolicyDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("SLA policy"));
    }

    public async Task<SlaPolicyDto> CreateAsync(SlaPolicyInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policy = new SlaPolicy();
        await ApplyAsync(db, policy, input, ct);
        db.SlaPolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        return ToDto(policy);
    }

    public async Task<SlaPolicyDto> UpdateAsync(long id, SlaPolicyInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("SLA policy");
        if (expectedVersion is { } v && v != policy.Version)
            throw new ConcurrencyConflictException($"SLA policy {id} is at version {policy.Version}, not {v}. Reload and apply the change again.");
        await ApplyAsync(db, policy, input, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(policy);
    }

    /// <summary>Requests keep the deadlines the policy gave them; their link to it is cleared.</summary>
    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("SLA policy");
        db.SlaPolicies.Remove(policy);
        await db.SaveChangesAsync(ct);
    }

    private static async Task ApplyAsync(GuanxiDbContext db, SlaPolicy policy, SlaPolicyInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) e.Add("name", "A name is required.");
        e.MaxLength("name", name, SlaPolicy.NameMaxLength);
        var model = string.IsNullOrWhiteSpace(input.ModelKey) ? null : input.ModelKey.Trim();
        var cls = string.IsNullOrWhiteSpace(input.ClassKey) ? null : input.ClassKey.Trim();
        if ((model is null) != (cls is null)) e.Add(model is null ? "modelKey" : "classKey", "Give both a model and a class, or neither (any customer).");
        else if (model is not null && !model.StartsWith(ModelQueries.CustomPrefix, StringComparison.Ordinal))
        {
            if (ModelCatalog.Find(model) is not { } definition) e.Add("modelKey", "No such model.");
            else if (definition.IndexOf(cls!) < 0) e.Add("classKey", $"The model {model} has no class {cls}; it has {string.Join(", ", definition.Classes.Select(c => c.Key))}.");
        }
        else if (model is not null && !await db.CustomModels.AnyAsync(m => m.Name == model.Substring(ModelQueries.CustomPrefix.Length), ct))
        {
            e.Add("modelKey", "No such custom model.");
        }
        if (input.Types?.Any(t => !Enum.IsDefined(t)) == true) e.Add("types", "Use Inquiry, Repair, Complaint, Suggestion or Return.");
        if (input.Priorities?.Any(p => !Enum.IsDefined(p)) == true) e.Add("priorities", "Use Low, Normal, High or Urgent.");
        if (input.FirstResponseMinutes is < 1 or > 100_000) e.Add("firstResponseMinutes", "Give business minutes between 1 and 100000.");
        if (input.ResolutionMinutes is < 1 or > 1_000_000) e.Add("resolutionMinutes", "Give business minutes between 1 and 1000000.");
        else if (input.ResolutionMinutes < input.FirstResponseMinutes) e.Add("resolutionMinutes", "The resolution target cannot come before the first response.");
        if (input.FollowUpDays is < 0 or > 365) e.Add("followUpDays", "Use 0 to 365 days.");
        e.ThrowIfAny();

        policy.Name = name!;
        policy.ModelKey = model;
        policy.ClassKey = cls;
        policy.Types = [.. (input.Types ?? []).Distinct().Order()];
        policy.Priorities = [.. (input.Priorities ?? []).Distinct().Order()];
        policy.FirstResponseMinutes = input.FirstResponseMinutes;
        policy.ResolutionMinutes = input.ResolutionMinutes;
        policy.FollowUpDays = input.FollowUpDays ?? SlaPolicy.DefaultFollowUpDays;

        var others = await db.SlaPolicies.AsNoTracking().Where(p => p.Id != policy.Id).ToListAsync(ct);
        if (others.Any(p => string.Equals(p.Name, policy.Name, StringComparison.Ordinal))) throw ValidationException.For("name", $"A policy named '{policy.Name}' exists.");
        if (SlaPolicies.FirstOverlap(policy, others) is { } clash)
        {
            throw ValidationException.For("policy",
                $"'{policy.Name}' overlaps '{clash.Name}' (id {clash.Id}): same customers, and their types and priorities intersect. Narrow one of them.");
        }
    }

    private static SlaPolicyDto ToDto(SlaPolicy p) =>
        new(p.Id, p.Name, p.ModelKey, p.ClassKey, p.Types, p.Priorities, p.FirstResponseMinutes, p.ResolutionMinutes, p.FollowUpDays, p.Version);
}
