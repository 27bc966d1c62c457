using System.Globalization;

namespace Guanxi.Domain.Tests.Models.Lifetimes;

/// <summary>The CDNOW calibration summary shipped in the shared data folder beside the repository.</summary>
internal sealed class CdnowSummary
{
    public required double[] Frequency { get; init; }
    public required double[] Recency { get; init; }
    public required double[] Age { get; init; }
    public required double[] MonetaryValue { get; init; }

    public static string SharedFolder()
    {
        // The repo and /work/shared sit side by side (locally and in CI), so walk up until a parent holds shared/.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data", "lifetimes")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No shared/ folder above " + AppContext.BaseDirectory);
    }

    public static CdnowSummary Load()
    {
        var lines = File.ReadAllLines(Path.Combine(SharedFolder(), "data", "lifetimes", "cdnow_summary_clv.csv"));
        int n = lines.Length - 1;
        var summary = new CdnowSummary
        {
            Frequency = new double[n],
            Recency = new double[n],
            Age = new double[n],
            MonetaryValue = new double[n],
        };
        for (int i = 0; i < n; i++)
        {
            var cells = lines[i + 1].Split(',');
            summary.Frequency[i] = double.Parse(cells[1], CultureInfo.InvariantCulture);
            summary.Recency[i] = double.Parse(cells[2], CultureInfo.InvariantCulture);
            summary.Age[i] = double.Parse(cells[3], CultureInfo.InvariantCulture);
            summary.MonetaryValue[i] = double.Parse(cells[4], CultureInfo.InvariantCulture);
        }

        return summary;
    }
}
