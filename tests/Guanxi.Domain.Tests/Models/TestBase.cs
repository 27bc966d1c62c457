using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

/// <summary>One hand-made customer; days are "days before AsOf", money in yuan. Unset figures are zero / never.</summary>
internal sealed record Cust
{
    public int Orders { get; init; }
    public int? DistinctDays { get; init; }
    public decimal Total { get; init; }
    public int? FirstAgo { get; init; }
    public int? LastAgo { get; init; }
    public int? PreviousAgo { get; init; }
    public float IntervalSd { get; init; } = float.NaN;
    public int O90 { get; init; }
    public decimal A90 { get; init; }
    public int O365 { get; init; }
    public decimal A365 { get; init; }
    public int OPrev { get; init; }
    public decimal APrev { get; init; }
    public decimal Invoiced { get; init; }
    public decimal Collected { get; init; }
    public int? Term { get; init; }
    public int FollowedUp { get; init; }
    public int Interactions { get; init; }
    public int Inbound { get; init; }
    public int Outbound { get; init; }
    public int Meetings { get; init; }
    public int OutboundMonths { get; init; }
    public int? LastContactAgo { get; init; }
    public float Satisfaction { get; init; } = float.NaN;
    public int OpenComplaints { get; init; }
    public int Complaints365 { get; init; }
    public float Completeness { get; init; }
    public string? Source { get; init; }
    public int Referrer { get; init; } = -1;
    public int CreatedAgo { get; init; } = 400;

    /// <summary>A buyer whose windows are filled consistently from one order pattern (all orders equal in size).</summary>
    public static Cust Buyer(int orders, decimal total, int firstAgo, int lastAgo) => new()
    {
        Orders = orders,
        Total = total,
        FirstAgo = firstAgo,
        LastAgo = lastAgo,
        O365 = lastAgo < 365 ? orders : 0,
        A365 = lastAgo < 365 ? total : 0,
        O90 = lastAgo < 90 ? 1 : 0,
        A90 = lastAgo < 90 ? total / orders : 0,
        CreatedAgo = firstAgo + 10,
    };
}

internal static class TestBase
{
    public static readonly DateOnly AsOf = new(2026, 7, 1);

    public static CustomerMetrics Build(params Cust[] customers) => Build(AsOf, customers);

    public static CustomerMetrics Build(DateOnly asOf, params Cust[] customers)
    {
        var m = new CustomerMetrics(customers.Length, asOf);
        int today = asOf.DayNumber;
        for (int i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            m.CustomerId[i] = 1000 + i;
            m.CreatedDay[i] = today - c.CreatedAgo;
            m.ProfileCompleteness[i] = c.Completeness;
            m.Source[i] = c.Source;
            m.ReferrerIndex[i] = c.Referrer;
            m.OrderCount[i] = c.Orders;
            m.DistinctOrderDays[i] = c.DistinctDays ?? c.Orders;
            m.TotalCents[i] = (long)(c.Total * 100);
            if (c.Orders > 0)
            {
                m.FirstOrderDay[i] = today - (c.FirstAgo ?? c.LastAgo ?? 0);
                m.LastOrderDay[i] = today - (c.LastAgo ?? 0);
                if (c.PreviousAgo is { } p)
                {
                    m.PreviousOrderDay[i] = today - p;
                }
            }

            m.OrderIntervalStdDevDays[i] = c.IntervalSd;
            m.Orders90d[i] = c.O90;
            m.Amount90dCents[i] = (long)(c.A90 * 100);
            m.Orders365d[i] = c.O365;
            m.Amount365dCents[i] = (long)(c.A365 * 100);
            m.OrdersPrevious365d[i] = c.OPrev;
            m.AmountPrevious365dCents[i] = (long)(c.APrev * 100);
            m.Invoiced24mCents[i] = (long)(c.Invoiced * 100);
            m.Collected24mCents[i] = (long)(c.Collected * 100);
            m.LongestPaymentTermDays[i] = c.Term ?? CustomerMetrics.NoDay;
            m.FollowedUpOrders365d[i] = c.FollowedUp;
            m.InteractionCount[i] = c.Interactions;
            m.Inbound365d[i] = c.Inbound;
            m.Outbound365d[i] = c.Outbound;
            m.Meetings365d[i] = c.Meetings;
            m.OutboundMonths365d[i] = c.OutboundMonths;
            m.LastContactDay[i] = c.LastContactAgo is { } lc ? today - lc : CustomerMetrics.NoDay;
            m.Satisfaction[i] = c.Satisfaction;
            m.OpenComplaints[i] = c.OpenComplaints;
            m.Complaints365d[i] = c.Complaints365;
        }

        return m;
    }

    public static ModelResults Run(CustomerMetrics m, ModelSettings? settings = null, params CustomModel[] custom) =>
        ModelEngine.Evaluate(m, settings ?? ModelSettings.Default, custom);

    public static string?[] Keys(ModelResults r, string model) =>
        Enumerable.Range(0, r.Count).Select(i => r.ClassKey(model, i)).ToArray();

