using System.Globalization;

namespace Guanxi.Domain.Models;

/// <summary>
/// Recursive-descent parser of one custom rule line:
/// <code>
/// rule       = or "-&gt;" string
/// or         = and { "or" and }
/// and        = not { "and" not }
/// not        = "not" not | "(" or ")" | comparison
/// comparison = operand op operand        op = &gt;= &lt;= &gt; &lt; = == != &lt;&gt;
/// operand    = number | metric
/// </code>
/// Errors carry the line and the 1-based column of the offending token.
/// </summary>
internal sealed class CustomRuleParser(string line, int lineNumber, List<CustomRuleError> errors)
{
    private enum Kind { Number, Name, String, Operator, Open, Close, Arrow, End, Bad }

    private readonly record struct Token(Kind Kind, string Text, int Column, double Number = 0);

    private readonly List<Token> tokens = [];
    private int position;

    public readonly record struct Parsed(Node Condition, string Label, string ConditionText);

    public Parsed? ParseRule()
    {
        if (!Tokenise())
        {
            return null;
        }

        int errorsBefore = errors.Count;
        var condition = ParseOr();
        if (condition is null)
        {
            return null;
        }

        var arrow = Peek();
        if (arrow.Kind != Kind.Arrow)
        {
            Error(arrow, arrow.Kind == Kind.End
                ? "Missing label: end the rule with -> \"label\"."
                : $"Expected 'and', 'or' or '->' but found '{arrow.Text}'.");
            return null;
        }

        position++;
        var label = Peek();
        if (label.Kind != Kind.String)
        {
            Error(label, label.Kind == Kind.End ? "Missing label after '->': write the label in double quotes." : $"The label must be in double quotes, found '{label.Text}'.");
            return null;
        }

        if (label.Text.Trim().Length == 0)
        {
            Error(label, "The label is empty.");
            return null;
        }

        position++;
        if (Peek().Kind != Kind.End)
        {
            Error(Peek(), $"Unexpected '{Peek().Text}' after the label.");
            return null;
        }

        if (errors.Count > errorsBefore)
        {
            return null;
        }

        string conditionText = line[..(arrow.Column - 1)].Trim();
        return new Parsed(condition, label.Text.Trim(), conditionText);
    }

    private Node? ParseOr()
    {
        var left = ParseAnd();
        while (left is not null && IsKeyword(Peek(), "or"))
        {
            position++;
            var right = ParseAnd();
            left = right is null ? null : new Or(left, right);
        }

        return left;
    }

    private Node? ParseAnd()
    {
        var left = ParseNot();
        while (left is not null && IsKeyword(Peek(), "and"))
        {
            position++;
            var right = ParseNot();
            left = right is null ? null : new And(left, right);
        }

        return left;
    }

    private Node? ParseNot()
    {
        var token = Peek();
        if (IsKeyword(token, "not"))
        {
            position++;
            var inner = ParseNot();
            return inner is null ? null : new Not(inner);
        }

        if (token.Kind == Kind.Open)
        {
            position++;
            var inner = ParseOr();
            if (inner is null)
            {
                return null;
            }

            if (Peek().Kind != Kind.Close)
            {
                Error(Peek(), $"Missing ')' to close the '(' at column {token.Column}.");
                return null;
            }

            position++;
            return inner;
        }

        return ParseComparison();
    }

    private Node? ParseComparison()
    {
        var left = ParseOperand();
        if (left is null)
        {
            return null;
        }

        var op = Peek();
        if (op.Kind != Kind.Operator)
        {
            Error(op, op.Kind == Kind.End || op.Kind == Kind.Arrow
                ? "Expected a comparison operator (>=, <=, >, <, =, !=) after the operand."
                : $"Expected a comparison operator (>=, <=, >, <, =, !=) but found '{op.Text}'.");
            return null;
        }

        position++;
        var right = ParseOperand();
        return right is null ? null : new Compare(left.Value, op.Text, right.Value);
    }

    private Operand? ParseOperand()
    {
        var token = Peek();
        switch (token.Kind)
        {
            case Kind.Number:
                position++;
                return new Operand(-1, token.Number);
            case Kind.Name when token.Text is "and" or "or" or "not":
                Error(token, $"Expected a metric or a number but found the keyword '{token.Text}'.");
                return null;
            case Kind.Name:
                position++;
                var metric = CustomMetricCatalog.Find(token.Text);
                if (metric is null)
                {
                    Error(token, $"Unknown metric '{token.Text}'. Known metrics: {string.Join(", ", CustomMetricCatalog.All.Select(x => x.Name))}.");
                    return null;
                }

                return new Operand(IndexOf(metric), 0);
            case Kind.End:
                Error(token, "The condition ends too early: expected a metric or a number.");
                return null;
            default:
                Error(token, $"Expected a metric or a number but found '{token.Text}'.");
                return null;
        }
    }

    private static int IndexOf(CustomMetric metric)
    {
        for (int k = 0; k < CustomMetricCatalog.All.Count; k++)
        {
            if (ReferenceEquals(CustomMetricCatalog.All[k], metric))
            {
                return k;
            }
        }

        return -1;
    }

