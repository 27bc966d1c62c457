using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Guanxi.Domain.Text;

namespace Guanxi.Domain.Models;

/// <summary>
/// One customer's orders, oldest first: what <see cref="CustomerMetricsBuilder"/> aggregates, and what a model run
/// keeps per customer between runs (<see cref="Encode"/>) so the next run reads one packed row per customer instead
/// of every order row. Holds every order, whatever its day: a run as of a past day skips the later ones itself.
/// A reusable buffer: one per thread, refilled per customer. Amounts are in each order's own currency (its code is
/// kept per order): a run converts them into the base currency with the rate table it reads
/// at its start (<see cref="Orders.CurrencyRates"/>), so a changed rate never makes a stored history stale.
/// </summary>
public sealed class OrderHistory
{
    /// <summary>The first byte of an encoded history; a reader refuses any other, so a new layout gets a new number.</summary>
    public const byte FormatVersion = 2;

    private const int MaxChannels = 255;
    private const int MaxChannelBytes = 255;

    private readonly List<string> _channelNames = [];
    private readonly List<string> _currencyNames = [];
    private readonly Utf8Texts<string> _decodedNames = new(name => name);

    public int Count { get; private set; }

    /// <summary>Order days (<see cref="DateOnly.DayNumber"/>), ascending.</summary>
    public int[] Days { get; private set; } = new int[16];

    public long[] Cents { get; private set; } = new long[16];

    /// <summary>Per order, an index into <see cref="ChannelNames"/>.</summary>
    public byte[] Channels { get; private set; } = new byte[16];

    /// <summary>Invoice due days, <see cref="CustomerMetrics.NoDay"/> for an order without an invoice.</summary>
    public int[] DueDays { get; private set; } = new int[16];

    /// <summary>Payment days, <see cref="CustomerMetrics.NoDay"/> while unpaid.</summary>
    public int[] PaidDays { get; private set; } = new int[16];

    public IReadOnlyList<string> ChannelNames => _channelNames;

    /// <summary>Per order, an index into <see cref="CurrencyNames"/> (all 0 while there is one currency or none).</summary>
    public byte[] Currencies { get; private set; } = new byte[16];

    /// <summary>The currencies of the orders; empty when they were added without one (amounts already in the base currency).</summary>
    public IReadOnlyList<string> CurrencyNames => _currencyNames;

    /// <summary>The currency of order <paramref name="k"/>, "" when it was added without one.</summary>
    public string CurrencyOf(int k) => _currencyNames.Count == 0 ? "" : _currencyNames[Currencies[k]];

    public void Clear()
    {
        Count = 0;
        _channelNames.Clear();
        _currencyNames.Clear();
    }

    /// <summary>Appends an order; callers add them oldest first (<see cref="Add"/> does not sort).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(int day, long cents, string channel, int dueDay, int paidDay, string? currency = null)
    {
        if (Count > 0 && day < Days[Count - 1])
        {
            throw new ArgumentException("Orders must be added oldest first.", nameof(day));
        }

        Reserve(Count + 1);
        Days[Count] = day;
        Cents[Count] = cents;
        Channels[Count] = ChannelIndex(channel);
        DueDays[Count] = dueDay;
        PaidDays[Count] = paidDay;
        Currencies[Count] = string.IsNullOrEmpty(currency) ? (byte)0 : CurrencyIndex(currency);
        Count++;
    }

    /// <summary>
    /// Packs the history: version, channel names (length-prefixed UTF-8), currency codes (the same way), count, then one
    /// column after another (days, cents, channel indexes, due and paid days only when some order has an invoice or a
    /// payment, and currency indexes only when the orders have more than one currency).
    /// Little-endian fixed widths: decoding is a copy per column, not a parse per value.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public byte[] Encode()
    {
        bool invoices = HasInvoiceData();
        bool currencies = _currencyNames.Count > 1;
        int size = 2 + _channelNames.Sum(n => 1 + System.Text.Encoding.UTF8.GetByteCount(n))
            + 1 + _currencyNames.Sum(n => 1 + System.Text.Encoding.UTF8.GetByteCount(n))
            + 4 + (Count * 13) + 1 + (invoices ? Count * 8 : 0) + (currencies ? Count : 0);
        var data = new byte[size];
        var span = data.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)_channelNames.Count;
        int at = 2;
        foreach (string name in _channelNames)
        {
            int length = System.Text.Encoding.UTF8.GetBytes(name, span[(at + 1)..]);
            span[at] = (byte)length;
            at += 1 + length;
        }

        span[at++] = (byte)_currencyNames.Count;
        foreach (string name in _currencyNames)
        {
            int length = System.Text.Encoding.UTF8.GetBytes(name, span[(at + 1)..]);
            span[at] = (byte)length;
            at += 1 + length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[at..], Count);
        at += 4;
        at += CopyOut(Days.AsSpan(0, Count), span[at..]);
        at += CopyOut(Cents.AsSpan(0, Count), span[at..]);
        Channels.AsSpan(0, Count).CopyTo(span[at..]);
        at += Count;
        span[at++] = invoices ? (byte)1 : (byte)0;
        if (invoices)
        {
            at += CopyOut(DueDays.AsSpan(0, Count), span[at..]);
            at += CopyOut(PaidDays.AsSpan(0, Count), span[at..]);
        }

