namespace Guanxi.Domain.Demo;

/// <summary>The few distributions the demo data need, on top of a seeded <see cref="Random"/>.</summary>
internal static class DemoRandom
{
    /// <summary>
    /// A seed for one independent stream (customers, orders, …), so that enumerating one stream
    /// never shifts another. Not <see cref="HashCode"/>: that is randomised per process.
    /// </summary>
    public static int StreamSeed(int seed, int stream)
    {
        var x = unchecked((uint)seed * 0x9E3779B1u + (uint)stream * 0x85EBCA77u);
        x ^= x >> 15;
        x = unchecked(x * 0x2C1B3C6Du);
        x ^= x >> 12;
        return (int)(x & 0x7FFFFFFF);
    }

    public static double Normal(this Random rng)
    {
        // Box–Muller; 1 - u keeps the logarithm finite.
        var u = 1.0 - rng.NextDouble();
        var v = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Gamma(shape, scale) by Marsaglia–Tsang, with the usual boost for shape &lt; 1.</summary>
    public static double Gamma(this Random rng, double shape, double scale)
    {
        if (shape < 1.0)
        {
            var boost = Math.Pow(1.0 - rng.NextDouble(), 1.0 / shape);
            return rng.Gamma(shape + 1.0, scale) * boost;
        }
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = rng.Normal();
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = rng.NextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1.0 - v + Math.Log(v)))
                return d * v * scale;
        }
    }

    /// <summary>Poisson by multiplication; only used for small means (interactions per customer).</summary>
    public static int Poisson(this Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }
        return k;
    }

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Picks an index from cumulative weights (ascending, last = total).</summary>
    public static int PickCumulative(this Random rng, double[] cumulative)
    {
        var target = rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, target);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    public static double[] Cumulative<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var result = new double[items.Count];
        var sum = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            sum += weight(items[i]);
            result[i] = sum;
        }
        return result;
    }
}
