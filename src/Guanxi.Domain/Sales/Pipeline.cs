namespace Guanxi.Domain.Sales;

/// <summary>A sales process: ordered stages an opportunity moves through. Several may exist; one is the default.</summary>
public sealed class Pipeline
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }
    public long Version { get; set; }
    public List<PipelineStage> Stages { get; set; } = [];

    public const int NameMaxLength = 100;
    public const long DefaultId = 1;
}

/// <summary>A stage of a pipeline, with the probability an opportunity entering it takes by default.</summary>
public sealed class PipelineStage
{
    public long Id { get; set; }
    public long PipelineId { get; set; }
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public int Probability { get; set; }

    public const int NameMaxLength = 100;
}

/// <summary>A catalogue entry an opportunity (and later an order line) names.</summary>
public sealed class Product
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public long PriceCents { get; set; }
    public string Currency { get; set; } = "CNY";
    public string? Category { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; }

    public const int CategoryMaxLength = 100;
}

/// <summary>The rules an opportunity's fields and a pipeline's stages obey, shared by the API, the pages and the importer.</summary>
public static class SalesRules
{
    /// <summary>The default pipeline's stages, seeded with the schema.</summary>
    public static IReadOnlyList<PipelineStage> DefaultStages { get; } =
    [
        new() { Id = 1, PipelineId = Pipeline.DefaultId, Name = "初步接触 / Qualification", Position = 1, Probability = 10 },
        new() { Id = 2, PipelineId = Pipeline.DefaultId, Name = "需求分析 / Needs analysis", Position = 2, Probability = 25 },
        new() { Id = 3, PipelineId = Pipeline.DefaultId, Name = "方案报价 / Proposal", Position = 3, Probability = 50 },
        new() { Id = 4, PipelineId = Pipeline.DefaultId, Name = "商务谈判 / Negotiation", Position = 4, Probability = 75 },
        new() { Id = 5, PipelineId = Pipeline.DefaultId, Name = "签约审批 / Commitment", Position = 5, Probability = 90 },
    ];

    public static bool IsProbability(int value) => value is >= 0 and <= 100;

    public static bool IsAmount(decimal amount) => amount >= 0 && amount <= MaxAmount && decimal.Round(amount, 2) == amount;

    /// <summary>The largest amount taken (in the currency's units): cents stay within a long with room to sum.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static long Cents(decimal amount) => (long)(amount * 100m);

    /// <summary>The probability-weighted amount in cents, rounded half away from zero.</summary>
    public static long WeightedCents(long amountCents, int probability) => (long)Math.Round(amountCents * (decimal)probability / 100m, MidpointRounding.AwayFromZero);

    /// <summary>Stage names unique within the pipeline (ignoring case), probabilities 0–100; null when valid, else the field and why.</summary>
    public static (string Field, string Message)? CheckStages(IReadOnlyList<(string? Name, int Probability)> stages)
    {
        if (stages.Count == 0) return ("stages", "A pipeline needs at least one stage.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < stages.Count; i++)
        {
            var name = stages[i].Name?.Trim();
            var at = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"stages[{i}]");
            if (string.IsNullOrEmpty(name)) return (at + ".name", "A stage needs a name.");
            if (name.Length > PipelineStage.NameMaxLength) return (at + ".name", $"Must be at most {PipelineStage.NameMaxLength} characters.");
            if (!seen.Add(name)) return (at + ".name", "Two stages have the same name.");
            if (!IsProbability(stages[i].Probability)) return (at + ".probability", "A probability is 0 to 100.");
        }
        return null;
    }
}
