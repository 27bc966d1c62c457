using System.Linq.Expressions;
using Guanxi.Common;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Marketing;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Marketing;

/// <summary>
/// Turns an audience expression into one predicate over customers that the database evaluates (EXISTS subqueries on
/// model results, tags and group members combined with AND / OR / NOT), so an audience is resolved set-based in SQL and
/// within the caller's reach (the customers' query filter) — never customer by customer in C#. Provider-neutral LINQ.
/// </summary>
public static class AudienceFilter
{
    /// <summary>The parsed audience, checked against what exists (400 naming <c>audience</c> otherwise).</summary>
    public static async Task<AudienceNode> ValidateAsync(GuanxiDbContext db, string? json, CancellationToken ct)
    {
        var node = AudienceExpression.TryParse(json, out var error) ?? throw ValidationException.For("audience", error);
        var problems = new List<string>();
        var needsRun = false;
        foreach (var leaf in AudienceExpression.Leaves(node))
        {
            switch (leaf)
            {
                case ModelClassLeaf m:
                    needsRun = true;
                    if (ModelCatalog.Find(m.Model) is not { } model) problems.Add($"unknown model '{m.Model}'");
                    else if (ClassIndex(model, m.Class) is null) problems.Add($"unknown class '{m.Class}' of model '{m.Model}'");
                    break;
                case RfmLeaf r:
                    needsRun = true;
                    if (ClassIndex(ModelCatalog.Rfm, r.Segment) is null) problems.Add($"unknown RFM segment '{r.Segment}'");
                    break;
                case TagLeaf t:
                    if (!await db.CustomerTags.AnyAsync(x => x.Tag == t.Tag, ct)) problems.Add($"unknown tag '{t.Tag}'");
                    break;
                case GroupLeaf g:
                    if (!await db.CustomerGroups.AnyAsync(x => x.Id == g.GroupId, ct)) problems.Add($"unknown group {g.GroupId}");
                    break;
                case ViewLeaf v:
                    // Views are one's own or shared with one's team (their query filter): another's private view is unknown here.
                    if (!await db.CustomerViews.AnyAsync(x => x.Id == v.ViewId, ct)) problems.Add($"unknown saved view {v.ViewId}");
                    break;
                case CustomLabelLeaf c:
                    needsRun = true;
                    var rules = await db.CustomModels.AsNoTracking().Where(m => m.Name == c.Model).Select(m => m.Rules).FirstOrDefaultAsync(ct);
                    if (rules is null) problems.Add($"unknown custom model '{c.Model}'");
                    else if (CustomModel.Parse(c.Model, rules).Model?.Labels.Contains(c.Label, StringComparer.Ordinal) != true) problems.Add($"unknown label '{c.Label}' of custom model '{c.Model}'");
                    break;
            }
        }
        if (needsRun && problems.Count == 0 && await LatestRunAsync(db, ct) is null) problems.Add("no finished model run yet, so no model class or RFM segment can be used");
        if (problems.Count > 0) throw ValidationException.For("audience", "The audience has " + string.Join("; ", problems) + ".");
        return node;
    }

    /// <summary>The class index of a class given by its key or its English or Chinese name.</summary>
    public static short? ClassIndex(ModelDefinition model, string cls)
    {
        for (var i = 0; i < model.Classes.Count; i++)
        {
            var c = model.Classes[i];
            if (c.Key.Equals(cls, StringComparison.OrdinalIgnoreCase) || c.NameEn.Equals(cls, StringComparison.OrdinalIgnoreCase) || c.NameZh == cls) return (short)i;
        }
        return null;
    }

