using System.Text;

namespace Guanxi.Data.Sqlite.Search;

/// <summary>Texts for FTS5 queries, shared by the customer and opportunity searches.</summary>
internal static class Fts5Text
{
    /// <summary>An FTS5 phrase: the text in double quotes, inner quotes doubled, so no query syntax gets through.</summary>
    public static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>"王芳" → "王 芳": one token per character (code point, as SQLite's substr() counts them).</summary>
    public static string Spaced(string text)
    {
        var spaced = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            if (spaced.Length > 0) spaced.Append(' ');
            spaced.Append(rune.ToString());
        }
        return spaced.ToString();
    }
}
