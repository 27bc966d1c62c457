using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Common;
using Guanxi.Domain.Interactions;
using Guanxi.Domain.Maintenance;
using Guanxi.Hosting;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Interactions;

public sealed record InteractionDto(
    long Id,
    long CustomerId,
    InteractionChannel Channel,
    InteractionDirection Direction,
    [property: PersonalData(PersonalKind.FreeText)] string Subject,
    [property: PersonalData(PersonalKind.FreeText)] string? Body,
    long? StaffUserId,
    DateTime OccurredAt,
    DateTime CreatedAt,
    long? ContactId = null,
    ContactOutcome? Outcome = null);

public sealed record InteractionInput
{
    public long CustomerId { get; init; }
    public InteractionChannel Channel { get; init; }
    public InteractionDirection Direction { get; init; }
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public long? StaffUserId { get; init; }

    /// <summary>Local business time; now when omitted; never in the future.</summary>
    public DateTime? OccurredAt { get; init; }

    /// <summary>The contact person spoken to: one of the customer's contacts.</summary>
    public long? ContactId { get; init; }

    public ContactOutcome? Outcome { get; init; }

    /// <summary>"Remind me": a task for the caller, created with the interaction (POST only).</summary>
    public FollowUpInput? FollowUp { get; init; }
}

/// <summary>The follow-up task of a logged contact; the title defaults to the contact's subject.</summary>
public sealed record FollowUpInput
{
    public TaskKind Kind { get; init; }
    public string? Title { get; init; }

    /// <summary>Local business time; required.</summary>
    public DateTime? DueAt { get; init; }
}

public sealed record RecentInteraction(
    long Id,
    long CustomerId,
    string CustomerName,
    InteractionChannel Channel,
    [property: PersonalData(PersonalKind.FreeText)] string Subject,
    DateTime OccurredAt);

public sealed record InteractionPage(IReadOnlyList<InteractionDto> Items, string? NextCursor);

public sealed class InteractionService(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time)
{
    public async Task<InteractionPage> ListAsync(long? customerId, string? after, int limit, CancellationToken ct = default) =>
        await ListAsync(customerId, null, after, limit, ct);

