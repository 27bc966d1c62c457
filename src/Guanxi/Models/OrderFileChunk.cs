using System.Globalization;
using System.Runtime.CompilerServices;
using Guanxi.Import;
using Microsoft.Win32.SafeHandles;

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

    // A quoted record longer than this is broken, the import's limit (CsvRecordReader.MaxRecordChars).
    private const int MaxRecordBytes = Import.CsvRecordReader.MaxRecordChars;

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

                if (line.IsEmpty)
                {
                    // A blank line is no record, as in the import (CsvRecordReader skips them too).
                }
                else if (!SplitFive(line, ranges))
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
                    broken ??= "broken quoting (a quote that is never closed)";
                }

                break;
            }

            if (quoted && i > MaxRecordBytes)
            {
                // As in the import: an unbalanced quote must not pull the rest of the file into one record.
                broken ??= "broken quoting (a quote that is never closed)";
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

                broken ??= afterClosingQuote ? "broken quoting (text after a closing quote)" : "broken quoting (a quote inside an unquoted field (a field with quotes must be enclosed in quotes))";
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

        if (broken is not null)
        {
            // As in the import (CsvRecordReader.Broken): a broken record that ran over line ends most likely
            // had an unbalanced quote, so only its first line is rejected and reading resumes on the next.
            int firstLineEnd = rest[..Math.Min(i, rest.Length)].IndexOf((byte)'\n');
            if (firstLineEnd >= 0 && firstLineEnd + 1 < i)
            {
                i = firstLineEnd + 1;
                lines = 1;
            }

            LinesConsumed += lines;
            Reject(lineIndex, broken);
            return i;
        }

        LinesConsumed += lines;
        if (field != 4 || tooManyFields)
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
