using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>Message templates: list, read, create, change, delete, and render one for a customer (a preview).</summary>
public sealed class TemplateService(IDbContextFactory<GuanxiDbContext> contexts)
{
    /// <summary>What a preview shows for the unsubscribe link: each sent message gets its own.</summary>
    public static string PreviewUnsubscribeLink(string language) => language == "zh-CN" ? "[退订链接]" : "[unsubscribe link]";

    public static string ChannelName(MarketingChannel c) => c switch { MarketingChannel.Sms => "sms", MarketingChannel.WeChat => "wechat", _ => "email" };

    public static MarketingChannel? ParseChannel(string? channel) => channel?.Trim().ToLowerInvariant() switch
    {
        "email" => MarketingChannel.Email,
        "sms" => MarketingChannel.Sms,
        "wechat" => MarketingChannel.WeChat,
        _ => null,
    };

    public static IReadOnlyList<TemplatePlaceholderDto> Placeholders(bool chinese) =>
    [
        new(TemplateFields.Name, chinese ? "客户名称" : "the customer's name"),
        new(TemplateFields.Honorific, chinese ? "称呼（自定义字段 honorific，未填时为“尊敬的客户”）" : "the salutation (custom field honorific; else \"Dear customer\")"),
        new(TemplateFields.MemberTier, chinese ? "会员等级（最近一次模型运行）" : "member tier (latest model run)"),
        new(TemplateFields.Points, chinese ? "积分（自定义字段 points，未填时为 0）" : "points (custom field points; else 0)"),
        new(TemplateFields.LastPurchaseDate, chinese ? "最近一次购买日期" : "date of the last purchase"),
        new(TemplateFields.LastPurchaseAmount, chinese ? "最近一次购买金额" : "amount of the last purchase"),
        new(TemplateFields.RecommendedOffer, chinese ? "推荐方案（按客户分层的建议）" : "recommended offer (the next step of the customer's key signal)"),
        new(TemplateFields.UnsubscribeLink, chinese ? "退订链接（每条消息单独生成）" : "unsubscribe link (one per message)"),
    ];

    public async Task<IReadOnlyList<MessageTemplateDto>> ListAsync(string? channel, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.MessageTemplates.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(channel))
        {
            var c = ParseChannel(channel) ?? throw ValidationException.For("channel", "The channel is one of: email, sms, wechat.");
            query = query.Where(t => t.Channel == c);
        }
        var list = await query.OrderBy(t => t.Name).ToListAsync(ct);
        return [.. list.Select(ToDto)];
    }

    public async Task<MessageTemplateDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ToDto(await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Template"));
    }

    public async Task<MessageTemplateDto> CreateAsync(MessageTemplateInput input, CancellationToken ct = default)
    {
        var (channel, language) = Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var t = new MessageTemplate();
        await ApplyAsync(db, t, input, channel, language, ct);
        db.MessageTemplates.Add(t);
        await db.SaveChangesAsync(ct);
        return ToDto(t);
    }

    public async Task<MessageTemplateDto> UpdateAsync(long id, MessageTemplateInput input, long? expectedVersion, CancellationToken ct = default)
    {
        var (channel, language) = Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var t = await db.MessageTemplates.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Template");
        if (expectedVersion is { } v && v != t.Version) throw new ConcurrencyConflictException($"Template {id} is at version {t.Version}, not {v}. Reload and apply the change again.");
        await ApplyAsync(db, t, input, channel, language, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(t);
    }

    public async Task DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var t = await db.MessageTemplates.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Template");
        if (await db.Campaigns.AnyAsync(c => c.TemplateId == id || c.VariantTemplateId == id, ct)) throw new ConflictException($"Template {id} is used by a campaign; it is not deleted.");
        if (await db.CareRules.AnyAsync(r => r.TemplateId == id, ct)) throw new ConflictException($"Template {id} is used by a care rule; it is not deleted.");
        db.MessageTemplates.Remove(t);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The saved template rendered for one customer in reach (404 otherwise); the unsubscribe link is a marker.</summary>
    public async Task<RenderedMessageDto> RenderAsync(long id, long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var t = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Template");
        return Security.PersonalData.ForCaller(await RenderAsync(db, t.Id, ChannelName(t.Channel), t.Language, t.Subject, t.Body, customerId, ct));
    }

    /// <summary>An unsaved text rendered for one customer in reach (the editor's live preview); the same checks as a save.</summary>
    public async Task<RenderedMessageDto> PreviewAsync(MessageTemplateInput input, long customerId, CancellationToken ct = default)
    {
        var (channel, language) = Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return Security.PersonalData.ForCaller(await RenderAsync(db, 0, ChannelName(channel), language, input.Subject?.Trim() ?? "", input.Body ?? "", customerId, ct));
    }

    private static async Task<RenderedMessageDto> RenderAsync(GuanxiDbContext db, long templateId, string channel, string language, string subject, string body, long customerId, CancellationToken ct)
    {
        var values = await TemplateValuesLoader.LoadAsync(db, [customerId], language, _ => PreviewUnsubscribeLink(language), ct);
        if (!values.TryGetValue(customerId, out var v)) throw new NotFoundException("Customer");
        var e = new FieldErrors();
        foreach (var (field, text) in new[] { ("subject", subject), ("body", body) })
        {
            var check = LiquidTemplates.Check(text);
            if (!check.Ok) e.Add(field, check.Message());
        }
        e.ThrowIfAny();
        return new RenderedMessageDto(templateId, customerId, channel, language, await LiquidTemplates.RenderAsync(subject, v, ct), await LiquidTemplates.RenderAsync(body, v, ct));
    }

    private static (MarketingChannel Channel, string Language) Validate(MessageTemplateInput input)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) e.Add("name", "A template needs a name.");
        e.MaxLength("name", input.Name?.Trim(), MessageTemplate.NameMaxLength);
        var channel = ParseChannel(input.Channel);
        if (channel is null) e.Add("channel", "The channel is one of: email, sms, wechat.");
        var language = MessageTemplate.NormalizeLanguage(input.Language);
        if (language is null) e.Add("language", "The language is zh-CN or en.");
        if (channel == MarketingChannel.Email && string.IsNullOrWhiteSpace(input.Subject)) e.Add("subject", "An e-mail template needs a subject.");
        e.MaxLength("subject", input.Subject?.Trim(), MessageTemplate.SubjectMaxLength);
        if (string.IsNullOrWhiteSpace(input.Body)) e.Add("body", "A template needs a body.");
        e.MaxLength("body", input.Body, MessageTemplate.BodyMaxLength);
        foreach (var (field, text) in new[] { ("subject", input.Subject), ("body", input.Body) })
        {
            var check = LiquidTemplates.Check(text);
            if (!check.Ok) e.Add(field, check.Message());
        }
        e.ThrowIfAny();
        return (channel!.Value, language!);
    }

    private static async Task ApplyAsync(GuanxiDbContext db, MessageTemplate t, MessageTemplateInput input, MarketingChannel channel, string language, CancellationToken ct)
    {
        var name = input.Name!.Trim();
        if (await db.MessageTemplates.AnyAsync(x => x.Name == name && x.Id != t.Id, ct)) throw ValidationException.For("name", "Another template has this name.");
        t.Name = name;
        t.Channel = channel;
        t.Language = language;
        t.Subject = input.Subject?.Trim() ?? "";
        t.Body = input.Body!;
    }

    private static MessageTemplateDto ToDto(MessageTemplate t) => new(t.Id, t.Name, ChannelName(t.Channel), t.Language, t.Subject, t.Body, t.CreatedAt, t.UpdatedAt, t.Version);
}
