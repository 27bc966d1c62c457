using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

public class CustomModelTests
{
    private static CustomRuleError SingleError(string text)
    {
        var result = CustomModel.Parse("test", text);
        Assert.False(result.Success);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Unknown_metric_is_reported_with_its_position()
    {
        var error = SingleError("amount_356d >= 50000 -> \"VIP\"");
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("Unknown metric 'amount_356d'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_operator_is_reported()
    {
        var error = SingleError("orders_365d => 6 -> \"VIP\"");
        Assert.Equal(13, error.Column);
        Assert.Contains("Bad operator '=>'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders >= 2", 12, "Missing label")]
    [InlineData("orders >= 2 ->", 15, "Missing label after '->'")]
    [InlineData("orders >= 2 -> VIP", 16, "double quotes")]
    [InlineData("orders >= 2 -> \"VIP", 16, "closing double quote")]
    [InlineData("orders >= 2 -> \"  \"", 16, "label is empty")]
    [InlineData("(orders >= 2 and r >= 4 -> \"A\"", 25, "Missing ')'")]
    [InlineData("orders 2 -> \"A\"", 8, "comparison operator")]
    [InlineData("orders >= -> \"A\"", 11, "metric or a number")]
    [InlineData("orders >= 2 and -> \"A\"", 17, "metric or a number")]
    [InlineData("orders >= 2 \"A\"", 13, "Expected 'and', 'or' or '->'")]
    [InlineData("orders >= 2 -> \"A\" \"B\"", 20, "after the label")]
    [InlineData("orders >= 2 ; -> \"A\"", 13, "Unexpected character ';'")]
    [InlineData("orders >= 1.2.3 -> \"A\"", 11, "not a number")]
    public void Syntax_errors_name_line_column_and_problem(string text, int column, string message)
    {
        var error = SingleError(text);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_on_several_lines_are_all_reported_with_their_line_numbers()
    {
        var result = CustomModel.Parse("tiers", "# comment\namount_365d >= 50000 -> \"VIP\"\n\nfoo > 1 -> \"X\"\norders >= 1 -> ");
        Assert.Equal([4, 5], result.Errors.Select(e => e.Line));
        Assert.Contains("line 4, column 1", result.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Name_and_at_least_one_rule_are_required()
    {
        Assert.Contains(CustomModel.Parse(" ", "orders > 0 -> \"A\"").Errors, e => e.Message.Contains("name", StringComparison.Ordinal));
        Assert.Contains(CustomModel.Parse("empty", "# nothing\n").Errors, e => e.Message.StartsWith("No rules", StringComparison.Ordinal));
    }

    [Fact]
    public void First_matching_rule_wins_and_unmatched_customers_get_null()
    {
        var parsed = CustomModel.Parse("tiers",
            """
            amount_365d >= 50000 and orders_365d >= 6 -> "VIP"
            amount_365d >= 50000 -> "Big"
            not (orders = 0) and (recency_days <= 30 or r >= 5) -> "Recent"
            orders = 0 AND interactions > 0 -> "Warm lead"
            """);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Equal(["VIP", "Big", "Recent", "Warm lead"], parsed.Model!.Labels);

        var metrics = TestBase.Build(
            new Cust { Orders = 6, Total = 60_000, FirstAgo = 300, LastAgo = 100, O365 = 6, A365 = 60_000 },
            new Cust { Orders = 2, Total = 60_000, FirstAgo = 300, LastAgo = 10, O365 = 2, A365 = 50_000 },
            new Cust { Orders = 1, Total = 10, FirstAgo = 10, LastAgo = 10, O365 = 1, A365 = 10 },
            new Cust { Interactions = 2 },
            new Cust(),
            new Cust { Orders = 1, Total = 10, FirstAgo = 400, LastAgo = 400 });
        var results = TestBase.Run(metrics, null, parsed.Model);
        var custom = Assert.Single(results.Custom);
        Assert.Equal(new string?[] { "VIP", "Big", "Recent", "Warm lead", null, null },
            Enumerable.Range(0, metrics.Count).Select(custom.LabelOf));
        Assert.Equal("Big", results.Row(1).CustomLabels["tiers"]);
        Assert.Null(results.Row(4).CustomLabels["tiers"]);
    }

    [Fact]
    public void Missing_figures_never_match_not_even_with_not_equal()
    {
        var parsed = CustomModel.Parse("n", "recency_days != 5 -> \"A\"\np_alive < 2 -> \"B\"").Model!;
        var results = TestBase.Run(TestBase.Build(new Cust(), new Cust { Orders = 1, Total = 5, LastAgo = 9, FirstAgo = 9 }), null, parsed);

        // The prospect has no recency; without a lifetime fit nobody has a P(alive).
        Assert.Null(results.Custom[0].LabelOf(0));
        Assert.Equal("A", results.Custom[0].LabelOf(1));
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var parsed = CustomModel.Parse("p", "orders >= 5 or orders >= 1 and amount >= 100 -> \"X\"").Model!;
        var results = TestBase.Run(TestBase.Build(
            new Cust { Orders = 6, Total = 1, LastAgo = 1, FirstAgo = 50 },
            new Cust { Orders = 1, Total = 50, LastAgo = 1, FirstAgo = 1 },
            new Cust { Orders = 1, Total = 150, LastAgo = 1, FirstAgo = 1 }), null, parsed);
        Assert.Equal(new string?[] { "X", null, "X" }, Enumerable.Range(0, 3).Select(results.Custom[0].LabelOf));
    }

    [Fact]
    public void Every_catalog_metric_is_usable_in_a_rule()
    {
        string text = string.Join("\n", CustomMetricCatalog.All.Select(m => $"{m.Name} > -1 -> \"{m.Name}\""));
        var parsed = CustomModel.Parse("all", text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        var results = TestBase.Run(TestBase.Synthetic(200, 3), null, parsed.Model!);
        Assert.Equal(200, results.Custom[0].LabelCounts().Sum());
    }

    [Fact]
    public void Explanation_names_the_rule_and_its_figures_from_one_customer_and_the_stored_row()
    {
        var model = CustomModel.Parse("tiers", "amount_365d >= 50000 and orders_365d >= 6 -> \"VIP\"\n# big ones\namount_365d >= 50000 and r >= 1 -> \"Big\"").Model!;
        var big = new Cust { Orders = 2, Total = 60_000, FirstAgo = 300, LastAgo = 10, O365 = 2, A365 = 50_000.5m };
        var results = TestBase.Run(TestBase.Build(big, new Cust()), null, model);
        Assert.Equal("Big", results.Row(0).CustomLabels["tiers"]);

        // r comes from the stored row: the recomputed single customer has no RFM of its own.
        var one = TestBase.Build(big);
        string en = model.Explain(one, 0, results.Row(0), "en");
        string zh = model.Explain(one, 0, results.Row(0), "zh-CN");
        Assert.Equal($"Meets rule 2 (line 3) \"amount_365d >= 50000 and r >= 1\": amount_365d = 50000.50, r = {results.R[0]} — Big.", en);
        Assert.StartsWith("符合第2条规则（第3行）", zh, StringComparison.Ordinal);
        Assert.Contains("Meets none of the rules", model.Explain(TestBase.Build(new Cust()), 0, results.Row(1), "en"), StringComparison.Ordinal);
    }
}
