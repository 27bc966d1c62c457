using Guanxi.Domain.Marketing;

namespace Guanxi.Domain.Tests.Marketing;

[Trait("Clock", "Independent")]
public class LiquidTemplatesTests
{
    private static readonly TemplateValues Wang = new("王艳明", "王女士", "金卡会员", 1280, "2026年11月3日", "¥1,299.00", "邀请加入会员计划。", "https://crm.example/u/abc");

    [Fact]
    public async Task Every_placeholder_renders_the_customer_value_and_conditions_and_text_filters_work()
    {
        var text = "{{ honorific }}您好，{{ name }}：您是{{ member_tier }}，积分 {{ points }}。上次购买 {{ last_purchase_date }}，{{ last_purchase_amount }}。"
            + "{% if points > 1000 %}积分已超千{% else %}继续加油{% endif %} {{ recommended_offer | default: '无' }} 退订：{{ unsubscribe_link }} {{ 'x' | upcase }}";
        Assert.True(LiquidTemplates.Check(text).Ok, LiquidTemplates.Check(text).Message());
        var output = await LiquidTemplates.RenderAsync(text, Wang);
        Assert.Equal("王女士您好，王艳明：您是金卡会员，积分 1280。上次购买 2026年11月3日，¥1,299.00。积分已超千 邀请加入会员计划。 退订：https://crm.example/u/abc X", output);
    }

    [Fact]
    public async Task Values_are_written_as_text_so_markup_in_a_name_is_not_escaped_or_interpreted()
    {
        var output = await LiquidTemplates.RenderAsync("Dear {{ name }}", Wang with { Name = "<b>{{ points }}</b> & Co" });
        Assert.Equal("Dear <b>{{ points }}</b> & Co", output);
    }

    [Theory]
    [InlineData("Hello {{ nmae }}", "nmae")]
    [InlineData("{{ customer.phone }}", "customer.phone")]
    [InlineData("{{ name.size }}", "name.size")]
    [InlineData("{% if email %}x{% endif %}", "email")]
    [InlineData("{{ 'a' | append: phone }}", "phone")]
    public async Task An_unknown_placeholder_is_named(string text, string unknown)
    {
        var check = LiquidTemplates.Check(text);
        Assert.False(check.Ok);
        Assert.Equal([unknown], check.UnknownPlaceholders);
        Assert.Contains(unknown, check.Message(), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<InvalidTemplateException>(() => LiquidTemplates.RenderAsync(text, Wang));
        Assert.Equal([unknown], refused.Check.UnknownPlaceholders);
    }

    [Theory]
    [InlineData("{% include 'secrets' %}", "tag include")]
    [InlineData("{% render 'x' %}", "tag render")]
    [InlineData("{% assign a = name %}{{ a }}", "tag assign")]
    [InlineData("{% for i in (1..100000) %}{{ i }}{% endfor %}", "tag for")]
    [InlineData("{% capture c %}{{ name }}{% endcapture %}", "tag capture")]
    [InlineData("{{ name | json }}", "filter json")]
    [InlineData("{{ 'now' | date: '%Y' }}", "filter date")]
    public void A_template_reaching_beyond_its_model_is_refused(string text, string refused)
    {
        var check = LiquidTemplates.Check(text);
        Assert.False(check.Ok);
        Assert.Contains(refused, check.Refused);
    }

    [Fact]
    public async Task A_syntax_error_is_reported_and_rendering_it_throws()
    {
        var check = LiquidTemplates.Check("{{ name ");
        Assert.NotNull(check.SyntaxError);
        await Assert.ThrowsAsync<InvalidTemplateException>(() => LiquidTemplates.RenderAsync("{% if %}", Wang));
        Assert.True(LiquidTemplates.Check("").Ok);
        Assert.Equal("", await LiquidTemplates.RenderAsync(null, Wang));
    }
}

[Trait("Clock", "Independent")]
public class OutboxRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Backoff_doubles_from_the_first_wait_and_stops_at_a_day()
    {
        var first = TimeSpan.FromMinutes(1);
        Assert.Equal([1, 2, 4, 8, 16], Enumerable.Range(1, 5).Select(n => OutboxRules.Backoff(n, first).TotalMinutes));
        Assert.Equal(TimeSpan.FromDays(1), OutboxRules.Backoff(40, first));
    }

    [Fact]
    public void A_transient_failure_queues_the_message_again_until_the_attempts_are_used_then_fails_it_with_the_reason()
    {
        var m = new OutboxMessage { Status = OutboxStatus.Sending, Attempts = 2, LeaseUntil = Now };
        OutboxRules.Retry(m, "connection refused", Now, TimeSpan.FromMinutes(1), maxAttempts: 3);
        Assert.Equal((OutboxStatus.Queued, Now.AddMinutes(2), "connection refused", (DateTime?)null), (m.Status, m.NextAttemptAt, m.LastError, m.LeaseUntil));
        m.Attempts = 3;
        OutboxRules.Retry(m, "connection refused", Now, TimeSpan.FromMinutes(1), maxAttempts: 3);
        Assert.Equal((OutboxStatus.Failed, "Gave up after 3 attempts: connection refused"), (m.Status, m.LastError));
        OutboxRules.Retry(m, new string('x', 5000), Now, TimeSpan.FromMinutes(1), maxAttempts: 3);
        Assert.Equal(OutboxMessage.ErrorMaxLength, m.LastError!.Length);
    }
}
