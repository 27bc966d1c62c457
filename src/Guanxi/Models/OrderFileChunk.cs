using System.Globalization;
using System.Runtime.CompilerServices;
using Guanxi.Import;

namespace Guanxi.Models;

/// <summary>
/// Parses the orders of one byte range of the file and aggregates them per customer
/// (struct-of-arrays, no strings per row). Two chunks run in parallel and are merged afterwards.
/// </summary>
internal sealed class OrderFileChunk
{
    public const int MaxReportedErrors = 100;

    // Customer ids below this are aggregated in an array indexed by the id itself (generated ids are 1..N):
    // one cache miss per row instead of a lookup plus separate columns. Larger ids go through a Dictionary.
    private const long DenseLimit = 1L << 24;

    // Order ids below this are checked for repeats in a bitmap (dense ids, 1 bit each); larger ones in a HashSet.
    private const long BitmapLimit = 1L << 28;

    private CustomerTotals[] _dense = new CustomerTotals[1024];
    private readonly Dictionary<long, int> _sparseIndex = [];
    private long[] _sparseIds = new long[16];
    private CustomerTotals[] _sparse = new CustomerTotals[16];

    public ulong[] SeenOrderBits { get; private set; } = new ulong[1024];
    public HashSet<long> SeenLargeOrderIds { get; } = [];

    /// <summary>Bad rows as (line relative to the chunk's first line, reason); only the first 100.</summary>
    public List<(long Line, string Reason)> Errors { get; } = [];
    public long ErrorCount { get; private set; }

    /// <summary>Line breaks consumed, so the next chunk's first line is known.</summary>
    public long LinesConsumed { get; private set; }

    /// <summary>File offset just after the last record parsed.</summary>
    public long EndOffset { get; private set; }

    /// <summary>Parses the records that start in [start, end) of the file, with the import's CSV reader.</summary>
    public void Parse(string path, long start, long end)
    {
        // No FileStream buffer: the reader reads a megabyte at a time into its own.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        file.Position = start;
        var csv = new CsvRecordReader(file, 1 << 16) { StopAt = end - start };
        ReadRecords(csv);
        LinesConsumed = csv.LinesRead;
        EndOffset = start + csv.Offset;
    }

    // The loop runs once per row: skip tier-0 code so the first chunk is already fast.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadRecords(CsvRecordReader csv)
    {
        CsvReadResult result;
        while ((result = csv.Next()) != CsvReadResult.End)
        {
            long lineIndex = csv.RecordLine - 1;
            if (result == CsvReadResult.Broken)
            {
                Reject(lineIndex, "broken quoting (" + csv.Error + ")");
            }
            else if (csv.FieldCount != 5)
            {
                Reject(lineIndex, "wrong number of fields (expected 5)");
            }
            else
            {
                Accept(lineIndex, csv.Field(0), csv.Field(1), csv.Field(2), csv.Field(3), csv.Field(4));
            }
        }
    }

    // The import's field rules (trimmed fields, FieldParsers) so both read a row alike; rfm's own reasons.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accept(long lineIndex, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> customerId, ReadOnlySpan<byte> orderedAt, ReadOnlySpan<byte> amount, ReadOnlySpan<byte> channel)
    {
        if (!FieldParsers.TryParseId(FieldParsers.Trim(orderId), out long order))
        {
            Reject(lineIndex, "order_id is not a positive integer");
            return;
        }

        if (!FieldParsers.TryParseId(FieldParsers.Trim(customerId), out long customer))
        {
            Reject(lineIndex, "customer_id is not a positive integer");
            return;
        }

        if (FieldParsers.TryParseDateTime(FieldParsers.Trim(orderedAt), out var at) != FieldParsers.DateError.None)
        {
            Reject(lineIndex, "ordered_at is not a real date-time in the form YYYY-MM-DDTHH:MM:SS");
            return;
        }

        var amountResult = FieldParsers.TryParseAmount(FieldParsers.Trim(amount), out long cents);
        if (amountResult != FieldParsers.AmountError.None)
        {
            Reject(lineIndex, amountResult switch
            {
                FieldParsers.AmountError.Negative => "amount is negative",
                FieldParsers.AmountError.TooManyDecimals => "amount has more than 2 decimals",
                FieldParsers.AmountError.TooLarge => "amount is not below 10,000,000",
                _ => "amount is not a plain decimal",
            });
            return;
        }

        if (FieldParsers.OrderChannel(FieldParsers.Trim(channel)) is null)
        {
            Reject(lineIndex, "channel is not one of store, web, app, phone");
            return;
        }

        if (!MarkOrderSeen(order))
        {
            Reject(lineIndex, string.Create(CultureInfo.InvariantCulture, $"order_id {order} repeats an earlier row"));
            return;
        }

        Add(ref Totals(customer), DateOnly.FromDateTime(at).DayNumber, 1, cents);
    }

