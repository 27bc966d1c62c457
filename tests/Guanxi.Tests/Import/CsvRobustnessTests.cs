using Guanxi.Tests.Infrastructure;
using System.Text;
using Guanxi.Import;

namespace Guanxi.Tests.Import;

/// <summary>Buffer boundaries, resync after broken quoting, and bounded memory on hostile input.</summary>
[ClockIndependent]
public sealed class CsvRobustnessTests : IDisposable
{
    private const string Header = "interaction_id,customer_id,occurred_at,channel,subject,body\n";

    private readonly TempFiles _files = new();

    static CsvRobustnessTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _files.Dispose();

    private List<ImportRecord> Read(string text)
    {
        var path = _files.Write("interactions.csv", text);
        using var reader = ImportReader.Open(path, ImportKind.Interactions, new ImportOptions());
        return reader.ReadRecords().ToList();
    }

    [Fact]
    public void Quoted_fields_round_trip_across_many_buffer_refills()
    {
        var random = new Random(12345);
        var sb = new StringBuilder(Header);
        var expected = new List<(long Line, string Subject, string Body)>();
        long line = 2;
        for (var i = 1; i <= 3000; i++)
        {
            var subject = RandomText(random, 1, 60);
            var body = RandomText(random, 0, 400);
            var newline = random.Next(3) == 0 ? "\r\n" : "\n";
            sb.Append(i).Append(",7,2025-05-05T10:11:12,call,").Append(Quote(subject, random)).Append(',').Append(Quote(body, random)).Append(newline);
            expected.Add((line, subject, body));
            line += 1 + subject.Count(c => c == '\n') + body.Count(c => c == '\n');
        }
        Assert.True(sb.Length > 4 * 65536);

        var rows = Read(sb.ToString()).Select(r => Assert.IsType<InteractionImportRow>(r)).ToList();

        Assert.Equal(expected.Select(e => e.Line), rows.Select(r => r.Line));
        Assert.Equal(expected.Select(e => e.Subject.Trim()), rows.Select(r => r.Subject));
        Assert.Equal(expected.Select(e => e.Body.Trim() is { Length: > 0 } b ? b : null), rows.Select(r => r.Body));
    }

    private static string RandomText(Random random, int min, int max)
    {
        const string alphabet = "ab,\"\n 客户电话 xyz";
        var chars = new char[random.Next(min, max)];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        var text = new string(chars);
        return text.Trim().Length == 0 ? "s" + text : text;
    }

