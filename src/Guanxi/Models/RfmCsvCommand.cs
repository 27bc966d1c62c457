using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Guanxi.Domain.Models;
using Microsoft.Win32.SafeHandles;

namespace Guanxi.Models;

/// <summary>
/// <c>guanxi rfm ORDERS.csv --out FILE.csv</c>: RFM scores and segments straight from a bench-format orders
/// file (UTF-8), by the bench README's definition. The fast path of the models engine: bytes in, bytes out, read
/// in two halves at once by the import's rules (decision 0014).
/// </summary>
public static class RfmCsvCommand
{
    private static readonly byte[] Header = "order_id,customer_id,ordered_at,amount,channel"u8.ToArray();
    private static readonly byte[] OutputHeader = "customer_id,recency_days,frequency,monetary,r,f,m,segment\n"u8.ToArray();

    // Below this size one thread is as quick as two plus the merge.
    private const long ParallelThreshold = 16L << 20;

    /// <summary>Writes the RFM file; 0 on success (bad rows skipped and reported on stderr), 2 on an unusable input or when no row is usable.</summary>
    public static int Run(string ordersCsvPath, string outPath, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(ordersCsvPath))
        {
            stderr.WriteLine($"error: orders file not found: {ordersCsvPath}");
            return 2;
        }

        OrderFileChunk orders;
        using (var file = File.OpenHandle(ordersCsvPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan))
        {
            long length = RandomAccess.GetLength(file);
            long dataStart = ReadHeader(file, length, out string? headerProblem);
            if (headerProblem is not null)
            {
                stderr.WriteLine($"error: {ordersCsvPath}: {headerProblem}");
                return 2;
            }

            orders = ParseAll(ordersCsvPath, file, dataStart, length, stderr);
        }

        var buyers = orders.ToColumns();
        int n = buyers.CustomerIds.Length;
        if (n == 0)
        {
            // An empty result would look like a base without customers; say why instead and write nothing.
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {ordersCsvPath}: no usable order row ({orders.ErrorCount} bad rows skipped)"));
            return 2;
        }

        var recency = new int[n];
        var r = new byte[n];
        var f = new byte[n];
        var m = new byte[n];
        RfmScoring.Score(buyers.LastDay, buyers.OrderCount, buyers.Cents, recency, r, f, m);
        WriteOutput(outPath, buyers, recency, r, f, m);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} customers written to {outPath}; {orders.ErrorCount} bad rows skipped"));
        return 0;
    }

    /// <summary>Returns the offset of the first data row, or a problem when the header is not the bench header.</summary>
    private static long ReadHeader(SafeFileHandle file, long length, out string? problem)
    {
        var head = new byte[(int)Math.Min(length, 4096)];
        int read = RandomAccess.Read(file, head, 0);
        var span = head.AsSpan(0, read);
        int bom = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        span = span[bom..];
        int newline = span.IndexOf((byte)'\n');
        var line = newline < 0 ? span : span[..newline];
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (!line.SequenceEqual(Header))
        {
            problem = "wrong header: expected 'order_id,customer_id,ordered_at,amount,channel', found '"
                + Encoding.UTF8.GetString(line.Length > 200 ? line[..200] : line) + "'";
            return 0;
        }

        problem = null;
        return bom + (newline < 0 ? span.Length : newline + 1);
    }

    private static OrderFileChunk ParseAll(string path, SafeFileHandle file, long dataStart, long length, TextWriter stderr)
    {
        long split = length - dataStart > ParallelThreshold && Environment.ProcessorCount > 1
            ? FindLineStart(file, dataStart + ((length - dataStart) / 2), length)
            : length;

        OrderFileChunk first;
        if (split < length)
        {
            first = new OrderFileChunk();
            var second = new OrderFileChunk();
            Parallel.Invoke(
                () => first.Parse(path, dataStart, split),
                () => second.Parse(path, split, length));

            // The second half was parsed speculatively: it is right only if the first half's last record
            // ended exactly at the split (no quoted line break across it) and no order id repeats across halves.
            if (first.EndOffset == split && first.SharesNoOrderIdWith(second))
            {
                Report(stderr, first, second);
                first.MergeFrom(second);
                return first;
            }
        }

        first = new OrderFileChunk();
        first.Parse(path, dataStart, length);
        Report(stderr, first, null);
        return first;
    }

    private static long FindLineStart(SafeFileHandle file, long from, long length)
    {
        var probe = new byte[1 << 16];
        for (long offset = from; offset < length; offset += probe.Length)
        {
            int read = RandomAccess.Read(file, probe, offset);
            int newline = probe.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return offset + newline + 1;
            }
        }

        return length;
    }

    private static void Report(TextWriter stderr, OrderFileChunk first, OrderFileChunk? second)
    {
        // Data rows start on line 2 (the header is line 1).
        int reported = 0;
        foreach (var (line, reason) in first.Errors)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {line + 2}: {reason}"));
            reported++;
        }

        if (second is not null)
        {
            foreach (var (line, reason) in second.Errors)
            {
                if (reported++ >= OrderFileChunk.MaxReportedErrors)
                {
                    break;
                }

                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {line + 2 + first.LinesConsumed}: {reason}"));
            }
        }

        long total = first.ErrorCount + (second?.ErrorCount ?? 0);
        if (total > OrderFileChunk.MaxReportedErrors)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... {total - OrderFileChunk.MaxReportedErrors} more bad rows not listed"));
        }

        if (total > 0)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} bad rows skipped"));
        }
    }

    private static void WriteOutput(string outPath, BuyerColumns buyers, int[] recency, byte[] r, byte[] f, byte[] m)
    {
        // Buyers arrive sorted by customer id, the order the file needs.
        int n = buyers.CustomerIds.Length;
        var segmentBytes = new byte[RfmSegments.Count][];
        for (int s = 0; s < RfmSegments.Count; s++)
        {
            segmentBytes[s] = Encoding.UTF8.GetBytes(RfmSegments.EnglishName((RfmSegment)s) + "\n");
        }

        using var output = new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        OutputHeader.CopyTo(buffer, 0);
        int used = OutputHeader.Length;
        for (int k = 0; k < n; k++)
        {
            if (buffer.Length - used < 256)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }

            int i = k;
            var span = buffer.AsSpan();
            used += Write(span[used..], buyers.CustomerIds[i]);
            span[used++] = (byte)',';
            used += Write(span[used..], recency[i]);
            span[used++] = (byte)',';
            used += Write(span[used..], buyers.OrderCount[i]);
            span[used++] = (byte)',';
            long cents = buyers.Cents[i];
            used += Write(span[used..], cents / 100);
            span[used++] = (byte)'.';
            span[used++] = (byte)('0' + (cents % 100 / 10));
            span[used++] = (byte)('0' + (cents % 10));
            span[used++] = (byte)',';
            span[used++] = (byte)('0' + r[i]);
            span[used++] = (byte)',';
            span[used++] = (byte)('0' + f[i]);
            span[used++] = (byte)',';
            span[used++] = (byte)('0' + m[i]);
            span[used++] = (byte)',';
            var segment = segmentBytes[(int)RfmSegments.Of(r[i], f[i])];
            segment.CopyTo(span[used..]);
            used += segment.Length;
        }

        output.Write(buffer, 0, used);
    }

    // Utf8Formatter writes invariant digits: no culture enters the file.
    private static int Write(Span<byte> destination, long value)
    {
        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }
}
