using System.Globalization;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Bulk;
using Guanxi.Domain.Marketing;
using Guanxi.Marketing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guanxi.Demo;

/// <summary>What the demo's marketing part created.</summary>
public sealed record DemoMarketingSummary(int Consents, int Templates, int CareRules, CampaignSendDto? Campaign);

/// <summary>
/// The marketing part of the demo: consents (most customers with an e-mail address agreed to e-mail, most with a phone
/// to SMS, a few withdrew), templates in both languages, one rule of each care kind, and an A/B campaign sent 30 days
/// before today through the real send path (a clock 30 days back), its messages marked delivered, so the campaign
/// results, care rules and outbox pages are not empty on day one. Runs only when the database has no template yet.
/// </summary>
public sealed class DemoMarketing(
    IDbContextFactory<GuanxiDbContext> contexts,
    IBulkInsert bulk,
    TemplateService templates,
    CareRuleService careRules,
    IOptions<OutboxOptions> outbox,
    Customers.CustomerSearch search,
    Orders.CurrencyRateService currencies,
    TimeProvider time)
{
    public const string CampaignName = "会员回馈 · 老客户专享";
    public const int SentDaysAgo = 30;

    private static readonly string[] ConsentColumns = ["customer_id", "channel", "purpose", "given_at", "withdrawn_at", "how"];

    public async Task<DemoMarketingSummary?> SeedAsync(CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.MessageTemplates.AnyAsync(ct)) return null;
        }
        var consents = await ConsentsAsync(ct);
        async Task<long> Template(string name, string channel, string language, string subject, string body) =>
            (await templates.CreateAsync(new MessageTemplateInput(name, channel, language, subject, body), ct)).Id;
        var thanksZh = await Template("会员回馈（中文）", "email", "zh-CN", "{{ honorific }}，{{ name }}：您的专属回馈已到账",
            "{{ honorific }}：\n感谢您一直以来的支持。您当前为{{ member_tier | default: \"会员\" }}，积分 {{ points }}。\n{{ recommended_offer }}\n\n退订：{{ unsubscribe_link }}");
        var thanksShort = await Template("会员回馈 · 简短版", "email", "zh-CN", "{{ name }}，专属优惠仅剩 7 天",
            "{{ name }}，您好！凭本邮件到店或网店下单即享会员价。\n退订：{{ unsubscribe_link }}");
        await Template("Member thanks (English)", "email", "en", "{{ name }}, a thank-you for our members",
            "{{ honorific }},\nThank you for staying with us. Your tier: {{ member_tier | default: \"member\" }}; points: {{ points }}.\n{{ recommended_offer }}\n\nUnsubscribe: {{ unsubscribe_link }}");
        var birthday = await Template("生日祝福（短信）", "sms", "zh-CN", "", "{{ name }}，生日快乐！本月到店消费享双倍积分。");
        var festival = await Template("新春祝福", "email", "zh-CN", "{{ name }}，新春快乐", "{{ honorific }}：\n恭祝新春快乐，万事如意！\n\n退订：{{ unsubscribe_link }}");
        var welcome = await Template("Welcome (English)", "email", "en", "Welcome, {{ name }}", "{{ honorific }},\nthank you for your first purchase on {{ last_purchase_date }}.\n\nUnsubscribe: {{ unsubscribe_link }}");

        async Task Rule(string name, string kind, string? festivalKey, int days, long? template, string? quietFrom = null, string? quietTo = null, int cap = 0) =>
            await careRules.CreateAsync(new CareRuleInput(name, kind, festivalKey, days, template, quietFrom, quietTo, cap, true), ct);
        await Rule("生日关怀", "birthday", null, 3, birthday, "21:00", "09:00");
        await Rule("春节祝福", "festival", "spring_festival", 1, festival, cap: 3);
        await Rule("中秋祝福", "festival", "mid_autumn", 1, festival, cap: 3);
        await Rule("Welcome series", "welcome", null, 3, welcome);
        await Rule("流失挽回", "win_back", null, 0, thanksZh, cap: 7);
        await Rule("流失预警提醒", "churn_warning", null, 0, null);

        var campaign = await CampaignAsync(thanksZh, thanksShort, ct);
        return new DemoMarketingSummary(consents, 6, 6, campaign);
    }

    /// <summary>E-mail consent for nine in ten customers with an address, SMS for three in four with a phone; one in 30 withdrew.</summary>
    private async Task<int> ConsentsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var customers = await db.Customers.AsNoTracking().Where(c => !db.Consents.Any(k => k.CustomerId == c.Id))
            .Select(c => new { c.Id, HasEmail = c.Email != null && c.Email != "", HasPhone = c.Phone != null && c.Phone != "", c.CreatedAt }).ToListAsync(ct);
        var count = 0;
        foreach (var chunk in customers.Chunk(5000))
        {
            var rows = new List<object?[]>();
            foreach (var c in chunk)
            {
                var given = DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc);
                DateTime? withdrawn = c.Id % 30 == 7 ? now.AddDays(-(c.Id % 60) - 1) : null;
                if (c.HasEmail && c.Id % 10 != 0) rows.Add([c.Id, "email", "marketing", given, withdrawn, withdrawn is null ? "注册时勾选" : "注册时勾选；后来电话要求退订"]);
                if (c.HasPhone && c.Id % 4 != 0) rows.Add([c.Id, "sms", "marketing", given, null, "门店登记"]);
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await bulk.InsertAsync(db, "consents", ConsentColumns, rows, ct);
            await tx.CommitAsync(ct);
            count += rows.Count;
        }
        return count;
    }

    /// <summary>
    /// An A/B campaign to members and long-standing customers, sent <see cref="SentDaysAgo"/> days ago with a 20 % control
    /// group: the real draw and outbox writer run on a clock that far back, then the messages are marked delivered at the
    /// send time (nothing is handed to a mail server). An empty audience (a very small demo) makes no campaign.
    /// </summary>
    private async Task<CampaignSendDto?> CampaignAsync(long a, long b, CancellationToken ct)
    {
        var back = new DemoPastClock(time, TimeSpan.FromDays(-SentDaysAgo));
        var service = new CampaignService(contexts, new OutboxWriter(contexts, back, outbox), search, currencies, back);
        var audience = JsonSerializer.Deserialize<JsonElement>("""{"or":[{"tag":"VIP"},{"tag":"会员"},{"tag":"老客户"}]}""");
        CampaignDto created;
        try
        {
            created = await service.CreateAsync(new CampaignInput(CampaignName, a, audience, 20, 0, 30, b, 50), ct);
        }
        catch (Common.ValidationException)
        {
            return null; // no customer carries those tags
        }
        CampaignSendDto sent;
        try
        {
            sent = await service.SendAsync(created.Id, false, ct);
        }
        catch (Common.ValidationException)
        {
            await service.DeleteAsync(created.Id, ct);
            return null;
        }
        var at = back.GetUtcNow().UtcDateTime.AddMinutes(5);
        await using var db = await contexts.CreateDbContextAsync(ct);
        while (await db.OutboxMessages.Where(m => m.CampaignId == created.Id && m.Status == OutboxStatus.Queued).OrderBy(m => m.Id).Take(5000).ToListAsync(ct) is { Count: > 0 } batch)
        {
            foreach (var m in batch) (m.Status, m.SentAt, m.HandedOverAt, m.Attempts) = (OutboxStatus.Sent, at, at, 1);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sent;
    }

    /// <summary>The app's clock moved by a fixed offset, for writing what happened in the demo's past.</summary>
    private sealed class DemoPastClock(TimeProvider inner, TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    }

    /// <summary>The line <c>guanxi demo</c> prints.</summary>
    public static string Line(DemoMarketingSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"marketing: {s.Consents} consents, {s.Templates} templates, {s.CareRules} care rules, ")
        + (s.Campaign is { } c ? string.Create(CultureInfo.InvariantCulture, $"campaign \"{CampaignName}\" sent {SentDaysAgo} days ago: {c.Line}") : "no campaign (no customer tagged VIP, 会员 or 老客户)");
}
