using Guanxi.Data;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>Issues customer codes from the configured pattern. A number once issued is never issued again.</summary>
public static class CustomerCodes
{
    public const string PatternSettingKey = "customers.code_pattern";

    public static async Task<CustomerCodePattern> PatternAsync(GuanxiDbContext db, CancellationToken ct)
    {
        var text = await db.Settings.Where(s => s.Key == PatternSettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return CustomerCodePattern.Parse(text ?? CustomerCodePattern.Default);
    }

    public static async Task<string> NextAsync(GuanxiDbContext db, DateOnly date, CancellationToken ct)
    {
        var pattern = await PatternAsync(db, ct);
        var prefix = pattern.Prefix(date);
        while (true)
        {
            var sequence = await Sequences.NextAsync(db, prefix, ct);
            var code = pattern.Format(date, sequence);
            // An imported code may already use this number; skip it rather than fail.
            // Uniqueness is global: look past the caller's access scope.
            if (!await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Code == code, ct)) return code;
        }
    }
}