    private static string Quote(string value, Random random) =>
        value.AsSpan().IndexOfAny(",\"\n") < 0 && random.Next(2) == 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Fact]
    public void Unclosed_quote_followed_by_more_than_a_megabyte_resyncs_at_the_next_line()
    {
        var sb = new StringBuilder(Header).Append("1,7,2025-05-05T10:11:12,call,\"broken,body\n");
        for (var i = 2; i <= 40_000; i++) sb.Append(i).Append(",7,2025-05-05T10:11:12,call,subject,body text\n");
        Assert.True(sb.Length > CsvRecordReader.MaxRecordBytes);

        var records = Read(sb.ToString());

        var reject = Assert.IsType<RejectedRow>(records[0]);
        Assert.Equal(2, reject.Line);
        Assert.Equal("broken quoting: a quote that is never closed", reject.Reason);
        Assert.Equal(39_999, records.Skip(1).OfType<InteractionImportRow>().Count());
        Assert.Equal(40_001, records[^1].Line);
    }

    [Fact]
    public void An_endless_line_is_rejected_without_holding_it_whole()
    {
        var records = Read(Header + new string(',', 3_000_000) + "\n" + "2,7,2025-05-05T10:11:12,call,subject,\n");

        var reject = Assert.IsType<RejectedRow>(records[0]);
        Assert.Equal(2, reject.Line);
        Assert.StartsWith("broken quoting: the record is longer", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(3, Assert.IsType<InteractionImportRow>(Assert.Single(records.Skip(1))).Line);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted()
    {
        var records = Read(Header + "\n1,7,2025-05-05T10:11:12,call,a,\r\n\r\n2,7,2025-05-05T10:11:12,call,b,");

        Assert.Equal([3L, 5L], records.Select(r => Assert.IsType<InteractionImportRow>(r).Line));
    }

    [Fact]
    public void A_bad_utf8_byte_far_into_the_file_stops_the_import_before_the_first_row_with_its_line_and_offset()
    {
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 5_000; i++) sb.Append(i).Append(",7,2025-05-05T10:11:12,call,客户电话,\n");
        var good = Encoding.UTF8.GetBytes(sb.ToString());
        var path = Path.Combine(Path.GetTempPath(), $"guanxi-bad-utf8-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. good, 0xE5, 0xAE, (byte)',', (byte)'\n']);
        try
        {
            // UTF-8 Chinese before the bad byte: a damaged UTF-8 file (read as GB18030 it would be garbled), refused at open.
            var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Interactions, new ImportOptions()));
            Assert.Contains($"not valid utf-8 text (bad bytes at line 5002, offset {good.Length})", e.Message, StringComparison.Ordinal);
            var forced = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Interactions, new ImportOptions(Encoding: "utf-8")));
            Assert.Contains($"not valid utf-8 text (bad bytes at line 5002, offset {good.Length})", forced.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_gbk_file_whose_first_chinese_character_comes_after_the_first_64_kb_is_gbk()
    {
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 3_000; i++) sb.Append(i).Append(",7,2025-05-05T10:11:12,call,phone call,\n");
        Assert.True(sb.Length > 100_000);
        sb.Append("3001,7,2025-05-05T10:11:12,电话,客户来电,£\n");
        var path = _files.Write("interactions.csv", sb.ToString(), Encoding.GetEncoding("GB18030"));

        using var reader = ImportReader.Open(path, ImportKind.Interactions, new ImportOptions());
        var rows = reader.ReadRecords().Select(r => Assert.IsType<InteractionImportRow>(r)).ToList();

        Assert.Equal("gb18030", reader.EncodingName);
        Assert.Equal(3_001, rows.Count);
        Assert.Equal(("客户来电", "£"), (rows[^1].Subject, rows[^1].Body));
    }

    [Fact]
    public void A_late_bad_byte_in_a_gb18030_file_is_named_by_its_line_and_its_offset_in_the_file()
    {
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 60_000; i++) sb.Append(i).Append(",7,2025-05-05T10:11:12,电话,客户来电,\n");
        var good = Encoding.GetEncoding("GB18030").GetBytes(sb.ToString());
        Assert.True(good.Length > 2 * (1 << 20));
        // 0x81 0x20 is no GB18030 character (a lead byte needs a second byte of 0x40 or more).
        var path = Path.Combine(Path.GetTempPath(), $"guanxi-bad-gb-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. good, (byte)'6', (byte)'0', (byte)'0', (byte)'0', (byte)'1', (byte)',', 0x81, 0x20, (byte)'\n']);
        try
        {
            var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Interactions, new ImportOptions(Encoding: "gbk")));
            Assert.Contains($"not valid gbk text (bad bytes at line 60002, offset {good.Length + 6})", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Forcing_gb18030_on_a_utf8_file_stops_and_names_utf8_instead_of_storing_mojibake()
    {
        var path = _files.Write("interactions.csv", Header + "1,7,2025-05-05T10:11:12,call,price,£12\n");

        var e = Assert.Throws<ImportFileException>(() => ImportReader.Open(path, ImportKind.Interactions, new ImportOptions(Encoding: "gb18030")));

        Assert.Contains("is UTF-8 text", e.Message, StringComparison.Ordinal);
        Assert.Contains("'£' on line 2 would become '拢'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding utf-8", e.Message, StringComparison.Ordinal);
        // Pure ASCII reads the same in both: nothing to refuse.
        var ascii = _files.Write("ascii.csv", Header + "1,7,2025-05-05T10:11:12,call,price,12\n");
        using var reader = ImportReader.Open(ascii, ImportKind.Interactions, new ImportOptions(Encoding: "gb18030"));
        Assert.Single(reader.ReadRecords());
    }

    [Fact]
    public void Gb18030_text_is_read_through_the_same_reader_across_refills()
    {
        var sb = new StringBuilder(Header);
        for (var i = 1; i <= 5_000; i++) sb.Append(i).Append(",7,2025-05-05T10:11:12,电话,\"客户\"\"张三\"\"\",来电 ").Append(i).Append('\n');
        var path = _files.Write("interactions.csv", sb.ToString(), Encoding.GetEncoding("GB18030"));
        using var reader = ImportReader.Open(path, ImportKind.Interactions, new ImportOptions());

        var rows = reader.ReadRecords().Select(r => Assert.IsType<InteractionImportRow>(r)).ToList();

        Assert.Equal("gb18030", reader.EncodingName);
        Assert.Equal(5_000, rows.Count);
        Assert.All(rows, r => Assert.Equal("客户\"张三\"", r.Subject));
        Assert.Equal("来电 5000", rows[^1].Body);
    }

    [Fact]
    public void A_reader_of_one_half_reads_the_records_that_start_before_its_end_and_no_further()
    {
        // guanxi rfm reads two halves at once: the first must end exactly where the second starts.
        var text = "1,a\n\"2\n2\",b\n\n\n3,c\n\n4,d\n"u8.ToArray();
        var split = text.AsSpan().IndexOf("3,c"u8) - 2; // on the blank lines before "3,c"
        var first = new CsvRecordReader(new MemoryStream(text)) { StopAt = split };
        var records = new List<string>();
        while (first.Next() == CsvReadResult.Record) records.Add(Encoding.UTF8.GetString(first.Field(0)));

        Assert.Equal(["1", "2\n2"], records);
        Assert.Equal(split, first.Offset);
        Assert.Equal(3, first.LinesRead);

        using var rest = new MemoryStream(text[split..]);
        var second = new CsvRecordReader(rest);
        Assert.Equal(CsvReadResult.Record, second.Next());
        Assert.Equal("3", Encoding.UTF8.GetString(second.Field(0)));
        Assert.Equal(3, second.RecordLine);
    }
}

