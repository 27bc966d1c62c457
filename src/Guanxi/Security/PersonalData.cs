using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Guanxi.Data.Security;

namespace Guanxi.Security;

/// <summary>What kind of personal data a response field holds; decides how it is masked.</summary>
public enum PersonalKind
{
    Phone,
    Email,

    /// <summary>A messenger id (WeChat): the first character stays.</summary>
    Handle,
    Address,
    IdNumber,

    /// <summary>Hidden completely (birth date).</summary>
    Hidden,

    /// <summary>Text a person typed (notes, interaction subjects and bodies): phone numbers and e-mails in it are masked.</summary>
    FreeText,

    /// <summary>Custom field values by key: identity-number fields masked as such, the others as free text.</summary>
    CustomFields,
}

/// <summary>
/// Classifies a response field as personal data. Masking reads only this: the JSON answers, the exports and the
/// pages all mask a classified field the same way for a caller without the "view personal data" right
/// (decision 0015). Put it on the property: <c>[property: PersonalData(PersonalKind.Phone)] string? Phone</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute(PersonalKind kind) : Attribute
{
    public PersonalKind Kind { get; } = kind;
}

/// <summary>
/// Masking of personal data for callers without the "view personal data" right (marketer, analyst), from the field's
/// classification. Every mask is idempotent (a masked value masks to itself), so a value that passes two channels,
/// e.g. a service's answer that is then written as JSON, comes out the same.
/// </summary>
public static partial class PersonalData
{
    public static bool Masked(AccessScope scope) => !scope.ViewsPersonalData;

    /// <summary>The ambient caller's answers are masked. No caller at all counts as masked: fail closed.</summary>
    public static bool MasksCaller => CurrentUser.Scope is not { ViewsPersonalData: true };

    /// <summary>`13812345678` → `138****5678`; shorter numbers keep only their last two digits.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone) || MaskedPhone().IsMatch(phone)) return phone;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13) digits = digits[2..];
        return digits.Length >= 11 ? digits[..3] + "****" + digits[^4..] : "****" + (digits.Length >= 2 ? digits[^2..] : "");
    }

    /// <summary>`zhang.wei@example.com` → `z***@example.com`.</summary>
    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email)) return email;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    /// <summary>An identity document number: `110101199003071234` → `110***********1234`.</summary>
    public static string? IdNumber(string? id) =>
        string.IsNullOrEmpty(id) ? id : id.Length <= 7 ? new string('*', id.Length) : id[..3] + new string('*', id.Length - 7) + id[^4..];

    /// <summary>A street address keeps its first few characters (district level), the rest is hidden.</summary>
    public static string? Address(string? address) =>
        string.IsNullOrEmpty(address) ? address : (address.Length > 6 ? address[..6] : address[..Math.Min(2, address.Length)]) + "****";

    public static string? Handle(string? value) => string.IsNullOrEmpty(value) ? value : value[0] + "***";

    /// <summary>
    /// Text with the phone numbers, identity numbers and e-mail addresses in it masked. A number is a run of at least
    /// nine digits, single spaces or hyphens allowed between them (`138 1234 5678`, `010-6552-1234`, `+86 138…`):
    /// shorter runs are dates, amounts and order lines far more often than phones.
    /// </summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = EmailInText().Replace(text, m => Email(m.Value)!);
        return NumberInText().Replace(text, m => Phone(m.Value)!);
    }

    /// <summary>Custom fields whose key says they hold an identity number are masked like one.</summary>
    public static bool IsIdNumberField(string key) =>
        key.Contains("id_number", StringComparison.OrdinalIgnoreCase) || key.Contains("idnumber", StringComparison.OrdinalIgnoreCase)
        || key.Contains("id_card", StringComparison.OrdinalIgnoreCase) || key.Contains("passport", StringComparison.OrdinalIgnoreCase)
        || key.Contains("身份证", StringComparison.Ordinal);

    public static IReadOnlyDictionary<string, string> CustomFields(IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(f => f.Key, f => (IsIdNumberField(f.Key) ? IdNumber(f.Value) : FreeText(f.Value))!, StringComparer.Ordinal);

    /// <summary>A value of the given kind, masked.</summary>
    public static string? Mask(PersonalKind kind, string? value) => kind switch
    {
        PersonalKind.Phone => Phone(value),
        PersonalKind.Email => Email(value),
        PersonalKind.Handle => Handle(value),
        PersonalKind.Address => Address(value),
        PersonalKind.IdNumber => IdNumber(value),
        PersonalKind.Hidden => null,
        _ => FreeText(value),
    };

    /// <summary>Any classified value, masked: strings by kind, custom fields by key, anything else (a birth date) hidden.</summary>
    public static object? Mask(PersonalKind kind, object? value) => value switch
    {
        null => null,
        string s => Mask(kind, s),
        IReadOnlyDictionary<string, string> fields => CustomFields(fields),
        _ => null,
    };

    /// <summary>The classification of a property, for channels that are not JSON (the export's columns).</summary>
    public static PersonalKind? KindOf(Type type, string property) =>
        type.GetProperty(property)?.GetCustomAttribute<PersonalDataAttribute>()?.Kind;

    /// <summary>
    /// The JSON channel: a type-info modifier that wraps the getter of every classified property, so every answer of
    /// the API is masked for a masked caller whatever method produced it. Read per value from the ambient caller
    /// (type infos are cached and shared by all requests).
    /// </summary>
    public static void MaskClassifiedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider?.GetCustomAttributes(typeof(PersonalDataAttribute), inherit: true) is not [PersonalDataAttribute classified, ..]) continue;
            if (property.Get is not { } get) continue;
            var kind = classified.Kind;
            property.Get = owner => MasksCaller ? Mask(kind, get(owner)) : get(owner);
        }
    }

    private static readonly JsonSerializerOptions Masking = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { MaskClassifiedProperties } },
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ConcurrentDictionary<Type, bool> Classified = new();

    /// <summary>
    /// The pages' channel: the value as the ambient caller may see it, passed through the very same JSON contract the
    /// API writes, so a page cannot show what the API would hide. Services hand the pages (and the API) their DTOs
    /// through this; for a caller who sees personal data it is the value itself.
    /// </summary>
    public static T ForCaller<T>(T value)
    {
        if (value is null || !MasksCaller || !HasClassified(typeof(T))) return value;
        return JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Masking), Masking)!;
    }

    /// <summary>Whether the type or anything it contains has a classified property (else the round trip is skipped).</summary>
    private static bool HasClassified(Type type) => Classified.GetOrAdd(type, t => Reaches(t, []));

    private static bool Reaches(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return false;
        if (type.IsArray) return Reaches(type.GetElementType()!, seen);
        if (type.IsGenericType && type.GetGenericArguments().Any(a => Reaches(a, seen))) return true;
        if (type.Namespace?.StartsWith("Guanxi", StringComparison.Ordinal) != true) return false;
        return type.GetProperties().Any(p => p.IsDefined(typeof(PersonalDataAttribute)) || Reaches(p.PropertyType, seen));
    }

    [GeneratedRegex(@"^(\d{3})?\*{4}\d{0,4}$")]
    private static partial Regex MaskedPhone();

    // A digit run of nine or more; single space or hyphen between digits; a trailing X (identity numbers); a leading +.
    [GeneratedRegex(@"(?<!\d)\+?\d(?:[ \-]?\d){8,}[Xx]?(?!\d)")]
    private static partial Regex NumberInText();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailInText();
}
