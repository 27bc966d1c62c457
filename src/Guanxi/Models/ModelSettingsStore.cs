using System.Text.Json;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

/// <summary>The model thresholds in force, kept as one JSON setting; absent means the documented defaults.</summary>
public sealed class ModelSettingsStore(IDbContextFactory<GuanxiDbContext> contexts)
{
    private const string Key = "models.settings";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ModelSettings> GetAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return stored is null ? ModelSettings.Default : JsonSerializer.Deserialize<ModelSettings>(stored, Json) ?? ModelSettings.Default;
    }

    public async Task<ModelSettings> SaveAsync(ModelSettings settings, CancellationToken ct)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["settings"] = [.. errors] });
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var json = JsonSerializer.Serialize(settings, Json);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == Key, ct);
        if (row is null) db.Settings.Add(new Setting { Key = Key, Value = json });
        else row.Value = json;
        await db.SaveChangesAsync(ct);
        return settings;
    }
}
