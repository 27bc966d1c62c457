using System.Globalization;

namespace Guanxi.Common;

/// <summary>Versions as HTTP entity tags: GET sends ETag, PUT/DELETE honour If-Match (412 when stale).</summary>
public static class ETags
{
    public static string Of(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>The version an If-Match header asks for; null when absent or "*".</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*") return null;
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        text = text.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ConcurrencyConflictException("The If-Match header does not name a version of this record.");
    }
}
