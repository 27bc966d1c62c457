using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Guanxi.Domain.Marketing;

/// <summary>The fixed placeholders a template may use: nothing else of the customer or the system is reachable.</summary>
public static class TemplateFields
{
    public const string Name = "name";
    public const string Honorific = "honorific";
    public const string MemberTier = "member_tier";
    public const string Points = "points";
    public const string LastPurchaseDate = "last_purchase_date";
    public const string LastPurchaseAmount = "last_purchase_amount";
    public const string RecommendedOffer = "recommended_offer";
    public const string UnsubscribeLink = "unsubscribe_link";

    public static readonly IReadOnlyList<string> All = [Name, Honorific, MemberTier, Points, LastPurchaseDate, LastPurchaseAmount, RecommendedOffer, UnsubscribeLink];

    /// <summary>The filters a template may apply (text shaping only: none reads files, the clock or other values).</summary>
    public static readonly IReadOnlyList<string> Filters =
        ["default", "upcase", "downcase", "capitalize", "strip", "lstrip", "rstrip", "truncate", "truncatewords", "replace", "replace_first", "remove", "append", "prepend", "size", "escape", "round", "plus", "minus", "times"];

    /// <summary>The tags a template may use: conditions, comments and raw text; no loops, variables, includes or custom tags.</summary>
    public static readonly IReadOnlyList<string> Tags = ["if", "elsif", "else", "unless", "case", "when", "comment", "raw"];
}

/// <summary>One customer's values for the placeholders, already written in the template's language.</summary>
public sealed record TemplateValues(
    string Name, string Honorific, string MemberTier, long Points, string LastPurchaseDate, string LastPurchaseAmount, string RecommendedOffer, string UnsubscribeLink);

/// <summary>What is wrong with a template text: a syntax error, placeholders that do not exist, tags or filters it may not use.</summary>
public sealed record TemplateCheck(string? SyntaxError, IReadOnlyList<string> UnknownPlaceholders, IReadOnlyList<string> Refused)
{
    public bool Ok => SyntaxError is null && UnknownPlaceholders.Count == 0 && Refused.Count == 0;

    /// <summary>One sentence naming every problem (the API's field message).</summary>
    public string Message()
    {
        var parts = new List<string>();
        if (SyntaxError is not null) parts.Add("Not a valid Liquid template: " + SyntaxError);
        if (UnknownPlaceholders.Count > 0) parts.Add("Unknown placeholders: " + string.Join(", ", UnknownPlaceholders) + ". Use only: " + string.Join(", ", TemplateFields.All) + ".");
        if (Refused.Count > 0) parts.Add("Not allowed in a template: " + string.Join(", ", Refused) + ".");
        return string.Join(" ", parts);
    }
}

