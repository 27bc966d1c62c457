namespace Guanxi.Domain.Text;

/// <summary>
/// Decodes each distinct UTF-8 text once: columns such as a channel, a customer kind or a source hold a handful of
/// values repeated millions of times, and decoding (or parsing) every occurrence was most of the cost of reading them.
/// Not thread-safe: one per reader.
/// </summary>
public sealed class Utf8Texts<T>(Func<string, T> parse)
{
    /// <summary>More distinct values than this are decoded every time instead of remembered (free text, not a code).</summary>
    private const int Remembered = 64;

    private readonly List<(byte[] Utf8, T Value)> _known = [];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public T Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, value) in _known)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return value;
            }
        }

        var parsed = parse(System.Text.Encoding.UTF8.GetString(utf8));
        if (_known.Count < Remembered)
        {
            _known.Add((utf8.ToArray(), parsed));
        }

        return parsed;
    }
}
