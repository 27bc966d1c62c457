using Guanxi.Domain.Sales;

namespace Guanxi.Domain.Tests.Sales;

public class SalesRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private static PipelineStage Stage(long id, long pipeline, int probability) => new() { Id = id, PipelineId = pipeline, Name = "s" + id, Probability = probability };

    private static Opportunity Open() => new() { PipelineId = 1, StageId = 1, Probability = 10, StageEnteredAt = Now.AddDays(-3) };

    [Fact]
    public void A_move_takes_the_stage_probability_and_a_stage_of_another_pipeline_is_refused_naming_stageId()
    {
        var o = Open();
        Assert.Null(o.Move(Stage(3, 1, 50), Now));
        Assert.Equal((3L, 50, Now), (o.StageId, o.Probability, o.StageEnteredAt));

        var refusal = o.Move(Stage(9, 2, 60), Now.AddDays(1));
        Assert.NotNull(refusal);
        Assert.Equal("stageId", refusal.Field);
        Assert.False(refusal.Conflict);
        Assert.Equal((3L, 50, Now), (o.StageId, o.Probability, o.StageEnteredAt));
    }

    [Fact]
    public void Lost_needs_a_reason_and_a_closed_opportunity_moves_only_after_reopening()
    {
        var o = Open();
        var noReason = o.Lose("  ", Now);
        Assert.Equal("reason", noReason?.Field);
        Assert.Equal(OpportunityStatus.Open, o.Status);

        Assert.Null(o.Lose("价格太高", Now));
        Assert.Equal((OpportunityStatus.Lost, 0, "价格太高", (DateTime?)Now), (o.Status, o.Probability, o.CloseReason, o.ClosedAt));

        var move = o.Move(Stage(2, 1, 25), Now);
        Assert.True(move?.Conflict);
        Assert.Contains("reopen", move!.Message, StringComparison.Ordinal);
        Assert.True(o.Win(null, Now)?.Conflict);
        Assert.Equal(1L, o.StageId);

        Assert.Null(o.Reopen(Stage(1, 1, 10)));
        Assert.Equal((OpportunityStatus.Open, 10, (string?)null, (DateTime?)null), (o.Status, o.Probability, o.CloseReason, o.ClosedAt));
        Assert.True(o.Reopen(Stage(1, 1, 10))?.Conflict);
        Assert.Null(o.Win(null, Now));
        Assert.Equal((OpportunityStatus.Won, 100), (o.Status, o.Probability));
    }

    [Theory]
    [InlineData("cny", "CNY")]
    [InlineData(" USD ", "USD")]
    [InlineData("EUR", "EUR")]
    [InlineData("RMB", null)]
    [InlineData("XYZ", null)]
    [InlineData("CN", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Currency_codes_are_iso_4217(string? text, string? expected) => Assert.Equal(expected, CurrencyCode.Normalize(text));

    [Theory]
    [InlineData("S", LeadGrade.S)]
    [InlineData("a", LeadGrade.A)]
    [InlineData(" d ", LeadGrade.D)]
    [InlineData("E", null)]
    [InlineData("0", null)]
    [InlineData("SS", null)]
    public void A_grade_is_one_of_s_a_b_c_d(string text, LeadGrade? expected) => Assert.Equal(expected, LeadGrades.Parse(text));

    [Fact]
    public void Default_cadences_follow_s_daily_until_closed_and_nurture_c_and_d()
    {
        var rules = LeadGrades.Defaults.ToDictionary(r => r.Grade);
        Assert.Equal([LeadGrade.S, LeadGrade.A, LeadGrade.B, LeadGrade.C, LeadGrade.D], rules.Keys);
        Assert.Equal(1, rules[LeadGrade.S].CadenceDays);
        Assert.True(rules[LeadGrade.S].UntilClosed);
        Assert.True(LeadGrades.CadenceRuns(rules[LeadGrade.S], hasOpenOpportunity: true));
        Assert.False(LeadGrades.CadenceRuns(rules[LeadGrade.S], hasOpenOpportunity: false));
        Assert.True(LeadGrades.CadenceRuns(rules[LeadGrade.C], hasOpenOpportunity: false));
        Assert.Contains("competitor", rules[LeadGrade.A].NextSteps, StringComparison.Ordinal);
        Assert.Contains("trial", rules[LeadGrade.B].NextSteps, StringComparison.Ordinal);
        Assert.All([rules[LeadGrade.C], rules[LeadGrade.D]], r => Assert.Contains("Nurture", r.NextSteps, StringComparison.Ordinal));
        Assert.True(rules[LeadGrade.A].CadenceDays < rules[LeadGrade.B].CadenceDays && rules[LeadGrade.B].CadenceDays < rules[LeadGrade.C].CadenceDays);
        Assert.Equal(new DateOnly(2028, 3, 1), LeadGrades.NextFollowUp(rules[LeadGrade.S], new DateOnly(2028, 2, 29)));
    }

    [Fact]
    public void Amounts_probabilities_and_stage_lists_are_checked()
    {
        Assert.True(SalesRules.IsAmount(0m));
        Assert.True(SalesRules.IsAmount(12.34m));
        Assert.False(SalesRules.IsAmount(-0.01m));
        Assert.False(SalesRules.IsAmount(1.005m));
        Assert.True(SalesRules.IsProbability(0) && SalesRules.IsProbability(100));
        Assert.False(SalesRules.IsProbability(101) || SalesRules.IsProbability(-1));
        Assert.Equal(3300, SalesRules.WeightedCents(10001, 33));
        Assert.Equal(1, SalesRules.WeightedCents(1, 50));
        Assert.Null(SalesRules.CheckStages([("接触", 10), ("谈判", 70)]));
        Assert.Equal("stages[1].name", SalesRules.CheckStages([("接触", 10), ("接触 ", 70)])?.Field);
        Assert.Equal("stages[0].probability", SalesRules.CheckStages([("接触", 120)])?.Field);
        Assert.Equal("stages", SalesRules.CheckStages([])?.Field);
    }
}
