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
    // Customer id → array index. Ids are mostly dense (a sequence minus deletions), so a flat array answers the
    // ten million order lookups without hashing (stores index + 1, 0 = unknown); ids beyond it go to the dictionary.
    private readonly int[] _denseIndex;
    private readonly Dictionary<long, int> _indexById;
    private readonly long[] _referrerIds;
    private readonly Dictionary<string, int> _channelBits = new(StringComparer.OrdinalIgnoreCase);
    private readonly (string? Name, ulong Mask)[] _recentChannels = new (string?, ulong)[8];
    private int _nextRecentChannel;
    private readonly ushort[] _outboundMonthMasks;
    private readonly OrderTotals[] _orders;
    private readonly DayList _orderDays;
    private readonly int _firstWindowMonth;
    private int _added;

    // Outbound contact days per customer (CSR layout), for the follow-up lookup; built once interactions are in.
    private List<(int Index, int Day)>? _outbound = [];
    private int[] _outboundStart = [];
    private int[] _outboundDays = [];

    /// <param name="expectedOrders">A hint to size the order-day list once instead of growing it.</param>
    public CustomerMetricsBuilder(int customerCount, DateOnly asOf, int expectedOrders = 0)
    {
        _m = new CustomerMetrics(customerCount, asOf);
        _denseIndex = new int[Math.Min((2L * customerCount) + 1024, int.MaxValue / 2)];
        _indexById = [];
        _referrerIds = new long[customerCount];
        _outboundMonthMasks = new ushort[customerCount];
        _orders = new OrderTotals[customerCount];
        _orderDays = new DayList(Math.Max(16, expectedOrders));
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
        if (id >= 0 && id < _denseIndex.Length)
        {
            _denseIndex[id] = i + 1;
        }
        else
        {
            _indexById[id] = i;
        }
    }

    /// <summary>The array index of a customer, or -1 for a customer outside the base (e.g. created after the as-of day).</summary>
    /// <remarks>Safe to call from several threads once all customers are added.</remarks>
    public int IndexOf(long customerId) =>
        customerId >= 0 && customerId < _denseIndex.Length ? _denseIndex[customerId] - 1
        : _indexById.TryGetValue(customerId, out int i) ? i : -1;

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

    public void AddOrder(long customerId, DateOnly day, long amountCents, string channel, DateOnly? invoiceDue, DateOnly? paid) =>
        AddOrderAt(
            IndexOf(customerId),
            day.DayNumber,
            amountCents,
            channel,
            invoiceDue?.DayNumber ?? CustomerMetrics.NoDay,
            paid?.DayNumber ?? CustomerMetrics.NoDay);

    /// <summary>
    /// Adds an order of the customer at <paramref name="index"/> (from <see cref="IndexOf"/>; -1 is ignored), with days as
    /// <see cref="DateOnly.DayNumber"/> and <see cref="CustomerMetrics.NoDay"/> for a missing invoice or payment day.
    /// Touches one record per customer (not twenty arrays): ten million orders land on random customers, and each
    /// cache miss costs more than all the arithmetic.
    /// </summary>
    public void AddOrderAt(int index, int day, long amountCents, string channel, int invoiceDueDay, int paidDay)
    {
        int asOf = _m.AsOfDay;
        if (index < 0 || day > asOf)
        {
            return;
        }

        if (_outbound is not null)
        {
            IndexOutbound();
        }

        ref var t = ref _orders[index];
        t.Count++;
        t.TotalCents += amountCents;
        if (t.Count == 1 || day < t.FirstDay)
        {
            t.FirstDay = day;
        }

        if (t.Count == 1 || day > t.LastDay)
        {
            t.LastDay = day;
        }

        _orderDays.Add(index, day);

        int age = asOf - day;
        if (age < 90)
        {
            t.Orders90d++;
            t.Amount90dCents += amountCents;
        }

        if (age < 365)
        {
            t.Orders365d++;
            t.Amount365dCents += amountCents;
            if (_outboundDays.Length > 0 && HasOutboundBetween(index, day, Math.Min(day + FollowUpDays, asOf)))
            {
                t.FollowedUp365d++;
            }
        }
        else if (age < 730)
        {
            t.OrdersPrevious365d++;
            t.AmountPrevious365dCents += amountCents;
        }

        t.ChannelMask |= ChannelBit(channel);

        if (invoiceDueDay != CustomerMetrics.NoDay && invoiceDueDay <= asOf && invoiceDueDay > asOf - 730)
        {
            t.Invoiced24mCents += amountCents;
            int paidBy = paidDay != CustomerMetrics.NoDay && paidDay <= asOf ? paidDay : CustomerMetrics.NoDay;
            if (paidBy != CustomerMetrics.NoDay)
            {
                t.Collected24mCents += amountCents;
            }

            int term = Math.Max(0, (paidBy == CustomerMetrics.NoDay ? asOf : paidBy) - day);
            if (term > t.LongestTermDays)
            {
                t.LongestTermDays = term;
            }

            t.Invoices++;
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
            int referrer = _referrerIds[i] == 0 ? -1 : IndexOf(_referrerIds[i]);
            _m.ReferrerIndex[i] = referrer != i ? referrer : -1;
            _m.OutboundMonths365d[i] = System.Numerics.BitOperations.PopCount(_outboundMonthMasks[i]);
            ref readonly var t = ref _orders[i];
            if (t.Count == 0)
            {
                continue;
            }

            _m.OrderCount[i] = t.Count;
            _m.TotalCents[i] = t.TotalCents;
            _m.FirstOrderDay[i] = t.FirstDay;
            _m.LastOrderDay[i] = t.LastDay;
            _m.Orders90d[i] = t.Orders90d;
            _m.Amount90dCents[i] = t.Amount90dCents;
            _m.Orders365d[i] = t.Orders365d;
            _m.Amount365dCents[i] = t.Amount365dCents;
            _m.OrdersPrevious365d[i] = t.OrdersPrevious365d;
            _m.AmountPrevious365dCents[i] = t.AmountPrevious365dCents;
            _m.FollowedUpOrders365d[i] = t.FollowedUp365d;
            _m.DistinctChannels[i] = System.Numerics.BitOperations.PopCount(t.ChannelMask);
            _m.Invoiced24mCents[i] = t.Invoiced24mCents;
            _m.Collected24mCents[i] = t.Collected24mCents;
            _m.LongestPaymentTermDays[i] = t.Invoices > 0 ? t.LongestTermDays : CustomerMetrics.NoDay;
        }

        FillOrderDays();
        return _m;
    }

    /// <summary>
    /// From every customer's order days (grouped by a counting sort, then sorted per customer): distinct days, the
    /// day before the last one, and the standard deviation of the gaps between distinct days (three or more days).
    /// </summary>
    private void FillOrderDays()
    {
        var start = new int[_m.Count + 1];
        for (int i = 0; i < _m.Count; i++)
        {
            start[i + 1] = start[i] + _orders[i].Count;
        }

        var days = new int[start[_m.Count]];
        var next = start[..^1];
        for (int k = 0; k < _orderDays.Count; k++)
        {
            int i = _orderDays.Index[k];
            days[next[i]++] = _orderDays.Day[k];
        }

        for (int i = 0; i < _m.Count; i++)
        {
            int n = start[i + 1] - start[i];
            if (n == 0)
            {
                continue;
            }

            var span = days.AsSpan(start[i], n);
            span.Sort();
            int distinct = 1;
            for (int k = 1; k < n; k++)
            {
                if (span[k] != span[k - 1])
                {
                    span[distinct++] = span[k];
                }
            }

            _m.DistinctOrderDays[i] = distinct;
            if (distinct >= 2)
            {
                _m.PreviousOrderDay[i] = span[distinct - 2];
            }

            if (distinct < 3)
            {
                continue;
            }

            double mean = (double)(span[distinct - 1] - span[0]) / (distinct - 1);
            double squares = 0;
            for (int k = 1; k < distinct; k++)
            {
                double d = span[k] - span[k - 1] - mean;
                squares += d * d;
            }

            _m.OrderIntervalStdDevDays[i] = (float)Math.Sqrt(squares / (distinct - 1));
        }
    }

    private ulong ChannelBit(string channel)
    {
        // Readers hand over one shared string per channel name, so a reference check finds it without hashing.
        for (int k = 0; k < _recentChannels.Length; k++)
        {
            var (name, mask) = _recentChannels[k];
            if (ReferenceEquals(name, channel))
            {
                return mask;
            }
        }

        if (!_channelBits.TryGetValue(channel, out int bit))
        {
            // More than 64 distinct channel names is not a real business; the extra ones share the last bit.
            bit = Math.Min(_channelBits.Count, 63);
            _channelBits[channel] = bit;
        }

        _recentChannels[_nextRecentChannel] = (channel, 1UL << bit);
        _nextRecentChannel = (_nextRecentChannel + 1) % _recentChannels.Length;
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

    /// <summary>One customer's running order figures while orders stream in.</summary>
    private struct OrderTotals
    {
        public long TotalCents;
        public long Amount90dCents;
        public long Amount365dCents;
        public long AmountPrevious365dCents;
        public long Invoiced24mCents;
        public long Collected24mCents;
        public ulong ChannelMask;
        public int Count;
        public int FirstDay;
        public int LastDay;
        public int Orders90d;
        public int Orders365d;
        public int OrdersPrevious365d;
        public int FollowedUp365d;
        public int Invoices;
        public int LongestTermDays;
    }

    /// <summary>(customer index, order day) pairs in arrival order: two flat arrays, no per-pair object or hash.</summary>
    private sealed class DayList(int capacity)
    {
        public int[] Index = new int[capacity];
        public int[] Day = new int[capacity];
        public int Count;

        public void Add(int index, int day)
        {
            if (Count == Index.Length)
            {
                Array.Resize(ref Index, Count * 2);
                Array.Resize(ref Day, Count * 2);
            }

            Index[Count] = index;
            Day[Count++] = day;
        }
    }
}
