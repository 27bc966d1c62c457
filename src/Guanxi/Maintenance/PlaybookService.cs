using System.Text.Json;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Models;
using Guanxi.Hosting;
using Guanxi.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

public sealed record PlaybookInput
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? ModelKey { get; init; }
    public string? ClassKey { get; init; }
    public int CadenceDays { get; init; }
    public List<TaskKind>? Channels { get; init; }
    public ServiceLevel ServiceLevel { get; init; } = ServiceLevel.Standard;
    public string? TargetRelationship { get; init; }
    public string? Offers { get; init; }
    public string? CareActions { get; init; }
    public List<PlaybookStep>? Steps { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public bool Active { get; init; } = true;
}

public sealed record PlaybookDto(
    long Id, string Name, string? Description, string ModelKey, string ClassKey, string ClassNameEn, string ClassNameZh, int CadenceDays,
    IReadOnlyList<TaskKind> Channels, ServiceLevel ServiceLevel, string? TargetRelationship, string? Offers, string? CareActions,
    IReadOnlyList<PlaybookStep> Steps, DateOnly? ValidFrom, DateOnly? ValidTo, bool Active, int Version, DateTime UpdatedAt);

public sealed record PlaybookVersionDto(int Version, DateOnly StartedOn, DateTime CreatedAt);

