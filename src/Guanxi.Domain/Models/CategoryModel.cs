using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 客户类别 (001_*.txt, 客户分类: potential, new, old, large, small). The five overlap in the text; here they are
/// checked in this order so each customer gets one: potential (no order), large (top share by trailing-year
/// spend: large accounts matter whatever their age), new (first order recent), established (repeat orders
/// in the trailing year), small (the rest).
/// </summary>
internal static class CategoryModel
{
    public const short PotentialClass = 0;
    public const short New = 1;
    public const short Established = 2;
    public const short Large = 3;
    public const short Small = 4;

    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.Category;
        long large = c.Cutoffs.LargeAmount365dCents;
        var classes = c.Classes(ModelKeys.Category);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) => classes[i] = Of(m, i, large, s));
    }

    public static short Of(CustomerMetrics m, int i, long largeLine, CategorySettings s)
    {
        if (!m.HasOrders(i))
        {
            return PotentialClass;
        }

        if (m.Amount365dCents[i] > 0 && m.Amount365dCents[i] >= largeLine)
        {
            return Large;
        }

        if (m.AsOfDay - m.FirstOrderDay[i] <= s.NewDays)
        {
            return New;
        }

        return m.Orders365d[i] >= s.EstablishedOrders365d ? Established : Small;
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        string name = e.ClassName(ModelCatalog.Category, e.Row.Category);
        if (!m.HasOrders(i))
        {
            return e.Say($"尚未与公司成交 —— {name}。", $"No business with us yet — {name}.");
        }

        string spent = Explanation.Yuan(m.Amount365dCents[i]);
        string line = Explanation.Yuan(e.P.Cutoffs.LargeAmount365dCents);
        int first = m.AsOfDay - m.FirstOrderDay[i];
        return e.Say($"近365天{m.Orders365d[i]}笔订单、消费{spent}（大客户线 {line}），首次购买在{e.Ago(first)} —— {name}。",
            $"{m.Orders365d[i]} orders for {spent} in the last 365 days (large-account line {line}), first order {e.Ago(first)} — {name}.");
    }
}
