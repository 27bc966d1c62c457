using System.Globalization;
using System.Text.Json;
using Guanxi.Domain.Lifetimes;

namespace Guanxi.Segmentation;

/// <summary>
/// <c>guanxi clv fit --summary FILE.csv</c>: fits BG/NBD and Gamma-Gamma to a recency/frequency summary
/// (<c>customer_id,frequency,recency,T,monetary_value</c>, times in the file's own unit) and prints one JSON line.
/// </summary>
public static class ClvFitCommand
{
    private static readonly string[] Columns = ["customer_id", "frequency", "recency", "T", "monetary_value"];

    /// <summary>0 on success, 2 on a missing or malformed file.</summary>
    public static int Run(string summaryCsvPath, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(summaryCsvPath))
        {
            stderr.WriteLine($"error: summary file not found: {summaryCsvPath}");
            return 2;
        }

        var frequency = new List<double>();
        var recency = new List<double>();
        var age = new List<double>();
        var monetary = new List<double>();
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(summaryCsvPath))
        {
            lineNumber++;
            var line = lineNumber == 1 ? raw.TrimStart('\uFEFF').TrimEnd('\r') : raw.TrimEnd('\r');
            if (lineNumber == 1)
            {
                if (!line.Split(',').SequenceEqual(Columns, StringComparer.Ordinal))
                {
                    stderr.WriteLine($"error: {summaryCsvPath}: wrong header: expected '{string.Join(',', Columns)}', found '{line}'");
                    return 2;
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != Columns.Length
                || !TryNumber(cells[1], out double x) || !TryNumber(cells[2], out double tx)
                || !TryNumber(cells[3], out double t) || !TryNumber(cells[4], out double m)
                || tx > t || (x == 0 && tx != 0))
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {summaryCsvPath}: line {lineNumber}: expected non-negative numbers with recency <= T"));
                return 2;
            }

            frequency.Add(x);
            recency.Add(tx);
            age.Add(t);
            monetary.Add(m);
        }

        if (frequency.Count == 0 || !frequency.Exists(x => x > 0))
        {
            stderr.WriteLine($"error: {summaryCsvPath}: needs at least one customer with a repeat purchase");
            return 2;
        }

        var bgnbd = BgNbd.Fit(frequency.ToArray(), recency.ToArray(), age.ToArray());
        var gammaGamma = GammaGamma.Fit(frequency.ToArray(), monetary.ToArray());
        // Utf8JsonWriter needs no reflection (works trimmed or AOT) and writes numbers culture-free,
        // in the shortest round-trip form.
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("bgnbd");
            writer.WriteNumber("r", bgnbd.Parameters.R);
            writer.WriteNumber("alpha", bgnbd.Parameters.Alpha);
            writer.WriteNumber("a", bgnbd.Parameters.A);
            writer.WriteNumber("b", bgnbd.Parameters.B);
            writer.WriteNumber("loglik", bgnbd.LogLikelihood);
            writer.WriteEndObject();
            writer.WriteStartObject("gammagamma");
            writer.WriteNumber("p", gammaGamma.Parameters.P);
            writer.WriteNumber("q", gammaGamma.Parameters.Q);
            writer.WriteNumber("gamma", gammaGamma.Parameters.Gamma);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(json.ToArray()));
        return 0;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
