using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guanxi.Domain.Marketing;

/// <summary>
/// A campaign audience: a small JSON expression tree. Leaves: <c>{"model":"value","class":"high_value"}</c> (a class of
/// the latest finished model run), <c>{"rfm":"champions"}</c> (an RFM segment), <c>{"tag":"VIP"}</c>, <c>{"group":12}</c>,
/// <c>{"view":7}</c> (the filters of a saved customer-list view), <c>{"custom":"复购","label":"Regular"}</c> (a label of a
/// custom model in the latest finished run); nodes: <c>{"and":[…]}</c>, <c>{"or":[…]}</c>, <c>{"not":…}</c>.
/// </summary>
public abstract record AudienceNode;

public sealed record ModelClassLeaf(string Model, string Class) : AudienceNode;

public sealed record RfmLeaf(string Segment) : AudienceNode;

public sealed record TagLeaf(string Tag) : AudienceNode;

public sealed record GroupLeaf(long GroupId) : AudienceNode;

/// <summary>The customers a saved customer-list view shows: its filters, read when the audience is drawn.</summary>
public sealed record ViewLeaf(long ViewId) : AudienceNode;

/// <summary>The customers a custom model (by name) labelled <see cref="Label"/> in the latest finished run.</summary>
public sealed record CustomLabelLeaf(string Model, string Label) : AudienceNode;

public sealed record AllOf(IReadOnlyList<AudienceNode> Items) : AudienceNode;

public sealed record AnyOf(IReadOnlyList<AudienceNode> Items) : AudienceNode;

public sealed record NoneOf(AudienceNode Item) : AudienceNode;

/// <summary>Parses and prints audience expressions (the shape only; whether a model, tag or group exists is the caller's check).</summary>
public static class AudienceExpression
{
    public const int MaxDepth = 8;
    public const int MaxLeaves = 50;

    /// <summary>The tree, or null with the reason when <paramref name="json"/> is not a well-formed audience.</summary>
    public static AudienceNode? TryParse(string? json, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "A campaign needs an audience.";
            return null;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            error = "The audience is not valid JSON: " + e.Message;
            return null;
        }
        var leaves = 0;
        try
        {
            return Parse(root, 1, ref leaves);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static AudienceNode Parse(JsonNode? node, int depth, ref int leaves)
    {
        if (depth > MaxDepth) throw new FormatException($"The audience is nested deeper than {MaxDepth} levels.");
        if (node is not JsonObject o || o.Count == 0) throw new FormatException("Each part of the audience is an object such as {\"tag\":\"VIP\"} or {\"and\":[…]}.");
        if (o.Count == 1 && (o.ContainsKey("and") || o.ContainsKey("or")))
        {
            var (name, value) = o.First();
            if (value is not JsonArray items || items.Count == 0) throw new FormatException($"\"{name}\" takes a non-empty list.");
            var list = new List<AudienceNode>();
            foreach (var item in items) list.Add(Parse(item, depth + 1, ref leaves));
            return name == "and" ? new AllOf(list) : new AnyOf(list);
        }
        if (o.Count == 1 && o.ContainsKey("not")) return new NoneOf(Parse(o["not"], depth + 1, ref leaves));
        if (++leaves > MaxLeaves) throw new FormatException($"The audience has more than {MaxLeaves} conditions.");
        if (o.Count == 2 && o.ContainsKey("model") && o.ContainsKey("class")) return new ModelClassLeaf(Text(o, "model"), Text(o, "class"));
        if (o.Count == 1 && o.ContainsKey("rfm")) return new RfmLeaf(Text(o, "rfm"));
        if (o.Count == 1 && o.ContainsKey("tag")) return new TagLeaf(Text(o, "tag"));
        if (o.Count == 1 && o.ContainsKey("group")) return new GroupLeaf(Id(o, "group", "a group id"));
        if (o.Count == 1 && o.ContainsKey("view")) return new ViewLeaf(Id(o, "view", "a saved view's id"));
        if (o.Count == 2 && o.ContainsKey("custom") && o.ContainsKey("label")) return new CustomLabelLeaf(Text(o, "custom"), Text(o, "label"));
        throw new FormatException($"Unknown audience condition {o.ToJsonString()}: use model+class, rfm, tag, group, view, custom+label, and, or, not.");
    }

    private static long Id(JsonObject o, string name, string what)
    {
        var node = o[name];
        if (node is JsonValue v && v.TryGetValue<long>(out var id) && id > 0) return id;
        if (node is JsonValue s && s.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0) return id;
        throw new FormatException($"\"{name}\" takes {what}.");
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : throw new FormatException($"\"{name}\" takes a non-empty text.");

    /// <summary>The leaves of the tree, in order.</summary>
    public static IEnumerable<AudienceNode> Leaves(AudienceNode node) => node switch
    {
        AllOf a => a.Items.SelectMany(Leaves),
        AnyOf a => a.Items.SelectMany(Leaves),
        NoneOf n => Leaves(n.Item),
        _ => [node],
    };
}
