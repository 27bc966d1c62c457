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
/// What an export's header row and coded values read as: <see cref="Keys"/> (the default) keeps the stable
/// machine names (<c>owner_id</c>, <c>person</c>) a script or re-import relies on; the languages give a person
/// a sheet they can read (负责人, 个人).
/// </summary>
public enum ExportHeaders
{
    Keys,
    ZhCn,
    En,
}

public static class ExportHeaderNames
{
    /// <summary>Parses <c>keys</c>, <c>zh-CN</c> or <c>en</c> (case-insensitive); null for anything else.</summary>
    public static ExportHeaders? Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "KEYS" => ExportHeaders.Keys,
        "ZH-CN" or "ZH" => ExportHeaders.ZhCn,
        "EN" => ExportHeaders.En,
        _ => null,
    };
}

/// <summary>
/// Streams the customers matching a query to CSV or XLSX in keyset-paged chunks: memory stays flat at
/// any size, and tags are fetched once per chunk (no query per customer).
/// </summary>
public sealed class CustomerExport(IDbContextFactory<GuanxiDbContext> contexts, Audit.AuditLog audit, CustomerSearch search)
{
    private const int ChunkSize = 5000;

    /// <summary>The machine columns (header mode <see cref="ExportHeaders.Keys"/>): the owner both by id and by name.</summary>
    public static readonly string[] Columns =
    [
        "code", "external_id", "name", "kind", "relationship", "phone", "email", "wechat", "province", "city", "address",
        "industry", "company_size", "source", "owner_id", "owner", "birth_date", "referred_by_code", "tags", "notes", "created_at",
    ];

    /// <summary>The headers a person reads, per column; a column without one (the owner's id) is left out of a localized sheet.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> Localized = new(StringComparer.Ordinal)
    {
        ["code"] = ("客户编码", "Code"),
        ["external_id"] = ("外部编号", "External ID"),
        ["name"] = ("名称", "Name"),
        ["kind"] = ("类型", "Type"),
        ["relationship"] = ("关系类型", "Relationship"),
        ["phone"] = ("电话", "Phone"),
        ["email"] = ("邮箱", "Email"),
        ["wechat"] = ("微信", "WeChat"),
        ["province"] = ("省份", "Province"),
        ["city"] = ("城市", "City"),
        ["address"] = ("地址", "Address"),
        ["industry"] = ("行业", "Industry"),
        ["company_size"] = ("公司规模", "Company size"),
        ["source"] = ("来源", "Source"),
        ["owner"] = ("负责人", "Owner"),
        ["birth_date"] = ("生日", "Birth date"),
        ["referred_by_code"] = ("推荐人编码", "Referred by (code)"),
        ["tags"] = ("标签", "Tags"),
        ["notes"] = ("备注", "Notes"),
        ["created_at"] = ("创建时间", "Created"),
    };

    /// <summary>The header row of a mode, in column order.</summary>
    public static IReadOnlyList<string> HeadersOf(ExportHeaders headers) => headers switch
    {
        ExportHeaders.Keys => Columns,
        ExportHeaders.ZhCn => Columns.Where(Localized.ContainsKey).Select(c => Localized[c].Zh).ToArray(),
        _ => Columns.Where(Localized.ContainsKey).Select(c => Localized[c].En).ToArray(),
    };

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
    public long Write(CustomerQuery query, string path, ExportHeaders headers = ExportHeaders.Keys)
    {
        long count = 0;
        var kept = Columns.Select((c, i) => (c, i)).Where(x => headers == ExportHeaders.Keys || Localized.ContainsKey(x.c)).Select(x => x.i).ToArray();
        var header = HeadersOf(headers);
        IEnumerable<string?[]> Counted()
        {
            foreach (var row in Rows(query, headers))
            {
                count++;
                yield return kept.Length == row.Length ? row : Array.ConvertAll(kept, i => row[i]);
            }
        }

        using var output = File.Create(path);
        if (FormatOf(path) == ExportFormat.Csv)
        {
            using var text = CsvWriter.OpenExcelFriendly(output);
            var csv = new CsvWriter(text);
            csv.WriteRow(header);
            foreach (var row in Counted()) csv.WriteRow(row);
        }
        else
        {
            var records = Counted().Select(row =>
            {
                var record = new Dictionary<string, object?>(header.Count, StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++) record[header[i]] = row[i];
                return record;
            });
            output.SaveAs(records, printHeader: true, sheetName: "customers", excelType: ExcelType.XLSX);
        }
        audit.Record("export", "Customer", null, null, new { query.Q, query.Tag, query.City, query.Kind, query.OwnerId, rows = count, format = FormatOf(path).ToString(), headers = headers.ToString() });
        return count;
    }

    private IEnumerable<string?[]> Rows(CustomerQuery query, ExportHeaders headers)
    {
        bool? chinese = headers switch { ExportHeaders.ZhCn => true, ExportHeaders.En => false, _ => null };
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
            var ownerIds = chunk.Where(c => c.OwnerId is not null).Select(c => c.OwnerId!.Value).Distinct().ToList();
            var owners = db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
                .Select(u => new { u.Id, Name = u.DisplayName == "" ? u.UserName ?? "" : u.DisplayName }).ToDictionary(u => u.Id, u => u.Name);
            var masked = PersonalData.Masked(db.Scope);
            foreach (var c in chunk)
            {
                var row = Row(c, string.Join(';', tags[c.Id].Order(StringComparer.Ordinal)),
                    c.ReferredById is { } r && referrerCodes.TryGetValue(r, out var code) ? code : null,
                    c.OwnerId is { } o && owners.TryGetValue(o, out var owner) ? owner : null, chinese);
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

    /// <summary>One customer's cells; coded values in the machine's words, or in words of the language when <paramref name="chinese"/> is given.</summary>
    private static string?[] Row(Customer c, string tags, string? referrerCode, string? owner, bool? chinese) =>
    [
        SpreadsheetCell.Safe(c.Code),
        SpreadsheetCell.Safe(c.ExternalId),
        SpreadsheetCell.Safe(c.Name),
        chinese is { } zh1 ? CustomerWords.Kind(c.Kind, zh1) : c.Kind.ToString().ToLowerInvariant(),
        chinese is { } zh2 ? CustomerWords.Relationship(c.Relationship, zh2) : c.Relationship.ToString().ToLowerInvariant(),
        SpreadsheetCell.Safe(c.Phone),
        SpreadsheetCell.Safe(c.Email),
        SpreadsheetCell.Safe(c.WeChatId),
        SpreadsheetCell.Safe(c.Province),
        SpreadsheetCell.Safe(c.City),
        SpreadsheetCell.Safe(c.Address),
        SpreadsheetCell.Safe(c.Industry),
        c.CompanySize == CompanySize.Unknown ? "" : chinese is { } zh3 ? CustomerWords.Size(c.CompanySize, zh3) : c.CompanySize.ToString().ToLowerInvariant(),
        SpreadsheetCell.Safe(c.Source),
        c.OwnerId?.ToString(CultureInfo.InvariantCulture),
        SpreadsheetCell.Safe(owner),
        c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SpreadsheetCell.Safe(referrerCode),
        SpreadsheetCell.Safe(tags),
        SpreadsheetCell.Safe(c.Notes),
        c.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    ];
}
