using System.Runtime.CompilerServices;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;

namespace Guanxi.Domain.Models;

/// <summary>
/// Fills <see cref="CustomerMetrics"/>: customers first, then interactions, then orders (the follow-up measure
/// looks up a customer's outbound contacts). Orders come either as rows in any order (<see cref="AddOrder"/>,
/// grouped per customer at <see cref="Build"/>) or as a customer's whole stored history
/// (<see cref="AddOrderHistory"/>); both go through the same per-customer aggregation. Rows dated after the as-of
/// day are ignored, so a metric as of a past day never sees later data. Pure: the data layer feeds it, tests feed
/// it by hand.
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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _channelBits = new(StringComparer.OrdinalIgnoreCase);
    private readonly string?[] _channelNames = new string?[64];
    private readonly (string? Name, byte Bit)[] _recentChannels = new (string?, byte)[8];
    private int _nextRecentChannel;
    private readonly ushort[] _outboundMonthMasks;
    private readonly StagedOrders _staged = new();
    private readonly bool[] _aggregated;
    private byte[]?[]? _histories;
    private readonly int _firstWindowMonth;
    private readonly Lock _gate = new();
    // Currencies of the staged orders: index 0 is "no currency given" (amounts taken as they are); few distinct codes.
    private readonly List<string> _stagedCurrencies = [""];
    private readonly Dictionary<(string Currency, int Month), (int Orders, long Cents)> _unconverted = [];
    private int _added;

    // Outbound contact days per customer (CSR layout), for the follow-up lookup; built once interactions are in.
    private List<(int Index, int Day)>? _outbound = [];
    private int[] _outboundStart = [];
    private int[] _outboundDays = [];

    public CustomerMetricsBuilder(int customerCount, DateOnly asOf)
    {
        _m = new CustomerMetrics(customerCount, asOf);
        _denseIndex = new int[Math.Min((2L * customerCount) + 1024, int.MaxValue / 2)];
        _indexById = [];
        _referrerIds = new long[customerCount];
        _outboundMonthMasks = new ushort[customerCount];
        _aggregated = new bool[customerCount];
        _firstWindowMonth = MonthNumber(asOf.DayNumber) - 12;
    }

    public int AsOfDay => _m.AsOfDay;

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

    /// <summary>The id of the customer at an index.</summary>
    public long CustomerIdAt(int index) => _m.CustomerId[index];

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

    public void AddOrder(long customerId, DateOnly day, long amountCents, string channel, DateOnly? invoiceDue, DateOnly? paid, string? currency = null) =>
        AddOrderAt(
            IndexOf(customerId),
            day.DayNumber,
            amountCents,
            channel,
            invoiceDue?.DayNumber ?? CustomerMetrics.NoDay,
            paid?.DayNumber ?? CustomerMetrics.NoDay,
            currency);

    /// <summary>
    /// The rate table that turns orders in other currencies into the base currency (set before orders are added). An
    /// order without a rate for its month keeps its place in the counts (frequency, recency) but adds nothing to any
    /// money figure, and is reported in <see cref="CustomerMetrics.Unconverted"/>. Null: amounts are taken as they are.
    /// </summary>
    public Orders.CurrencyRates? Rates { get; set; }

    /// <summary>
    /// Adds an order of the customer at <paramref name="index"/> (from <see cref="IndexOf"/>; -1 is ignored), with days as
    /// <see cref="DateOnly.DayNumber"/> and <see cref="CustomerMetrics.NoDay"/> for a missing invoice or payment day.
    /// Orders come in any order and are only collected here; <see cref="Build"/> groups them per customer and aggregates
    /// each customer's history at once. Orders after the as-of day are kept (a history holds every order) but not counted.
    /// </summary>
    public void AddOrderAt(int index, int day, long amountCents, string channel, int invoiceDueDay, int paidDay, string? currency = null)
    {
        if (index < 0)
        {
            return;
        }

        if (_outbound is not null)
        {
            IndexOutbound();
        }

        _staged.Add(index, day, amountCents, StagedChannelBit(channel), invoiceDueDay, paidDay, StagedCurrency(currency));
    }

    /// <summary>A currency code's index among the staged orders' currencies (single-threaded, as <see cref="AddOrderAt"/>).</summary>
    private byte StagedCurrency(string? currency)
    {
        if (string.IsNullOrEmpty(currency))
        {
            return 0;
        }

        var names = _stagedCurrencies;
        for (int c = names.Count - 1; c > 0; c--)
        {
            if (ReferenceEquals(names[c], currency) || names[c] == currency)
            {
                return (byte)c;
            }
        }

        if (names.Count == 256)
        {
            // More distinct codes than any business has: the rest are read as one unknown code, which no rate converts.
            int unknown = names.IndexOf("?");
            return (byte)(unknown > 0 ? unknown : 255);
        }

        names.Add(names.Count == 255 ? "?" : currency);
        return (byte)(names.Count - 1);
    }

    /// <summary>Sizes the collected orders once for a scan of about this many rows.</summary>
    public void ReserveOrders(int count) => _staged.Reserve(count);

    /// <summary>
    /// Adds all orders of the customer at <paramref name="index"/> at once (a stored history). Safe to call from several
    /// threads for different customers; a customer's orders come either this way or through <see cref="AddOrderAt"/>.
    /// </summary>
    public void AddOrderHistory(int index, OrderHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (index < 0)
        {
            return;
        }

        if (Volatile.Read(ref _outbound) is not null)
        {
            IndexOutbound();
        }

        Aggregate(index, history);
    }

    /// <summary>When set before <see cref="Build"/>, the orders added through <see cref="AddOrderAt"/> are also encoded per customer (<see cref="HistoryOf"/>).</summary>
    public bool CollectHistories { get; set; }

    /// <summary>The encoded history of a customer whose orders came through <see cref="AddOrderAt"/> (after <see cref="Build"/>, with <see cref="CollectHistories"/>).</summary>
    public byte[]? HistoryOf(int index) => _histories?[index];

    /// <summary>
    /// One customer's figures from all their orders, oldest first: windows, payments and follow-ups from the orders up
    /// to the as-of day (a prefix of the list), distinct days and their gaps from the same prefix.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Aggregate(int i, OrderHistory h)
    {
        if (_aggregated[i])
        {
            throw new InvalidOperationException($"Orders of customer {_m.CustomerId[i]} were added twice.");
        }

        _aggregated[i] = true;
        int asOf = _m.AsOfDay;
        var days = h.Days;
        int n = h.Count;
        while (n > 0 && days[n - 1] > asOf)
        {
            n--;
        }

        if (n == 0)
        {
            return;
        }

        if (Rates is { } rates && NeedsConversion(h, rates))
        {
            // Orders in other currencies (rare): a copy in the base currency, before returns are netted, so a return
            // nets against its purchase in one currency.
            h = ToBaseCurrency(h, n, rates);
            n = h.Count;
            days = h.Days;
            if (n == 0)
            {
                return;
            }
        }

        if (ReturnsNetting.HasReturns(h, n))
        {
            // Rare (customers with a return by the as-of day): a netted copy, so the history itself stays as stored.
            h = ReturnsNetting.Net(h, n);
            n = h.Count;
            days = h.Days;
            if (n == 0)
            {
                return;
            }
        }

        Span<ulong> channelBits = stackalloc ulong[h.ChannelNames.Count];
        for (int c = 0; c < channelBits.Length; c++)
        {
            channelBits[c] = 1UL << SharedChannelBit(h.ChannelNames[c]);
        }

        long total = 0, amount90 = 0, amount365 = 0, amountPrevious = 0, invoiced = 0, collected = 0;
        int orders90 = 0, orders365 = 0, ordersPrevious = 0, followedUp = 0, invoices = 0, longestTerm = 0;
        ulong channels = 0;
        var cents = h.Cents;
        var dueDays = h.DueDays;
        var paidDays = h.PaidDays;
        var channelIndex = h.Channels;
        bool hasOutbound = _outboundStart[i + 1] > _outboundStart[i];
        for (int k = 0; k < n; k++)
        {
            int day = days[k];
            long amount = cents[k];
            total += amount;
            int age = asOf - day;
            if (age < 90)
            {
                orders90++;
                amount90 += amount;
            }

            if (age < 365)
            {
                orders365++;
                amount365 += amount;
                if (hasOutbound && HasOutboundBetween(i, day, Math.Min(day + FollowUpDays, asOf)))
                {
                    followedUp++;
                }
            }
            else if (age < 730)
            {
                ordersPrevious++;
                amountPrevious += amount;
            }

            channels |= channelBits[channelIndex[k]];
            int due = dueDays[k];
            if (due != CustomerMetrics.NoDay && due <= asOf && due > asOf - 730)
            {
                invoiced += amount;
                int paid = paidDays[k];
                int paidBy = paid != CustomerMetrics.NoDay && paid <= asOf ? paid : CustomerMetrics.NoDay;
                if (paidBy != CustomerMetrics.NoDay)
                {
                    collected += amount;
                }

                longestTerm = Math.Max(longestTerm, Math.Max(0, (paidBy == CustomerMetrics.NoDay ? asOf : paidBy) - day));
                invoices++;
            }
        }

        _m.OrderCount[i] = n;
        _m.TotalCents[i] = total;
        _m.FirstOrderDay[i] = days[0];
        _m.LastOrderDay[i] = days[n - 1];
        _m.Orders90d[i] = orders90;
        _m.Amount90dCents[i] = amount90;
        _m.Orders365d[i] = orders365;
        _m.Amount365dCents[i] = amount365;
        _m.OrdersPrevious365d[i] = ordersPrevious;
        _m.AmountPrevious365dCents[i] = amountPrevious;
        _m.FollowedUpOrders365d[i] = followedUp;
        _m.DistinctChannels[i] = System.Numerics.BitOperations.PopCount(channels);
        _m.Invoiced24mCents[i] = invoiced;
        _m.Collected24mCents[i] = collected;
        _m.LongestPaymentTermDays[i] = invoices > 0 ? longestTerm : CustomerMetrics.NoDay;
        OrderDays(i, days.AsSpan(0, n));
    }

    private static bool NeedsConversion(OrderHistory h, Orders.CurrencyRates rates)
    {
        foreach (string currency in h.CurrencyNames)
        {
            if (currency.Length > 0 && !rates.IsBase(currency))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first <paramref name="n"/> orders with amounts in the base currency. A purchase without a rate stays, at
    /// nothing (still a purchase for frequency and recency); a return without a rate goes (it is no purchase, and it
    /// cannot be netted against one it cannot be compared with). Both are counted as unconverted.
    /// </summary>
    private OrderHistory ToBaseCurrency(OrderHistory h, int n, Orders.CurrencyRates rates)
    {
        var converted = new OrderHistory();
        for (int k = 0; k < n; k++)
        {
            string currency = h.CurrencyOf(k);
            long cents = h.Cents[k];
            if (currency.Length == 0 || rates.TryConvert(currency, h.Days[k], cents, out cents))
            {
                converted.Add(h.Days[k], cents, h.ChannelNames[h.Channels[k]], h.DueDays[k], h.PaidDays[k]);
                continue;
            }

            lock (_unconverted)
            {
                var key = (currency.ToUpperInvariant(), MonthNumber(h.Days[k]));
                var (orders, sum) = _unconverted.GetValueOrDefault(key);
                _unconverted[key] = (orders + 1, sum + h.Cents[k]);
            }

            if (h.Cents[k] >= 0)
            {
                converted.Add(h.Days[k], 0, h.ChannelNames[h.Channels[k]], h.DueDays[k], h.PaidDays[k]);
            }
        }

        return converted;
    }

    /// <summary>From a customer's order days, ascending: distinct days, the day before the last one, and the standard deviation of the gaps (three or more days).</summary>
    private void OrderDays(int i, ReadOnlySpan<int> days)
    {
        int distinct = 1;
        int previous = CustomerMetrics.NoDay;
        for (int k = 1; k < days.Length; k++)
        {
            if (days[k] != days[k - 1])
            {
                previous = days[k - 1];
                distinct++;
            }
        }

        _m.DistinctOrderDays[i] = distinct;
        _m.PreviousOrderDay[i] = previous;
        if (distinct < 3)
        {
            return;
        }

        double mean = (double)(days[^1] - days[0]) / (distinct - 1);
        double squares = 0;
        for (int k = 1; k < days.Length; k++)
        {
            if (days[k] != days[k - 1])
            {
                double d = days[k] - days[k - 1] - mean;
                squares += d * d;
            }
        }

        _m.OrderIntervalStdDevDays[i] = (float)Math.Sqrt(squares / (distinct - 1));
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

        if (_outbound is not null)
        {
            IndexOutbound();
        }

        AggregateStaged();
        _m.Unconverted = [.. _unconverted
            .Select(u => new UnconvertedOrders(u.Key.Currency, new DateOnly(u.Key.Month / 12, (u.Key.Month % 12) + 1, 1), u.Value.Orders, u.Value.Cents))
            .OrderBy(u => u.Currency, StringComparer.Ordinal).ThenBy(u => u.Month)];
        for (int i = 0; i < _m.Count; i++)
        {
            int referrer = _referrerIds[i] == 0 ? -1 : IndexOf(_referrerIds[i]);
            _m.ReferrerIndex[i] = referrer != i ? referrer : -1;
            _m.OutboundMonths365d[i] = System.Numerics.BitOperations.PopCount(_outboundMonthMasks[i]);
        }

        return _m;
    }

    /// <summary>
    /// Groups the collected orders per customer (a counting sort), sorts each customer's by day, and aggregates each
    /// customer's history on whichever core is free.
    /// </summary>
    private void AggregateStaged()
    {
        var rows = _staged;
        int n = _m.Count;
        if (CollectHistories)
        {
            _histories = new byte[]?[n];
        }

        if (rows.Count == 0)
        {
            return;
        }

        var start = new int[n + 1];
        for (int k = 0; k < rows.Count; k++)
        {
            start[rows.Index[k] + 1]++;
        }

        for (int i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        // Day in the high half, row in the low: sorting a customer's keys orders their rows by day, stably.
        var keys = new long[rows.Count];
        var next = start[..^1];
        for (int k = 0; k < rows.Count; k++)
        {
            keys[next[rows.Index[k]]++] = ((long)rows.Day[k] << 32) | (uint)k;
        }

        try
        {
            AggregateGroups(rows, start, keys);
        }
        catch (AggregateException e)
        {
            // The first of the per-customer errors, as the single-threaded path would throw it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    private void AggregateGroups(StagedOrders rows, int[] start, long[] keys)
    {
        Parallel.For(
            0,
            start.Length - 1,
            () => new OrderHistory(),
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i, _, history) =>
            {
                var own = keys.AsSpan(start[i], start[i + 1] - start[i]);
                if (own.IsEmpty)
                {
                    return history;
                }

                own.Sort();
                history.Clear();
                foreach (long key in own)
                {
                    int k = (int)(uint)key;
                    history.Add(rows.Day[k], rows.Cents[k], _channelNames[rows.ChannelBit[k]]!, rows.DueDay[k], rows.PaidDay[k], _stagedCurrencies[rows.Currency[k]]);
                }

                Aggregate(i, history);
                if (_histories is not null)
                {
                    _histories[i] = history.Encode();
                }

                return history;
            },
            _ => { });
    }

    /// <summary>The channel's bit for the single-threaded collecting path: the last few names are found by reference.</summary>
    private byte StagedChannelBit(string channel)
    {
        // Readers hand over one shared string per channel name, so a reference check finds it without hashing.
        for (int k = 0; k < _recentChannels.Length; k++)
        {
            var (name, bit) = _recentChannels[k];
            if (ReferenceEquals(name, channel))
            {
                return bit;
            }
        }

        byte found = (byte)SharedChannelBit(channel);
        _recentChannels[_nextRecentChannel] = (channel, found);
        _nextRecentChannel = (_nextRecentChannel + 1) % _recentChannels.Length;
        return found;
    }

    /// <summary>A channel name's bit in the distinct-channel masks; safe from several threads.</summary>
    private int SharedChannelBit(string channel)
    {
        if (_channelBits.TryGetValue(channel, out int bit))
        {
            return bit;
        }

        lock (_channelBits)
        {
            if (!_channelBits.TryGetValue(channel, out bit))
            {
                // More than 64 distinct channel names is not a real business; the extra ones share the last bit.
                bit = Math.Min(_channelBits.Count, 63);
                _channelNames[bit] ??= channel;
                _channelBits[channel] = bit;
            }

            return bit;
        }
    }

    private void IndexOutbound()
    {
        lock (_gate)
        {
            if (_outbound is null)
            {
                return;
            }

            IndexOutbound(_outbound);
            Volatile.Write(ref _outbound, null);
        }
    }

    private void IndexOutbound(List<(int Index, int Day)> contacts)
    {
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

    /// <summary>Orders as they arrive, one flat array per field: no object per order.</summary>
    private sealed class StagedOrders
    {
        public int[] Index = [];
        public int[] Day = [];
        public long[] Cents = [];
        public byte[] ChannelBit = [];
        public int[] DueDay = [];
        public int[] PaidDay = [];
        public byte[] Currency = [];
        public int Count;

        public void Add(int index, int day, long cents, byte channelBit, int dueDay, int paidDay, byte currency)
        {
            if (Count == Index.Length)
            {
                Reserve(Math.Max(1024, Count * 2));
            }

            Index[Count] = index;
            Day[Count] = day;
            Cents[Count] = cents;
            ChannelBit[Count] = channelBit;
            DueDay[Count] = dueDay;
            Currency[Count] = currency;
            PaidDay[Count++] = paidDay;
        }

        public void Reserve(int capacity)
        {
            if (capacity <= Index.Length)
            {
                return;
            }

            Array.Resize(ref Index, capacity);
            Array.Resize(ref Day, capacity);
            Array.Resize(ref Cents, capacity);
            Array.Resize(ref ChannelBit, capacity);
            Array.Resize(ref DueDay, capacity);
            Array.Resize(ref PaidDay, capacity);
            Array.Resize(ref Currency, capacity);
        }
    }
}