    public static Task<long?> LatestRunAsync(GuanxiDbContext db, CancellationToken ct) =>
        db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The customers of a validated audience as a query (still in the database). A saved view's filters are read now and
    /// applied as the customer list applies them (<see cref="CustomerSearch.Filter"/>), so the audience is the list the
    /// view shows; a custom model's label is looked up by the model's id in the run's labels.
    /// </summary>
    public static async Task<IQueryable<Customer>> CustomersAsync(GuanxiDbContext db, CustomerSearch search, AudienceNode node, long? runId, CancellationToken ct)
    {
        var views = new Dictionary<long, IQueryable<long>>();
        var customModels = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var leaf in AudienceExpression.Leaves(node))
        {
            if (leaf is ViewLeaf v && !views.ContainsKey(v.ViewId))
            {
                var text = await db.CustomerViews.AsNoTracking().Where(x => x.Id == v.ViewId).Select(x => x.Query).FirstOrDefaultAsync(ct)
                    ?? throw ValidationException.For("audience", $"The audience has unknown saved view {v.ViewId}.");
                var errors = new FieldErrors();
                var query = CustomerQueryText.Parse(text, errors);
                if (errors.Any) throw ValidationException.For("audience", $"Saved view {v.ViewId} has filters the list no longer reads.");
                views[v.ViewId] = search.Filter(db, query).Select(x => x.Id);
            }
            else if (leaf is CustomLabelLeaf c && !customModels.ContainsKey(c.Model))
            {
                customModels[c.Model] = await db.CustomModels.AsNoTracking().Where(m => m.Name == c.Model).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct)
                    ?? throw ValidationException.For("audience", $"The audience has unknown custom model '{c.Model}'.");
            }
        }
        var parameter = Expression.Parameter(typeof(Customer), "c");
        var body = Build(new Parts(db, runId ?? 0, views, customModels), node, parameter);
        return db.Customers.Where(Expression.Lambda<Func<Customer, bool>>(body, parameter));
    }

    /// <summary>What the leaves read: the context, the run, the saved views' customer ids and the custom models' ids.</summary>
    private sealed record Parts(GuanxiDbContext Db, long Run, Dictionary<long, IQueryable<long>> Views, Dictionary<string, long> CustomModels);

    private static Expression Build(Parts p, AudienceNode node, ParameterExpression c) => node switch
    {
        AllOf a => a.Items.Select(i => Build(p, i, c)).Aggregate(Expression.AndAlso),
        AnyOf a => a.Items.Select(i => Build(p, i, c)).Aggregate(Expression.OrElse),
        NoneOf n => Expression.Not(Build(p, n.Item, c)),
        ModelClassLeaf m => Leaf(ModelClass(p.Db, p.Run, ModelCatalog.Find(m.Model)!, m.Class), c),
        RfmLeaf r => Leaf(ModelClass(p.Db, p.Run, ModelCatalog.Rfm, r.Segment), c),
        TagLeaf t => Leaf(Tag(p.Db, t.Tag), c),
        GroupLeaf g => Leaf(Group(p.Db, g.GroupId), c),
        ViewLeaf v => Leaf(InView(p.Views[v.ViewId]), c),
        CustomLabelLeaf l => Leaf(CustomLabel(p.Db, p.Run, p.CustomModels[l.Model], l.Label), c),
        _ => throw new InvalidOperationException("Unknown audience node."),
    };

    private static Expression<Func<Customer, bool>> InView(IQueryable<long> ids) => x => ids.Contains(x.Id);

    private static Expression<Func<Customer, bool>> CustomLabel(GuanxiDbContext db, long run, long model, string label) =>
        x => db.ModelCustomLabels.Any(l => l.RunId == run && l.CustomModelId == model && l.CustomerId == x.Id && l.Label == label);

    private static Expression<Func<Customer, bool>> ModelClass(GuanxiDbContext db, long run, ModelDefinition model, string cls)
    {
        var property = Models.ModelQueries.PropertyOf(model.Key);
        short? index = ClassIndex(model, cls);
        return x => db.ModelResults.Any(r => r.RunId == run && r.CustomerId == x.Id && EF.Property<short?>(r, property) == index);
    }

    private static Expression<Func<Customer, bool>> Tag(GuanxiDbContext db, string tag) => x => db.CustomerTags.Any(t => t.CustomerId == x.Id && t.Tag == tag);

    private static Expression<Func<Customer, bool>> Group(GuanxiDbContext db, long group) => x => db.CustomerGroupMembers.Any(m => m.CustomerId == x.Id && m.GroupId == group);

    /// <summary>The leaf's body with its parameter replaced by the shared one.</summary>
    private static Expression Leaf(Expression<Func<Customer, bool>> leaf, ParameterExpression c) => new Rebind(leaf.Parameters[0], c).Visit(leaf.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