    /// <summary>A keyset page, newest first, of one customer's (or everyone's) interactions, of one channel when given.</summary>
    public async Task<InteractionPage> ListAsync(long? customerId, InteractionChannel? channel, string? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 200);
        var q = db.Interactions.AsNoTracking();
        if (customerId is { } cid) q = q.Where(i => i.CustomerId == cid);
        if (channel is { } ch) q = q.Where(i => i.Channel == ch);
        if (!string.IsNullOrEmpty(after))
        {
            var cursor = PageCursor.Decode(after);
            var at = cursor.KeyAsTime();
            q = q.Where(i => i.OccurredAt < at || (i.OccurredAt == at && i.Id < cursor.Id));
        }
        var items = await q.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(limit + 1)
            .Select(i => new InteractionDto(i.Id, i.CustomerId, i.Channel, i.Direction, i.Subject, i.Body, i.StaffUserId, i.OccurredAt, i.CreatedAt, i.ContactId, i.Outcome))
            .ToListAsync(ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.ForTime(items[^1].OccurredAt, items[^1].Id).Encode();
        }
        return PersonalData.ForCaller(new InteractionPage(items, next));
    }

    /// <summary>The newest interactions of all customers, with the customer's name, for the home page.</summary>
    public async Task<IReadOnlyList<RecentInteraction>> RecentAsync(int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Interactions.AsNoTracking()
            .Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new { i.Id, CustomerId = c.Id, c.Name, i.Channel, i.Subject, i.OccurredAt })
            .OrderByDescending(x => x.OccurredAt).ThenByDescending(x => x.Id).Take(Math.Clamp(limit, 1, 50))
            .ToListAsync(ct);
        return PersonalData.ForCaller(rows.Select(x => new RecentInteraction(x.Id, x.CustomerId, x.Name, x.Channel, x.Subject, x.OccurredAt)).ToList());
    }

    public async Task<InteractionDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var i = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Interaction");
        return PersonalData.ForCaller(ToDto(i));
    }

    public async Task<InteractionDto> CreateAsync(InteractionInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        var interaction = new Interaction();
        Apply(interaction, input);
        db.Interactions.Add(interaction);
        if (input.FollowUp is { } f)
        {
            // One SaveChanges for both: the reminder exists exactly when the contact does. The task is the caller's and
            // passes the same gate as any task (WorkTasks).
            var me = db.Scope.UserId > 0 ? db.Scope.UserId : (long?)null;
            db.Tasks.Add(new CustomerTask
            {
                CustomerId = input.CustomerId,
                AssigneeId = me,
                Kind = f.Kind,
                Title = Clip(string.IsNullOrWhiteSpace(f.Title) ? interaction.Subject : f.Title.Trim(), CustomerTask.TitleMaxLength),
                DueAt = DateTime.SpecifyKind(f.DueAt!.Value, DateTimeKind.Unspecified),
                State = TaskState.Open,
                Origin = TaskOrigin.Manual,
                CreatedById = me,
            });
        }
        await db.SaveChangesAsync(ct);
        return ToDto(interaction);
    }

    public async Task<InteractionDto> UpdateAsync(long id, InteractionInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var interaction = await db.Interactions.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Interaction");
        if (input.FollowUp is not null) throw ValidationException.For("followUp", "A follow-up is created with the contact; add a task instead.");
        await ValidateAsync(db, input, ct);
        Apply(interaction, input);
        await db.SaveChangesAsync(ct);
        return ToDto(interaction);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("Interaction");
        db.Interactions.Remove(interaction);
        await db.SaveChangesAsync(ct);
    }

    private async Task ValidateAsync(GuanxiDbContext db, InteractionInput input, CancellationToken ct)
    {
        var e = new FieldErrors();
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) e.Add("customerId", "No such customer.");
        if (!Enum.IsDefined(input.Channel)) e.Add("channel", "Unknown channel.");
        if (!Enum.IsDefined(input.Direction)) e.Add("direction", "Unknown direction.");
        if (string.IsNullOrWhiteSpace(input.Subject)) e.Add("subject", "A subject is required.");
        e.MaxLength("subject", input.Subject?.Trim(), FieldLimits.Subject);
        e.MaxLength("body", input.Body, FieldLimits.Body);
        if (input.StaffUserId is { } staff && !await db.Users.AnyAsync(u => u.Id == staff, ct)) e.Add("staffUserId", "No such user.");
        var now = time.GetLocalNow().DateTime;
        // A minute's grace: a form opened "now" and saved a little later, or a client clock slightly ahead.
        if (input.OccurredAt is { } at && at > now.AddMinutes(1)) e.Add("occurredAt", "A contact cannot be logged in the future.");
        else if (input.OccurredAt is { Year: < 2000 }) e.Add("occurredAt", "Not a plausible time.");
        if (input.ContactId is { } contact && !await db.Contacts.AnyAsync(k => k.Id == contact && k.CustomerId == input.CustomerId, ct))
            e.Add("contactId", "Not a contact of this customer.");
        if (input.Outcome is { } outcome && !Enum.IsDefined(outcome)) e.Add("outcome", "Unknown outcome.");
        if (input.FollowUp is { } f)
        {
            if (!Enum.IsDefined(f.Kind)) e.Add("followUp.kind", "Unknown kind.");
            e.MaxLength("followUp.title", f.Title?.Trim(), CustomerTask.TitleMaxLength);
            if (f.DueAt is not { } due) e.Add("followUp.dueAt", "When should the reminder be due?");
            else if (due < time.Today().ToDateTime(TimeOnly.MinValue) || due.Year > 2100) e.Add("followUp.dueAt", "A reminder is due today or later.");
        }
        e.ThrowIfAny();
    }

    private void Apply(Interaction i, InteractionInput input)
    {
        i.CustomerId = input.CustomerId;
        i.Channel = input.Channel;
        i.Direction = input.Direction;
        i.Subject = input.Subject!.Trim();
        i.Body = string.IsNullOrWhiteSpace(input.Body) ? null : input.Body;
        i.StaffUserId = input.StaffUserId;
        i.ContactId = input.ContactId;
        i.Outcome = input.Outcome;
        i.OccurredAt = DateTime.SpecifyKind(input.OccurredAt ?? time.GetLocalNow().DateTime, DateTimeKind.Unspecified);
    }

    private static InteractionDto ToDto(Interaction i) =>
        new(i.Id, i.CustomerId, i.Channel, i.Direction, i.Subject, i.Body, i.StaffUserId, i.OccurredAt, i.CreatedAt, i.ContactId, i.Outcome);

    /// <summary>The ?channel= of a list: a channel's name (any case), or "wechat" for Chat; unknown names are a 400.</summary>
    public static InteractionChannel? ChannelFilter(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (string.Equals(text, "wechat", StringComparison.OrdinalIgnoreCase)) return InteractionChannel.Chat;
        if (Enum.TryParse<InteractionChannel>(text, ignoreCase: true, out var channel) && Enum.IsDefined(channel) && !char.IsDigit(text[0])) return channel;
        throw ValidationException.For("channel", "Use call, visit, email, chat (wechat), sms, letter, meeting or note.");
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
