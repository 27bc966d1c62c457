using Guanxi.Security;
using System.Globalization;
using Guanxi.Common;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Customers;
using Guanxi.Data.Security;
using Guanxi.Domain.Customers;
using Guanxi.Interactions;
using Guanxi.Orders;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Privacy;

public sealed record ConsentDto(long Id, long CustomerId, string Channel, string Purpose, DateTime GivenAt, DateTime? WithdrawnAt, [property: Security.PersonalData(Security.PersonalKind.FreeText)] string? How);

public sealed record ConsentInput(string? Channel, string? Purpose, string? How, DateTime? GivenAt);

public sealed record WithdrawInput(string? How);

/// <summary>Everything held about one customer (GDPR Art. 15/20, PIPL Art. 45), as one JSON document.</summary>
public sealed record PersonalDataExport(
    DateTime ExportedAt,
    CustomerDto Customer,
    IReadOnlyList<OrderDto> Orders,
    IReadOnlyList<InteractionDto> Interactions,
    IReadOnlyList<ConsentDto> Consents,
    IReadOnlyList<Security.ShareDto> Shares,
    IReadOnlyList<Audit.AuditEventDto> AccessLog);

public sealed record ErasureResult(long CustomerId, string Code, int ContactsRemoved, int CustomFieldsRemoved, int OrdersKept, DateTime ErasedAt);

/// <summary>Consent records, the personal-data export and erasure (right to be forgotten).</summary>
public sealed class PrivacyService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time, Audit.AuditLog audit, Service.ServiceAttachments attachments)
{
    public const string ErasedName = "已删除客户 / Erased customer";
    public static readonly string[] Channels = ["sms", "email", "phone", "wechat", "mail"];

