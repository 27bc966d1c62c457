using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Import;

/// <summary>
/// Upserts customers by the file's customer_id (kept as the external id), or by code when the file has no
/// ids. A code in the file is kept; a missing one is generated. Likely duplicates are flagged, never merged.
/// </summary>
internal sealed class CustomerBatchWriter : ImportBatchWriter
{
    private static readonly string[] InsertColumns =
    [
        "code", "external_id", "name", "name_pinyin", "name_initials", "kind", "relationship", "phone", "phone_digits", "email", "email_normalized",
        "we_chat_id", "address", "province", "city", "industry", "company_size", "source", "notes", "referred_by_id",
        "created_at", "updated_at", "version",
    ];

    private readonly HashSet<string> _fileIds;
    private readonly HashSet<string> _columns;
    private readonly List<(string Customer, string Referrer)> _forwardReferrals = [];

    private CustomerBatchWriter(
        IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, TimeProvider time, ImportWrites writes, HashSet<string> fileIds, HashSet<string> columns)
        : base(contexts, run, time, writes)
    {
        _fileIds = fileIds;
        _columns = columns;
    }

    public override int BatchSize => 5000;

    /// <summary>
    /// A first, read-only pass collects the file's customer ids: a referral to a customer further down the
    /// file is valid, one to a customer in neither the file nor the database is not.
    /// </summary>
    public static Task<CustomerBatchWriter> CreateAsync(
        IDbContextFactory<GuanxiDbContext> contexts, ImportRun run, string path, ImportOptions options, TimeProvider time, ImportWrites writes, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = ImportReader.Open(path, ImportKind.Customers, options);
        var columns = reader.ColumnMap.Values.ToHashSet(StringComparer.Ordinal);
        if (columns.Contains("referred_by"))
        {
            foreach (var record in reader.ReadRecords())
            {
                ct.ThrowIfCancellationRequested();
                if (record is CustomerImportRow { ExternalId: { } id }) ids.Add(id);
            }
        }
        return Task.FromResult(new CustomerBatchWriter(contexts, run, time, writes, ids, columns));
    }

    public override void Replay(object record)
    {
        if (record is CustomerImportRow { ExternalId: { } id, ReferredBy: { } referrer }) _forwardReferrals.Add((id, referrer));
    }

    protected override async Task<BatchCounts> WriteRowsAsync(GuanxiDbContext db, List<object> batch, List<RejectedRow> rejects, CancellationToken ct)
    {
        var rows = batch.Cast<CustomerImportRow>().ToList();
        var existing = await LoadExistingAsync(db, rows, ct);
        var codeOwners = await CodeOwnersAsync(db, rows, ct);
        var referrers = await IdsByExternalIdAsync(db, rows.Where(r => r.ReferredBy is not null).Select(r => r.ReferredBy!), byCode: false, ct);

        var inserts = new List<CustomerImportRow>();
        var codesInBatch = new HashSet<string>(StringComparer.Ordinal);
        long updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (row.ReferredBy is { } referrer && !referrers.ContainsKey(referrer) && !_fileIds.Contains(referrer))
            {
                rejects.Add(new RejectedRow(row.Line, $"referred_by: no customer with customer_id {referrer} in the file or in Guanxi.", ""));
                continue;
            }
            var current = Find(existing, row);
            if (row.Code is { } code)
            {
                var owner = codeOwners.GetValueOrDefault(code);
                if ((owner != 0 && owner != current?.Id) || (current is null && !codesInBatch.Add(code)))
                {
                    rejects.Add(new RejectedRow(row.Line, $"code: \"{code}\" already belongs to another customer.", ""));
                    continue;
                }
            }
            if (current is null)
            {
                inserts.Add(row);
                continue;
            }
            if (Apply(current, row, referrers)) updated++;
            else unchanged++;
        }

