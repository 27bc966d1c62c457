using Guanxi.Data.Customers;
using System.Text.Json;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Hosting;
using Guanxi.Security;
using Guanxi.Domain.Common;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>Everything the API, the pages and the CLI do with customers, written once.</summary>
public sealed class CustomerService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time, Audit.AuditLog audit, CustomerSearch search, Guanxi.Orders.CurrencyRateService currencies)
{
    public async Task<CustomerPage> SearchAsync(CustomerQuery query, CancellationToken ct = default)
    {
        // Searches are audited: what was looked for, by whom (issue 12); every page, since a cursor is the caller's to
        // choose. The row is queued and written in a batch off the request path (AuditQueue): a commit per search
        // cost the fastest searches more than the 5 % budget.
        if (!string.IsNullOrWhiteSpace(query.Q)) await audit.QueueAsync("search", nameof(Customer), null, null, new { q = query.Q }, ct: ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var limit = Math.Clamp(query.Limit, 1, CustomerQuery.MaxLimit);
        var rows = new List<CustomerListItem>(limit + 1);
        foreach (var walk in search.Apply(db, query))
        {
            if (rows.Count > limit) break;
            rows.AddRange(await walk.Take(limit + 1 - rows.Count)
                .Select(c => new CustomerListItem(c.Id, c.Code, c.Name, c.Kind, c.Phone, c.Email, c.City, c.OwnerId, c.CreatedAt) { NamePinyin = c.NamePinyin })
                .ToListAsync(ct));
        }
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        var items = await WithFiguresAsync(db, rows, ct);
        var next = more ? CustomerSearch.CursorOf(items[^1], query.Sort).Encode() : null;
        // Counted up to a cap: a bounded walk of the same filtered rows, cheap at a million customers (an exact count
        // of everything would not be).
        var total = query.After is null && items.Count < limit && next is null
            ? items.Count
            : await search.Filter(db, query).Select(c => c.Id).Take(CustomerQuery.MaxCount + 1).CountAsync(ct);
        var page = new CustomerPage(items, next, Math.Min(total, CustomerQuery.MaxCount), total > CustomerQuery.MaxCount);
        return PersonalData.ForCaller(page);
    }

    /// <summary>
    /// The page's rows with their figures, tags, classes of the latest model run and custom fields: a handful of
    /// queries by the page's ids (the list's own query stays one index walk).
    /// </summary>
    private static async Task<List<CustomerListItem>> WithFiguresAsync(GuanxiDbContext db, List<CustomerListItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return items;
        var ids = items.Select(i => i.Id).ToList();
        var rollups = await db.CustomerRollups.AsNoTracking().Where(r => ids.Contains(r.CustomerId)).ToDictionaryAsync(r => r.CustomerId, ct);
        var tags = (await db.CustomerTags.AsNoTracking().Where(t => ids.Contains(t.CustomerId)).Select(t => new { t.CustomerId, t.Tag }).ToListAsync(ct))
            .ToLookup(t => t.CustomerId, t => t.Tag);
        var fields = (await db.CustomFieldValues.AsNoTracking().Where(v => ids.Contains(v.CustomerId))
            .Join(db.CustomFieldDefinitions, v => v.FieldId, d => d.Id, (v, d) => new { v.CustomerId, d.Key, v.Value }).ToListAsync(ct))
            .ToLookup(f => f.CustomerId);
        var runId = await db.ModelRuns.Where(r => r.Status == ModelRunStatus.Succeeded).MaxAsync(r => (long?)r.Id, ct);
        var classes = runId is { } run
            ? await db.ModelResults.AsNoTracking().Where(r => r.RunId == run && ids.Contains(r.CustomerId))
                .Select(r => new { r.CustomerId, r.RfmSegment, r.Value, r.MemberTier }).ToDictionaryAsync(r => r.CustomerId, ct)
            : [];
        static string? Key(Domain.Models.ModelDefinition model, short? index) =>
            index is { } i && i >= 0 && i < model.Classes.Count ? model.Classes[i].Key : null;
        return items.Select(i =>
        {
            var r = rollups.GetValueOrDefault(i.Id);
            var c = classes.GetValueOrDefault(i.Id);
            return i with
            {
                Spend = (r?.TotalCents ?? 0) / 100m,
                Orders = r?.OrderCount ?? 0,
                LastPurchase = r?.LastOrderAt,
                LastContact = r?.LastContactAt,
                Tags = tags[i.Id].Order(StringComparer.Ordinal).ToList(),
                RfmSegment = Key(Domain.Models.ModelCatalog.Rfm, c?.RfmSegment),
                ValueClass = Key(Domain.Models.ModelCatalog.Value, c?.Value),
                MemberTier = Key(Domain.Models.ModelCatalog.MemberTier, c?.MemberTier),
                CustomFields = fields[i.Id].ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
            };
        }).ToList();
    }

    public async Task<CustomerDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await LoadDtoAsync(db, id, ct) ?? throw new NotFoundException("Customer");
    }

    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(CustomerInput input, long? excludeId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Duplicates are matched on phone and e-mail: for a masked caller the answer would tell whether a guessed number
        // is some customer's (decision 0015). Those roles create no customers, so they need no duplicate check.
        if (PersonalData.Masked(db.Scope)) return [];
        return await DuplicateFinder.FindAsync(db, input, excludeId, ct);
    }