/// <summary>Playbooks: one maintenance strategy per class, versioned on every change.</summary>
public sealed class PlaybookService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<PlaybookDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = await db.Playbooks.AsNoTracking().OrderBy(p => p.ModelKey).ThenBy(p => p.Id).ToListAsync(ct);
        return [.. all.Select(ToDto)];
    }

    /// <summary>The playbooks that act on <paramref name="day"/> (active and within their validity: <see cref="Playbook.ActsOn"/>).</summary>
    public async Task<IReadOnlyList<PlaybookDto>> ActingOnAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = await db.Playbooks.AsNoTracking().OrderBy(p => p.ModelKey).ThenBy(p => p.Id).ToListAsync(ct);
        return [.. all.Where(p => p.ActsOn(day)).Select(ToDto)];
    }

    public async Task<PlaybookDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await db.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Playbook"));
    }

    public async Task<IReadOnlyList<PlaybookVersionDto>> VersionsAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Playbooks.AnyAsync(p => p.Id == id, ct)) throw new NotFoundException("Playbook");
        return await db.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id).OrderBy(v => v.Version)
            .Select(v => new PlaybookVersionDto(v.Version, v.StartedOn, v.CreatedAt)).ToListAsync(ct);
    }

    public async Task<PlaybookDto> CreateAsync(PlaybookInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = new Playbook { Version = 1 };
        await ApplyAsync(db, playbook, input, ct);
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(ct);
        db.PlaybookVersions.Add(Snapshot(playbook));
        await db.SaveChangesAsync(ct);
        return ToDto(playbook);
    }

    /// <summary>Changes a playbook: a new version, in force from today; tasks already made keep the version that made them.</summary>
    public async Task<PlaybookDto> UpdateAsync(long id, PlaybookInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Playbook");
        if (expectedVersion is { } v && v != playbook.Version)
            throw new ConcurrencyConflictException($"Playbook {playbook.Name} is at version {playbook.Version}, not {v}. Reload and apply the change again.");
        await ApplyAsync(db, playbook, input, ct);
        playbook.Version++;
        db.PlaybookVersions.Add(Snapshot(playbook));
        await db.SaveChangesAsync(ct);
        return ToDto(playbook);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Playbook");
        db.Playbooks.Remove(playbook);
        await db.SaveChangesAsync(ct);
    }

    private const string DefaultsAdded = "playbooks.defaults-added";

    /// <summary>Adds the default playbooks the first time a database is used; once removed, they stay removed.</summary>
    public async Task AddDefaultsOnceAsync(CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Settings.AnyAsync(s => s.Key == DefaultsAdded, ct)) return;
        }
        await AddDefaultsAsync(ct);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Settings.Add(new Setting { Key = DefaultsAdded, Value = "true" });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Adds the default playbooks (DefaultPlaybooks) that are not there yet, by name; returns how many were added.</summary>
    public async Task<int> AddDefaultsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await db.Playbooks.Select(p => p.Name).ToListAsync(ct);
        var taken = await db.Playbooks.Where(p => p.Active).Select(p => p.ModelKey + "/" + p.ClassKey).ToListAsync(ct);
        var added = DefaultPlaybooks.All().Where(p => !names.Contains(p.Name) && !taken.Contains(p.ModelKey + "/" + p.ClassKey)).ToList();
        if (added.Count == 0) return 0;
        db.Playbooks.AddRange(added);
        await db.SaveChangesAsync(ct);
        foreach (var p in added) db.PlaybookVersions.Add(Snapshot(p));
        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    private PlaybookVersion Snapshot(Playbook p) => new()
    {
        PlaybookId = p.Id,
        Version = p.Version,
        StartedOn = time.Today(),
        Definition = JsonSerializer.Serialize(new PlaybookInput
        {
            Name = p.Name, Description = p.Description, ModelKey = p.ModelKey, ClassKey = p.ClassKey, CadenceDays = p.CadenceDays,
            Channels = p.Channels, ServiceLevel = p.ServiceLevel, TargetRelationship = p.TargetRelationship, Offers = p.Offers,
            CareActions = p.CareActions, Steps = p.Steps, ValidFrom = p.ValidFrom, ValidTo = p.ValidTo, Active = p.Active,
        }, Json),
    };

    private static async Task ApplyAsync(GuanxiDbContext db, Playbook p, PlaybookInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) e.Add("name", "A name is required.");
        e.MaxLength("name", name, Playbook.NameMaxLength);
        e.MaxLength("description", input.Description, Playbook.TextMaxLength);
        e.MaxLength("offers", input.Offers, Playbook.TextMaxLength);
        e.MaxLength("careActions", input.CareActions, Playbook.TextMaxLength);
        if (input.CadenceDays is <= 0 or > Playbook.MaxCadenceDays) e.Add("cadenceDays", $"Contact cadence must be 1 to {Playbook.MaxCadenceDays} days.");
        if (!Enum.IsDefined(input.ServiceLevel)) e.Add("serviceLevel", "Unknown service level.");
        if (input.Channels?.Any(c => !Enum.IsDefined(c)) == true) e.Add("channels", "Unknown channel.");
        if (input.TargetRelationship is { } target && ModelCatalog.RelationshipRecommended.IndexOf(target) < 0)
            e.Add("targetRelationship", "Use basic, reactive, accountable, proactive or partnership.");
        if (input.ValidFrom is { } from && input.ValidTo is { } to && to < from) e.Add("validTo", "Ends before it starts.");
        var steps = input.Steps ?? [];
        if (steps.Count > Playbook.MaxSteps) e.Add("steps", $"At most {Playbook.MaxSteps} task templates.");
        for (int i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (s is null) { e.Add($"steps[{i}]", "A task template is required."); continue; }
            if (string.IsNullOrWhiteSpace(s.Title)) e.Add($"steps[{i}].title", "A title is required.");
            e.MaxLength($"steps[{i}].title", s.Title, CustomerTask.TitleMaxLength);
            if (!Enum.IsDefined(s.Kind)) e.Add($"steps[{i}].kind", "Unknown kind.");
            if (!Enum.IsDefined(s.AssignTo)) e.Add($"steps[{i}].assignTo", "Use Owner, OwnerManager or Team.");
            if (!Enum.IsDefined(s.Priority)) e.Add($"steps[{i}].priority", "Unknown priority.");
            if (s.DueAfterDays is < 0 or > 365) e.Add($"steps[{i}].dueAfterDays", "Due 0 to 365 days after the customer entered the class.");
            if (s.AssignTo == StepAssignee.Team && (s.TeamId is not { } team || !await db.Teams.AnyAsync(t => t.Id == team, ct)))
                e.Add($"steps[{i}].teamId", "No such team.");
        }
        await CheckClassAsync(db, input.ModelKey, input.ClassKey, e, ct);
        e.ThrowIfAny();

        if (name != p.Name && await db.Playbooks.AnyAsync(x => x.Name == name && x.Id != p.Id, ct))
            throw ValidationException.For("name", "Another playbook has this name.");
        if (input.Active)
        {
            var other = await db.Playbooks.AsNoTracking()
                .Where(x => x.Active && x.Id != p.Id && x.ModelKey == input.ModelKey && x.ClassKey == input.ClassKey)
                .Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync(ct);
            if (other is not null)
                throw new ConflictException($"Playbook {other.Id} ({other.Name}) is already active on {input.ModelKey}/{input.ClassKey}; deactivate it first.");
        }

        p.Name = name!;
        p.Description = Blank(input.Description);
        p.ModelKey = input.ModelKey!;
        p.ClassKey = input.ClassKey!;
        p.CadenceDays = input.CadenceDays;
        p.Channels = [.. (input.Channels ?? []).Distinct()];
        p.ServiceLevel = input.ServiceLevel;
        p.TargetRelationship = input.TargetRelationship;
        p.Offers = Blank(input.Offers);
        p.CareActions = Blank(input.CareActions);
        p.Steps = [.. steps.Select(s => s with { Title = s.Title.Trim(), TeamId = s.AssignTo == StepAssignee.Team ? s.TeamId : null })];
        p.ValidFrom = input.ValidFrom;
        p.ValidTo = input.ValidTo;
        p.Active = input.Active;
    }

    private static async Task CheckClassAsync(GuanxiDbContext db, string? modelKey, string? classKey, FieldErrors e, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(modelKey))
        {
            e.Add("modelKey", "A model is required.");
            return;
        }
        if (string.IsNullOrWhiteSpace(classKey))
        {
            e.Add("classKey", "A class is required.");
            return;
        }
        if (modelKey.StartsWith(ModelQueries.CustomPrefix, StringComparison.Ordinal))
        {
            var name = modelKey[ModelQueries.CustomPrefix.Length..];
            var rules = await db.CustomModels.AsNoTracking().Where(m => m.Name == name).Select(m => m.Rules).FirstOrDefaultAsync(ct);
            if (rules is null) e.Add("modelKey", $"Unknown model '{modelKey}'.");
            else if (!CustomModelService.Validate(new CustomModelInput(name, rules, null)).Labels.Contains(classKey)) e.Add("classKey", $"Model '{modelKey}' has no class '{classKey}'.");
            return;
        }
        var model = ModelCatalog.Find(modelKey);
        if (model is null) e.Add("modelKey", $"Unknown model '{modelKey}'.");
        else if (model.IndexOf(classKey) < 0) e.Add("classKey", $"Model '{modelKey}' has no class '{classKey}'.");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static (string En, string Zh) ClassName(string modelKey, string classKey)
    {
        var cls = ModelCatalog.Find(modelKey)?.Classes.FirstOrDefault(c => c.Key == classKey);
        return cls is null ? (classKey, classKey) : (cls.NameEn, cls.NameZh);
    }

    internal static PlaybookDto ToDto(Playbook p)
    {
        var (en, zh) = ClassName(p.ModelKey, p.ClassKey);
        return new PlaybookDto(p.Id, p.Name, p.Description, p.ModelKey, p.ClassKey, en, zh, p.CadenceDays, p.Channels, p.ServiceLevel,
            p.TargetRelationship, p.Offers, p.CareActions, p.Steps, p.ValidFrom, p.ValidTo, p.Active, p.Version, p.UpdatedAt);
    }
}