    public async Task<IReadOnlyList<ConsentDto>> ConsentsAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        return Security.PersonalData.ForCaller(await ConsentsOfAsync(db, customerId, ct));
    }

    public async Task<ConsentDto> GiveConsentAsync(long customerId, ConsentInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var channel = input.Channel?.Trim().ToLowerInvariant();
        if (channel is null || !Channels.Contains(channel)) e.Add("channel", "The channel is one of: " + string.Join(", ", Channels) + ".");
        var purpose = input.Purpose?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(purpose) || purpose.Length > 40) e.Add("purpose", "A purpose (e.g. marketing) of 1 to 40 characters is required.");
        e.MaxLength("how", input.How, 200);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        var consent = new ConsentRecord
        {
            CustomerId = customerId,
            Channel = channel!,
            Purpose = purpose!,
            How = input.How?.Trim(),
            GivenAt = input.GivenAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : time.GetUtcNow().UtcDateTime,
        };
        db.Consents.Add(consent);
        await db.SaveChangesAsync(ct);
        return ToDto(consent);
    }

    public async Task<ConsentDto> WithdrawConsentAsync(long customerId, long consentId, string? how, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == consentId && c.CustomerId == customerId, ct) ?? throw new NotFoundException("Consent");
        consent.WithdrawnAt ??= time.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrWhiteSpace(how)) consent.How = (consent.How is null ? "" : consent.How + "; ") + "withdrawn: " + how.Trim();
        if (consent.How?.Length > 200) consent.How = consent.How[..200];
        await db.SaveChangesAsync(ct);
        return ToDto(consent);
    }

    public async Task<PersonalDataExport> ExportAsync(long customerId, CustomerService customers, OrderService orders, InteractionService interactions, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        if (Security.PersonalData.Masked(db.Scope)) throw new AccessDeniedException(false, "Your role may not see personal data.");
        var customer = await CustomerService.LoadDtoAsync(db, customerId, ct, unmasked: true);
        var orderList = new List<OrderDto>();
        for (string? after = null; ;)
        {
            var page = await orders.ListAsync(customerId, after, 200, ct);
            orderList.AddRange(page.Items);
            if ((after = page.NextCursor) is null) break;
        }
        var interactionList = new List<InteractionDto>();
        for (string? after = null; ;)
        {
            var page = await interactions.ListAsync(customerId, after, 200, ct);
            interactionList.AddRange(page.Items);
            if ((after = page.NextCursor) is null) break;
        }
        var id = customerId.ToString(CultureInfo.InvariantCulture);
        var shares = await db.CustomerShares.AsNoTracking().Where(s => s.CustomerId == customerId)
            .Select(s => new Security.ShareDto(s.Id, s.CustomerId, s.UserId, s.TeamId, s.Access)).ToListAsync(ct);
        var log = await db.AuditEvents.AsNoTracking().Where(a => a.Entity == nameof(Customer) && a.EntityId == id).OrderBy(a => a.Id)
            .Select(a => new Audit.AuditEventDto(a.Id, a.At, a.UserId, a.UserName, null, a.Action, a.Entity, a.EntityId, null, null)).ToListAsync(ct);
        await audit.RecordAsync("personal-data-export", nameof(Customer), id, ct: ct);
        return new PersonalDataExport(time.GetUtcNow().UtcDateTime, customer!, orderList, interactionList, await ConsentsOfAsync(db, customerId, ct), shares, log);
    }

    /// <summary>
    /// Anonymises a customer: the name becomes a fixed placeholder (the code stays, so orders still add up per
    /// customer), every contact detail, note, contact person, custom value and merge snapshot is removed, interaction
    /// and service request texts are blanked, request attachments deleted. Orders stay for statistics. Set-based updates, so no before-image with personal data is
    /// written to the audit trail; one "erase" event records who did it and when.
    /// </summary>
    public async Task<ErasureResult> EraseAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.EraseCustomers);
        await db.EnsureCanEditAsync(customerId, ct);
        var code = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Code).FirstAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (contacts, fields, _, serviceRequests, files) = await db.EraseIdentityAsync(customerId, ErasedName, now, ct);
        var ordersKept = await db.Orders.CountAsync(o => o.CustomerId == customerId, ct);
        await tx.CommitAsync(ct);
        // The files go once their rows are gone for good; a file left by a crash here is unreachable (no row names it).
        attachments.DeleteFiles(files);
        await audit.RecordAsync("erase", nameof(Customer), customerId.ToString(CultureInfo.InvariantCulture), null,
            new { code, contacts, customFields = fields, ordersKept, serviceRequests, attachments = files.Count }, ct: ct);
        return new ErasureResult(customerId, code, contacts, fields, ordersKept, now);
    }

    private static async Task<IReadOnlyList<ConsentDto>> ConsentsOfAsync(GuanxiDbContext db, long customerId, CancellationToken ct) =>
        await db.Consents.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id)
            .Select(c => new ConsentDto(c.Id, c.CustomerId, c.Channel, c.Purpose, c.GivenAt, c.WithdrawnAt, c.How)).ToListAsync(ct);

    private static ConsentDto ToDto(ConsentRecord c) => new(c.Id, c.CustomerId, c.Channel, c.Purpose, c.GivenAt, c.WithdrawnAt, c.How);
}

public static class PrivacyApi
{
    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers/{id:long}").WithTags("Privacy");
        g.MapGet("/consents", async (long id, PrivacyService s, CancellationToken ct) => TypedResults.Ok(await s.ConsentsAsync(id, ct))).Requires(Right.ViewCustomers);
        g.MapPost("/consents", async (long id, ConsentInput body, PrivacyService s, CancellationToken ct) =>
        {
            var consent = await s.GiveConsentAsync(id, body, ct);
            return TypedResults.Created($"/api/v1/customers/{id}/consents/{consent.Id}", consent);
        }).Requires(Right.EditCustomers);
        g.MapPost("/consents/{consentId:long}/withdraw", async (long id, long consentId, WithdrawInput body, PrivacyService s, CancellationToken ct) =>
            TypedResults.Ok(await s.WithdrawConsentAsync(id, consentId, body.How, ct))).Requires(Right.EditCustomers);
        g.MapGet("/personal-data", async (long id, PrivacyService s, CustomerService customers, OrderService orders, InteractionService interactions, CancellationToken ct) =>
            TypedResults.Ok(await s.ExportAsync(id, customers, orders, interactions, ct))).WithName("ExportPersonalData").Requires(Right.ViewPersonalData);
        g.MapPost("/erase", async (long id, PrivacyService s, CancellationToken ct) => TypedResults.Ok(await s.EraseAsync(id, ct))).WithName("EraseCustomer").Requires(Right.EraseCustomers);
        g.MapGet("/reveal", async (long id, CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.RevealAsync(id, ct))).WithName("RevealCustomer").Requires(Right.ViewPersonalData);
        return api;
    }
}
