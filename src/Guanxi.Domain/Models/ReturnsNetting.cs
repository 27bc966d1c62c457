namespace Guanxi.Domain.Models;

/// <summary>
/// Net spend (issue 17, docs/models.md "Returns"): a return (an order with a negative amount) is never a purchase; it
/// takes its amount off the customer's purchases up to its day, the latest first, and a purchase returned in full is no
/// purchase at all. What a return cannot take off (more returned than bought before it) is dropped: spend never goes
/// below nothing. Only returns by the run's day count, so a run as of a past day sees the purchase as it then stood.
/// </summary>
public static class ReturnsNetting
{
    /// <summary>True when one of the first <paramref name="count"/> orders is a return.</summary>
    public static bool HasReturns(OrderHistory history, int count)
    {
        var cents = history.Cents;
        for (int k = 0; k < count; k++)
        {
            if (cents[k] < 0) return true;
        }

        return false;
    }

    /// <summary>The first <paramref name="count"/> orders with returns netted: purchases only, each reduced by what was returned of it.</summary>
    public static OrderHistory Net(OrderHistory history, int count)
    {
        var left = history.Cents.AsSpan(0, count).ToArray();
        var days = history.Days;
        for (int k = 0; k < count; k++)
        {
            if (left[k] >= 0) continue;
            long owed = -left[k];
            left[k] = 0;
            // Back from the return over earlier purchases, then the same day's later ones (a day's orders are not ordered by time).
            for (int j = k - 1; j >= 0 && owed > 0; j--) owed = TakeFrom(left, j, owed);
            for (int j = k + 1; j < count && days[j] == days[k] && owed > 0; j++) owed = TakeFrom(left, j, owed);
        }

        var netted = new OrderHistory();
        for (int k = 0; k < count; k++)
        {
            // A purchase is kept unless it was a return or was returned in full (a purchase of nothing stays one).
            bool returnedInFull = left[k] == 0 && history.Cents[k] != 0;
            if (history.Cents[k] < 0 || returnedInFull) continue;
            netted.Add(days[k], left[k], history.ChannelNames[history.Channels[k]], history.DueDays[k], history.PaidDays[k], history.CurrencyOf(k));
        }

        return netted;
    }

    private static long TakeFrom(long[] left, int j, long owed)
    {
        if (left[j] <= 0) return owed;
        long taken = Math.Min(left[j], owed);
        left[j] -= taken;
        return owed - taken;
    }
}
