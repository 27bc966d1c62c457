using System.Linq.Expressions;
using Guanxi.Common;
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

    /// <summary>The customers of the audience as a query (still in the database).</summary>
    public static IQueryable<Customer> Customers(GuanxiDbContext db, AudienceNode node, long? runId)
    {
        var c = Expression.Parameter(typeof(Customer), "c");
        var body = Build(db, node, runId ?? 0, c);
        return db.Customers.Where(Expression.Lambda<Func<Customer, bool>>(body, c));
    }

    private static Expression Build(GuanxiDbContext db, AudienceNode node, long run, ParameterExpression c) => node switch
    {
        AllOf a => a.Items.Select(i => Build(db, i, run, c)).Aggregate(Expression.AndAlso),
        AnyOf a => a.Items.Select(i => Build(db, i, run, c)).Aggregate(Expression.OrElse),
        NoneOf n => Expression.Not(Build(db, n.Item, run, c)),
        ModelClassLeaf m => Leaf(ModelClass(db, run, ModelCatalog.Find(m.Model)!, m.Class), c),
        RfmLeaf r => Leaf(ModelClass(db, run, ModelCatalog.Rfm, r.Segment), c),
        TagLeaf t => Leaf(Tag(db, t.Tag), c),
        GroupLeaf g => Leaf(Group(db, g.GroupId), c),
        _ => throw new InvalidOperationException("Unknown audience node."),
    };

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