    public async Task<CreatedCustomer> CreateAsync(CustomerInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var definitions = await db.CustomFieldDefinitions.AsNoTracking().ToListAsync(ct);
        var errors = CustomerValidation.Validate(input, definitions, time.Today(), out var customValues);
        await CustomerValidation.CheckReferencesAsync(db, input, null, errors, ct);
        errors.ThrowIfAny();
        input = await OwnerRule.ApplyAsync(db, input, null, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var duplicates = await DuplicateFinder.FindAsync(db, input, null, ct);
        var customer = new Customer
        {
            Code = await CustomerCodes.NextAsync(db, time.Today(), ct),
        };
        Apply(customer, input);
        customer.Tags = NormalizeTags(input.Tags).Select(t => new CustomerTag { Tag = t }).ToList();
        customer.CustomFields = customValues.Select(v => new CustomFieldValue { FieldId = v.Key, Value = v.Value }).ToList();
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        foreach (var d in duplicates)
        {
            db.DuplicateCandidates.Add(new DuplicateCandidate
            {
                CustomerId = customer.Id,
                DuplicateOfId = d.CustomerId,
                Reason = d.Reason,
                FoundAt = time.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedCustomer((await LoadDtoAsync(db, customer.Id, ct))!, duplicates);
    }

    /// <summary>Replaces the editable fields; <paramref name="expectedVersion"/> (from If-Match) guards against lost updates.</summary>
    public async Task<CustomerDto> UpdateAsync(long id, CustomerInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers
            .Include(c => c.Tags)
            .Include(c => c.CustomFields)
            .FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Customer");
        if (expectedVersion is { } v && v != customer.Version)
            throw new ConcurrencyConflictException($"Customer {customer.Code} is at version {customer.Version}, not {v}. Reload and apply the change again.");

        var definitions = await db.CustomFieldDefinitions.AsNoTracking().ToListAsync(ct);
        var errors = CustomerValidation.Validate(input, definitions, time.Today(), out var customValues);
        await CustomerValidation.CheckReferencesAsync(db, input, id, errors, ct);
        errors.ThrowIfAny();
        input = await OwnerRule.ApplyAsync(db, input, customer.OwnerId, ct);

        Apply(customer, input);
        if (input.Tags is not null)
        {
            var wanted = NormalizeTags(input.Tags);
            customer.Tags.RemoveAll(t => !wanted.Contains(t.Tag, StringComparer.Ordinal));
            foreach (var tag in wanted.Where(t => customer.Tags.All(x => x.Tag != t)))
                customer.Tags.Add(new CustomerTag { CustomerId = id, Tag = tag });
        }
        if (input.CustomFields is not null)
        {
            customer.CustomFields.Clear();
            customer.CustomFields.AddRange(customValues.Select(kv => new CustomFieldValue { CustomerId = id, FieldId = kv.Key, Value = kv.Value }));
        }
        // Always bump the version, even when only tags changed.
        db.Entry(customer).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"Customer {customer.Code} was changed by someone else meanwhile. Reload and apply the change again.");
        }
        return (await LoadDtoAsync(db, id, ct))!;
    }

    public async Task DeleteAsync(long id, long? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Customer");
        if (expectedVersion is { } v && v != customer.Version)
            throw new ConcurrencyConflictException($"Customer {customer.Code} is at version {customer.Version}, not {v}.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.DropDuplicatePairsAsync(id, ct);
        db.Customers.Remove(customer);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<CustomerDto> AddTagAsync(long id, string tag, CancellationToken ct = default)
    {
        var clean = NormalizeTags([tag]);
        if (clean.Count == 0 || clean[0].Length > FieldLimits.Tag)
            throw ValidationException.For("tag", $"A tag is 1 to {FieldLimits.Tag} characters.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.EnsureCanEditAsync(id, ct);
        if (!await db.CustomerTags.AnyAsync(t => t.CustomerId == id && t.Tag == clean[0], ct))
        {
            db.CustomerTags.Add(new CustomerTag { CustomerId = id, Tag = clean[0] });
            await db.SaveChangesAsync(ct);
        }
        return (await LoadDtoAsync(db, id, ct))!;
    }

    public async Task<CustomerDto> RemoveTagAsync(long id, string tag, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.CustomerTags.RemoveRange(await db.CustomerTags.Where(t => t.CustomerId == id && t.Tag == tag).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        await EnsureExistsAsync(db, id, ct);
        return (await LoadDtoAsync(db, id, ct))!;
    }

    public async Task<CustomerDto> AddToGroupAsync(long id, long groupId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.EnsureCanEditAsync(id, ct);
        if (!await db.CustomerGroups.AnyAsync(g => g.Id == groupId, ct)) throw new NotFoundException("Group");
        if (!await db.CustomerGroupMembers.AnyAsync(m => m.CustomerId == id && m.GroupId == groupId, ct))
        {
            db.CustomerGroupMembers.Add(new CustomerGroupMember { CustomerId = id, GroupId = groupId });
            await db.SaveChangesAsync(ct);
        }
        return (await LoadDtoAsync(db, id, ct))!;
    }

    public async Task<CustomerDto> RemoveFromGroupAsync(long id, long groupId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.CustomerGroupMembers.RemoveRange(await db.CustomerGroupMembers.Where(m => m.CustomerId == id && m.GroupId == groupId).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        await EnsureExistsAsync(db, id, ct);
        return (await LoadDtoAsync(db, id, ct))!;
    }

    public async Task<ContactDto> AddContactAsync(long id, ContactInput input, CancellationToken ct = default)
    {
        ValidateContact(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.EnsureCanEditAsync(id, ct);
        var contact = new Contact { CustomerId = id };
        ApplyContact(contact, input);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return PersonalData.ForCaller(ToDto(contact));
    }

    public async Task<ContactDto> UpdateContactAsync(long id, long contactId, ContactInput input, CancellationToken ct = default)
    {
        ValidateContact(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.CustomerId == id, ct) ?? throw new NotFoundException("Contact");
        ApplyContact(contact, input);
        await db.SaveChangesAsync(ct);
        return PersonalData.ForCaller(ToDto(contact));
    }

    public async Task DeleteContactAsync(long id, long contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureExistsAsync(db, id, ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.CustomerId == id, ct) ?? throw new NotFoundException("Contact");
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ContactDto>> ContactsAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureExistsAsync(db, id, ct);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == id).OrderBy(c => c.Id)
            .Select(c => new ContactDto(c.Id, c.Name, c.Role, c.Phone, c.Email, c.IsPrimary)).ToListAsync(ct);
        return PersonalData.ForCaller(contacts);
    }

    /// <summary>The unmasked personal fields, for a caller allowed to see them; every reveal is audited.</summary>
    public async Task<CustomerDto> RevealAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var dto = await LoadDtoAsync(db, id, ct, unmasked: true) ?? throw new NotFoundException("Customer");
        if (PersonalData.Masked(db.Scope)) throw new AccessDeniedException(false, "Your role may not see personal data.");
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = db.Scope.UserId > 0 ? db.Scope.UserId : null,
            UserName = db.Scope.UserName,
            Address = db.Scope.Address,
            Action = "reveal",
            Entity = nameof(Customer),
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            After = JsonSerializer.Serialize(new { fields = new[] { "phone", "email", "weChatId", "address", "birthDate", "contacts", "customFields" } }),
        });
        await db.SaveChangesAsync(ct);
        return dto;
    }

    /// <summary>
    /// Merges <paramref name="mergedId"/> into <paramref name="survivorId"/>: the survivor keeps its code; orders,
    /// interactions, contacts, tags, groups, custom values and referrals move; empty profile fields are filled;
    /// the merged customer's profile is kept as a snapshot in the merge record.
    /// </summary>
    public async Task<MergeResult> MergeAsync(long survivorId, long mergedId, IReadOnlyCollection<string>? fields = null, long? byUserId = null, CancellationToken ct = default)
    {
        if (survivorId == mergedId) throw ValidationException.For("mergedId", "A customer cannot be merged into itself.");
        fields ??= [];
        if (fields.FirstOrDefault(f => !MergeFields.All.Contains(f)) is { } unknown)
        {
            throw ValidationException.For("fields", $"Unknown field '{unknown}'; choose from {string.Join(", ", MergeFields.All)}.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.EnsureCanEditAsync(survivorId, ct);
        await db.EnsureCanEditAsync(mergedId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var survivor = await db.Customers.FirstOrDefaultAsync(c => c.Id == survivorId, ct) ?? throw new NotFoundException("Customer");
        var merged = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == mergedId, ct) ?? throw new NotFoundException("Customer to merge");
        var snapshot = JsonSerializer.Serialize((await LoadDtoAsync(db, mergedId, ct))!);

        var (orders, interactions, contacts) = await db.MoveRecordsForMergeAsync(survivorId, mergedId, ct);

        var fromMerged = MergeFields.Apply(survivor, merged, fields, FieldLimits.Notes);
        if (survivor.ReferredById == mergedId) survivor.ReferredById = merged.ReferredById == survivorId ? null : merged.ReferredById;
        survivor.ExternalId ??= merged.ExternalId;
        db.CustomerMerges.Add(new CustomerMerge
        {
            SurvivorId = survivorId,
            MergedId = mergedId,
            MergedCode = merged.Code,
            MergedSnapshot = snapshot,
            OrdersMoved = orders,
            InteractionsMoved = interactions,
            ContactsMoved = contacts,
            MergedByUserId = byUserId ?? (db.Scope.UserId > 0 ? db.Scope.UserId : null),
            MergedAt = time.GetUtcNow().UtcDateTime,
        });
        // The merged row must go before the survivor takes over its unique external id.
        var externalId = survivor.ExternalId;
        if (externalId == merged.ExternalId) survivor.ExternalId = null;
        await db.DeleteMergedAsync(mergedId, ct);
        survivor.ExternalId = externalId;
        db.Entry(survivor).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync("merge", nameof(Customer), survivorId.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { survivorId, mergedId, mergedCode = merged.Code, mergedName = merged.Name, fields = fromMerged, orders, interactions, contacts }, ct: ct);
        return new MergeResult((await LoadDtoAsync(db, survivorId, ct))!, merged.Code, orders, interactions, contacts);
    }

    /// <summary>The staff who can own customers, by name (for pickers and the owner column).</summary>
    public async Task<IReadOnlyList<StaffRef>> StaffAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Take(1000)
            .Select(u => new StaffRef(u.Id, u.DisplayName == "" ? u.UserName ?? "" : u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>
    /// What a merge of <paramref name="mergedId"/> would move, shown before the user confirms it; with the survivor, the
    /// profile fields side by side for the field picker (personal values masked for a viewer who may not see them).
    /// </summary>
    public async Task<MergePreview> MergePreviewAsync(long mergedId, long? survivorId = null, CancellationToken ct = default)
    {
        if (survivorId == mergedId) throw ValidationException.For("with", "A customer cannot be merged into itself.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var merged = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == mergedId, ct)
            ?? throw new NotFoundException("Customer to merge");
        IReadOnlyList<MergeFieldValues> fields = [];
        if (survivorId is { } sid)
        {
            var survivor = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sid, ct) ?? throw new NotFoundException("Customer");
            var ownerIds = new[] { survivor.OwnerId, merged.OwnerId }.OfType<long>().ToList();
            var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.DisplayName == "" ? u.UserName ?? "" : u.DisplayName, ct);
            MergeProfile Profile(Customer c) => PersonalData.ForCaller(MergeProfile.Of(f =>
                MergeFields.ValueOf(c, f) is { } value && f == "owner" ? owners.GetValueOrDefault(value, "#" + value) : MergeFields.ValueOf(c, f)));
            var (mine, theirs) = (Profile(survivor).Values(), Profile(merged).Values());
            fields = MergeFields.All.Select((f, i) => new MergeFieldValues(f, mine[i], theirs[i])).ToList();
        }
        return new MergePreview(mergedId, merged.Code, merged.Name,
            await db.Orders.CountAsync(o => o.CustomerId == mergedId, ct),
            await db.Interactions.CountAsync(i => i.CustomerId == mergedId, ct),
            await db.Contacts.CountAsync(c => c.CustomerId == mergedId, ct),
            await db.CustomerTags.CountAsync(t => t.CustomerId == mergedId, ct),
            await db.CustomerGroupMembers.CountAsync(m => m.CustomerId == mergedId, ct)) { Fields = fields };
    }

    /// <summary>
    /// The merges into this customer, newest first, read from the audit rows the merges wrote: who, when, which customer,
    /// which fields came from it. Visible to whoever may see the customer.
    /// </summary>
    public async Task<IReadOnlyList<MergeHistoryEntry>> MergeHistoryAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) throw new NotFoundException("Customer");
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "merge" && e.Entity == nameof(Customer) && e.EntityId == key)
            .OrderByDescending(e => e.Id).Take(50).Select(e => new { e.At, e.UserName, e.After }).ToListAsync(ct);
        var history = new List<MergeHistoryEntry>(rows.Count);
        foreach (var r in rows)
        {
            if (r.After is null) continue;
            using var doc = JsonDocument.Parse(r.After);
            var root = doc.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var fields = root.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
                ? f.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList() : [];
            history.Add(new MergeHistoryEntry(r.At, r.UserName, Text("mergedCode") ?? "", Text("mergedName"), fields));
        }
        return history;
    }

    /// <summary>
    /// First and last purchase, order count, total and average spend of one customer: their orders read once, each
    /// converted to the base currency as the rollups convert it (its month's rate, rounded per order); orders without a
    /// rate are counted and left out of the money, and the average is over the orders converted.
    /// </summary>
    public async Task<CustomerFigures> FiguresAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == id)
            .Select(o => new { o.OrderedAt, o.AmountCents, o.Currency }).ToListAsync(ct);
        if (orders.Count == 0) return new CustomerFigures(0, null, null, 0m, null);
        var rates = await currencies.LoadAsync(ct);
        long cents = 0;
        int unconverted = 0;
        foreach (var o in orders)
        {
            if (rates.TryConvert(o.Currency, DateOnly.FromDateTime(o.OrderedAt).DayNumber, o.AmountCents, out var converted)) cents += converted;
            else unconverted++;
        }
        int counted = orders.Count - unconverted;
        return new CustomerFigures(orders.Count, orders.Min(o => o.OrderedAt), orders.Max(o => o.OrderedAt), cents / 100m,
            counted == 0 ? null : decimal.Round(cents / 100m / counted, 2), unconverted);
    }

    private readonly KeptPerReach<bool, Overview> _overviews = new(time);

    /// <summary>
    /// The home page's figures: whole-table counts, once per visit, not per list page. A caller who sees every customer
    /// reads the order count and the revenue from the kept monthly order facts (<see cref="OrderMonthFact"/>, a few hundred
    /// rows); a narrower reach counts its own orders, which the orders' query filter limits. One answer is still kept per
    /// reach and day for ten minutes (the customer counts, and a narrower reach's order figures, read rows); an empty
    /// database is never kept, so a first import shows at once.
    /// </summary>
    public Task<Overview> OverviewAsync(CancellationToken ct = default) =>
        _overviews.GetAsync(true, (scope, today) => CountOverviewAsync(scope.SeesAll, today, ct), figures => figures.Customers > 0);

    /// <summary>The revenue window: the last 12 calendar months, the current one included (the same for every reach).</summary>
    public static (DateOnly From, DateOnly Until) RevenueMonths(DateOnly today)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return (current.AddMonths(-11), current.AddMonths(1));
    }

    private async Task<Overview> CountOverviewAsync(bool seesAll, DateOnly today, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (from, until) = RevenueMonths(today);
        var customers = await db.Customers.LongCountAsync(ct);
        var orders = seesAll
            ? await db.OrderMonthFacts.SumAsync(f => f.OrderCount, ct)
            : await db.Orders.LongCountAsync(ct);
        var sums = await OrderMonthSums.ReadAsync(db, seesAll, from, until, ct);
        // Per currency and month, each converted with the month's rate; a month without one is counted, not summed.
        var rates = await currencies.LoadAsync(ct);
        var (cents, unconverted) = rates.SumMonths(sums);

        var byKind = await db.Customers.GroupBy(c => c.Kind).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        var byOwner = await db.Customers.GroupBy(c => c.OwnerId).Select(g => new { g.Key, N = g.LongCount() })
            .OrderByDescending(x => x.N).Take(10).ToListAsync(ct);
        return new Overview(customers, orders, cents / 100m,
            byKind.OrderBy(k => k.Key).Select(k => new KindCount(k.Key, k.N)).ToList(),
            byOwner.Select(o => new OwnerCount(o.Key, o.N)).ToList(), rates.Base, unconverted);
    }

    /// <summary>Adds one tag to many customers in one statement per chunk; returns how many gained it.</summary>
    public async Task<int> AddTagToManyAsync(IReadOnlyCollection<long> ids, string tag, CancellationToken ct = default)
    {
        var clean = NormalizeTags([tag]);
        if (clean.Count == 0 || clean[0].Length > FieldLimits.Tag)
            throw ValidationException.For("tag", $"A tag is 1 to {FieldLimits.Tag} characters.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var added = 0;
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var have = await db.CustomerTags.Where(t => chunk.Contains(t.CustomerId) && t.Tag == clean[0]).Select(t => t.CustomerId).ToListAsync(ct);
            var exist = await db.Customers.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            var missing = exist.Except(have).ToList();
            db.CustomerTags.AddRange(missing.Select(id => new CustomerTag { CustomerId = id, Tag = clean[0] }));
            await db.SaveChangesAsync(ct);
            added += missing.Count;
        }
        return added;
    }

    public async Task<int> AddManyToGroupAsync(IReadOnlyCollection<long> ids, long groupId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.CustomerGroups.AnyAsync(g => g.Id == groupId, ct)) throw ValidationException.For("groupId", "No such group.");
        var added = 0;
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var have = await db.CustomerGroupMembers.Where(m => chunk.Contains(m.CustomerId) && m.GroupId == groupId).Select(m => m.CustomerId).ToListAsync(ct);
            var exist = await db.Customers.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            var missing = exist.Except(have).ToList();
            db.CustomerGroupMembers.AddRange(missing.Select(id => new CustomerGroupMember { CustomerId = id, GroupId = groupId }));
            await db.SaveChangesAsync(ct);
            added += missing.Count;
        }
        return added;
    }

    /// <summary>
    /// Gives many customers a new owner (null = none); bumps their versions like any edit. Needs the right to assign
    /// owners and edit rights on every customer (all or nothing); a manager assigns only to members of their subtree.
    /// </summary>
    public async Task<int> ReassignOwnerAsync(IReadOnlyCollection<long> ids, long? ownerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.AssignOwner);
        if (ownerId is { } owner) await OwnerRule.EnsureAssignableAsync(db, owner, ct);
        return await db.ReassignOwnerAsync(ids, ownerId, time.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Every tag in use with the number of customers carrying it.</summary>
    public async Task<IReadOnlyList<TagCount>> TagsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CustomerTags.AsNoTracking().GroupBy(t => t.Tag).OrderBy(g => g.Key)
            .Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new TagCount(r.Key, r.N)).ToList();
    }

    /// <summary>Renames a tag on every customer (admin: it reaches customers beyond anyone's scope); where a customer already has the new name the old one just goes.</summary>
    public async Task RenameTagAsync(string from, string to, CancellationToken ct = default)
    {
        var clean = NormalizeTags([to]);
        if (clean.Count == 0 || clean[0].Length > FieldLimits.Tag)
            throw ValidationException.For("tag", $"A tag is 1 to {FieldLimits.Tag} characters.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.RenameTagEverywhereAsync(from, clean[0], time.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Removes a tag from every customer (admin: it reaches customers beyond anyone's scope).</summary>
    public async Task DeleteTagAsync(string tag, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.DeleteTagEverywhereAsync(tag, time.GetUtcNow().UtcDateTime, ct);
    }

    internal static void Apply(Customer c, CustomerInput input)
    {
        c.Name = input.Name!.Trim();
        c.Kind = input.Kind;
        c.Relationship = input.Relationship;
        c.SetPhone(input.Phone);
        c.SetEmail(input.Email);
        c.WeChatId = Clean(input.WeChatId);
        c.Address = Clean(input.Address);
        c.Province = Clean(input.Province);
        c.City = Clean(input.City);
        c.Industry = Clean(input.Industry);
        c.CompanySize = input.CompanySize;
        c.Source = Clean(input.Source);
        c.OwnerId = input.OwnerId;
        c.BirthDate = input.BirthDate;
        c.Notes = Clean(input.Notes);
        c.ReferredById = input.ReferredById;
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static List<string> NormalizeTags(IEnumerable<string>? tags) =>
        tags is null ? [] : tags.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static void ValidateContact(ContactInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "A contact needs a name.");
        errors.MaxLength("name", input.Name, FieldLimits.Name);
        errors.MaxLength("role", input.Role, FieldLimits.ContactRole);
        errors.MaxLength("phone", input.Phone, FieldLimits.Phone);
        errors.MaxLength("email", input.Email, FieldLimits.Email);
        if (Clean(input.Phone) is { } phone && !PhoneNumber.LooksValid(phone)) errors.Add("phone", "A phone number needs at least 5 digits.");
        if (Clean(input.Email) is { } email && !EmailAddress.LooksValid(email)) errors.Add("email", "Not a valid email address.");
        errors.ThrowIfAny();
    }

    private static void ApplyContact(Contact contact, ContactInput input)
    {
        contact.Name = input.Name!.Trim();
        contact.Role = Clean(input.Role);
        contact.Phone = Clean(input.Phone);
        contact.PhoneDigits = PhoneNumber.Digits(contact.Phone);
        contact.Email = Clean(input.Email);
        contact.IsPrimary = input.IsPrimary;
    }

    private static ContactDto ToDto(Contact c) => new(c.Id, c.Name, c.Role, c.Phone, c.Email, c.IsPrimary);

    private static async Task EnsureExistsAsync(GuanxiDbContext db, long id, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) throw new NotFoundException("Customer");
    }

    internal static async Task<CustomerDto?> LoadDtoAsync(GuanxiDbContext db, long id, CancellationToken ct, bool unmasked = false)
    {
        // One query for the record and its collections (a customer page is read far more often than written).
        var row = await db.Customers.AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            Customer = x,
            Tags = db.CustomerTags.Where(t => t.CustomerId == x.Id).OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
            Groups = db.CustomerGroupMembers.Where(m => m.CustomerId == x.Id)
                .Join(db.CustomerGroups, m => m.GroupId, g => g.Id, (m, g) => g).OrderBy(g => g.Name).Select(g => new GroupRef(g.Id, g.Name)).ToList(),
            Contacts = db.Contacts.Where(k => k.CustomerId == x.Id).OrderBy(k => k.Id)
                .Select(k => new ContactDto(k.Id, k.Name, k.Role, k.Phone, k.Email, k.IsPrimary)).ToList(),
            Fields = db.CustomFieldValues.Where(v => v.CustomerId == x.Id)
                .Join(db.CustomFieldDefinitions, v => v.FieldId, d => d.Id, (v, d) => new { d.Key, v.Value }).ToList(),
        }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var (c, tags, groups, contacts, fields) = (row.Customer, row.Tags, row.Groups, row.Contacts, row.Fields);
        var dto = new CustomerDto(c.Id, c.Code, c.ExternalId, c.Name, c.Kind, c.Relationship, c.Phone, c.Email, c.WeChatId, c.Address,
            c.Province, c.City, c.Industry, c.CompanySize, c.Source, c.OwnerId, c.BirthDate, c.Notes, c.ReferredById,
            c.CreatedAt, c.UpdatedAt, c.Version, tags, groups, contacts,
            fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        return unmasked ? dto : PersonalData.ForCaller(dto);
    }
}
