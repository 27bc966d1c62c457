using Guanxi.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;

namespace Guanxi.Security;

/// <summary>
/// Masking of personal data for callers without the "view personal data" permission (marketer, analyst), applied
/// in the service layer so API responses, search results and exports all show the same masked values.
/// </summary>
public static class PersonalData
{
    public static bool Masked(AccessScope scope) => !scope.ViewsPersonalData;

    /// <summary>`13812345678` → `138****5678`; shorter numbers keep only their last two digits.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
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

    public static string? Other(string? value) => string.IsNullOrEmpty(value) ? value : value[0] + "***";

    /// <summary>Custom fields whose key says they hold an identity number are masked like one.</summary>
    public static bool IsIdNumberField(string key) =>
        key.Contains("id_number", StringComparison.OrdinalIgnoreCase) || key.Contains("idnumber", StringComparison.OrdinalIgnoreCase)
        || key.Contains("id_card", StringComparison.OrdinalIgnoreCase) || key.Contains("passport", StringComparison.OrdinalIgnoreCase)
        || key.Contains("身份证", StringComparison.Ordinal);

    public static CustomerDto Mask(CustomerDto c, AccessScope scope) => !Masked(scope) ? c : c with
    {
        Phone = Phone(c.Phone),
        Email = Email(c.Email),
        WeChatId = Other(c.WeChatId),
        Address = Address(c.Address),
        BirthDate = null,
        Contacts = c.Contacts.Select(k => Mask(k, scope)).ToList(),
        CustomFields = c.CustomFields.ToDictionary(f => f.Key, f => IsIdNumberField(f.Key) ? IdNumber(f.Value)! : f.Value, StringComparer.Ordinal),
    };

    public static CustomerListItem Mask(CustomerListItem c, AccessScope scope) =>
        !Masked(scope) ? c : c with { Phone = Phone(c.Phone), Email = Email(c.Email) };

    public static ContactDto Mask(ContactDto k, AccessScope scope) =>
        !Masked(scope) ? k : k with { Phone = Phone(k.Phone), Email = Email(k.Email) };

    /// <summary>Masks an untracked entity in memory (exports read entities, not DTOs).</summary>
    public static void MaskInPlace(Customer c, AccessScope scope)
    {
        if (!Masked(scope)) return;
        c.Phone = Phone(c.Phone);
        c.Email = Email(c.Email);
        c.WeChatId = Other(c.WeChatId);
        c.Address = Address(c.Address);
        c.BirthDate = null;
    }
}
