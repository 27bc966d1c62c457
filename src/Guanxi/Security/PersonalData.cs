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
    /// Text with the phone numbers, identity numbers, WeChat ids and e-mail addresses in it masked (decision 0015).
    /// A long number is a run of at least nine digits, single spaces or hyphens allowed between them (`138 1234 5678`,
    /// `010-6552-1234`, `+86 138…`). A landline without area code is seven or eight digits starting 2–9, optionally
    /// split `6552 1234` (`(010) 6552 1234` with its area code in brackets). A WeChat id is the id written after
    /// 微信, WeChat, weixin, wx or vx, or any `wxid_…`. Numbers that read as something else stay: a number after an
    /// order, invoice or amount word (订单号, 编号, 金额, ¥, No. …) with no phone word (电话, 座机, tel …) nearer, one
    /// followed by a unit (元, 件, 万, % …), an eight-digit date (20261231), or one glued to a letter code
    /// (DD2026123100018) — unless it has the shape of a mobile or identity number, which is always masked.
    /// </summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = EmailInText().Replace(text, m => Email(m.Value)!);
        text = WxidInText().Replace(text, m => Handle(m.Value)!);
        text = WeChatInText().Replace(text, WeChatId);
        text = NumberInText().Replace(text, m => IsOtherNumber(m, text) ? m.Value : Phone(m.Value)!);
        return LandlineInText().Replace(text, m => m.Groups["area"].Success || !IsOtherNumber(m, text) ? Phone(m.Value)! : m.Value);
    }

    private static string WeChatId(Match m)
    {
        var id = m.Groups["id"].Value;
        // After an English cue word the next word is an id only when it is announced (`wechat id: …`, `wx: …`) or looks
        // like one (a digit, _ or -): "WeChat message" is not an id. After 微信 any Latin word is.
        if (m.Groups["en"].Success && !m.Groups["sep"].Success && !id.Any(c => char.IsAsciiDigit(c) || c is '_' or '-')) return m.Value;
        return m.Value[..(m.Groups["id"].Index - m.Index)] + Handle(id);
    }

    /// <summary>Whether a digit run in free text is a date, amount, quantity or order/document number rather than a phone.</summary>
    private static bool IsOtherNumber(Match m, string text)
    {
        var (value, index, length) = (m.Value, m.Index, m.Length);
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13) digits = digits[2..];
        // Shapes that are personal whatever precedes them: a mainland mobile, an identity card number.
        if (digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9') return false;
        if (digits.Length is 15 or 17 or 18 && digits[0] is >= '1' and <= '9' && (digits.Length != 17 || value.EndsWith('X') || value.EndsWith('x'))) return false;
        if (digits.Length == 8 && IsDate(digits)) return true;
        // Glued to a letter code: DD20261231001, SO-1234567.
        if (index > 0 && (char.IsAsciiLetter(text[index - 1]) || (text[index - 1] is '-' or '_' && index > 1 && char.IsAsciiLetterOrDigit(text[index - 2])))) return true;
        if (UnitAfter().IsMatch(text.AsSpan(index + length))) return true;
        var before = text.AsSpan(Math.Max(0, index - 12), Math.Min(index, 12)).ToString();
        var clause = before.LastIndexOfAny(ClauseBreaks);
        if (clause >= 0) before = before[(clause + 1)..];
        var other = OtherNumberWord().Matches(before).LastOrDefault();
        if (other is null) return false;
        var phone = PhoneWord().Matches(before).LastOrDefault();
        return phone is null || phone.Index < other.Index;
    }

    private static readonly char[] ClauseBreaks = ['，', ',', '。', '；', ';', '、', '\n', '！', '？', '!', '?'];

    private static bool IsDate(string digits) =>
        DateOnly.TryParseExact(digits, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
        && d.Year is >= 1900 and <= 2099;

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

    // Seven or eight digits starting 2–9 (a local landline), one space or hyphen allowed after the third or fourth digit,
    // optionally after an area code in brackets. Not inside a longer run, a decimal, a code or after a currency sign.
    [GeneratedRegex(@"(?<![0-9A-Za-z_.,/\-#¥￥$＄])(?:(?<area>[(（]0\d{2,3}[)）])\s?)?[2-9]\d{2,3}[ \-]?\d{4}(?![0-9A-Za-z_]|[.,][0-9]|[\-/][0-9])")]
    private static partial Regex LandlineInText();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_\-]{3,40}")]
    private static partial Regex WxidInText();

    // 微信 / V信 (any Latin word after it) or an English cue word; then optionally 号, 账号, id; then :, ：, 是, 为; then the id
    // (WeChat's rule: a letter, then 5–19 letters, digits, _ or -; a few more allowed).
    [GeneratedRegex(@"(?<![A-Za-z])(?:(?<zh>微信|威信|薇信|[Vv]信)|(?<en>wechat|weixin|wx|vx))(?:\s*(?<sep>号码|账号|号|id)(?![A-Za-z0-9]))?\s*(?:(?<sep>[:：是为])\s*)?(?<id>[A-Za-z][A-Za-z0-9_\-]{5,29})(?![A-Za-z0-9_\-])", RegexOptions.IgnoreCase)]
    private static partial Regex WeChatInText();

    // Words after which a number is not a phone: order, document and account numbers, amounts, counts.
    [GeneratedRegex(@"订单|单号|编号|合同|发票|批号|批次|工号|货号|型号|运单|快递单|金额|价格|单价|总价|价|货款|款|费用|费|预算|报价|额|合计|共计|总计|共|数量|库存|销量|邮编|编码|代码|序号|流水|¥|￥|\$|RMB|CNY|\bNo\.|\bNo(?=[\s:：]*$)|#|\border|\binvoice|\bamount|\btotal|\bqty|\bref\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherNumberWord();

    // Words after which a number is a phone, whatever came before them.
    [GeneratedRegex(@"电话|座机|固话|手机|联系|致电|来电|拨打|打|分机|热线|传真|办公室|\btel|phone|\bcall|\bfax|mobile", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneWord();

    // A unit, currency or decimal right after the number: an amount or quantity.
    [GeneratedRegex(@"^\s?(?:元|块|圆|万|千|百|亿|件|个|台|套|箱|盒|瓶|包|袋|次|人|天|年|月|日|号|米|克|斤|吨|公斤|份|张|笔|单|%|％|美元|港币|rmb|yuan|pcs|kg)", RegexOptions.IgnoreCase)]
    private static partial Regex UnitAfter();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailInText();
}
