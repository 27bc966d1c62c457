using System.Globalization;
using System.Text;
using System.Text.Json;
using Guanxi.Domain.Models.Lifetimes;
using Guanxi.Import;

namespace Guanxi.Models;

/// <summary>
/// <c>guanxi clv fit --summary FILE.csv</c>: fits BG/NBD and Gamma-Gamma to a recency/frequency summary
/// (<c>customer_id,frequency,recency,T,monetary_value</c>, times in the file's own unit) and prints one JSON line.
/// </summary>
public static class ClvFitCommand
{
    private static readonly string[] Columns = ["customer_id", "frequency", "recency", "T", "monetary_value"];

    /// <summary>
    /// 0 on success (warnings, such as parameters the data leave flat, go to stderr and the JSON's <c>warnings</c>),
    /// 2 on a missing or malformed file, 3 when a fit does not converge (the JSON is still printed, marked so).
    /// </summary>
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
        // The import's CSV reader and field rules: quoted fields, CRLF, a BOM and blank lines are read as there.
        using (var file = File.OpenRead(summaryCsvPath))
        {
            var (encoding, _, bom) = TextDecoding.Detect(file, null);
            file.Position = bom;
            using var text = TextDecoding.OpenUtf8(file, encoding);
            var csv = new CsvRecordReader(text);
            var header = Next(csv);
            if (header != CsvReadResult.Record || !IsHeader(csv))
            {
                stderr.WriteLine($"error: {summaryCsvPath}: wrong header: expected '{string.Join(',', Columns)}', found '{(header == CsvReadResult.End ? "" : csv.RawText())}'");
                return 2;
            }

            CsvReadResult result;
            while ((result = Next(csv)) != CsvReadResult.End)
            {
                if (result == CsvReadResult.Broken || csv.FieldCount != Columns.Length
                    || !TryNumber(csv.Field(1), out double x) || !TryNumber(csv.Field(2), out double tx)
                    || !TryNumber(csv.Field(3), out double t) || !TryNumber(csv.Field(4), out double m)
                    || tx > t || (x == 0 && tx != 0))
                {
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {summaryCsvPath}: line {csv.RecordLine}: expected non-negative numbers with recency <= T"));
                    return 2;
                }

                frequency.Add(x);
                recency.Add(tx);
                age.Add(t);
                monetary.Add(m);
            }
        }

        if (frequency.Count == 0 || !frequency.Exists(x => x > 0))
        {
            stderr.WriteLine($"error: {summaryCsvPath}: needs at least one customer with a repeat purchase");
            return 2;
        }

        var bgnbd = BgNbd.Fit(frequency.ToArray(), recency.ToArray(), age.ToArray());
        var gammaGamma = GammaGamma.Fit(frequency.ToArray(), monetary.ToArray());
        var warnings = new[] { bgnbd.Verdict.Warning, gammaGamma.Verdict.Warning }.OfType<string>().ToList();

        // Utf8JsonWriter needs no reflection (works trimmed or AOT) and writes numbers culture-free,
        // in the shortest round-trip form.
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("bgnbd");
            Number(writer, "r", bgnbd.Parameters.R);
            Number(writer, "alpha", bgnbd.Parameters.Alpha);
            Number(writer, "a", bgnbd.Parameters.A);
            Number(writer, "b", bgnbd.Parameters.B);
            Number(writer, "loglik", bgnbd.LogLikelihood);
            Verdict(writer, bgnbd.Verdict);
            writer.WriteEndObject();
            writer.WriteStartObject("gammagamma");
            Number(writer, "p", gammaGamma.Parameters.P);
            Number(writer, "q", gammaGamma.Parameters.Q);
            Number(writer, "gamma", gammaGamma.Parameters.Gamma);
            Number(writer, "loglik", gammaGamma.LogLikelihood);
            Verdict(writer, gammaGamma.Verdict);
            writer.WriteEndObject();
            writer.WriteStartArray("warnings");
            foreach (var warning in warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(json.ToArray()));
        foreach (var warning in warnings)
        {
            stderr.WriteLine((warning.Contains("did not converge", StringComparison.Ordinal) ? "error: " : "warning: ") + warning);
        }

        if (!bgnbd.Converged || !gammaGamma.Converged)
        {
            stderr.WriteLine("error: a fit did not converge; its parameters are not estimates and must not be used.");
            return 3;
        }

        return 0;
    }

    // JSON has no NaN: a figure that could not be computed is null.
    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Verdict(Utf8JsonWriter writer, FitVerdict verdict)
    {
        writer.WriteBoolean("converged", verdict.Converged);
        writer.WriteStartArray("not_identified");
        foreach (var name in verdict.NotIdentified)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }

    private static bool IsHeader(CsvRecordReader csv)
    {
        if (csv.FieldCount != Columns.Length)
        {
            return false;
        }

        for (int i = 0; i < Columns.Length; i++)
        {
            if (!FieldParsers.Trim(csv.Field(i)).SequenceEqual(Encoding.UTF8.GetBytes(Columns[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The next record; bad bytes (text in no encoding the import knows) read as a broken record.</summary>
    private static CsvReadResult Next(CsvRecordReader csv)
    {
        try
        {
            return csv.Next();
        }
        catch (DecoderFallbackException)
        {
            return CsvReadResult.Broken;
        }
    }

    private static bool TryNumber(ReadOnlySpan<byte> text, out double value) =>
        FieldParsers.TryParseNonNegativeNumber(FieldParsers.Trim(text), out value);
}
