using System.Globalization;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Guanxi.Export;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Streams the customers matching a query to CSV or XLSX in keyset-paged chunks: memory stays flat at
/// any size, and tags are fetched once per chunk (no query per customer).
/// </summary>
public sealed class CustomerExport(IDbContextFactory<GuanxiDbContext> contexts, Audit.AuditLog audit, CustomerSearch search)
{
    private const int ChunkSize = 5000;

    public static readonly string[] Columns =
    [
        "code", "external_id", "name", "kind", "relationship", "phone", "email", "wechat", "province", "city", "address",
        "industry", "company_size", "source", "owner_id", "birth_date", "referred_by_code", "tags", "notes", "created_at",
    ];

    /// <summary>
    /// The personal columns and their classification, read from the customer's answer (<see cref="CustomerDto"/>): the
    /// export masks exactly what the API masks, and a field classified there is masked here without a second list.
    /// </summary>
    private static readonly Dictionary<string, PersonalKind> PersonalColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["phone"] = nameof(CustomerDto.Phone),
        ["email"] = nameof(CustomerDto.Email),
        ["wechat"] = nameof(CustomerDto.WeChatId),
        ["address"] = nameof(CustomerDto.Address),
        ["birth_date"] = nameof(CustomerDto.BirthDate),
        ["notes"] = nameof(CustomerDto.Notes),
    }.ToDictionary(c => c.Key, c => PersonalData.KindOf(typeof(CustomerDto), c.Value) ?? throw new InvalidOperationException($"{c.Value} is not classified"), StringComparer.Ordinal);

    public static ExportFormat FormatOf(string path) =>
        Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx : ExportFormat.Csv;

    /// <summary>
    /// Writes the export to a file and returns the number of customers written. Synchronous database reads
    /// on purpose: MiniExcel pulls rows from a plain IEnumerable, and that keeps memory flat for XLSX too.
    /// </summary>
    public long Write(CustomerQuery query, string path)
    {
        long count = 0;
        IEnumerable<string?[]> Counted()
        {
            foreach (var row in Rows(query))
            {
                count++;
                yield return row;
            }
        }

        using var output = File.Create(path);
        if (FormatOf(path) == ExportFormat.Csv)
        {
            using var text = CsvWriter.OpenExcelFriendly(output);
            var csv = new CsvWriter(text);
            csv.WriteRow(Columns);
            foreach (var row in Counted()) csv.WriteRow(row);
        }
        else
        {
            var records = Counted().Select(row =>
            {
                var record = new Dictionary<string, object?>(Columns.Length, StringComparer.Ordinal);
                for (var i = 0; i < Columns.Length; i++) record[Columns[i]] = row[i];
                return record;
            });
            output.SaveAs(records, printHeader: true, sheetName: "customers", excelType: ExcelType.XLSX);
        }
        audit.Record("export", "Customer", null, null, new { query.Q, query.Tag, query.City, query.Kind, query.OwnerId, rows = count, format = FormatOf(path).ToString() });
        return count;
    }

    private IEnumerable<string?[]> Rows(CustomerQuery query)
    {
        long? afterId = null;
        while (true)
        {
            using var db = contexts.CreateDbContext();
            var q = search.Filter(db, query);
            if (afterId is { } after) q = q.Where(c => c.Id > after);
            var chunk = q.OrderBy(c => c.Id).Take(ChunkSize).ToList();
            if (chunk.Count == 0) yield break;
            var ids = chunk.Select(c => c.Id).ToList();
            var tags = db.CustomerTags.AsNoTracking().Where(t => ids.Contains(t.CustomerId)).ToList().ToLookup(t => t.CustomerId, t => t.Tag);
            var referrerIds = chunk.Where(c => c.ReferredById is not null).Select(c => c.ReferredById!.Value).Distinct().ToList();
            var referrerCodes = db.Customers.AsNoTracking().Where(c => referrerIds.Contains(c.Id)).ToDictionary(c => c.Id, c => c.Code);
            var masked = PersonalData.Masked(db.Scope);
            foreach (var c in chunk)
            {
                var row = Row(c, string.Join(';', tags[c.Id].Order(StringComparer.Ordinal)),
                    c.ReferredById is { } r && referrerCodes.TryGetValue(r, out var code) ? code : null);
                if (masked) Mask(row);
                yield return row;
            }
            afterId = chunk[^1].Id;
            if (chunk.Count < ChunkSize) yield break;
        }
    }

    /// <summary>Masks the personal cells of a row (formula neutralising leaves masks intact: they start with a letter, digit or *).</summary>
    private static void Mask(string?[] row)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (PersonalColumns.TryGetValue(Columns[i], out var kind)) row[i] = SpreadsheetCell.Safe(PersonalData.Mask(kind, SpreadsheetCell.Unsafe(row[i] ?? "")));
        }
    }

    private static string?[] Row(Customer c, string tags, string? referrerCode) =>
    [
        SpreadsheetCell.Safe(c.Code),
        SpreadsheetCell.Safe(c.ExternalId),
        SpreadsheetCell.Safe(c.Name),
        c.Kind.ToString().ToLowerInvariant(),
        c.Relationship.ToString().ToLowerInvariant(),
        SpreadsheetCell.Safe(c.Phone),
        SpreadsheetCell.Safe(c.Email),
        SpreadsheetCell.Safe(c.WeChatId),
        SpreadsheetCell.Safe(c.Province),
        SpreadsheetCell.Safe(c.City),
        SpreadsheetCell.Safe(c.Address),
        SpreadsheetCell.Safe(c.Industry),
        c.CompanySize == CompanySize.Unknown ? "" : c.CompanySize.ToString().ToLowerInvariant(),
        SpreadsheetCell.Safe(c.Source),
        c.OwnerId?.ToString(CultureInfo.InvariantCulture),
        c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SpreadsheetCell.Safe(referrerCode),
        SpreadsheetCell.Safe(tags),
        SpreadsheetCell.Safe(c.Notes),
        c.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    ];
}
