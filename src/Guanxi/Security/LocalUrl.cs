namespace Guanxi.Security;

/// <summary>
/// Where a sign-in or a language switch may send the browser back to: a path on this site, nothing else.
/// The framework's local-URL rule (starts with one '/', not "//" or "/\") is checked on the value and on its
/// once-decoded form, after refusing control characters and whitespace in the value and control characters in
/// the decoded form: browsers drop tabs and line breaks from a URL, so "/\t/evil.example" would pass the rule and
/// still become "//evil.example", and a line break in a Location header is a 500. An encoded space (a search
/// term) stays allowed. Anything doubtful goes to "/".
/// </summary>
public static class LocalUrl
{
    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return false;
        // A malformed escape ("%zz", "%E5") is left as it is by the decoder, and then still has to pass the rule.
        var decoded = Uri.UnescapeDataString(url);
        return !decoded.Any(char.IsControl) && IsLocalPath(url) && IsLocalPath(decoded) && Uri.TryCreate(url, UriKind.Relative, out _);
    }

    private static bool IsLocalPath(string url) =>
        url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
