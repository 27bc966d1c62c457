using System.Collections.Concurrent;
using Guanxi.Data.Security;

namespace Guanxi.Customers;

/// <summary>
/// The home page's whole-table answers (figures, trends) kept per caller's reach and day for ten minutes: at 1M
/// customers and 10M orders each costs seconds, and every visit would pay it. A caller who sees everything shares one
/// answer; anyone else keeps their own (their reach differs). <paramref name="time"/> decides the day and the age.
/// </summary>
public sealed class KeptPerReach<TPart, TValue>(TimeProvider time) where TPart : notnull
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<(long Reach, DateOnly Day, TPart Part), (DateTimeOffset At, TValue Value)> _kept = new();

    /// <summary>The kept answer for the caller, today and <paramref name="part"/>, else a computed one, kept when <paramref name="keep"/> says so.</summary>
    public async Task<TValue> GetAsync(TPart part, Func<AccessScope, DateOnly, Task<TValue>> compute, Func<TValue, bool> keep)
    {
        var scope = CurrentUser.Scope ?? AccessScope.Nobody;
        var now = time.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        var key = (scope.SeesAll ? 0 : scope.UserId, today, part);
        if (_kept.TryGetValue(key, out var kept) && now - kept.At < KeepFor) return kept.Value;

        var value = await compute(scope, today);
        foreach (var old in _kept.Where(k => now - k.Value.At >= KeepFor).Select(k => k.Key).ToList()) _kept.TryRemove(old, out _);
        if (keep(value)) _kept[key] = (now, value);
        return value;
    }
}
