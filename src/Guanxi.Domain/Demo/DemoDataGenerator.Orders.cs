using System.Globalization;

namespace Guanxi.Domain.Demo;

public sealed partial class DemoDataGenerator
{
    private const double AmountSigma = 0.55;
    private const double PreferredChannelShare = 0.75;

    private static readonly (string Name, double Share)[] ChannelShares =
        [("store", 0.35), ("web", 0.25), ("app", 0.30), ("phone", 0.10)];

    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>Spring Festival (lunar new year's day) of a Gregorian year, 1901–2100: the weeks around it are quiet.</summary>
    public static DateOnly SpringFestival(int year) => DateOnly.FromDateTime(Lunar.ToDateTime(year, 1, 1, 0, 0, 0, 0));

    /// <summary>
    /// Exactly <see cref="DemoOptions.Orders"/> orders, customer by customer (index order) and in time
    /// order within each customer; not globally time-sorted, which would need a merge over all buyers.
    /// </summary>
    public IEnumerable<DemoOrder> Orders()
    {
        var rng = new Random(DemoRandom.StreamSeed(_options.Seed, 2));
        var dayWeight = DayWeights();
        var baseChannels = DemoRandom.Cumulative(ChannelShares, c => c.Share);
        var buffer = new long[16];
        for (var i = 0; i < _orderCount.Length; i++)
        {
            var count = _orderCount[i];
            if (count == 0) continue;
            if (buffer.Length < count) buffer = new long[Math.Max(count, buffer.Length * 2)];
            FillOrderTimes(rng, i, count, dayWeight, baseChannels, buffer);
            Array.Sort(buffer, 0, count);
            for (var k = 0; k < count; k++)
            {
                var second = buffer[k] >> 2;
                var channel = ChannelShares[(int)(buffer[k] & 3)].Name;
                yield return NewOrder(rng, i, At(second), channel);
            }
        }
    }

    /// <summary>Order times packed as second·4 + channel, so one sort orders both.</summary>
    private void FillOrderTimes(Random rng, int customer, int count, float[] dayWeight, double[] baseChannels, long[] buffer)
    {
        long created = _createdSecond[customer];
        long horizon = HorizonSecond;
        // Repeats fall in the active period, but at least a week so a short life still spreads out.
        var until = Math.Min(horizon, Math.Max(_activeUntilSecond[customer], created + 7L * SecondsPerDay));
        for (var k = 0; k < count; k++)
        {
            var channel = rng.NextDouble() < PreferredChannelShare
                ? _preferredChannel[customer]
                : rng.PickCumulative(baseChannels);
            long second;
            if (k == 0)
            {
                // The first purchase comes with the sign-up, within the hour.
                second = Math.Min(horizon - 1, created + rng.Next(3600));
            }
            else
            {
                long day;
                do day = (created + rng.NextInt64(until - created)) / SecondsPerDay;
                while (rng.NextDouble() >= dayWeight[day]);
                second = Math.Max(created, day * SecondsPerDay + TimeOfDay(rng, channel));
            }
            buffer[k] = second << 2 | (long)channel;
        }
    }

    /// <summary>Stores open 09–23, phone sales office hours, web and app peak in the evening.</summary>
    private static int TimeOfDay(Random rng, int channel)
    {
        var hour = channel switch
        {
            0 => 9 + rng.Next(14),
            3 => 9 + rng.Next(9),
            _ => rng.NextDouble() < 0.6 ? 18 + rng.Next(6) : rng.Next(24),
        };
        return hour * 3600 + rng.Next(3600);
    }

    /// <summary>Relative order volume per day, scaled so the busiest day is 1 (used for rejection sampling).</summary>
    private float[] DayWeights()
    {
        var weights = new float[_days];
        var first = DateOnly.FromDateTime(_start);
        var festivals = Enumerable.Range(first.Year - 1, first.AddDays(_days).Year - first.Year + 3).Select(SpringFestival).ToArray();
        for (var d = 0; d < _days; d++)
        {
            var date = first.AddDays(d);
            var w = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.35 : 1.0;
            w *= (date.Month, date.Day) switch
            {
                (11, 11) => 3.0, // 双十一
                (6, 18) => 2.0,  // 618
                (12, 12) => 1.8, // 双十二
                _ => 1.0,
            };
            foreach (var festival in festivals)
            {
                if (Math.Abs(date.DayNumber - festival.DayNumber) <= 7) w *= 0.5;
            }
            weights[d] = (float)w;
        }
        var max = weights.Max();
        for (var d = 0; d < _days; d++) weights[d] /= max;
        return weights;
    }

    private DemoOrder NewOrder(Random rng, int customer, DateTime orderedAt, string channel)
    {
        var mu = Math.Log(_meanAmountYuan[customer]) - AmountSigma * AmountSigma / 2;
        var cents = PricePoint(rng, Math.Exp(mu + AmountSigma * rng.Normal()));
        var lines = rng.NextDouble() < 0.5 ? Lines(rng, cents) : [];

        DateOnly? due = null, paid = null;
        if (_isOrganisation[customer])
        {
            // Companies pay on invoice: most within 30–90 days, some late, a few never.
            var date = DateOnly.FromDateTime(orderedAt);
            due = date.AddDays(90);
            var r = rng.NextDouble();
            DateOnly? p = r < 0.80 ? date.AddDays(30 + rng.Next(61))
                : r < 0.95 ? date.AddDays(91 + rng.Next(150))
                : null;
            paid = p <= _options.Today ? p : null;
        }
        return new DemoOrder(customer, orderedAt, cents, channel, lines, due, paid);
    }

    /// <summary>Shop prices: mostly ending in 9 or whole yuan, some with one decimal (…x0 fen); never zero.</summary>
    private static long PricePoint(Random rng, double yuan)
    {
        yuan = Math.Min(yuan, 999_999);
        var r = rng.NextDouble();
        if (r < 0.45) return Math.Max(9, (long)Math.Round((yuan + 1) / 10) * 10 - 1) * 100;
        if (r < 0.80) return Math.Max(1, (long)Math.Round(yuan)) * 100;
        return Math.Max(10, (long)Math.Round(yuan * 10) * 10);
    }

    /// <summary>One to three lines whose quantity × unit price add up to the order amount exactly.</summary>
    private static DemoOrderLine[] Lines(Random rng, long cents)
    {
        var count = cents >= 300 * 100 ? 1 + rng.Next(3) : 1;
        var lines = new DemoOrderLine[count];
        var remaining = cents;
        for (var k = 0; k < count; k++)
        {
            // Earlier lines take a whole-yuan share of what is left; the last line takes the rest.
            var part = k == count - 1 ? remaining : (long)(remaining * (0.3 + 0.3 * rng.NextDouble())) / 100 * 100;
            remaining -= part;
            var quantity = part % 300 == 0 && rng.NextDouble() < 0.2 ? 3 : part % 200 == 0 && rng.NextDouble() < 0.3 ? 2 : 1;
            var unit = part / quantity;
            lines[k] = new DemoOrderLine(ProductFor(rng, unit), quantity, unit);
        }
        return lines;
    }

    /// <summary>A product sold near that price, so a 39-yuan line is not an air purifier.</summary>
    private static string ProductFor(Random rng, long unitCents)
    {
        var products = DemoCatalog.Products;
        var start = rng.Next(products.Count);
        var yuan = unitCents / 100;
        for (var k = 0; k < products.Count; k++)
        {
            var p = products[(start + k) % products.Count];
            if (yuan >= p.MinYuan && yuan <= p.MaxYuan) return p.Name;
        }
        return products[start].Name;
    }
}