    /// <summary>
    /// A synthetic base shaped like the bench data: 20% prospects, Pareto/NBD-like buyers over three years,
    /// lognormal order sizes, some referrals, contacts and invoices.
    /// </summary>
    public static CustomerMetrics Synthetic(int n, int seed, DateOnly? asOf = null)
    {
        var rng = new Random(seed);
        var m = new CustomerMetrics(n, asOf ?? AsOf);
        int today = m.AsOfDay;
        for (int i = 0; i < n; i++)
        {
            m.CustomerId[i] = i + 1;
            m.CreatedDay[i] = today - rng.Next(1, 3000);
            m.ProfileCompleteness[i] = (float)rng.NextDouble();
            m.Source[i] = rng.Next(10) == 0 ? "转介绍" : "门店";
            m.ReferrerIndex[i] = i > 0 && rng.Next(8) == 0 ? rng.Next(i) : -1;
            m.InteractionCount[i] = rng.Next(6);
            m.LastContactDay[i] = m.InteractionCount[i] > 0 ? today - rng.Next(1, 400) : CustomerMetrics.NoDay;
            m.Inbound365d[i] = rng.Next(3);
            m.Outbound365d[i] = rng.Next(4);
            m.OutboundMonths365d[i] = Math.Min(m.Outbound365d[i], 12);
            m.Meetings365d[i] = rng.Next(20) == 0 ? 2 : 0;
            m.Satisfaction[i] = rng.Next(3) == 0 ? 1 + (4 * (float)rng.NextDouble()) : float.NaN;
            m.OpenComplaints[i] = rng.Next(30) == 0 ? 1 : 0;
            m.Complaints365d[i] = rng.Next(20) == 0 ? 2 : 0;
            if (rng.NextDouble() < 0.2)
            {
                continue;
            }

            int age = rng.Next(1, 1095);
            double rate = Gamma(rng, 0.55) / 30.0;
            double dropout = -Math.Log(1 - rng.NextDouble()) * 400;
            int alive = (int)Math.Min(age, dropout);
            int repeats = Poisson(rng, rate * alive);
            repeats = Math.Min(repeats, Math.Max(0, alive));
            int first = today - age;
            int last = repeats > 0 ? first + rng.Next(Math.Max(1, alive - (alive / (repeats + 1))), alive + 1) : first;
            double mean = 180 * (0.5 + rng.NextDouble());
            int orders = repeats + 1;
            long total = 0;
            for (int k = 0; k < orders; k++)
            {
                total += (long)(mean * Math.Exp(0.55 * Normal(rng)) * 100);
            }

            m.OrderCount[i] = orders;
            m.DistinctOrderDays[i] = repeats > 0 ? Math.Min(orders, last - first + 1) : 1;
            if (m.DistinctOrderDays[i] < 2 && repeats > 0)
            {
                m.DistinctOrderDays[i] = 2;
                last = Math.Max(last, first + 1);
            }

            m.TotalCents[i] = total;
            m.FirstOrderDay[i] = first;
            m.LastOrderDay[i] = Math.Min(last, today);
            m.PreviousOrderDay[i] = repeats > 0 ? first + ((m.LastOrderDay[i] - first) / 2) : CustomerMetrics.NoDay;
            double perDay = orders / (double)Math.Max(1, m.LastOrderDay[i] - first + 1);
            m.Orders365d[i] = today - m.LastOrderDay[i] < 365 ? Math.Max(1, (int)(perDay * 365)) : 0;
            m.Orders365d[i] = Math.Min(m.Orders365d[i], orders);
            m.Amount365dCents[i] = total / orders * m.Orders365d[i];
            m.Orders90d[i] = today - m.LastOrderDay[i] < 90 ? Math.Min(m.Orders365d[i], Math.Max(1, (int)(perDay * 90))) : 0;
            m.Amount90dCents[i] = total / orders * m.Orders90d[i];
            m.OrdersPrevious365d[i] = Math.Min(orders - m.Orders365d[i], (int)(perDay * 365));
            m.AmountPrevious365dCents[i] = total / orders * m.OrdersPrevious365d[i];
            m.DistinctProducts[i] = 1 + rng.Next(orders);
            m.DistinctChannels[i] = 1 + rng.Next(3);
            m.FollowedUpOrders365d[i] = rng.Next(m.Orders365d[i] + 1);
            if (rng.Next(10) == 0)
            {
                m.Invoiced24mCents[i] = total;
                m.Collected24mCents[i] = (long)(total * rng.NextDouble());
                m.LongestPaymentTermDays[i] = rng.Next(10, 300);
            }
        }

        return m;
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static int Poisson(Random rng, double lambda)
    {
        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * Normal(rng))));
        }

        double l = Math.Exp(-lambda);
        int k = 0;
        double p = 1;
        do
        {
            k++;
            p *= rng.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    // Marsaglia-Tsang, with the shape < 1 boost.
    private static double Gamma(Random rng, double shape)
    {
        if (shape < 1)
        {
            return Gamma(rng, shape + 1) * Math.Pow(rng.NextDouble(), 1 / shape);
        }

        double d = shape - (1.0 / 3);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(rng);
            double v = Math.Pow(1 + (c * x), 3);
            if (v > 0 && Math.Log(1 - rng.NextDouble()) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
