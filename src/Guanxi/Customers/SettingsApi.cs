using Guanxi.Security;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

public sealed record CodePatternDto(string Pattern, string Example);

/// <summary>The customer-code pattern: new customers get codes from it; existing codes never change.</summary>
public sealed class CodePatternSettings(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<CodePatternDto> GetAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pattern = await CustomerCodes.PatternAsync(db, ct);
        return new CodePatternDto(pattern.Text, pattern.Format(time.Today(), 123));
    }

    public async Task<CodePatternDto> SetAsync(string? text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw ValidationException.For("pattern", "A pattern is required, e.g. C-{yyyy}-{seq:6}.");
        if (!CustomerCodePattern.TryParse(text.Trim(), out _, out var error))
            throw ValidationException.For("pattern", error!);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == CustomerCodes.PatternSettingKey, ct);
        if (setting is null) db.Settings.Add(new Setting { Key = CustomerCodes.PatternSettingKey, Value = text.Trim() });
        else setting.Value = text.Trim();
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }
}

public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/settings").WithTags("Settings");
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var write = g.MapGroup("").Requires(Right.ManageSettings);
        read.MapGet("/customer-code-pattern", async (CodePatternSettings s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)));
        write.MapPut("/customer-code-pattern", async (CodePatternInput body, CodePatternSettings s, CancellationToken ct) => TypedResults.Ok(await s.SetAsync(body.Pattern, ct)));
        return api;
    }
}

public sealed record CodePatternInput(string? Pattern);