/// <summary>
/// Liquid subject and body texts rendered by Fluid in a sandbox: the context holds only the values of
/// <see cref="TemplateFields"/> (no object model, so no member of anything else is reachable), only the listed tags
/// and filters pass the check, output is plain text, and steps and output size are bounded.
/// </summary>
public static class LiquidTemplates
{
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false, AllowLiquidTag = false, AllowParentheses = false });

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(10_000)
        .WithMaxOutputSize(MessageTemplate.BodyMaxLength * 4)
        .WithMaxRecursion(8)
        .WithStrictVariables(true)
        .WithStrictFilters(true)
        .Build();

    /// <summary>Parses and inspects a text; an empty text is fine.</summary>
    public static TemplateCheck Check(string? text)
    {
        if (string.IsNullOrEmpty(text)) return new TemplateCheck(null, [], []);
        if (!Parser.TryParse(text, out var template, out var error))
        {
            return new TemplateCheck(error ?? "syntax error", [], []);
        }
        var inspector = new Inspector();
        inspector.VisitTemplate(template);
        return new TemplateCheck(null, [.. inspector.Unknown.Order(StringComparer.Ordinal)], [.. inspector.Refused.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Renders a checked text with one customer's values; a text that fails <see cref="Check"/> throws <see cref="InvalidTemplateException"/>.</summary>
    public static async Task<string> RenderAsync(string? text, TemplateValues values, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var check = Check(text);
        if (!check.Ok) throw new InvalidTemplateException(check);
        var template = Parser.Parse(text);
        var context = new TemplateContext(Options, StringComparer.Ordinal) { CultureInfo = CultureInfo.InvariantCulture };
        context.SetValue(TemplateFields.Name, StringValue.Create(values.Name));
        context.SetValue(TemplateFields.Honorific, StringValue.Create(values.Honorific));
        context.SetValue(TemplateFields.MemberTier, StringValue.Create(values.MemberTier));
        context.SetValue(TemplateFields.Points, NumberValue.Create(values.Points));
        context.SetValue(TemplateFields.LastPurchaseDate, StringValue.Create(values.LastPurchaseDate));
        context.SetValue(TemplateFields.LastPurchaseAmount, StringValue.Create(values.LastPurchaseAmount));
        context.SetValue(TemplateFields.RecommendedOffer, StringValue.Create(values.RecommendedOffer));
        context.SetValue(TemplateFields.UnsubscribeLink, StringValue.Create(values.UnsubscribeLink));
        ct.ThrowIfCancellationRequested();
        return await template.RenderAsync(context, NullEncoder.Default, false);
    }

    private sealed class Inspector : AstVisitor
    {
        public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression e)
        {
            var path = string.Join(".", e.Segments.Select(s => s switch
            {
                IdentifierSegment i => i.Identifier,
                IndexerSegment => "[…]",
                _ => s.GetSegmentName(),
            }));
            if (e.Segments.Count != 1 || e.Segments[0] is not IdentifierSegment id || !TemplateFields.All.Contains(id.Identifier, StringComparer.Ordinal))
            {
                Unknown.Add(path);
            }
            return base.VisitMemberExpression(e);
        }

        protected override Expression VisitFilterExpression(FilterExpression e)
        {
            if (!TemplateFields.Filters.Contains(e.Name, StringComparer.Ordinal)) Refused.Add("filter " + e.Name);
            return base.VisitFilterExpression(e);
        }

        private Statement Refuse(string tag, Statement s)
        {
            Refused.Add("tag " + tag);
            return s;
        }

        // Loops, variables, counters, includes and macros: refused (the parser registers no custom tags), and their insides not visited
        // (what they would name is not reachable anyway once refused).
        protected override Statement VisitAssignStatement(AssignStatement s) => Refuse("assign", s);
        protected override Statement VisitCaptureStatement(CaptureStatement s) => Refuse("capture", s);
        protected override Statement VisitCycleStatement(CycleStatement s) => Refuse("cycle", s);
        protected override Statement VisitIncrementStatement(IncrementStatement s) => Refuse("increment", s);
        protected override Statement VisitDecrementStatement(DecrementStatement s) => Refuse("decrement", s);
        protected override Statement VisitForStatement(ForStatement s) => Refuse("for", s);
        protected override Statement VisitTableRowStatement(TableRowStatement s) => Refuse("tablerow", s);
        protected override Statement VisitIncludeStatement(IncludeStatement s) => Refuse("include", s);
        protected override Statement VisitRenderStatement(RenderStatement s) => Refuse("render", s);
        protected override Statement VisitMacroStatement(MacroStatement s) => Refuse("macro", s);
        protected override Statement VisitFromStatement(FromStatement s) => Refuse("from", s);
        protected override Statement VisitLiquidStatement(LiquidStatement s) => Refuse("liquid", s);
        protected override Statement VisitIfChangedStatement(IfChangedStatement s) => Refuse("ifchanged", s);
        protected override Statement VisitBreakStatement(BreakStatement s) => Refuse("break", s);
        protected override Statement VisitContinueStatement(ContinueStatement s) => Refuse("continue", s);
        protected override Statement VisitCallbackStatement(CallbackStatement s) => Refuse("callback", s);
        public override Statement VisitOtherStatement(Statement s) => Refuse(s.GetType().Name, s);
        public override Expression VisitOtherExpression(Expression e)
        {
            Refused.Add(e.GetType().Name);
            return e;
        }
    }
}

/// <summary>A template text that fails <see cref="LiquidTemplates.Check"/>.</summary>
public sealed class InvalidTemplateException(TemplateCheck check) : Exception(check.Message())
{
    public TemplateCheck Check { get; } = check;
}
