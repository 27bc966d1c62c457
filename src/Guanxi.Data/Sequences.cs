namespace Guanxi.Data;

/// <summary>Running numbers per prefix (customer codes, order numbers), never issued twice.</summary>
public static class Sequences
{
    /// <summary>One atomic statement on both providers: concurrent callers never get the same number.</summary>
    public static Task<long> NextAsync(GuanxiDbContext db, string prefix, CancellationToken ct) =>
        db.ScalarAsync<long>(
            "INSERT INTO code_sequences (prefix, next_value) VALUES (@prefix, 2) " +
            "ON CONFLICT (prefix) DO UPDATE SET next_value = code_sequences.next_value + 1 RETURNING next_value - 1",
            ct, ("@prefix", prefix));

    /// <summary>Reserves <paramref name="count"/> consecutive numbers at once and returns the first.</summary>
    public static Task<long> NextBlockAsync(GuanxiDbContext db, string prefix, long count, CancellationToken ct) =>
        db.ScalarAsync<long>(
            "INSERT INTO code_sequences (prefix, next_value) VALUES (@prefix, @count + 1) " +
            "ON CONFLICT (prefix) DO UPDATE SET next_value = code_sequences.next_value + @count RETURNING next_value - @count",
            ct, ("@prefix", prefix), ("@count", count));
}
