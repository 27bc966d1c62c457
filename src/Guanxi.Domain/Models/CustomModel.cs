using System.Runtime.CompilerServices;
using System.Globalization;

namespace Guanxi.Domain.Models;

/// <summary>A problem in a custom model's text: 1-based line and column, and what is wrong.</summary>
public sealed record CustomRuleError(int Line, int Column, string Message)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}, column {Column}: {Message}");
}

/// <summary>The outcome of <see cref="CustomModel.Parse"/>: the model, or the errors (all of them, not just the first).</summary>
public sealed record CustomModelParseResult(CustomModel? Model, IReadOnlyList<CustomRuleError> Errors)
{
    public bool Success => Model is not null;
}

/// <summary>One rule: a condition and the label a customer who meets it gets.</summary>
public sealed record CustomRule(int Line, string Label, string Condition);

/// <summary>
/// A user-defined classification: ordered rules, one a line, <c>condition -&gt; "label"</c>. The first rule a
/// customer meets gives the label; a customer meeting none gets null. Conditions compare metrics
/// (<see cref="CustomMetricCatalog"/>, amounts in yuan) and numbers with &gt;= &lt;= &gt; &lt; = == != &lt;&gt;, combined
/// with and, or, not and parentheses. Blank lines and lines starting with # are ignored.
/// </summary>
public sealed class CustomModel
{
    private readonly CustomRuleParser.Node[] conditions;
    private readonly short[] labelOfRule;

    private CustomModel(string name, string text, IReadOnlyList<CustomRule> rules, CustomRuleParser.Node[] conditions)
    {
        Name = name;
        Text = text;
        Rules = rules;
        this.conditions = conditions;
        var labels = new List<string>();
        labelOfRule = new short[rules.Count];
        for (int k = 0; k < rules.Count; k++)
        {
            int index = labels.IndexOf(rules[k].Label);
            if (index < 0)
            {
                index = labels.Count;
                labels.Add(rules[k].Label);
            }

            labelOfRule[k] = (short)index;
        }

        Labels = labels;
    }

    public string Name { get; }
    public string Text { get; }
    public IReadOnlyList<CustomRule> Rules { get; }

    /// <summary>Distinct labels in order of first appearance: the label indexes of <see cref="CustomModelResult"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    public const int MaxNameLength = 100;

    /// <summary>Longest rule text and description stored (the columns' lengths).</summary>
    public const int MaxRulesLength = 20_000;

    public const int MaxDescriptionLength = 1_000;

    public static CustomModelParseResult Parse(string name, string text)
    {
        var errors = new List<CustomRuleError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new CustomRuleError(0, 0, "The model needs a name."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new CustomRuleError(0, 0, $"The name is longer than {MaxNameLength} characters."));
        }

        if (text is { Length: > MaxRulesLength })
        {
            errors.Add(new CustomRuleError(0, 0, $"The rules are longer than {MaxRulesLength} characters."));
        }

        var rules = new List<CustomRule>();
        var nodes = new List<CustomRuleParser.Node>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l];
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var parsed = new CustomRuleParser(line, l + 1, errors).ParseRule();
            if (parsed is { } rule)
            {
                rules.Add(new CustomRule(l + 1, rule.Label, rule.ConditionText));
                nodes.Add(rule.Condition);
            }
        }

        if (rules.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CustomRuleError(1, 1, "No rules: write at least one line like amount_365d >= 50000 -> \"VIP\"."));
        }

        if (rules.Count > short.MaxValue)
        {
            errors.Add(new CustomRuleError(0, 0, "Too many rules."));
        }

        return errors.Count > 0
            ? new CustomModelParseResult(null, errors)
            : new CustomModelParseResult(new CustomModel(name.Trim(), text ?? "", rules, [.. nodes]), errors);
    }

    /// <summary>
    /// Which rule gave customer <paramref name="index"/> its label, with the figures the rule reads, in zh-CN or
    /// English — from the customer's metrics and stored row alone, like <see cref="ModelExplanations.Explain"/>.
    /// </summary>
    public string Explain(CustomerMetrics metrics, int index, CustomerModelRow row, string culture)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, metrics.Count);
        bool chinese = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var results = ModelResults.FromRow(metrics, index, row);
        var columns = new double[CustomMetricCatalog.All.Count][];
        for (int k = 0; k < conditions.Length; k++)
        {
            var used = new HashSet<int>();
            conditions[k].CollectMetrics(used);
            foreach (int slot in used)
            {
                columns[slot] ??= new double[metrics.Count];
                columns[slot][index] = CustomMetricCatalog.All[slot].Read(metrics, results, index);
            }

            if (!conditions[k].Test(columns, index))
            {
                continue;
            }

            string figures = string.Join(", ", used.Order().Select(slot =>
                CustomMetricCatalog.All[slot].Name + " = " + Explanation.Number(columns[slot][index], columns[slot][index] == Math.Round(columns[slot][index]) ? 0 : 2)));
            var rule = Rules[k];
            return chinese
                ? string.Create(CultureInfo.InvariantCulture, $"符合第{k + 1}条规则（第{rule.Line}行）“{rule.Condition}”：{figures} —— {rule.Label}。")
                : string.Create(CultureInfo.InvariantCulture, $"Meets rule {k + 1} (line {rule.Line}) \"{rule.Condition}\": {figures} — {rule.Label}.");
        }

        return chinese
            ? string.Create(CultureInfo.InvariantCulture, $"不符合“{Name}”的任何一条规则，无标签。")
            : string.Create(CultureInfo.InvariantCulture, $"Meets none of the rules of \"{Name}\", so no label.");
    }

    /// <summary>Whether any rule reads the metric named <paramref name="metric"/> (a model run loads some figures only for rules that read them).</summary>
    public bool Reads(string metric)
    {
        var used = new HashSet<int>();
        foreach (var node in conditions)
        {
            node.CollectMetrics(used);
        }

        return used.Any(slot => string.Equals(CustomMetricCatalog.All[slot].Name, metric, StringComparison.Ordinal));
    }

    /// <summary>Label of every customer, after the built-in models have filled <paramref name="results"/>.</summary>
    internal CustomModelResult Evaluate(CustomerMetrics metrics, ModelResults results)
    {
        int n = metrics.Count;

        // Read each metric the rules use once into a column (indexed like the catalog), then test rules over arrays.
        var used = new HashSet<int>();
        foreach (var node in conditions)
        {
            node.CollectMetrics(used);
        }

        var columns = new double[CustomMetricCatalog.All.Count][];
        foreach (int slot in used)
        {
            var metric = CustomMetricCatalog.All[slot];
            var column = new double[n];
            for (int i = 0; i < n; i++)
            {
                column[i] = metric.Read(metrics, results, i);
            }

            columns[slot] = column;
        }

        var labelIndex = new short[n];
        Parallel.For(0, n, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            labelIndex[i] = ModelResults.NotApplicable;
            for (int k = 0; k < conditions.Length; k++)
            {
                if (conditions[k].Test(columns, i))
                {
                    labelIndex[i] = labelOfRule[k];
                    break;
                }
            }
        });

        return new CustomModelResult(Name, Labels, labelIndex);
    }
}
