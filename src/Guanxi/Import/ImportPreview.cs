using System.Globalization;
using Guanxi.Export;
using MiniExcelLibs;

namespace Guanxi.Import;

/// <summary>One previewed record: its line and either a short summary of the valid row or the reason it would be rejected.</summary>
public sealed record PreviewRow(long Line, bool Valid, string Text);

/// <summary>
/// What the import wizard shows before a run: the detected encoding, header → column mapping, and the first
/// rows as <see cref="ImportReader"/> would validate them. When the file cannot be read as a whole (a missing
/// required column, say) <see cref="Error"/> says why and the headers are still given, so the user can map them.
/// </summary>
public sealed record ImportPreview(
    string? Encoding, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> ColumnMap,
    IReadOnlyList<PreviewRow> Rows, string? Error)
{
    public static IReadOnlyList<string> Columns(ImportKind kind) => ImportColumns.Canonical(kind);

    public static IReadOnlyList<string> RequiredColumns(ImportKind kind) => ImportColumns.Required(kind);

    public static ImportPreview Read(string path, ImportKind kind, ImportOptions options, int rows)
    {
        try
        {
            using var reader = ImportReader.Open(path, kind, options);
            var preview = new List<PreviewRow>(rows);
            foreach (var record in reader.ReadRecords())
            {
                preview.Add(record switch
                {
                    RejectedRow r => new PreviewRow(r.Line, false, r.Reason),
                    CustomerImportRow c => new PreviewRow(c.Line, true, Join(c.Name, c.Phone, c.Email, c.City)),
                    OrderImportRow o => new PreviewRow(o.Line, true, Join(o.OrderNumber, o.CustomerRef,
                        o.OrderedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), (o.AmountCents / 100m).ToString("0.00", CultureInfo.InvariantCulture), o.Channel)),
                    InteractionImportRow i => new PreviewRow(i.Line, true, Join(i.CustomerRef,
                        i.OccurredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), i.Channel.ToString(), i.Subject)),
                    ServiceRequestImportRow s => new PreviewRow(s.Line, true, Join(s.CustomerRef,
                        s.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Type.ToString(), Domain.Service.ServiceTransitions.Name(s.Status), s.Subject)),
                    OpportunityImportRow o => new PreviewRow(o.Line, true, Join(o.CustomerRef, o.Title,
                        (o.AmountCents / 100m).ToString("0.00", CultureInfo.InvariantCulture), o.Currency, o.Stage ?? "", o.Status.ToString())),
                    OrderLineImportRow { Error: { } error } l => new PreviewRow(l.Line, false, error),
                    OrderLineImportRow l => new PreviewRow(l.Line, true, Join(l.OrderNumber, l.CustomerRef,
                        l.OrderedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), l.ProductCode,
                        l.Quantity.ToString(CultureInfo.InvariantCulture), l.UnitPrice.ToString(CultureInfo.InvariantCulture))),
                    _ => new PreviewRow(record.Line, true, ""),
                });
                if (preview.Count >= rows) break;
            }
            return new ImportPreview(reader.EncodingName, reader.Headers, reader.ColumnMap, preview, null);
        }
        catch (ImportFileException e)
        {
            IReadOnlyList<string> headers;
            try
            {
                headers = HeaderRow(path, options.Encoding);
            }
            catch (Exception inner) when (inner is ImportFileException or IOException or InvalidDataException or System.Text.DecoderFallbackException)
            {
                headers = [];
            }
            return new ImportPreview(null, headers, new Dictionary<string, string>(), [], e.Message);
        }
    }

    /// <summary>Writes the user's header → column choices as a mapping file for <see cref="ImportOptions.MappingFile"/>.</summary>
    public static void WriteMappingFile(string path, IReadOnlyDictionary<string, string> mapping)
    {
        using var text = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        var csv = new CsvWriter(text);
        foreach (var (header, column) in mapping) csv.WriteRow([header, column.Length == 0 ? ImportColumns.NotImported : column]);
    }

    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string[] HeaderRow(string path, string? encoding)
    {
        if (Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            var first = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().FirstOrDefault();
            return first is null ? [] : first.Values.Select(v => v is null ? "" : SheetRow.ToText(v, SheetRow.ColumnType.Text).Trim()).Where(v => v.Length > 0).ToArray();
        }
        using var stream = File.OpenRead(path);
        var (enc, _, bom) = TextDecoding.Detect(stream, encoding);
        stream.Position = bom;
        using var text = TextDecoding.OpenUtf8(stream, enc);
        var csv = new CsvRecordReader(text);
        if (csv.Next() != CsvReadResult.Record) return [];
        var headers = new string[csv.FieldCount];
        for (var i = 0; i < headers.Length; i++) headers[i] = System.Text.Encoding.UTF8.GetString(csv.Field(i)).TrimStart('\uFEFF').Trim();
        return headers.Where(h => h.Length > 0).ToArray();
    }
}