    private bool Tokenise()
    {
        int i = 0;
        while (i < line.Length)
        {
            char ch = line[i];
            int column = i + 1;
            if (char.IsWhiteSpace(ch))
            {
                i++;
            }
            else if (char.IsAsciiDigit(ch) || (ch == '.' && i + 1 < line.Length && char.IsAsciiDigit(line[i + 1]))
                || (ch == '-' && i + 1 < line.Length && (char.IsAsciiDigit(line[i + 1]) || line[i + 1] == '.') && !LastIsOperand()))
            {
                int start = i;
                i++;
                while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] == '.' || line[i] == '_'))
                {
                    i++;
                }

                string text = line[start..i];
                if (!double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
                {
                    errors.Add(new CustomRuleError(lineNumber, column, $"'{text}' is not a number."));
                    return false;
                }

                tokens.Add(new Token(Kind.Number, text, column, value));
            }
            else if (char.IsAsciiLetter(ch) || ch == '_')
            {
                int start = i;
                while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_'))
                {
                    i++;
                }

                // Metric names are snake_case; keywords are accepted in any case.
                string word = line[start..i];
                string lower = word.ToLowerInvariant();
                tokens.Add(new Token(Kind.Name, lower is "and" or "or" or "not" ? lower : word, column));
            }
            else if (ch == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    errors.Add(new CustomRuleError(lineNumber, column, "The label's closing double quote is missing."));
                    return false;
                }

                tokens.Add(new Token(Kind.String, line[(i + 1)..close], column));
                i = close + 1;
            }
            else if (ch == '(' || ch == ')')
            {
                tokens.Add(new Token(ch == '(' ? Kind.Open : Kind.Close, ch.ToString(), column));
                i++;
            }
            else if (ch == '-' && i + 1 < line.Length && line[i + 1] == '>')
            {
                tokens.Add(new Token(Kind.Arrow, "->", column));
                i += 2;
            }
            else if (ch is '>' or '<' or '=' or '!')
            {
                int start = i;
                while (i < line.Length && line[i] is '>' or '<' or '=' or '!')
                {
                    i++;
                }

                string op = line[start..i];
                if (op is not (">=" or "<=" or ">" or "<" or "=" or "==" or "!=" or "<>"))
                {
                    errors.Add(new CustomRuleError(lineNumber, column, $"Bad operator '{op}': use >=, <=, >, <, =, == , != or <>."));
                    return false;
                }

                tokens.Add(new Token(Kind.Operator, op, column));
            }
            else
            {
                errors.Add(new CustomRuleError(lineNumber, column, $"Unexpected character '{ch}'."));
                return false;
            }
        }

        tokens.Add(new Token(Kind.End, "end of line", line.Length + 1));
        return true;
    }

    private bool LastIsOperand() => tokens.Count > 0 && tokens[^1].Kind is Kind.Number or Kind.Close || (tokens.Count > 0 && tokens[^1].Kind == Kind.Name && tokens[^1].Text is not ("and" or "or" or "not"));

    private Token Peek() => tokens[Math.Min(position, tokens.Count - 1)];

    private static bool IsKeyword(Token token, string keyword) => token.Kind == Kind.Name && token.Text == keyword;

    private void Error(Token token, string message) => errors.Add(new CustomRuleError(lineNumber, token.Column, message));

    /// <summary>A compiled condition over metric columns indexed like <see cref="CustomMetricCatalog.All"/>.</summary>
    internal abstract class Node
    {
        public abstract bool Test(double[][] columns, int i);

        public abstract void CollectMetrics(HashSet<int> used);
    }

    internal readonly record struct Operand(int Metric, double Number)
    {
        public double Read(double[][] columns, int i) => Metric < 0 ? Number : columns[Metric][i];
    }

    private sealed class Compare(Operand left, string op, Operand right) : Node
    {
        public override bool Test(double[][] columns, int i)
        {
            double a = left.Read(columns, i);
            double b = right.Read(columns, i);

            // A missing figure (NaN) never satisfies a comparison, "!=" included.
            if (double.IsNaN(a) || double.IsNaN(b))
            {
                return false;
            }

            return op switch
            {
                ">=" => a >= b,
                "<=" => a <= b,
                ">" => a > b,
                "<" => a < b,
                "!=" or "<>" => a != b,
                _ => a == b,
            };
        }

        public override void CollectMetrics(HashSet<int> used)
        {
            if (left.Metric >= 0)
            {
                used.Add(left.Metric);
            }

            if (right.Metric >= 0)
            {
                used.Add(right.Metric);
            }
        }
    }

    private sealed class And(Node left, Node right) : Node
    {
        public override bool Test(double[][] columns, int i) => left.Test(columns, i) && right.Test(columns, i);

        public override void CollectMetrics(HashSet<int> used)
        {
            left.CollectMetrics(used);
            right.CollectMetrics(used);
        }
    }

    private sealed class Or(Node left, Node right) : Node
    {
        public override bool Test(double[][] columns, int i) => left.Test(columns, i) || right.Test(columns, i);

        public override void CollectMetrics(HashSet<int> used)
        {
            left.CollectMetrics(used);
            right.CollectMetrics(used);
        }
    }

    private sealed class Not(Node inner) : Node
    {
        public override bool Test(double[][] columns, int i) => !inner.Test(columns, i);

        public override void CollectMetrics(HashSet<int> used) => inner.CollectMetrics(used);
    }
}
