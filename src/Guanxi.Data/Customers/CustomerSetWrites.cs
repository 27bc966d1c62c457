using System.Globalization;
using System.Text.Json;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Customers;

/// <summary>
/// The set-based writes to customers' records (one statement for many rows, below the change tracker), each behind the
/// same guard as a tracked save: the caller's right from <see cref="Rights"/>, the customers limited to those the
/// caller may edit (404 for one out of sight, 403 for one only to read), and an audit row in the same transaction.
/// Features call these; they never issue ExecuteUpdate/ExecuteDelete themselves (DataSeamTests).
/// </summary>
public static class CustomerSetWrites
{
    /// <summary>Gives many customers a new owner (null = none), bumping their versions; all or nothing.</summary>
    public static async Task<int> ReassignOwnerAsync(this GuanxiDbContext db, IReadOnlyCollection<long> ids, long? ownerId, DateTime now, CancellationToken ct)
    {
        db.Demand(Right.AssignOwner);
        var wanted = ids.Distinct().ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = 0;
        foreach (var chunk in wanted.Chunk(500))
        {
            var before = await db.EditableCustomers().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.OwnerId }).ToListAsync(ct);
            if (before.Count < chunk.Length) await RefuseAsync(db, chunk.Except(before.Select(b => b.Id)).First(), ct);
            changed += await db.Customers.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.OwnerId, ownerId)
                .SetProperty(c => c.Version, c => c.Version + 1)
                .SetProperty(c => c.UpdatedAt, now), ct);
            foreach (var b in before.Where(b => b.OwnerId != ownerId))
            {
                db.AuditEvents.Add(Event(db, now, "update", nameof(Customer), b.Id, new { OwnerId = b.OwnerId }, new { OwnerId = ownerId }));
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return changed;
    }

    /// <summary>Renames a tag on every customer (a company-wide setting); where one already has the new name the old one just goes.</summary>
    public static async Task<int> RenameTagEverywhereAsync(this GuanxiDbContext db, string from, string to, DateTime now, CancellationToken ct)
    {
        db.Demand(Right.ManageSettings);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var carriers = await db.CustomerTags.CountAsync(t => t.Tag == from, ct);
        await db.ExecuteAsync(
            "INSERT INTO customer_tags (customer_id, tag) SELECT customer_id, @to FROM customer_tags t WHERE t.tag = @from " +
            "AND NOT EXISTS (SELECT 1 FROM customer_tags x WHERE x.customer_id = t.customer_id AND x.tag = @to)",
            ct, ("@to", to), ("@from", from));
        if (to != from) await db.CustomerTags.Where(t => t.Tag == from).ExecuteDeleteAsync(ct);
        db.AuditEvents.Add(Event(db, now, "tag-rename", "Tag", null, new { tag = from, customers = carriers }, new { tag = to }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return carriers;
    }

    /// <summary>Removes a tag from every customer (a company-wide setting).</summary>
    public static async Task<int> DeleteTagEverywhereAsync(this GuanxiDbContext db, string tag, DateTime now, CancellationToken ct)
    {
        db.Demand(Right.ManageSettings);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.CustomerTags.Where(t => t.Tag == tag).ExecuteDeleteAsync(ct);
        db.AuditEvents.Add(Event(db, now, "tag-delete", "Tag", null, new { tag, customers = removed }, null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return removed;
    }

    /// <summary>The duplicate pairs a customer is part of go with it (or with its merge).</summary>
    public static async Task DropDuplicatePairsAsync(this GuanxiDbContext db, long customerId, CancellationToken ct)
    {
        await db.EnsureCanEditAsync(customerId, ct);
        await db.DuplicateCandidates.Where(d => d.CustomerId == customerId || d.DuplicateOfId == customerId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Marks a suggested duplicate pair dismissed; the caller must be able to edit both customers.</summary>
    public static async Task<bool> DismissDuplicateAsync(this GuanxiDbContext db, long candidateId, DateTime now, CancellationToken ct)
    {
        db.Demand(Right.EditCustomers);
        var pair = await db.DuplicateCandidates.AsNoTracking().Where(d => d.Id == candidateId && d.Status == DuplicateStatus.Open).Select(d => new { d.CustomerId, d.DuplicateOfId }).FirstOrDefaultAsync(ct);
        if (pair is null) return false;
        await db.EnsureCanEditAsync(pair.CustomerId, ct);
        await db.EnsureCanEditAsync(pair.DuplicateOfId, ct);
        await db.DuplicateCandidates.Where(d => d.Id == candidateId && d.Status == DuplicateStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DuplicateStatus.Dismissed), ct);
        db.AuditEvents.Add(Event(db, now, "duplicate-dismiss", nameof(DuplicateCandidate), candidateId, null, new { pair.CustomerId, pair.DuplicateOfId }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Moves the merged customer's orders, interactions, contacts, service requests, surveys, opportunities, grade history, referrals, tags, groups and custom-field values to the
    /// survivor and deletes the merged row; the caller must be able to edit both. Run inside the caller's transaction.
    /// </summary>
    public static async Task<(int Orders, int Interactions, int Contacts)> MoveRecordsForMergeAsync(this GuanxiDbContext db, long survivorId, long mergedId, CancellationToken ct)
    {
        db.Demand(Right.EditCustomers);
        await db.EnsureCanEditAsync(survivorId, ct);
        await db.EnsureCanEditAsync(mergedId, ct);
        var orders = await db.Orders.Where(o => o.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, survivorId), ct);
        var interactions = await db.Interactions.Where(i => i.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, survivorId), ct);
        var contacts = await db.Contacts.Where(c => c.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivorId), ct);
        // The service desk follows: requests (their notes and history with them) and satisfaction surveys.
        await db.ServiceRequests.Where(r => r.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, survivorId), ct);
        await db.SatisfactionSurveys.Where(v => v.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, survivorId), ct);
        // Sales follows: opportunities (their competitors, products and stage history with them) and the grade history.
        await db.Opportunities.Where(o => o.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, survivorId), ct);
        await db.CustomerGradeChanges.Where(g => g.CustomerId == mergedId).ExecuteUpdateAsync(s => s.SetProperty(g => g.CustomerId, survivorId), ct);
        await db.Customers.Where(c => c.ReferredById == mergedId && c.Id != survivorId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReferredById, survivorId), ct);
        await db.ExecuteAsync(
            "INSERT INTO customer_tags (customer_id, tag) SELECT @s, tag FROM customer_tags t WHERE t.customer_id = @m " +
            "AND NOT EXISTS (SELECT 1 FROM customer_tags x WHERE x.customer_id = @s AND x.tag = t.tag)",
            ct, ("@s", survivorId), ("@m", mergedId));
        await db.ExecuteAsync(
            "INSERT INTO customer_group_members (customer_id, group_id) SELECT @s, group_id FROM customer_group_members g WHERE g.customer_id = @m " +
            "AND NOT EXISTS (SELECT 1 FROM customer_group_members x WHERE x.customer_id = @s AND x.group_id = g.group_id)",
            ct, ("@s", survivorId), ("@m", mergedId));
        await db.ExecuteAsync(
            "INSERT INTO custom_field_values (customer_id, field_id, value) SELECT @s, field_id, value FROM custom_field_values v WHERE v.customer_id = @m " +
            "AND NOT EXISTS (SELECT 1 FROM custom_field_values x WHERE x.customer_id = @s AND x.field_id = v.field_id)",
            ct, ("@s", survivorId), ("@m", mergedId));
        await db.DuplicateCandidates
            .Where(d => (d.CustomerId == mergedId && d.DuplicateOfId == survivorId) || (d.CustomerId == survivorId && d.DuplicateOfId == mergedId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DuplicateStatus.Merged), ct);
        await db.DuplicateCandidates.Where(d => d.CustomerId == mergedId || d.DuplicateOfId == mergedId).ExecuteDeleteAsync(ct);
        return (orders, interactions, contacts);
    }

    /// <summary>Deletes the merged customer's row once its records moved (part of a merge).</summary>
    public static async Task DeleteMergedAsync(this GuanxiDbContext db, long mergedId, CancellationToken ct)
    {
        await db.EnsureCanEditAsync(mergedId, ct);
        await db.Customers.Where(c => c.Id == mergedId).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Erases a customer's identity (PIPL/GDPR): name replaced, contact data, notes, birth date and external id cleared,
    /// contacts and custom-field values removed, interaction texts blanked, service request texts, notes and history
    /// notes blanked and attachments removed (the caller deletes their files after the commit), merge snapshots emptied,
    /// duplicate pairs dropped; orders, and requests with their dates and SLA figures, stay for statistics. Returns the
    /// numbers removed or blanked and the stored names of the removed attachment files.
    /// </summary>
    public static async Task<(int Contacts, int Fields, int Interactions, int ServiceRequests, IReadOnlyList<string> AttachmentFiles)> EraseIdentityAsync(this GuanxiDbContext db, long customerId, string erasedName, DateTime now, CancellationToken ct)
    {
        db.Demand(Right.EraseCustomers);
        await db.EnsureCanEditAsync(customerId, ct);
        var erasedPinyin = Pinyin.Of(erasedName);
        await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Name, erasedName)
            .SetProperty(c => c.NamePinyin, erasedPinyin.Full)
            .SetProperty(c => c.NameInitials, erasedPinyin.Initials)
            .SetProperty(c => c.ExternalId, (string?)null)
            .SetProperty(c => c.Phone, (string?)null)
            .SetProperty(c => c.PhoneDigits, (string?)null)
            .SetProperty(c => c.Email, (string?)null)
            .SetProperty(c => c.EmailNormalized, (string?)null)
            .SetProperty(c => c.WeChatId, (string?)null)
            .SetProperty(c => c.Address, (string?)null)
            .SetProperty(c => c.Notes, (string?)null)
            .SetProperty(c => c.BirthDate, (DateOnly?)null)
            .SetProperty(c => c.UpdatedAt, now)
            .SetProperty(c => c.Version, c => c.Version + 1), ct);
        var contacts = await db.Contacts.Where(k => k.CustomerId == customerId).ExecuteDeleteAsync(ct);
        var fields = await db.CustomFieldValues.Where(v => v.CustomerId == customerId).ExecuteDeleteAsync(ct);
        var interactions = await db.Interactions.Where(i => i.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Subject, "—").SetProperty(i => i.Body, (string?)null), ct);
        // Survey comments are the customer's words; the scores stay for the results.
        await db.SatisfactionSurveys.Where(v => v.CustomerId == customerId && v.Comment != null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Comment, (string?)null), ct);
        // Service requests: what the customer said and what was written about them goes; the dates and figures stay.
        var requests = db.ServiceRequests.Where(r => r.CustomerId == customerId);
        var requestCount = await requests.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Subject, "—")
            .SetProperty(r => r.Description, (string?)null)
            .SetProperty(r => r.Apology, (string?)null)
            .SetProperty(r => r.Remedy, (string?)null)
            .SetProperty(r => r.VisitOutcome, (string?)null)
            .SetProperty(r => r.UpdatedAt, now)
            .SetProperty(r => r.Version, r => r.Version + 1), ct);
        await db.ServiceRequestNotes.Where(n => requests.Any(r => r.Id == n.RequestId)).ExecuteUpdateAsync(s => s.SetProperty(n => n.Body, "—"), ct);
        await db.ServiceRequestEvents.Where(e => e.Note != null && requests.Any(r => r.Id == e.RequestId)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Note, (string?)null), ct);
        var attachments = db.ServiceAttachments.Where(a => requests.Any(r => r.Id == a.RequestId));
        var files = await attachments.Select(a => a.StoredName).ToListAsync(ct);
        await attachments.ExecuteDeleteAsync(ct);
        await db.CustomerMerges.Where(m => m.SurvivorId == customerId || m.MergedId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.MergedSnapshot, "{}"), ct);
        await db.DuplicateCandidates.Where(d => d.CustomerId == customerId || d.DuplicateOfId == customerId).ExecuteDeleteAsync(ct);
        return (contacts, fields, interactions, requestCount, files);
    }

    private static async Task RefuseAsync(GuanxiDbContext db, long customerId, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new AccessDeniedException(true, "Customer was not found.");
        throw new AccessDeniedException(false, "You may see but not change this customer.");
    }

    internal static AuditEvent Event(GuanxiDbContext db, DateTime now, string action, string entity, long? id, object? before, object? after) => new()
    {
        At = now,
        UserId = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        UserName = db.Scope.UserName,
        Address = db.Scope.Address,
        Action = action,
        Entity = entity,
        EntityId = id?.ToString(CultureInfo.InvariantCulture),
        Before = before is null ? null : JsonSerializer.Serialize(before, AuditInterceptor.Json),
        After = after is null ? null : JsonSerializer.Serialize(after, AuditInterceptor.Json),
    };
}
