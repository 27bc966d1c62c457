using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Guanxi.Segmentation;

/// <summary>
/// Parses the orders of one byte range of the file and aggregates them per customer
/// (struct-of-arrays, no strings per row). Two chunks run in parallel and are merged afterwards.
/// </summary>
internal sealed class OrderChunk
{
    public const int MaxReportedErrors = 100;

    // Customer ids below this use a direct int[] map (generated ids are 1..N); larger ones a Dictionary.
    private const long DirectMapLimit = 1L << 25;

    // Order ids below this are checked for repeats in a bitmap (dense ids, 1 bit each); larger ones in a HashSet.
    private const long BitmapLimit = 1L << 28;

    private int[] _directIndex = new int[1024];
    private readonly Dictionary<long, int> _sparseIndex = [];

    public long[] CustomerIds { get; private set; } = new long[1024];
    public int[] LastDay { get; private set; } = new int[1024];
    public int[] OrderCount { get; private set; } = new int[1024];
    public long[] Cents { get; private set; } = new long[1024];
    public int Customers { get; private set; }

    public ulong[] SeenOrderBits { get; private set; } = new ulong[1024];
    public HashSet<long> SeenLargeOrderIds { get; } = [];

    /// <summary>Bad rows as (line relative to the chunk's first line, reason); only the first 100.</summary>
    public List<(long Line, string Reason)> Errors { get; } = [];
    public long ErrorCount { get; private set; }

    /// <summary>Line breaks consumed, so the next chunk's first line is known.</summary>
    public long LinesConsumed { get; private set; }

    /// <summary>File offset just after the last record parsed.</summary>
    public long EndOffset { get; private set; }

    private readonly byte[][] _fieldScratch = [new byte[64], new byte[64], new byte[64], new byte[64], new byte[64]];

    /// <summary>Parses the records that start in [start, end) of a file of length fileLength.</summary>
    public void Parse(SafeFileHandle file, long start, long end, long fileLength)
    {
        var buffer = new byte[1 << 20];
        int length = 0;
        int position = 0;
        long bufferOffset = start;
        long readOffset = start;

        while (bufferOffset + position < end)
        {
            bool atFileEnd = readOffset >= fileLength;
            var data = buffer.AsSpan(position, length - position);
            int consumed = ParseRecords(data, atFileEnd, end - (bufferOffset + position));
            position += consumed;
            if (bufferOffset + position >= end || (atFileEnd && position >= length))
            {
                break;
            }

            if (consumed == 0 && atFileEnd)
            {
                break; // cannot happen: the final record is always consumed; guard against a loop
            }

            // Keep the incomplete tail, then read more behind it (growing if one record fills the buffer).
            int tail = length - position;
            if (tail == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(buffer, position, buffer, 0, tail);
            }

            bufferOffset += position;
            position = 0;
            length = tail;
            int toRead = (int)Math.Min(buffer.Length - length, fileLength - readOffset);
            int read = toRead == 0 ? 0 : RandomAccess.Read(file, buffer.AsSpan(length, toRead), readOffset);
            readOffset += read;
            length += read;
        }

        EndOffset = bufferOffset + position;
    }

    /// <summary>Parses whole records from data; returns bytes consumed. Stops before a record not yet complete.</summary>
    // The loop runs once per megabyte: skip tier-0 code so the first chunk is already fast.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParseRecords(ReadOnlySpan<byte> data, bool final, long bytesLeftInRange)
    {
        int p = 0;
        Span<Range> ranges = stackalloc Range[5];
        while (p < data.Length && p < bytesLeftInRange)
        {
            var rest = data[p..];
            int newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !final)
            {
                return p;
            }

            var line = newline < 0 ? rest : rest[..newline];
            long lineIndex = LinesConsumed;
            if (line.IndexOf((byte)'"') < 0)
            {
                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                if (!SplitFive(line, ranges))
                {
                    Reject(lineIndex, "wrong number of fields (expected 5)");
                }
                else
                {
                    Accept(lineIndex, line[ranges[0]], line[ranges[1]], line[ranges[2]], line[ranges[3]], line[ranges[4]]);
                }

                int used = newline < 0 ? rest.Length : newline + 1;
                p += used;
                LinesConsumed += newline < 0 ? 0 : 1;
                continue;
            }

            int quotedUsed = ParseQuotedRecord(rest, final, lineIndex);
            if (quotedUsed == 0)
            {
                return p;
            }

            p += quotedUsed;
        }

