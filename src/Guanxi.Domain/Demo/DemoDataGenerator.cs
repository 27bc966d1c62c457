namespace Guanxi.Domain.Demo;

/// <summary>
/// A pure, seeded generator of believable CRM data for `guanxi demo`. The same options always give
/// the same customers, orders and interactions; nothing reads the clock or does I/O.
/// </summary>
/// <remarks>
/// The constructor draws a per-customer plan (creation time, kind, order count, spending level,
/// preferred channel, active period) into a few flat arrays, about 30 bytes per customer; the three
/// streams then expand it lazily, each from its own seeded <see cref="Random"/>, so memory stays
/// bounded for 1,000,000 customers and 10,000,000 orders. Buying follows the bench README: about 20%
/// of customers never buy; buyers make a first purchase at acquisition and repeat purchases with a
/// gamma-distributed rate until an exponential dropout (Pareto/NBD), the repeats drawn multinomially
/// so the total is exactly <see cref="DemoOptions.Orders"/>.
/// </remarks>
public sealed partial class DemoDataGenerator
{
    private const int SecondsPerDay = 86_400;
    private const double ProspectShare = 0.2;
    private const double OrganisationShare = 0.1;

    private readonly DemoOptions _options;
    private readonly DateTime _start;
    private readonly int _days;

    // Struct-of-arrays plan, indexed by customer index (creation order).
    private readonly int[] _createdSecond;   // seconds since _start
    private readonly int[] _activeUntilSecond;
    private readonly int[] _orderCount;
    private readonly float[] _meanAmountYuan;
    private readonly byte[] _preferredChannel;
    private readonly bool[] _isOrganisation;

    public DemoDataGenerator(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Customers);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Orders);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InteractionsPerCustomer);
        if (options.Customers == 0 && options.Orders > 0)
            throw new ArgumentException("Orders need at least one customer.", nameof(options));

        _options = options;
        var first = options.Today.AddYears(-3);
        _start = first.ToDateTime(TimeOnly.MinValue);
        _days = options.Today.DayNumber - first.DayNumber + 1; // today included

        var n = options.Customers;
        _createdSecond = new int[n];
        _activeUntilSecond = new int[n];
        _orderCount = new int[n];
        _meanAmountYuan = new float[n];
        _preferredChannel = new byte[n];
        _isOrganisation = new bool[n];

        var rng = new Random(DemoRandom.StreamSeed(options.Seed, 0));
        PlanCustomers(rng);
        PlanOrderCounts(rng);
    }

    /// <summary>Last moment an order or interaction may have: today 23:59:59.</summary>
    private int HorizonSecond => _days * SecondsPerDay;

    private void PlanCustomers(Random rng)
    {
        var n = _options.Customers;
        for (var i = 0; i < n; i++)
        {
            // u^0.8 leans creation towards recent days: a growing business acquires more each year.
            var day = Math.Min(_days - 1, (int)(_days * Math.Pow(rng.NextDouble(), 0.8)));
            // Sign-ups happen in waking hours, 08:00–22:00.
            _createdSecond[i] = day * SecondsPerDay + 8 * 3600 + rng.Next(14 * 3600);
        }
        Array.Sort(_createdSecond); // index order = creation order

        var channelWeights = DemoRandom.Cumulative(ChannelShares, c => c.Share);
        for (var i = 0; i < n; i++)
        {
            var organisation = rng.NextDouble() < OrganisationShare;
            _isOrganisation[i] = organisation;
            // Inverse-gamma across customers (shape 3.5, mean 180 CNY): scale = mean · (shape − 1).
            var mean = 180.0 * 2.5 / rng.Gamma(3.5, 1.0);
            _meanAmountYuan[i] = (float)(organisation ? mean * 4 : mean);
            _preferredChannel[i] = (byte)rng.PickCumulative(channelWeights);
        }
    }

    private void PlanOrderCounts(Random rng)
    {
        var n = _options.Customers;
        var total = _options.Orders;
        if (n == 0 || total == 0) return;

        // Buyers: about 80%, at least one; if there are fewer orders than buyers, only that many buy once.
        var buyers = 0;
        for (var i = 0; i < n; i++)
        {
            if (rng.NextDouble() >= ProspectShare) { _orderCount[i] = 1; buyers++; }
        }
        if (buyers == 0) { _orderCount[rng.Next(n)] = 1; buyers = 1; }
        if (buyers > total) buyers = KeepRandomBuyers(rng, buyers, (int)total);

        // Pareto/NBD: purchase rate ~ Gamma(0.55), dropout rate ~ Gamma; the expected repeats of a
        // buyer are rate × active time, and the repeats are then shared out multinomially by that weight.
        var weights = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var created = _createdSecond[i];
            var activeUntil = created;
            if (_orderCount[i] > 0)
            {
                var rate = rng.Gamma(0.55, 1.0);
                var dropoutPerDay = rng.Gamma(2.0, 1.0 / 1200.0); // mean active life about 600 days
                var lifeDays = -Math.Log(1.0 - rng.NextDouble()) / dropoutPerDay;
                activeUntil = (int)Math.Min(HorizonSecond - 1, created + lifeDays * SecondsPerDay);
                sum += rate * (activeUntil - created);
            }
            _activeUntilSecond[i] = activeUntil;
            weights[i] = sum;
        }

        var repeats = total - buyers;
        if (repeats <= 0) return;
        if (sum <= 0)
        {
            // Everyone joined in the last second: share repeats evenly among buyers instead.
            for (var i = 0; i < n; i++) weights[i] = (i == 0 ? 0 : weights[i - 1]) + (_orderCount[i] > 0 ? 1 : 0);
        }
        ShareOutMultinomially(rng, weights, repeats);
    }

    /// <summary>
    /// Adds <paramref name="draws"/> orders to buyers with probability proportional to their weight
    /// (cumulative in <paramref name="cumulative"/>). Instead of a binary search per draw, which is slow
    /// over millions of customers, it walks sorted uniforms (generated largest first as products of
    /// U^(1/k)) down the cumulative weights once: same multinomial, O(draws + customers).
    /// </summary>
    private void ShareOutMultinomially(Random rng, double[] cumulative, long draws)
    {
        var total = cumulative[^1];
        var point = 1.0;
        var i = cumulative.Length - 1;
        // Trailing zero-weight customers (prospects) must not catch a draw that rounds up to the total.
        while (i > 0 && cumulative[i - 1] >= total) i--;
        for (var k = draws; k > 0; k--)
        {
            point *= Math.Exp(Math.Log(1.0 - rng.NextDouble()) / k);
            var target = point * total;
            // Stops at the bucket with cumulative[i-1] <= target < cumulative[i]: never a zero-weight one.
            while (i > 0 && cumulative[i - 1] > target) i--;
            _orderCount[i]++;
        }
    }

    /// <summary>Selection sampling (Knuth's algorithm S): keeps exactly <paramref name="keep"/> of the buyers.</summary>
    private int KeepRandomBuyers(Random rng, int buyers, int keep)
    {
        var seen = 0;
        var kept = 0;
        for (var i = 0; i < _orderCount.Length; i++)
        {
            if (_orderCount[i] == 0) continue;
            if ((buyers - seen) * rng.NextDouble() < keep - kept) kept++;
            else _orderCount[i] = 0;
            seen++;
        }
        return kept;
    }

    private DateTime At(long second) => _start.AddSeconds(second);
}