        if (currencies)
        {
            Currencies.AsSpan(0, Count).CopyTo(span[at..]);
        }

        return data;
    }

    /// <summary>The number of orders in an encoded history, read from its header.</summary>
    public static int CountOf(ReadOnlySpan<byte> data)
    {
        int at = 2;
        for (int c = 0; c < data[1]; c++)
        {
            at += 1 + data[at];
        }

        int currencies = data[at++];
        for (int c = 0; c < currencies; c++)
        {
            at += 1 + data[at];
        }

        return BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
    }

    /// <summary>Replaces the contents with an encoded history; malformed data throws <see cref="InvalidDataException"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Decode(ReadOnlySpan<byte> data)
    {
        Clear();
        try
        {
            if (data[0] != FormatVersion)
            {
                throw new InvalidDataException($"Unknown order history format {data[0]}.");
            }

            int channels = data[1];
            int at = 2;
            for (int c = 0; c < channels; c++)
            {
                int length = data[at];
                _channelNames.Add(_decodedNames.Get(data.Slice(at + 1, length)));
                at += 1 + length;
            }

            int currencies = data[at++];
            for (int c = 0; c < currencies; c++)
            {
                int length = data[at];
                _currencyNames.Add(_decodedNames.Get(data.Slice(at + 1, length)));
                at += 1 + length;
            }

            int count = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            at += 4;
            Reserve(count);
            at += CopyIn(data[at..], Days.AsSpan(0, count));
            at += CopyIn(data[at..], Cents.AsSpan(0, count));
            data.Slice(at, count).CopyTo(Channels);
            at += count;
            if (data[at++] == 1)
            {
                at += CopyIn(data[at..], DueDays.AsSpan(0, count));
                at += CopyIn(data[at..], PaidDays.AsSpan(0, count));
            }
            else
            {
                DueDays.AsSpan(0, count).Fill(CustomerMetrics.NoDay);
                PaidDays.AsSpan(0, count).Fill(CustomerMetrics.NoDay);
            }

            if (currencies > 1)
            {
                data.Slice(at, count).CopyTo(Currencies);
                at += count;
            }
            else
            {
                Currencies.AsSpan(0, count).Clear();
            }

            if (at != data.Length)
            {
                throw new InvalidDataException($"Order history has {data.Length - at} bytes too many.");
            }

            Count = count;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("Order history is cut short.", e);
        }
    }

    private bool HasInvoiceData()
    {
        for (int k = 0; k < Count; k++)
        {
            if (DueDays[k] != CustomerMetrics.NoDay || PaidDays[k] != CustomerMetrics.NoDay)
            {
                return true;
            }
        }

        return false;
    }

    private byte CurrencyIndex(string currency)
    {
        for (int c = 0; c < _currencyNames.Count; c++)
        {
            if (ReferenceEquals(_currencyNames[c], currency) || _currencyNames[c] == currency)
            {
                return (byte)c;
            }
        }

        if (_currencyNames.Count == MaxChannels || System.Text.Encoding.UTF8.GetByteCount(currency) > MaxChannelBytes)
        {
            // Beyond any real customer: such orders count as one unknown currency, which no rate converts.
            currency = "?";
            int existing = _currencyNames.IndexOf(currency);
            if (existing >= 0)
            {
                return (byte)existing;
            }

            if (_currencyNames.Count == MaxChannels)
            {
                return MaxChannels - 1;
            }
        }

        _currencyNames.Add(currency);
        return (byte)(_currencyNames.Count - 1);
    }

    private byte ChannelIndex(string channel)
    {
        for (int c = 0; c < _channelNames.Count; c++)
        {
            if (ReferenceEquals(_channelNames[c], channel) || _channelNames[c] == channel)
            {
                return (byte)c;
            }
        }

        if (_channelNames.Count == MaxChannels || System.Text.Encoding.UTF8.GetByteCount(channel) > MaxChannelBytes)
        {
            // Far beyond any real business; the history stays encodable and such orders count as one channel.
            channel = "…";
            int existing = _channelNames.IndexOf(channel);
            if (existing >= 0)
            {
                return (byte)existing;
            }

            if (_channelNames.Count == MaxChannels)
            {
                return MaxChannels - 1;
            }
        }

        _channelNames.Add(channel);
        return (byte)(_channelNames.Count - 1);
    }

    private void Reserve(int count)
    {
        if (count <= Days.Length)
        {
            return;
        }

        int size = Math.Max(count, Days.Length * 2);
        Days = Grow(Days, size);
        Cents = Grow(Cents, size);
        Channels = Grow(Channels, size);
        DueDays = Grow(DueDays, size);
        PaidDays = Grow(PaidDays, size);
        Currencies = Grow(Currencies, size);
    }

    private T[] Grow<T>(T[] old, int size)
    {
        var grown = new T[size];
        old.AsSpan(0, Count).CopyTo(grown);
        return grown;
    }

    private static int CopyOut<T>(ReadOnlySpan<T> values, Span<byte> to)
        where T : struct
    {
        var bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(to);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Order histories are written little-endian.");
        }

        return bytes.Length;
    }

    private static int CopyIn<T>(ReadOnlySpan<byte> from, Span<T> values)
        where T : struct
    {
        var bytes = MemoryMarshal.AsBytes(values);
        from[..bytes.Length].CopyTo(bytes);
        return bytes.Length;
    }
}
