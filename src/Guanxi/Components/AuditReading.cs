using System.Globalization;
using System.Text.Json;
using Guanxi.Domain.Customers;
using Guanxi.Security;

namespace Guanxi.Components;

/// <summary>One user-facing change of an audit row: the field in the reader's language and its values as words.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// The audit trail as a person reads it: the stored snapshots are whole rows, including the columns the app keeps for
/// itself (ids, versions, search forms of the name); only the fields a user sees or sets are shown, by their label,
/// with coded values in words and owners by name. Personal values stay masked for a viewer who may not see them.
/// </summary>
public static class AuditReading
{
    /// <summary>Columns the app maintains itself; a change there is never what a user did.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "Id", "Version", "CreatedAt", "UpdatedAt", "NamePinyin", "NameInitials", "PhoneDigits", "EmailNormalized",
        "GradeSetAt", "RowVersion", "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail",
        "AccessFailedCount", "LockoutEnd", "xmin",
    };

    private static readonly Dictionary<string, Func<string, string?>> Masks = new(StringComparer.Ordinal)
    {
        ["Phone"] = PersonalData.Phone,
        ["Email"] = PersonalData.Email,
        ["Address"] = PersonalData.Address,
        ["WeChatId"] = PersonalData.Handle,
        ["BirthDate"] = PersonalData.Handle,
        ["Notes"] = PersonalData.FreeText,
    };

    public static bool IsBookkeeping(string field) => Bookkeeping.Contains(field);

    /// <summary>
    /// The changed, user-facing fields of a row: for an update those whose value differs, for a create or a recorded
    /// event (import, export) every field with a value. <paramref name="ownerName"/> turns a user id into a name.
    /// </summary>
    public static IReadOnlyList<AuditChange> Changes(string? before, string? after, AdminTexts texts, bool masked, Func<long, string?> ownerName)
    {
        var old = Fields(before);
        var now = Fields(after);
        if (old is null && now is null) return [];
        var changes = new List<AuditChange>();
        var names = (now ?? old!).Keys.Concat(old?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (IsBookkeeping(name)) continue;
            JsonElement? b = old is not null && old.TryGetValue(name, out var bv) ? bv : null;
            JsonElement? a = now is not null && now.TryGetValue(name, out var av) ? av : null;
            if (old is not null && now is not null && b?.GetRawText() == a?.GetRawText()) continue;
            if (old is null && IsEmpty(a)) continue;
            if (now is null && IsEmpty(b)) continue;
            changes.Add(new AuditChange(texts.AuditField(name), Value(name, b, texts, masked, ownerName), Value(name, a, texts, masked, ownerName)));
        }
        return changes;
    }

    private static Dictionary<string, JsonElement>? Fields(string? json)
    {
        if (json is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["value"] = doc.RootElement.Clone() };
        }
        catch (JsonException)
        {
            return new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["value"] = JsonSerializer.SerializeToElement(json) };
        }
    }

    private static bool IsEmpty(JsonElement? e) =>
        e is null || e.Value.ValueKind == JsonValueKind.Null || (e.Value.ValueKind == JsonValueKind.String && e.Value.GetString()!.Length == 0);

    private static string? Value(string field, JsonElement? e, AdminTexts texts, bool masked, Func<long, string?> ownerName)
    {
        if (IsEmpty(e)) return null;
        var v = e!.Value;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
        {
            var words = ReferenceEquals(texts, AdminTexts.Zh) ? Texts.Zh : Texts.En;
            switch (field)
            {
                case "Kind" when Enum.IsDefined((CustomerKind)n): return words.Kind((CustomerKind)n);
                case "Relationship" when Enum.IsDefined((RelationshipType)n): return words.RelationshipName((RelationshipType)n);
                case "CompanySize" when Enum.IsDefined((CompanySize)n): return words.Size((CompanySize)n);
            }
        }
        if (field is "OwnerId" or "UserId" or "AssigneeId" or "MergedByUserId" && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var id))
        {
            return ownerName(id) ?? "#" + id.ToString(CultureInfo.InvariantCulture);
        }
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.True => texts.Yes,
            JsonValueKind.False => texts.No,
            _ => v.GetRawText(),
        };
        if (masked && Masks.TryGetValue(field, out var mask)) text = mask(text) ?? "";
        if (v.ValueKind == JsonValueKind.String && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && text.Contains('T', StringComparison.Ordinal))
        {
            text = at.ToString(at.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
