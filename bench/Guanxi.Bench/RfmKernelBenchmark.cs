using BenchmarkDotNet.Attributes;
using Guanxi.Domain.Models;

namespace Guanxi.Bench;

/// <summary>The RFM kernel alone on a million synthetic buyers (struct-of-arrays in, scores out).</summary>
[MemoryDiagnoser]
public class RfmKernelBenchmark
{
    private const int Buyers = 1_000_000;
    private readonly int[] _lastDay = new int[Buyers];
    private readonly int[] _orders = new int[Buyers];
    private readonly long[] _cents = new long[Buyers];
    private readonly int[] _recency = new int[Buyers];
    private readonly byte[] _r = new byte[Buyers];
    private readonly byte[] _f = new byte[Buyers];
    private readonly byte[] _m = new byte[Buyers];

    [GlobalSetup]
    public void Setup()
    {
        // Shapes like the generated data: three years of days, heavy-tailed counts, spend in cents.
        var random = new Random(42);
        for (int i = 0; i < Buyers; i++)
        {
            _lastDay[i] = 739_000 + random.Next(0, 1096);
            _orders[i] = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 12);
            _cents[i] = _orders[i] * (long)random.Next(100, 100_000);
        }
    }

    [Benchmark]
    public void ScoreMillionBuyers() => RfmScoring.Score(_lastDay, _orders, _cents, _recency, _r, _f, _m);
}
