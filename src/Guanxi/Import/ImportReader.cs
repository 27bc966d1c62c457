using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Guanxi.Import;

/// <summary>
/// Reads a customers, orders or interactions file (CSV or XLSX) as a stream of validated rows and
/// rejects, in file order, with memory bounded by the longest record (plus 1 bit per id for the
/// repeated-id check). Checks that need the database (unknown customer, unknown referrer) are not done here.
/// </summary>
public sealed class ImportReader : IDisposable
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0];

    private readonly string _path;
    private readonly RowValidator _validator;
    private readonly FileStream? _stream;
    private readonly Stream? _text;
    private readonly CsvRecordReader? _csv;
    private readonly IEnumerator<IDictionary<string, object?>>? _sheet;
    private readonly SheetRow? _sheetRow;
    private bool _started;
    private readonly int _orderIdIndex;
    private Encoding? _encoding;
    private int _bom;
    private ImportOptions _options = new();

    private ImportReader(string path, ImportKind kind, HeaderInfo h, string encodingName, bool roundCents, DateOrder dateOrder)
    {
        _path = path;
        Kind = kind;
        Headers = h.Headers;
        ColumnMap = h.Map;
        IgnoredColumns = h.Ignored;
        EncodingName = encodingName;
        _validator = new RowValidator(kind, h.Index, roundCents, dateOrder, h.Constants, h.DateOrders);
        DateOrder = dateOrder;
        _orderIdIndex = h.Index.GetValueOrDefault("order_id", -1);
    }

    private ImportReader(string path, ImportKind kind, HeaderInfo h, string encodingName, FileStream stream, Stream text, CsvRecordReader csv, bool roundCents, DateOrder dateOrder)
        : this(path, kind, h, encodingName, roundCents, dateOrder)
    {
        _stream = stream;
        _text = text;
        _csv = csv;
        TotalBytes = stream.Length;
    }

    private ImportReader(string path, ImportKind kind, HeaderInfo h, IEnumerator<IDictionary<string, object?>> sheet, SheetRow row, bool roundCents, DateOrder dateOrder)
        : this(path, kind, h, "xlsx", roundCents, dateOrder)
    {
        _sheet = sheet;
        _sheetRow = row;
    }

    public ImportKind Kind { get; }

    /// <summary>The header row as written in the file.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>File header → canonical column, for the recognised columns.</summary>
    public IReadOnlyDictionary<string, string> ColumnMap { get; }

    /// <summary>Headers that map to no canonical column; their values are not imported.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>"utf-8", "gb18030", … for CSV (as detected or requested); "xlsx" for a workbook.</summary>
    public string EncodingName { get; }

    public bool IsSpreadsheet => _sheet is not null;

    /// <summary>How the file's dates are read: given by <c>--date-format</c> or decided from the file's date columns.</summary>
    public DateOrder DateOrder { get; }

    /// <summary>The date columns a pre-pass reads to decide the date order.</summary>
    private static readonly string[] DateColumns = ["ordered_at", "created_at", "occurred_at", "invoice_due_date", "paid_date"];

    /// <summary>How many records show whether a file writes its dates ISO; only a file that mostly does not is read twice.</summary>
    private const int DateSniffRecords = 1000;

    private static DateOrder? GivenDateOrder(ImportOptions options) =>
        options.DateFormat is null ? null
        : DateForms.Parse(options.DateFormat) ?? throw new ImportFileException($"Unknown --date-format \"{options.DateFormat}\" (use {DateForms.Names}).");

    /// <summary>
    /// The date order of a CSV (decision 0014): a file whose first thousand records write their dates mostly ISO is ISO
    /// (a stray other form is a rejected row) and is not read twice; otherwise the order is decided over the whole of
    /// its date columns.
    /// </summary>
    private static DateOrder DetectDateOrder(string path, Encoding encoding, int bom, HeaderInfo info)
    {
        // Columns with their own date format (mapping file) and constants are not part of the file's decision.
        var columns = DateColumns.Where(c => info.Index.ContainsKey(c) && !info.DateOrders.ContainsKey(c) && info.Index[c] < info.Headers.Length)
            .Select(c => info.Index[c]).ToArray();
        if (columns.Length == 0) return DateOrder.Iso;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        stream.Position = bom;
        using var text = TextDecoding.OpenUtf8(stream, encoding);
        var csv = new CsvRecordReader(text);
        if (csv.Next() == CsvReadResult.End) return DateOrder.Iso; // the header
        var detector = new DateOrderDetector();
        long records = 0;
        while (csv.Next() is var r && r != CsvReadResult.End)
        {
            if (r != CsvReadResult.Record) continue;
            foreach (var c in columns)
            {
                if (c < csv.FieldCount) detector.Add(FieldParsers.Trim(csv.Field(c)));
            }
            if (++records == DateSniffRecords && detector.MostlyIso) return DateOrder.Iso;
        }
        return detector.MostlyIso ? DateOrder.Iso : detector.Decide(Path.GetFileName(path), string.Join(", ", DateColumns.Where(c => columns.Contains(info.Index.GetValueOrDefault(c, -1)))));
    }

    /// <summary>Order lines: an order whose id starts with this is a return (the mapping file's <c>cancellation_prefix=</c>).</summary>
    public string? CancellationPrefix { get; private set; }

    /// <summary>
    /// The first pass of an order-line import: the line of each order's last line, by <see cref="OrderLineGrouper.KeyOf"/>.
    /// Streams the file again reading the order id alone (a workbook: its rows through the validator).
    /// </summary>
    public Dictionary<long, long> LastLineOfEachOrder(CancellationToken ct)
    {
        var last = new Dictionary<long, long>();
        if (_orderIdIndex < 0 || _orderIdIndex >= Headers.Count) return last;
        if (_csv is null)
        {
            using var again = Open(_path, Kind, _options);
            foreach (var record in again.ReadRecords())
            {
                ct.ThrowIfCancellationRequested();
                if (record is OrderLineImportRow row) last[row.OrderKey] = row.Line;
            }
            return last;
        }
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        stream.Position = _bom;
        using var text = TextDecoding.OpenUtf8(stream, _encoding!);
        var csv = new CsvRecordReader(text);
        if (csv.Next() == CsvReadResult.End) return last; // the header
        var width = Headers.Count;
        long records = 0;
        while (csv.Next() is var r && r != CsvReadResult.End)
        {
            if ((++records & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            if (r != CsvReadResult.Record || csv.FieldCount != width) continue;
            var id = FieldParsers.Trim(csv.Field(_orderIdIndex));
            if (!id.IsEmpty) last[OrderLineGrouper.KeyOf(id)] = csv.RecordLine;
        }
        return last;
    }

    /// <summary>Order amounts rounded to cents so far (<see cref="ImportOptions.RoundCents"/>).</summary>
    public long RoundedAmounts => _validator.RoundedAmounts;

    /// <summary>Bytes consumed so far (read-ahead included), for a progress bar; XLSX reports 0.</summary>
    public long BytesRead => _stream?.Position ?? 0;

    /// <summary>The file size for CSV; null for XLSX, whose progress cannot be measured in bytes.</summary>
    public long? TotalBytes { get; }

    public static ImportReader Open(string path, ImportKind kind, ImportOptions options)
    {
        if (!File.Exists(path)) throw new ImportFileException($"The file {path} does not exist.");
        var mapping = options.MappingFile is null ? null : ImportColumns.ReadMappingFile(options.MappingFile, kind);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        Span<byte> magic = stackalloc byte[4];
        int magicLength;
        using (var probe = File.OpenRead(path)) magicLength = probe.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        var isZip = magicLength == 4 && magic.SequenceEqual(ZipMagic);
        if (magicLength == 4 && magic.SequenceEqual(OleMagic))
            throw new ImportFileException($"{Path.GetFileName(path)} is an old Excel 97-2003 (.xls) workbook; save it as .xlsx or .csv.");
        if (extension is ".xlsx" or ".xlsm" || (isZip && extension is ".csv" or ".txt"))
        {
            if (!isZip) throw new ImportFileException($"{Path.GetFileName(path)} is not a valid .xlsx workbook.");
            var sheet = OpenSheet(path, kind, mapping, options.RoundCents, GivenDateOrder(options) ?? DateOrder.Iso);
            sheet._options = options;
            sheet.CancellationPrefix = mapping?.CancellationPrefix;
            return sheet;
        }
        if (extension is ".csv" or ".txt") return OpenCsv(path, kind, options, mapping);
        throw new ImportFileException($"{Path.GetFileName(path)}: unknown file type \"{extension}\" (expected .csv or .xlsx).");
    }

    private static ImportReader OpenCsv(string path, ImportKind kind, ImportOptions options, ImportMapping? mapping)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            if (stream.Length == 0) throw new ImportFileException($"{Path.GetFileName(path)} is empty.");
            var (encoding, name, bom) = TextDecoding.DetectWholeFile(stream, options.Encoding, Path.GetFileName(path));
            stream.Position = bom;
            var text = TextDecoding.OpenUtf8(stream, encoding);
            var csv = new CsvRecordReader(text);
            var first = Decode(path, name, csv.Next);
            if (first == CsvReadResult.End) throw new ImportFileException($"{Path.GetFileName(path)} is empty.");
            if (first == CsvReadResult.Broken) throw new ImportFileException($"{Path.GetFileName(path)}: the header row is not valid CSV ({csv.Error}).");
            var headers = new string[csv.FieldCount];
            for (var i = 0; i < headers.Length; i++) headers[i] = Encoding.UTF8.GetString(csv.Field(i)).TrimStart('\uFEFF');
            var info = MapHeaders(path, kind, headers, mapping);
            var dateOrder = GivenDateOrder(options) ?? DetectDateOrder(path, encoding, bom, info);
            return new ImportReader(path, kind, info, name, stream, text, csv, options.RoundCents, dateOrder)
            {
                _encoding = encoding, _bom = bom, _options = options, CancellationPrefix = mapping?.CancellationPrefix,
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static ImportReader OpenSheet(string path, ImportKind kind, ImportMapping? mapping, bool roundCents, DateOrder dateOrder)
    {
        IEnumerator<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().GetEnumerator();
            if (!rows.MoveNext())
            {
                rows.Dispose();
                throw new ImportFileException($"{Path.GetFileName(path)} has no rows in its first sheet.");
            }
        }
        catch (Exception e) when (e is not ImportFileException)
        {
            throw new ImportFileException($"{Path.GetFileName(path)} cannot be read as an .xlsx workbook: {e.Message}", e);
        }
        try
        {
            var cells = rows.Current;
            var width = 0;
            foreach (var (letter, value) in cells)
            {
                if (value is not null && SheetRow.ToText(value, SheetRow.ColumnType.Text).Trim().Length > 0)
                    width = Math.Max(width, SheetRow.ColumnIndex(letter) + 1);
            }
            if (width == 0) throw new ImportFileException($"{Path.GetFileName(path)}: the first row (the header) is empty.");
            var headers = new string[width];
            Array.Fill(headers, "");
            foreach (var (letter, value) in cells)
            {
                var i = SheetRow.ColumnIndex(letter);
                if (i >= 0 && i < width && value is not null) headers[i] = SheetRow.ToText(value, SheetRow.ColumnType.Text).Trim();
            }
            var info = MapHeaders(path, kind, headers, mapping);
            var types = new SheetRow.ColumnType[width];
            foreach (var (canonical, index) in info.Index)
            {
                if (index >= width) continue; // a constant of the mapping file
                types[index] = canonical switch
                {
                    // A service request's created_at is a moment (the SLA clock starts then); a customer's is a day.
                    "created_at" or "resolved_at" when kind == ImportKind.ServiceRequests => SheetRow.ColumnType.DateTime,
                    "created_at" or "invoice_due_date" or "paid_date" or "expected_close_date" or "closed_at" => SheetRow.ColumnType.Date,
                    "ordered_at" or "occurred_at" => SheetRow.ColumnType.DateTime,
                    _ => SheetRow.ColumnType.Text,
                };
            }
            return new ImportReader(path, kind, info, rows, new SheetRow(types), roundCents, dateOrder);
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The file's columns as the validator reads them: canonical column → field index, where a mapping file's constants
    /// come after the file's fields (<see cref="RowValidator.ConstantBase"/> + k), and single columns' date orders.
    /// </summary>
    private sealed record HeaderInfo(string[] Headers, Dictionary<string, string> Map, Dictionary<string, int> Index, List<string> Ignored,
        string[] Constants, Dictionary<string, DateOrder> DateOrders);

    private static HeaderInfo MapHeaders(string path, ImportKind kind, string[] headers, ImportMapping? mapping)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < headers.Length; i++)
        {
            var header = headers[i];
            if (header.Trim().Length == 0) continue; // an unnamed column, e.g. a trailing comma
            var canonicals = ImportColumns.Resolve(kind, header, mapping);
            if (canonicals.Count == 0)
            {
                ignored.Add(header);
                continue;
            }
            foreach (var canonical in canonicals)
            {
                if (index.TryGetValue(canonical, out var earlier))
                    throw new ImportFileException($"{Path.GetFileName(path)}: columns \"{headers[earlier]}\" and \"{header}\" both mean {canonical}; rename or drop one.");
                index[canonical] = i;
            }
            map[header] = canonicals[0];
        }
        var constants = new List<string>();
        foreach (var (column, value) in mapping?.Constants ?? [])
        {
            if (index.TryGetValue(column, out var present))
                throw new ImportFileException($"{Path.GetFileName(path)}: the mapping file sets {column}={value} but column \"{headers[present]}\" already gives {column}; keep one.");
            index[column] = RowValidator.ConstantBase + constants.Count;
            constants.Add(value);
        }
        var missing = ImportColumns.Required(kind)
            .Where(r => !r.Split('|').Any(index.ContainsKey))
            .Select(r => r.Replace("|", " or ", StringComparison.Ordinal))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)}: missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} for {kind.ToString().ToLowerInvariant()} (found: {string.Join(", ", headers)})."));
        }
        return new HeaderInfo(headers, map, index, ignored, [.. constants], mapping?.DateOrders ?? []);
    }

    /// <summary>The records after the header, streamed in file order. Can be enumerated once.</summary>
    public IEnumerable<ImportRecord> ReadRecords()
    {
        if (_started) throw new InvalidOperationException("ReadRecords can be enumerated only once per ImportReader.");
        _started = true;
        return _csv is not null ? ReadCsv(_csv) : ReadSheet(_sheet!, _sheetRow!);
    }

    private IEnumerable<ImportRecord> ReadCsv(CsvRecordReader csv)
    {
        var width = Headers.Count;
        while (true)
        {
            var result = Decode(_path, EncodingName, csv.Next);
            if (result == CsvReadResult.End) yield break;
            if (result == CsvReadResult.Broken)
            {
                yield return new RejectedRow(csv.RecordLine, $"broken quoting: {csv.Error}", csv.RawText());
                continue;
            }
            if (csv.FieldCount != width)
            {
                yield return new RejectedRow(csv.RecordLine,
                    string.Create(CultureInfo.InvariantCulture, $"the row has {csv.FieldCount} fields instead of {width}"), csv.RawText());
                continue;
            }
            yield return _validator.Validate(csv, csv.RecordLine);
        }
    }

    private IEnumerable<ImportRecord> ReadSheet(IEnumerator<IDictionary<string, object?>> rows, SheetRow row)
    {
        // MiniExcel yields empty rows too, so counting gives the sheet row number.
        long number = 1;
        while (rows.MoveNext())
        {
            number++;
            if (!row.Load(rows.Current)) continue;
            yield return _validator.Validate(row, number);
        }
    }

    /// <summary>Runs a read, turning a decoding failure into a message that says what to do.</summary>
    private static CsvReadResult Decode(string path, string encodingName, Func<CsvReadResult> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFileException(
                $"{Path.GetFileName(path)} is not valid {encodingName} text (bad bytes near offset {e.Index}); pass --encoding with the file's encoding (utf-8, gb18030).", e);
        }
    }

    public void Dispose()
    {
        _text?.Dispose();
        _stream?.Dispose();
        _sheet?.Dispose();
    }
}
