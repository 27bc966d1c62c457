namespace Guanxi.Domain.Lifetimes;

/// <summary>
/// Customers grouped by their (usually small, integer) purchase count, so the log-gamma terms that depend
/// only on the count and the parameters are computed once per distinct count instead of once per customer:
/// a likelihood evaluation over 20 000 customers drops from six log-gammas each to a few logs each.
/// </summary>
internal sealed class FrequencyGroups
{
    public FrequencyGroups(IReadOnlyList<double> frequency)
    {
        var index = new Dictionary<double, int>();
        Group = new int[frequency.Count];
        var values = new List<double>();
        for (int i = 0; i < frequency.Count; i++)
        {
            if (!index.TryGetValue(frequency[i], out int g))
            {
                g = values.Count;
                values.Add(frequency[i]);
                index[frequency[i]] = g;
            }

            Group[i] = g;
        }

        Values = [.. values];
    }

    /// <summary>The distinct purchase counts.</summary>
    public double[] Values { get; }

    /// <summary>Each customer's index into <see cref="Values"/>.</summary>
    public int[] Group { get; }
}