    private static void Add(ref CustomerTotals totals, int lastDay, int orders, long cents)
    {
        if (totals.OrderCount == 0 || lastDay > totals.LastDay)
        {
            totals.LastDay = lastDay;
        }

        totals.OrderCount += orders;
        totals.Cents += cents;
    }

    private void Reject(long lineIndex, string reason)
    {
        ErrorCount++;
        if (Errors.Count < MaxReportedErrors)
        {
            Errors.Add((lineIndex, reason));
        }
    }

    /// <summary>False when the order id was already seen in this chunk.</summary>
    private bool MarkOrderSeen(long orderId)
    {
        if (orderId >= BitmapLimit)
        {
            return SeenLargeOrderIds.Add(orderId);
        }

        long word = orderId >> 6;
        if (word >= SeenOrderBits.Length)
        {
            var bits = SeenOrderBits;
            Array.Resize(ref bits, (int)Math.Max(word + 1, Math.Min(bits.LongLength * 2, (BitmapLimit >> 6) + 1)));
            SeenOrderBits = bits;
        }

        ulong mask = 1UL << (int)(orderId & 63);
        ref ulong slot = ref SeenOrderBits[word];
        if ((slot & mask) != 0)
        {
            return false;
        }

        slot |= mask;
        return true;
    }

    /// <summary>The running totals of a customer (all zero until the first order).</summary>
    private ref CustomerTotals Totals(long customerId)
    {
        if (customerId < DenseLimit)
        {
            if (customerId >= _dense.Length)
            {
                Array.Resize(ref _dense, (int)Math.Min(Math.Max(customerId + 1, _dense.LongLength * 2), DenseLimit));
            }

            return ref _dense[customerId];
        }

        if (!_sparseIndex.TryGetValue(customerId, out int index))
        {
            index = _sparseIndex.Count;
            if (index == _sparse.Length)
            {
                Array.Resize(ref _sparse, index * 2);
                Array.Resize(ref _sparseIds, index * 2);
            }

            _sparseIds[index] = customerId;
            _sparseIndex.Add(customerId, index);
        }

        return ref _sparse[index];
    }

    /// <summary>Adds another chunk's customers (its rows come later in the file).</summary>
    public void MergeFrom(OrderFileChunk later)
    {
        var dense = later._dense;
        for (long id = 0; id < dense.Length; id++)
        {
            if (dense[id].OrderCount > 0)
            {
                Add(ref Totals(id), dense[id].LastDay, dense[id].OrderCount, dense[id].Cents);
            }
        }

        for (int i = 0; i < later._sparseIndex.Count; i++)
        {
            var t = later._sparse[i];
            Add(ref Totals(later._sparseIds[i]), t.LastDay, t.OrderCount, t.Cents);
        }
    }

    /// <summary>The buyers as struct-of-arrays, sorted by customer id.</summary>
    public BuyerColumns ToColumns()
    {
        int count = _sparseIndex.Count;
        foreach (var t in _dense)
        {
            count += t.OrderCount > 0 ? 1 : 0;
        }

        var columns = new BuyerColumns(new long[count], new int[count], new int[count], new long[count]);
        int k = 0;
        for (int id = 0; id < _dense.Length; id++)
        {
            if (_dense[id].OrderCount > 0)
            {
                columns.Set(k++, id, _dense[id]);
            }
        }

        // Sparse ids are all above the dense range, so sorting them alone keeps the whole order.
        var sparseIds = _sparseIds.AsSpan(0, _sparseIndex.Count).ToArray();
        var slots = Enumerable.Range(0, sparseIds.Length).ToArray();
        Array.Sort(sparseIds, slots);
        for (int i = 0; i < sparseIds.Length; i++)
        {
            columns.Set(k++, sparseIds[i], _sparse[slots[i]]);
        }

        return columns;
    }

    /// <summary>True when no order id of the later chunk also occurs in this one.</summary>
    public bool SharesNoOrderIdWith(OrderFileChunk later)
    {
        int words = Math.Min(SeenOrderBits.Length, later.SeenOrderBits.Length);
        for (int i = 0; i < words; i++)
        {
            if ((SeenOrderBits[i] & later.SeenOrderBits[i]) != 0)
            {
                return false;
            }
        }

        return !SeenLargeOrderIds.Overlaps(later.SeenLargeOrderIds);
    }
}
