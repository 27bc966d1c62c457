namespace Guanxi.Domain.Customers;

/// <summary>Phone normalisation: users type 138-1234-5678, +86 13812345678 or 021-62345678.</summary>
public static class PhoneNumber
{
    /// <summary>Digits only, without a leading 86/0086 country code on an 11-digit mobile; null when none.</summary>
    public static string? Digits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        Span<char> buffer = stackalloc char[phone.Length];
        var n = 0;
        foreach (var c in phone)
        {
            if (c is >= '0' and <= '9') buffer[n++] = c;
        }
        if (n == 0) return null;
        var digits = buffer[..n];
        if (digits.Length == 13 && digits.StartsWith("86") && digits[2] == '1') digits = digits[2..];
        else if (digits.Length == 15 && digits.StartsWith("0086") && digits[4] == '1') digits = digits[4..];
        return new string(digits);
    }

    /// <summary>The one rule for phones everywhere (form, API, import): at least 5 digits, whatever separators.</summary>
    public static bool LooksValid(string phone) => Digits(phone) is { Length: >= 5 };

    /// <summary>Masks the middle of a number for users without the right to see personal data: 138****5678.</summary>
    public static string Mask(string phone)
    {
        var digits = phone.Trim();
        if (digits.Length <= 4) return new string('*', digits.Length);
        var keepStart = Math.Min(3, digits.Length - 4);
        return string.Concat(digits.AsSpan(0, keepStart), new string('*', digits.Length - keepStart - 4), digits.AsSpan(digits.Length - 4));
    }
}

public static class EmailAddress
{
    public static string? Normalize(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>A deliberately loose check: one @, something on both sides, a dot in the domain. The one rule everywhere.</summary>
    public static bool LooksValid(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 3
            && email.IndexOf('.', at) > at + 1 && !email.Any(char.IsWhiteSpace);
    }

    public static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0) return "***";
        return string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
