using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;

namespace Guanxi.Domain.Models;

/// <summary>
/// Fills <see cref="CustomerMetrics"/> from rows streamed in any order: customers first, then interactions,
/// then orders (the follow-up measure looks up a customer's outbound contacts while orders stream past).
/// Rows dated after the as-of day are ignored here as well as in the queries, so a metric as of a past day
/// never sees later data. Pure: the data layer feeds it, tests feed it by hand.
/// </summary>
public sealed class CustomerMetricsBuilder
{
    /// <summary>A sale counts as followed up when the company contacts the customer within this many days after it.</summary>
    public const int FollowUpDays = 14;

    private readonly CustomerMetrics _m;
    private readonly Dictionary<long, int> _indexById;
    private readonly long[] _referrerIds;
    private readonly Dictionary<string, int> _channelBits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ulong[] _channelMasks;
    private readonly ushort[] _outboundMonthMasks;
    private readonly HashSet<long> _orderDays;
    private readonly int _firstWindowMonth;
    private int _added;

    // Outbound contact days per customer (CSR layout), for the follow-up lookup; built once interactions are in.
    private List<(int Index, int Day)>? _outbound = [];
    private int[] _outboundStart = [];
    private int[] _outboundDays = [];

    public CustomerMetricsBuilder(int customerCount, DateOnly asOf)
    {
        _m = new CustomerMetrics(customerCount, asOf);
        _indexById = new Dictionary<long, int>(customerCount);
        _referrerIds = new long[customerCount];
        _channelMasks = new ulong[customerCount];
        _outboundMonthMasks = new ushort[customerCount];
        _orderDays = new HashSet<long>();
        _firstWindowMonth = MonthNumber(asOf.DayNumber) - 12;
    }

    public int AsOfDay => _m.AsOfDay;

    /// <summary>The first day after the as-of day: rows at or after it are ignored.</summary>
    public DateOnly EndExclusive => _m.AsOf.AddDays(1);

    public void AddCustomer(
        long id,
        CustomerKind kind,
        RelationshipType relationship,
        DateOnly created,
        float profileCompleteness,
        string? source,
        long? referredById)
    {
        int i = _added++;
        _m.CustomerId[i] = id;
        _m.Kind[i] = kind;
        _m.Relationship[i] = relationship;
        _m.CreatedDay[i] = created.DayNumber;
        _m.ProfileCompleteness[i] = Math.Clamp(profileCompleteness, 0f, 1f);
        _m.Source[i] = source;
        _referrerIds[i] = referredById ?? 0;
        _indexById[id] = i;
    }

    /// <summary>The array index of a customer, or -1 for a customer outside the base (e.g. created after the as-of day).</summary>
    public int IndexOf(long customerId) => _indexById.TryGetValue(customerId, out int i) ? i : -1;

    public void AddInteraction(long customerId, DateOnly day, InteractionChannel channel, InteractionDirection direction)
    {
        int i = IndexOf(customerId);
        int d = day.DayNumber;
        if (i < 0 || d > _m.AsOfDay)
        {
            return;
        }

        if (_outbound is null)
        {
            throw new InvalidOperationException("Interactions must be added before orders.");
        }

        _m.InteractionCount[i]++;
        _m.InteractionsByChannel[(int)channel][i]++;
        if (d > _m.LastContactDay[i])
        {
            _m.LastContactDay[i] = d;
        }

        bool inYear = d > _m.AsOfDay - 365;
        if (direction == InteractionDirection.Outbound)
        {
            _outbound.Add((i, d));
            if (inYear)
            {
                _m.Outbound365d[i]++;
                int month = MonthNumber(d) - _firstWindowMonth;
                _outboundMonthMasks[i] |= (ushort)(1 << month);
            }
        }
        else if (direction == InteractionDirection.Inbound && inYear)
        {
            _m.Inbound365d[i]++;
        }

        if (inYear && channel is InteractionChannel.Meeting or InteractionChannel.Visit)
        {
            _m.Meetings365d[i]++;
        }
    }

