using Guanxi.Domain.Marketing;

namespace Guanxi.Domain.Tests.Marketing;

/// <summary>The campaign's pure rules: the uplift and its 95 % intervals (against hand-computed values), the hold-out draw, audience parsing.</summary>
[Trait("Clock", "Independent")]
public class CampaignRulesTests
{
    [Fact]
    public void Conversion_uplift_has_the_unpooled_normal_interval()
    {
        // p1 = 120/1000 = 0.12, p0 = 8/100 = 0.08; SE = √(0.12·0.88/1000 + 0.08·0.92/100) = √0.0008416 = 0.0290103.
        var d = Uplift.Conversion(new GroupOutcome(1000, 120, 150, 0m, 0), new GroupOutcome(100, 8, 9, 0m, 0));
        Assert.Equal(0.04, d.Value, 12);
        Assert.Equal(-0.0168592274, d.Low!.Value, 9);
        Assert.Equal(0.0968592274, d.High!.Value, 9);
    }

    [Fact]
    public void Revenue_uplift_uses_the_sample_variances_of_both_groups()
    {
        // Sent revenue per customer 10, 0, 30, 0: mean 10, s² = (1000 − 4·10²)/3 = 200. Control 0, 6, 0: mean 2, s² = (36 − 3·2²)/2 = 12.
        // d = 8, SE = √(200/4 + 12/3) = √54 = 7.3484692, so 8 ± 1.959964·7.3484692.
        var sent = new GroupOutcome(4, 2, 3, 40m, 1000);
        var control = new GroupOutcome(3, 1, 1, 6m, 36);
        Assert.Equal(200, sent.RevenueVariance!.Value, 9);
        Assert.Equal(12, control.RevenueVariance!.Value, 9);
        var d = Uplift.RevenuePerCustomer(sent, control);
        Assert.Equal(8, d.Value, 12);
        Assert.Equal(-6.402735029, d.Low!.Value, 8);
        Assert.Equal(22.402735029, d.High!.Value, 8);
    }

    [Fact]
    public void Without_a_control_group_there_is_a_difference_but_no_interval()
    {
        var d = Uplift.RevenuePerCustomer(new GroupOutcome(4, 2, 3, 40m, 1000), new GroupOutcome(0, 0, 0, 0m, 0));
        Assert.Equal((10d, (double?)null, (double?)null), (d.Value, d.Low, d.High));
        Assert.Null(Uplift.Conversion(new GroupOutcome(1, 1, 1, 5m, 25), new GroupOutcome(0, 0, 0, 0m, 0)).Low);
    }

    [Fact]
    public void The_control_draw_is_deterministic_close_to_the_share_and_empty_at_zero()
    {
        var ids = Enumerable.Range(1, 20_000).Select(i => (long)i).ToList();
        var control = ids.Count(id => ControlGroup.IsControl(42, id, 10));
        Assert.InRange(control, 1_800, 2_200);
        Assert.Equal(control, ids.Count(id => ControlGroup.IsControl(42, id, 10)));
        Assert.NotEqual(ids.Where(id => ControlGroup.IsControl(42, id, 10)), ids.Where(id => ControlGroup.IsControl(43, id, 10)));
        Assert.DoesNotContain(ids, id => ControlGroup.IsControl(42, id, 0));
        // A larger share holds out a superset: raising it only adds customers to the control group.
        Assert.All(ids.Where(id => ControlGroup.IsControl(7, id, 10)), id => Assert.True(ControlGroup.IsControl(7, id, 30)));
    }

    [Fact]
    public void The_variant_split_is_deterministic_close_to_its_share_and_independent_of_the_control_draw()
    {
        const long seed = 987654321;
        var ids = Enumerable.Range(1, 20_000).Select(i => (long)i).ToList();
        Assert.Equal(ids.Select(id => VariantSplit.Of(seed, id, 30)), ids.Select(id => VariantSplit.Of(seed, id, 30)));
        var share = ids.Count(id => VariantSplit.Of(seed, id, 30) == VariantSplit.B) / (double)ids.Count;
        Assert.InRange(share, 0.28, 0.32);
        // B's share is the same inside and outside the control group: the two draws do not follow each other.
        var control = ids.Where(id => ControlGroup.IsControl(seed, id, 50)).ToList();
        var rest = ids.Except(control).ToList();
        double ShareB(List<long> xs) => xs.Count(id => VariantSplit.Of(seed, id, 50) == VariantSplit.B) / (double)xs.Count;
        Assert.InRange(ShareB(control) - ShareB(rest), -0.03, 0.03);
        Assert.All(ids.Take(100), id => Assert.Equal(VariantSplit.A, VariantSplit.Of(seed, id, 0)));
    }

    [Fact]
    public void The_winner_is_named_only_when_an_interval_of_b_minus_a_excludes_zero()
    {
        Assert.Equal(VariantSplit.B, Uplift.Winner(new Difference(5, 1, 9), new Difference(0.01, -0.02, 0.04)));
        Assert.Equal(VariantSplit.A, Uplift.Winner(new Difference(-5, -9, -1), new Difference(0.05, 0.01, 0.09)));
        // Revenue cannot tell them apart: conversion decides.
        Assert.Equal(VariantSplit.A, Uplift.Winner(new Difference(2, -1, 5), new Difference(-0.05, -0.09, -0.01)));
        Assert.Null(Uplift.Winner(new Difference(2, -1, 5), new Difference(0.05, -0.01, 0.11)));
        Assert.Null(Uplift.Winner(new Difference(2, null, null), new Difference(0.05, null, null)));
    }

    [Fact]
    public void Audiences_parse_into_trees_and_bad_shapes_are_explained()
    {
        var node = AudienceExpression.TryParse("""{"and":[{"model":"value","class":"high_value"},{"or":[{"rfm":"lost"},{"tag":"VIP"}]},{"not":{"group":3}}]}""", out var error);
        Assert.Equal("", error);
        var all = Assert.IsType<AllOf>(node);
        Assert.Equal(new ModelClassLeaf("value", "high_value"), all.Items[0]);
        Assert.Equal([new RfmLeaf("lost"), new TagLeaf("VIP")], Assert.IsType<AnyOf>(all.Items[1]).Items);
        Assert.Equal(new GroupLeaf(3), Assert.IsType<NoneOf>(all.Items[2]).Item);
        Assert.Equal(4, AudienceExpression.Leaves(node!).Count());
        var views = Assert.IsType<AnyOf>(AudienceExpression.TryParse("""{"or":[{"view":7},{"view":"8"},{"custom":"复购","label":"Regular"}]}""", out error));
        Assert.Equal([new ViewLeaf(7), new ViewLeaf(8), new CustomLabelLeaf("复购", "Regular")], views.Items);

        foreach (var (json, message) in new[]
        {
            ("", "needs an audience"),
            ("{", "not valid JSON"),
            ("""{"and":[]}""", "non-empty list"),
            ("""{"tag":""}""", "non-empty text"),
            ("""{"group":"x"}""", "group id"),
            ("""{"view":0}""", "saved view's id"),
            ("""{"custom":"复购"}""", "Unknown audience condition"),
            ("""{"custom":"复购","label":" "}""", "non-empty text"),
            ("""{"model":"value"}""", "Unknown audience condition"),
            ("[1]", "is an object"),
            (string.Concat(Enumerable.Repeat("""{"not":""", 9)) + """{"tag":"a"}""" + new string('}', 9), "deeper than"),
        })
        {
            Assert.Null(AudienceExpression.TryParse(json, out error));
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
    }
}
