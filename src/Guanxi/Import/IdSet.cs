namespace Guanxi.Import;

/// <summary>
/// The ids seen so far in a file, for the repeated-id check. Ids are usually dense (1 … N), so a bitmap
/// costs 1 bit per id up to the largest one: 10M ids take 1.25 MB instead of the ~200 MB of a HashSet.
/// Ids beyond the bitmap's reach (sparse or huge ids) fall back to a HashSet.
/// </summary>
internal sealed class IdSet
{
    private const long BitmapLimit = 1L << 30; // at most 128 MB of bitmap

    private ulong[] _bits = new ulong[1024];
    private HashSet<long>? _sparse;

    /// <summary>Adds the id; false when it was already there.</summary>
    public bool Add(long id)
    {
        if (id >= BitmapLimit) return (_sparse ??= []).Add(id);
        var word = (int)(id >> 6);
        if (word >= _bits.Length)
        {
            var size = _bits.Length;
            while (size <= word) size *= 2;
            Array.Resize(ref _bits, size);
        }
        var mask = 1UL << (int)(id & 63);
        if ((_bits[word] & mask) != 0) return false;
        _bits[word] |= mask;
        return true;
    }

    public bool Contains(long id)
    {
        if (id >= BitmapLimit) return _sparse?.Contains(id) ?? false;
        var word = (int)(id >> 6);
        return word < _bits.Length && (_bits[word] & (1UL << (int)(id & 63))) != 0;
    }
}