    public void AddOrder(long customerId, DateOnly day, long amountCents, string channel, DateOnly? invoiceDue, DateOnly? paid)
    {
        int i = IndexOf(customerId);
        int d = day.DayNumber;
        int asOf = _m.AsOfDay;
        if (i < 0 || d > asOf)
        {
            return;
        }

        if (_outbound is not null)
        {
            IndexOutbound();
        }

        _m.OrderCount[i]++;
        _m.TotalCents[i] += amountCents;
        if (_m.FirstOrderDay[i] == CustomerMetrics.NoDay || d < _m.FirstOrderDay[i])
        {
            _m.FirstOrderDay[i] = d;
        }

        // The last two distinct order days, whatever order the rows come in.
        int last = _m.LastOrderDay[i];
        if (d > last)
        {
            _m.PreviousOrderDay[i] = last;
            _m.LastOrderDay[i] = d;
        }
        else if (d < last && d > _m.PreviousOrderDay[i])
        {
            _m.PreviousOrderDay[i] = d;
        }

        if (_orderDays.Add(((long)i << 32) | (uint)d))
        {
            _m.DistinctOrderDays[i]++;
        }

        int age = asOf - d;
        if (age < 90)
        {
            _m.Orders90d[i]++;
            _m.Amount90dCents[i] += amountCents;
        }

        if (age < 365)
        {
            _m.Orders365d[i]++;
            _m.Amount365dCents[i] += amountCents;
            if (HasOutboundBetween(i, d, Math.Min(d + FollowUpDays, asOf)))
            {
                _m.FollowedUpOrders365d[i]++;
            }
        }
        else if (age < 730)
        {
            _m.OrdersPrevious365d[i]++;
            _m.AmountPrevious365dCents[i] += amountCents;
        }

        _channelMasks[i] |= ChannelBit(channel);

        if (invoiceDue is { } due && due.DayNumber <= asOf && due.DayNumber > asOf - 730)
        {
            _m.Invoiced24mCents[i] += amountCents;
            int paidDay = paid is { } p && p.DayNumber <= asOf ? p.DayNumber : CustomerMetrics.NoDay;
            if (paidDay != CustomerMetrics.NoDay)
            {
                _m.Collected24mCents[i] += amountCents;
            }

            int term = (paidDay == CustomerMetrics.NoDay ? asOf : paidDay) - d;
            if (term > _m.LongestPaymentTermDays[i])
            {
                _m.LongestPaymentTermDays[i] = Math.Max(0, term);
            }
        }
    }

    public void SetDistinctProducts(long customerId, int products)
    {
        int i = IndexOf(customerId);
        if (i >= 0)
        {
            _m.DistinctProducts[i] = products;
        }
    }

    public void SetService(long customerId, float satisfaction, int openComplaints, int complaints365d)
    {
        int i = IndexOf(customerId);
        if (i >= 0)
        {
            _m.Satisfaction[i] = satisfaction;
            _m.OpenComplaints[i] = openComplaints;
            _m.Complaints365d[i] = complaints365d;
        }
    }

    public CustomerMetrics Build()
    {
        if (_added != _m.Count)
        {
            throw new InvalidOperationException($"Expected {_m.Count} customers, got {_added}.");
        }

        for (int i = 0; i < _m.Count; i++)
        {
            _m.ReferrerIndex[i] = _referrerIds[i] != 0 && _indexById.TryGetValue(_referrerIds[i], out int r) && r != i ? r : -1;
            _m.DistinctChannels[i] = System.Numerics.BitOperations.PopCount(_channelMasks[i]);
            _m.OutboundMonths365d[i] = System.Numerics.BitOperations.PopCount(_outboundMonthMasks[i]);
        }

        FillIntervalSpread();
        return _m;
    }

    /// <summary>Standard deviation of the gaps between a customer's distinct order days (needs three or more days).</summary>
    private void FillIntervalSpread()
    {
        var start = new int[_m.Count + 1];
        for (int i = 0; i < _m.Count; i++)
        {
            start[i + 1] = start[i] + _m.DistinctOrderDays[i];
        }

        var days = new int[start[_m.Count]];
        var next = start[..^1].ToArray();
        foreach (long key in _orderDays)
        {
            int i = (int)(key >> 32);
            days[next[i]++] = (int)(uint)key;
        }

        for (int i = 0; i < _m.Count; i++)
        {
            int n = start[i + 1] - start[i];
            if (n < 3)
            {
                continue;
            }

            var span = days.AsSpan(start[i], n);
            span.Sort();
            double mean = (double)(span[^1] - span[0]) / (n - 1);
            double squares = 0;
            for (int k = 1; k < n; k++)
            {
                double d = span[k] - span[k - 1] - mean;
                squares += d * d;
            }

            _m.OrderIntervalStdDevDays[i] = (float)Math.Sqrt(squares / (n - 1));
        }
    }

    private ulong ChannelBit(string channel)
    {
        if (!_channelBits.TryGetValue(channel, out int bit))
        {
            // More than 64 distinct channel names is not a real business; the extra ones share the last bit.
            bit = Math.Min(_channelBits.Count, 63);
            _channelBits[channel] = bit;
        }

        return 1UL << bit;
    }

    private void IndexOutbound()
    {
        var contacts = _outbound!;
        _outbound = null;
        _outboundStart = new int[_m.Count + 1];
        foreach (var (index, _) in contacts)
        {
            _outboundStart[index + 1]++;
        }

        for (int i = 0; i < _m.Count; i++)
        {
            _outboundStart[i + 1] += _outboundStart[i];
        }

        _outboundDays = new int[contacts.Count];
        var next = _outboundStart[..^1].ToArray();
        foreach (var (index, day) in contacts)
        {
            _outboundDays[next[index]++] = day;
        }

        for (int i = 0; i < _m.Count; i++)
        {
            Array.Sort(_outboundDays, _outboundStart[i], _outboundStart[i + 1] - _outboundStart[i]);
        }
    }

    private bool HasOutboundBetween(int i, int from, int to)
    {
        int start = _outboundStart[i];
        int length = _outboundStart[i + 1] - start;
        if (length == 0)
        {
            return false;
        }

        int at = Array.BinarySearch(_outboundDays, start, length, from);
        if (at < 0)
        {
            at = ~at;
        }

        return at < start + length && _outboundDays[at] <= to;
    }

    private static int MonthNumber(int dayNumber)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        return (date.Year * 12) + date.Month - 1;
    }
}
