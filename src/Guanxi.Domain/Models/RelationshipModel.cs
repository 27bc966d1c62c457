using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// Kotler's five relationship levels (001_*.txt). Recommended: from the customer's value layer — how many
/// customers it holds (few / medium / many by share of buyers) and its margin (layer average order value ×
/// the layer's margin rate, high or low against the whole base) — read off Kotler's table. Practised: read
/// from the trailing year's contact history. The gap is recommended minus practised (levels in order).
/// Both apply to buyers only: a relationship level describes what happens after a sale.
/// </summary>
internal static class RelationshipModel
{
    public const short Basic = 0;
    public const short Reactive = 1;
    public const short Accountable = 2;
    public const short Proactive = 3;
    public const short Partnership = 4;

    // Kotler's table, [margin: high, medium, low][customers: many, medium, few].
    private static readonly short[,] Table =
    {
        { Accountable, Proactive, Partnership },
        { Reactive, Accountable, Proactive },
        { Basic, Reactive, Accountable },
    };

    private static readonly string[] CountLevels = ["many", "medium", "few"];
    private static readonly string[] MarginLevels = ["high", "medium", "low"];

    /// <summary>Per value layer: count, share, average order value, margin level and the recommended level.</summary>
    public static IReadOnlyList<RelationshipLayer> Layers(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Relationship;
        var value = c.Classes(ModelKeys.Value);
        int layers = ModelCatalog.Value.Classes.Count;
        var customers = new int[layers];
        var cents = new long[layers];
        var orders = new long[layers];
        foreach (int i in c.Buyers)
        {
            int l = value[i];
            customers[l]++;
            cents[l] += m.TotalCents[i];
            orders[l] += m.OrderCount[i];
        }

        int buyers = Math.Max(1, c.Buyers.Length);
        double baseMargin = 0;
        long allOrders = 0;
        for (int l = 0; l < layers; l++)
        {
            baseMargin += s.MarginRateByLayer[l] * cents[l];
            allOrders += orders[l];
        }

        baseMargin = allOrders > 0 ? baseMargin / allOrders : 0;
        var result = new RelationshipLayer[layers];
        for (int l = 0; l < layers; l++)
        {
            double share = customers[l] / (double)buyers;
            long aov = orders[l] > 0 ? cents[l] / orders[l] : 0;
            double margin = s.MarginRateByLayer[l] * aov;
            int count = share <= s.FewCustomersShare ? 2 : share >= s.ManyCustomersShare ? 0 : 1;
            int marginLevel = margin >= s.HighMarginMultiple * baseMargin ? 0 : margin <= s.LowMarginMultiple * baseMargin ? 2 : 1;
            short recommended = Table[marginLevel, count];
            result[l] = new RelationshipLayer(ModelCatalog.Value.Classes[l].Key, customers[l], share, aov, s.MarginRateByLayer[l],
                CountLevels[count], MarginLevels[marginLevel], ModelCatalog.RelationshipRecommended.Classes[recommended].Key);
        }

        return result;
    }

    public static void Classify(ModelContext c, IReadOnlyList<RelationshipLayer> layers)
    {
        var m = c.Metrics;
        var s = c.Settings.Relationship;
        var value = c.Classes(ModelKeys.Value);
        var recommended = c.Classes(ModelKeys.RelationshipRecommended);
        var practised = c.Classes(ModelKeys.RelationshipPractised);
        var gap = c.Results.RelationshipGap;
        var byLayer = layers.Select(l => (short)ModelCatalog.RelationshipRecommended.IndexOf(l.RecommendedKey)).ToArray();
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (!m.HasOrders(i))
            {
                return;
            }

            recommended[i] = byLayer[value[i]];
            practised[i] = Practised(m, i, s);
            gap[i] = (sbyte)(recommended[i] - practised[i]);
        });
    }

    /// <summary>The highest level whose behaviour the contact history shows.</summary>
    public static short Practised(CustomerMetrics m, int i, RelationshipSettings s)
    {
        if (m.Meetings365d[i] >= s.PartnershipMeetings365d)
        {
            return Partnership;
        }

        if (m.OutboundMonths365d[i] >= s.ProactiveOutboundMonths365d)
        {
            return Proactive;
        }

        if (m.Orders365d[i] > 0 && m.FollowedUpOrders365d[i] >= s.AccountableFollowUpShare * m.Orders365d[i])
        {
            return Accountable;
        }

        // Some contact, mostly at the customer's initiative: the company answers but does not reach out.
        return m.Inbound365d[i] > 0 || m.Outbound365d[i] > 0 ? Reactive : Basic;
    }

    public static string ExplainRecommended(Explanation e)
    {
        if (e.Row.RelationshipRecommended is null || e.Row.Value is null)
        {
            return e.Say($"尚无订单，不建议关系类型。", $"No orders yet, so no recommended relationship level.");
        }

        var layer = e.P.RelationshipLayers.FirstOrDefault(l => l.LayerKey == e.Row.Value);
        string layerName = e.ClassName(ModelCatalog.Value, e.Row.Value);
        string name = e.ClassName(ModelCatalog.RelationshipRecommended, e.Row.RelationshipRecommended);
        if (layer is null)
        {
            return e.Say($"所在价值层“{layerName}” —— 建议{name}。", $"Value layer \"{layerName}\" — recommended {name}.");
        }

        string share = Explanation.Percent(layer.Share);
        string aov = Explanation.Yuan(layer.AverageOrderValueCents);
        string rate = Explanation.Percent(layer.MarginRate);
        string countZh = layer.CustomerCountLevel switch { "many" => "多", "few" => "少", _ => "中等" };
        string marginZh = layer.MarginLevel switch { "high" => "高", "low" => "低", _ => "中等" };
        return e.Say(
            $"所在价值层“{layerName}”有{layer.Customers}位客户（占{share}，数量{countZh}），客单价{aov}、毛利率{rate}（边际利润{marginZh}）—— 按科特勒表建议{name}。",
            $"Value layer \"{layerName}\" holds {layer.Customers} customers ({share}: {layer.CustomerCountLevel} customers), average order {aov} at {rate} margin ({layer.MarginLevel} margin) — Kotler's table recommends {name}.");
    }

    public static string ExplainPractised(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        if (e.Row.RelationshipPractised is null)
        {
            return e.Say($"尚无订单，无售后关系可言。", $"No orders yet, so no after-sale relationship.");
        }

        string name = e.ClassName(ModelCatalog.RelationshipPractised, e.Row.RelationshipPractised);
        string gap = e.Row.RelationshipGap is { } g
            ? g > 0 ? e.Say($"；比建议低{g}级", $"; {g} level(s) below the recommendation")
              : g < 0 ? e.Say($"；比建议高{-g}级", $"; {-g} level(s) above the recommendation") : e.Say($"；与建议一致", $"; matches the recommendation")
            : "";
        return e.Say(
            $"近365天会面{m.Meetings365d[i]}次，主动联系覆盖{m.OutboundMonths365d[i]}个月，{m.Orders365d[i]}笔订单中{m.FollowedUpOrders365d[i]}笔有回访，客户来电/来访{m.Inbound365d[i]}次 —— {name}{gap}。",
            $"In the last 365 days: {m.Meetings365d[i]} meetings, outbound contact in {m.OutboundMonths365d[i]} months, {m.FollowedUpOrders365d[i]} of {m.Orders365d[i]} orders followed up, {m.Inbound365d[i]} inbound contacts — {name}{gap}.");
    }
}