        await db.SaveChangesAsync(ct);
        var newIds = await InsertAsync(db, inserts, referrers, ct);
        await AddTagsAsync(db, rows, existing, newIds, ct);
        await FlagDuplicatesAsync(db, newIds.Values, ct);
        return new BatchCounts(inserts.Count, updated, unchanged);
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        if (_forwardReferrals.Count == 0) return;
        await using var db = await Contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in _forwardReferrals.Chunk(2000))
        {
            var ids = await IdsByExternalIdAsync(db, chunk.SelectMany(p => new[] { p.Customer, p.Referrer }), byCode: false, ct);
            foreach (var (customer, referrer) in chunk)
            {
                if (ids.TryGetValue(customer, out var id) && ids.TryGetValue(referrer, out var referrerId) && id != referrerId)
                {
                    await Writes.Customers.SetReferrerAsync(db, id, referrerId, ct);
                }
            }
        }
        await tx.CommitAsync(ct);
    }

    private static Customer? Find(Dictionary<string, Customer> existing, CustomerImportRow row) =>
        row.ExternalId is { } id ? existing.GetValueOrDefault("x:" + id)
        : row.Code is { } code ? existing.GetValueOrDefault("c:" + code)
        : null;

    private static async Task<Dictionary<string, Customer>> LoadExistingAsync(GuanxiDbContext db, List<CustomerImportRow> rows, CancellationToken ct)
    {
        var result = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var ids = rows.Where(r => r.ExternalId is not null).Select(r => r.ExternalId!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in ids.Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var c in await db.Customers.Where(c => list.Contains(c.ExternalId!)).ToListAsync(ct)) result["x:" + c.ExternalId] = c;
        }
        var codes = rows.Where(r => r.ExternalId is null && r.Code is not null).Select(r => r.Code!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in codes.Chunk(5000))
        {
            var list = chunk.ToList();
            foreach (var c in await db.Customers.Where(c => list.Contains(c.Code)).ToListAsync(ct)) result["c:" + c.Code] = c;
        }
        return result;
    }

    private async Task<Dictionary<string, long>> CodeOwnersAsync(GuanxiDbContext db, List<CustomerImportRow> rows, CancellationToken ct) =>
        await IdsByExternalIdAsync(db, rows.Where(r => r.Code is not null).Select(r => r.Code!), byCode: true, ct);

    /// <summary>Applies the file's values for the columns the file has; returns whether anything changed.</summary>
    private bool Apply(Customer c, CustomerImportRow row, Dictionary<string, long> referrers)
    {
        var before = (c.Name, c.Phone, c.Email, c.City, c.Province, c.Kind, c.WeChatId, c.Address, c.Industry, c.Source, c.Notes, c.ReferredById);
        if (_columns.Contains("name")) c.Name = row.Name;
        if (_columns.Contains("phone")) c.SetPhone(row.Phone);
        if (_columns.Contains("email")) c.SetEmail(row.Email);
        if (_columns.Contains("city")) c.City = row.City;
        if (_columns.Contains("province")) c.Province = row.Province;
        if (_columns.Contains("kind") && row.Kind is { } kind) c.Kind = kind;
        if (_columns.Contains("wechat")) c.WeChatId = row.WeChatId;
        if (_columns.Contains("address")) c.Address = row.Address;
        if (_columns.Contains("industry")) c.Industry = row.Industry;
        if (_columns.Contains("source")) c.Source = row.Source;
        if (_columns.Contains("notes")) c.Notes = row.Notes;
        if (_columns.Contains("referred_by"))
        {
            if (row.ReferredBy is null) c.ReferredById = null;
            else if (referrers.TryGetValue(row.ReferredBy, out var referrerId)) c.ReferredById = referrerId == c.Id ? null : referrerId;
            else if (c.ExternalId is { } self) _forwardReferrals.Add((self, row.ReferredBy));
        }
        var after = (c.Name, c.Phone, c.Email, c.City, c.Province, c.Kind, c.WeChatId, c.Address, c.Industry, c.Source, c.Notes, c.ReferredById);
        return before != after;
    }

    /// <summary>Bulk-inserts new customers and returns their database ids by code.</summary>
    private async Task<Dictionary<CustomerImportRow, long>> InsertAsync(GuanxiDbContext db, List<CustomerImportRow> inserts, Dictionary<string, long> referrers, CancellationToken ct)
    {
        if (inserts.Count == 0) return [];
        var now = Now;
        var codes = await AllocateCodesAsync(db, inserts, now, ct);
        var values = new List<object?[]>(inserts.Count);
        for (var i = 0; i < inserts.Count; i++)
        {
            var r = inserts[i];
            long? referrerId = null;
            if (r.ReferredBy is { } referrer)
            {
                if (referrers.TryGetValue(referrer, out var id)) referrerId = id;
                else if (r.ExternalId is { } self) _forwardReferrals.Add((self, referrer));
            }
            var kind = r.Kind ?? CustomerKind.Person;
            var pinyin = Pinyin.Of(r.Name);
            values.Add(
            [
                codes[i], r.ExternalId, r.Name, pinyin.Full, pinyin.Initials, kind.ToString(),
                (kind == CustomerKind.Organisation ? RelationshipType.Enterprise : RelationshipType.Ordinary).ToString(),
                CustomerService.Clean(r.Phone), PhoneNumber.Digits(r.Phone), CustomerService.Clean(r.Email), EmailAddress.Normalize(r.Email),
                r.WeChatId, r.Address, r.Province, r.City, r.Industry, CompanySize.Unknown.ToString(), r.Source, r.Notes, referrerId,
                r.CreatedAt is { } created ? created.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : now, now, 1L,
            ]);
        }
        await Writes.Bulk.InsertAsync(db, "customers", InsertColumns, values, ct);
        // Keyed by the inserted row itself: a row without a code in the file got a generated one.
        var byCode = await IdsByExternalIdAsync(db, codes, byCode: true, ct);
        var byRow = new Dictionary<CustomerImportRow, long>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < inserts.Count; i++)
        {
            if (byCode.TryGetValue(codes[i], out var id)) byRow[inserts[i]] = id;
        }
        return byRow;
    }

    /// <summary>Keeps the file's codes; draws the missing ones from the pattern, a block per prefix.</summary>
    private static async Task<string[]> AllocateCodesAsync(GuanxiDbContext db, List<CustomerImportRow> rows, DateTime now, CancellationToken ct)
    {
        var codes = new string[rows.Count];
        CustomerCodePattern? pattern = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Code is { } given)
            {
                codes[i] = given;
                continue;
            }
            pattern ??= await CustomerCodes.PatternAsync(db, ct);
            var date = rows[i].CreatedAt ?? DateOnly.FromDateTime(now);
            codes[i] = await CustomerCodes.NextAsync(db, date, ct);
        }
        return codes;
    }

    private async Task AddTagsAsync(GuanxiDbContext db, List<CustomerImportRow> rows, Dictionary<string, Customer> existing, Dictionary<CustomerImportRow, long> newIds, CancellationToken ct)
    {
        var tags = new List<(long, string)>();
        foreach (var row in rows.Where(r => !string.IsNullOrWhiteSpace(r.Tags)))
        {
            var id = Find(existing, row)?.Id ?? newIds.GetValueOrDefault(row);
            if (id == 0) continue;
            foreach (var tag in CustomerService.NormalizeTags(row.Tags!.Split([';', '；', '，', '|'], StringSplitOptions.TrimEntries)))
            {
                tags.Add((id, tag));
            }
        }

        await Writes.Customers.AddTagsAsync(db, tags, ct);
    }

    /// <summary>Pairs each new customer with the earliest other customer sharing its phone or e-mail.</summary>
    private async Task FlagDuplicatesAsync(GuanxiDbContext db, IEnumerable<long> newIds, CancellationToken ct)
    {
        var ids = newIds.ToList();
        if (ids.Count == 0) return;
        await Writes.Customers.FlagDuplicatesAsync(db, ids.Min(), ids.Max(), Now, ct);
    }
}
