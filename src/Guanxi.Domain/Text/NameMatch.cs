namespace Guanxi.Domain.Text;

/// <summary>One piece of a name as the list shows it: matched by the search or not.</summary>
public readonly record struct MatchSpan(string Text, bool Matched);

/// <summary>
/// Which characters of a name a search text matched, for the list to mark them: the text itself inside the name
/// (any case), else the start of the name's pinyin or initials as the search reads them (decision 0021): "wym" and
/// "wangyan" both mark 王艳 of 王艳明 ("wym" marks 王艳明).
/// </summary>
public static class NameMatch
{
    public static IReadOnlyList<MatchSpan> Spans(string name, string? text)
    {
        if (string.IsNullOrEmpty(name)) return [];
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return [new(name, false)];
        var at = name.IndexOf(text, StringComparison.OrdinalIgnoreCase);
        if (at >= 0) return Cut(name, at, text.Length);
        if (!text.All(char.IsAsciiLetter)) return [new(name, false)];
        var lower = text.ToLowerInvariant();
        var reading = Pinyin.Of(name);
        if (reading.Initials.StartsWith(lower, StringComparison.Ordinal)) return Cut(name, 0, EndOf(name, lower.Length, initials: true));
        if (reading.Full.StartsWith(lower, StringComparison.Ordinal)) return Cut(name, 0, EndOf(name, lower.Length, initials: false));
        return [new(name, false)];
    }

    /// <summary>The length of the shortest start of <paramref name="name"/> whose reading is at least <paramref name="letters"/> long.</summary>
    private static int EndOf(string name, int letters, bool initials)
    {
        for (int end = 1; end <= name.Length; end++)
        {
            if (end < name.Length && char.IsHighSurrogate(name[end - 1])) continue;
            var reading = Pinyin.Of(name[..end]);
            if ((initials ? reading.Initials : reading.Full).Length >= letters) return end;
        }
        return name.Length;
    }

    private static MatchSpan[] Cut(string name, int start, int length)
    {
        var spans = new List<MatchSpan>(3);
        if (start > 0) spans.Add(new(name[..start], false));
        spans.Add(new(name.Substring(start, length), true));
        if (start + length < name.Length) spans.Add(new(name[(start + length)..], false));
        return [.. spans];
    }
}