        return p;
    }

    /// <summary>Splits an unquoted line into exactly five fields; false for any other count.</summary>
    private static bool SplitFive(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int start = 0;
        for (int k = 0; k < 4; k++)
        {
            int comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                return false;
            }

            ranges[k] = new Range(start, start + comma);
            start += comma + 1;
        }

        ranges[4] = new Range(start, line.Length);
        return line[start..].IndexOf((byte)',') < 0;
    }

    /// <summary>The RFC 4180 path for a record with quotes; 0 when it needs more data.</summary>
    private int ParseQuotedRecord(ReadOnlySpan<byte> rest, bool final, long lineIndex)
    {
        Span<int> lengths = stackalloc int[5];
        int field = 0;
        int fieldLength = 0;
        int lines = 0;
        int i = 0;
        bool quoted = false;
        bool afterClosingQuote = false;
        bool atFieldStart = true;
        string? broken = null;
        bool tooManyFields = false;

        while (true)
        {
            if (i >= rest.Length)
            {
                if (!final)
                {
                    return 0;
                }

                if (quoted)
                {
                    broken ??= "broken quoting (a quote never closed)";
                }

                break;
            }

            byte c = rest[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 >= rest.Length && !final)
                    {
                        return 0;
                    }

                    if (i + 1 < rest.Length && rest[i + 1] == '"')
                    {
                        Append(field, ref fieldLength, c);
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    afterClosingQuote = true;
                    i++;
                    continue;
                }

                if (c == '\n')
                {
                    lines++;
                }

                Append(field, ref fieldLength, c);
                i++;
                continue;
            }

            if (c == '\n' || (c == '\r' && i + 1 < rest.Length && rest[i + 1] == '\n'))
            {
                i += c == '\r' ? 2 : 1;
                lines++;
                break;
            }

            if (c == ',')
            {
                if (field < 5)
                {
                    lengths[field] = fieldLength;
                }

                field++;
                tooManyFields |= field >= 5;
                fieldLength = 0;
                atFieldStart = true;
                afterClosingQuote = false;
                i++;
                continue;
            }

            if (c == '"')
            {
                if (atFieldStart)
                {
                    quoted = true;
                    atFieldStart = false;
                    i++;
                    continue;
                }

                broken ??= afterClosingQuote ? "broken quoting (text after a closing quote)" : "broken quoting (a quote inside an unquoted field)";
            }
            else if (afterClosingQuote)
            {
                broken ??= "broken quoting (text after a closing quote)";
            }

            atFieldStart = false;
            Append(field, ref fieldLength, c);
            i++;
        }

        if (field < 5)
        {
            lengths[field] = fieldLength;
        }

        LinesConsumed += lines;
        if (broken is not null)
        {
            Reject(lineIndex, broken);
        }
        else if (field != 4 || tooManyFields)
        {
            Reject(lineIndex, "wrong number of fields (expected 5)");
        }
        else
        {
            Accept(
                lineIndex,
                _fieldScratch[0].AsSpan(0, lengths[0]),
                _fieldScratch[1].AsSpan(0, lengths[1]),
                _fieldScratch[2].AsSpan(0, lengths[2]),
                _fieldScratch[3].AsSpan(0, lengths[3]),
                _fieldScratch[4].AsSpan(0, lengths[4]));
        }

        return i;
    }

    private void Append(int field, ref int length, byte c)
    {
        if (field >= 5)
        {
            return;
        }

        ref var scratch = ref _fieldScratch[field];
        if (length == scratch.Length)
        {
            Array.Resize(ref scratch, scratch.Length * 2);
        }

        scratch[length++] = c;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accept(long lineIndex, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> customerId, ReadOnlySpan<byte> orderedAt, ReadOnlySpan<byte> amount, ReadOnlySpan<byte> channel)
    {
        if (!OrderCsvFields.TryParseId(orderId, out long order))
        {
            Reject(lineIndex, "order_id is not a positive integer");
            return;
        }

        if (!OrderCsvFields.TryParseId(customerId, out long customer))
        {
            Reject(lineIndex, "customer_id is not a positive integer");
            return;
        }

        if (!OrderCsvFields.TryParseDayNumber(orderedAt, out int day))
        {
            Reject(lineIndex, "ordered_at is not a real date-time in the format YYYY-MM-DDTHH:MM:SS");
            return;
        }

        var amountResult = OrderCsvFields.TryParseCents(amount, out long cents);
        if (amountResult != OrderCsvFields.AmountResult.Ok)
        {
            Reject(lineIndex, amountResult switch
            {
                OrderCsvFields.AmountResult.Negative => "amount is negative",
                OrderCsvFields.AmountResult.TooManyDecimals => "amount has more than 2 decimals",
                OrderCsvFields.AmountResult.TooLarge => "amount is not below 10,000,000",
                _ => "amount is not a plain decimal",
            });
            return;
        }

        if (!OrderCsvFields.IsChannel(channel))
        {
            Reject(lineIndex, "channel is not one of store, web, app, phone");
            return;
        }

        if (!MarkOrderSeen(order))
        {
            Reject(lineIndex, string.Create(CultureInfo.InvariantCulture, $"order_id {order} repeats an earlier row"));
            return;
        }

        int index = IndexOf(customer);
        if (OrderCount[index] == 0 || day > LastDay[index])
        {
            LastDay[index] = day;
        }

        OrderCount[index]++;
        Cents[index] += cents;
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

    /// <summary>The aggregate slot of a customer, created on first sight.</summary>
    public int IndexOf(long customerId)
    {
        if (customerId < DirectMapLimit)
        {
            if (customerId >= _directIndex.Length)
            {
                Array.Resize(ref _directIndex, (int)Math.Min(Math.Max(customerId + 1, _directIndex.LongLength * 2), DirectMapLimit));
            }

            int slot = _directIndex[customerId];
            if (slot == 0)
            {
                slot = AddCustomer(customerId) + 1;
                _directIndex[customerId] = slot;
            }

            return slot - 1;
        }

        if (!_sparseIndex.TryGetValue(customerId, out int index))
        {
            index = AddCustomer(customerId);
            _sparseIndex.Add(customerId, index);
        }

        return index;
    }

    private int AddCustomer(long customerId)
    {
        if (Customers == CustomerIds.Length)
        {
            int size = Customers * 2;
            var ids = CustomerIds;
            var last = LastDay;
            var count = OrderCount;
            var cents = Cents;
            Array.Resize(ref ids, size);
            Array.Resize(ref last, size);
            Array.Resize(ref count, size);
            Array.Resize(ref cents, size);
            (CustomerIds, LastDay, OrderCount, Cents) = (ids, last, count, cents);
        }

        CustomerIds[Customers] = customerId;
        return Customers++;
    }

    /// <summary>Adds another chunk's customers (its rows come later in the file).</summary>
    public void MergeFrom(OrderChunk later)
    {
        for (int i = 0; i < later.Customers; i++)
        {
            int index = IndexOf(later.CustomerIds[i]);
            if (OrderCount[index] == 0 || later.LastDay[i] > LastDay[index])
            {
                LastDay[index] = later.LastDay[i];
            }

            OrderCount[index] += later.OrderCount[i];
            Cents[index] += later.Cents[i];
        }
    }

    /// <summary>True when no order id of the later chunk also occurs in this one.</summary>
    public bool SharesNoOrderIdWith(OrderChunk later)
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
