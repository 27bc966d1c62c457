using System.Diagnostics;
using System.Globalization;
using System.Text;
using Guanxi.Import;
using Guanxi.Models;
using nietras.SeparatedValues;

namespace Guanxi.Bench;

/// <summary>
/// <c>csv-readers ORDERS.csv</c>: the one CSV reader (decision 0014) on the same orders file, one thread each, every
/// field parsed by the same FieldParsers: as <c>guanxi rfm</c> reads a half (<see cref="OrderFileChunk"/>, which also
/// aggregates per customer), as the import reads (<see cref="CsvRecordReader"/> over checked UTF-8), and Sep 0.18.0
/// with unescaping for comparison. Best of five runs, wall and CPU.
/// </summary>
internal static class CsvReaderComparison
{
    public static int Run(string ordersCsv)
    {
        var candidates = new (string Name, Func<string, long> Read)[]
        {
            ("rfm half (OrderFileChunk: CsvRecordReader + totals)", ReadRfmChunk),
            ("CsvRecordReader over checked UTF-8 (the import)", ReadWithRecordReader),
            ("Sep 0.18.0", ReadWithSep),
        };
        long expected = -1;
        foreach (var (name, read) in candidates)
        {
            var bestWall = TimeSpan.MaxValue;
            var bestCpu = TimeSpan.MaxValue;
            for (int run = 0; run < 5; run++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                long check = read(ordersCsv);
                watch.Stop();
                process.Refresh();
                bestWall = watch.Elapsed < bestWall ? watch.Elapsed : bestWall;
                bestCpu = process.TotalProcessorTime - cpu < bestCpu ? process.TotalProcessorTime - cpu : bestCpu;
                if (expected < 0)
                {
                    expected = check;
                }
                else if (check != expected)
                {
                    Console.WriteLine($"{name}: total cents {check} differ from {expected}");
                    return 1;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-50}: {bestWall.TotalSeconds:F3} s wall, {bestCpu.TotalSeconds:F3} s CPU (best of 5)"));
        }

        return 0;
    }

    private static long ReadRfmChunk(string path)
    {
        long length = new FileInfo(path).Length;
        var head = new byte[4096];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.Read(head);
        }

        long dataStart = head.AsSpan(0, read).IndexOf((byte)'\n') + 1;
        var chunk = new OrderFileChunk();
        chunk.Parse(path, dataStart, length);
        return chunk.ToColumns().Cents.Sum();
    }

    private static long ReadWithRecordReader(string path)
    {
        // As the import reads: UTF-8 checked, not decoded, then the one tokenizer.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = TextDecoding.OpenUtf8(file, new UTF8Encoding(false, true));
        var csv = new CsvRecordReader(text);
        csv.Next(); // header
        long total = 0;
        while (csv.Next() == CsvReadResult.Record)
        {
            total += Parse(csv.Field(0), csv.Field(1), csv.Field(2), csv.Field(3), csv.Field(4));
        }

        return total;
    }

    private static long ReadWithSep(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        long total = 0;
        foreach (var row in reader)
        {
            total += Parse(row[0].Span, row[1].Span, row[2].Span, row[3].Span, row[4].Span);
        }

        return total;
    }

    private static long Parse(ReadOnlySpan<char> orderId, ReadOnlySpan<char> customerId, ReadOnlySpan<char> orderedAt, ReadOnlySpan<char> amount, ReadOnlySpan<char> channel)
    {
        if (!FieldParsers.TryParseId(FieldParsers.Trim(orderId), out _)
            || !FieldParsers.TryParseId(FieldParsers.Trim(customerId), out _)
            || FieldParsers.TryParseDateTime(FieldParsers.Trim(orderedAt), out _) != FieldParsers.DateError.None
            || FieldParsers.TryParseAmount(FieldParsers.Trim(amount), out long cents) != FieldParsers.AmountError.None
            || FieldParsers.OrderChannel(FieldParsers.Trim(channel)) is null)
        {
            return 0;
        }

        return cents;
    }

    private static long Parse(ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> customerId, ReadOnlySpan<byte> orderedAt, ReadOnlySpan<byte> amount, ReadOnlySpan<byte> channel)
    {
        if (!FieldParsers.TryParseId(FieldParsers.Trim(orderId), out _)
            || !FieldParsers.TryParseId(FieldParsers.Trim(customerId), out _)
            || FieldParsers.TryParseDateTime(FieldParsers.Trim(orderedAt), out _) != FieldParsers.DateError.None
            || FieldParsers.TryParseAmount(FieldParsers.Trim(amount), out long cents) != FieldParsers.AmountError.None
            || FieldParsers.OrderChannel(FieldParsers.Trim(channel)) is null)
        {
            return 0;
        }

        return cents;
    }
}
