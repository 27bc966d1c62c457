using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

internal static class CustomerValidation
{
    public static FieldErrors Validate(CustomerInput input, IReadOnlyList<CustomFieldDefinition> definitions, DateOnly today, out Dictionary<long, string> customValues)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) e.Add("name", "A customer needs a name.");
        e.MaxLength("name", input.Name?.Trim(), FieldLimits.Name);
        e.MaxLength("phone", input.Phone?.Trim(), FieldLimits.Phone);
        if (CustomerService.Clean(input.Phone) is { } phone && !PhoneNumber.LooksValid(phone))
            e.Add("phone", "A phone number needs at least 5 digits.");
        e.MaxLength("email", input.Email?.Trim(), FieldLimits.Email);
        if (CustomerService.Clean(input.Email) is { } email && !EmailAddress.LooksValid(email))
            e.Add("email", "Not a valid email address.");
        e.MaxLength("weChatId", input.WeChatId, FieldLimits.WeChat);
        e.MaxLength("address", input.Address, FieldLimits.Address);
        e.MaxLength("province", input.Province, FieldLimits.Region);
        e.MaxLength("city", input.City, FieldLimits.Region);
        e.MaxLength("industry", input.Industry, FieldLimits.Industry);
        e.MaxLength("source", input.Source, FieldLimits.Source);
        e.MaxLength("notes", input.Notes, FieldLimits.Notes);
        if (!Enum.IsDefined(input.Kind)) e.Add("kind", "Unknown customer kind.");
        if (!Enum.IsDefined(input.Relationship)) e.Add("relationship", "Unknown relationship type.");
        if (!Enum.IsDefined(input.CompanySize)) e.Add("companySize", "Unknown company size.");
        if (input.BirthDate is { } born && (born.Year < 1800 || born > today.AddDays(1)))
            e.Add("birthDate", "The date is not plausible.");
        foreach (var tag in input.Tags ?? [])
        {
            if ((tag?.Trim().Length ?? 0) > FieldLimits.Tag) e.Add("tags", $"A tag is at most {FieldLimits.Tag} characters.");
        }

        customValues = [];
        var given = input.CustomFields ?? new Dictionary<string, string?>();
        foreach (var key in given.Keys.Where(k => definitions.All(d => d.Key != k)))
            e.Add($"customFields.{key}", "No such custom field.");
        foreach (var definition in definitions)
        {
            given.TryGetValue(definition.Key, out var raw);
            if (input.CustomFields is null && !definition.Required) continue;
            if (!definition.TryNormalize(raw, out var value, out var error)) e.Add($"customFields.{definition.Key}", error!);
            else if (value is not null) customValues[definition.Id] = value;
        }
        return e;
    }

    public static async Task CheckReferencesAsync(GuanxiDbContext db, CustomerInput input, long? selfId, FieldErrors e, CancellationToken ct)
    {
        if (input.ReferredById is { } referrer)
        {
            if (referrer == selfId) e.Add("referredById", "A customer cannot refer itself.");
            else if (!await db.Customers.AnyAsync(c => c.Id == referrer, ct)) e.Add("referredById", "No such customer.");
        }
        if (input.OwnerId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner, ct))
            e.Add("ownerId", "No such user.");
    }
}
