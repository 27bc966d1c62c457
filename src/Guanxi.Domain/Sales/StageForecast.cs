namespace Guanxi.Domain.Sales;

/// <summary>How many opportunities that left a stage after an age in the bucket went on to be won and lost.</summary>
public readonly record struct StageOutcome(long StageId, int Bucket, long Won, long Lost);

/// <summary>
/// The forecast model: the chance an open opportunity is won, learnt from the stage-change history. For a stage and
/// an age in it, the rate is won ÷ (won + lost) among the closed opportunities that stayed in that stage at least as
/// long (age buckets of <see cref="AgeBoundsDays"/>), pulled towards the stage's default probability with the weight
/// of <see cref="PriorWeight"/> opportunities, so a stage with little history falls back on its default.
/// </summary>
public sealed class StageForecast
{
    /// <summary>Bucket 0: under 14 days in the stage; 1: 14–45; 2: 45–120; 3: longer.</summary>
    public static readonly IReadOnlyList<int> AgeBoundsDays = [14, 45, 120];

    public const double PriorWeight = 5;

    private readonly Dictionary<(long Stage, int Bucket), double> _rates = [];
    private readonly IReadOnlyDictionary<long, int> _defaults;

    private StageForecast(IReadOnlyDictionary<long, int> defaults) => _defaults = defaults;

    public static int Buckets => AgeBoundsDays.Count + 1;

    public static int AgeBucket(double days)
    {
        for (var i = 0; i < AgeBoundsDays.Count; i++) if (days < AgeBoundsDays[i]) return i;
        return AgeBoundsDays.Count;
    }

    /// <summary>The rates from the outcome counts; <paramref name="defaultProbabilities"/> maps a stage to its default probability (0–100).</summary>
    public static StageForecast Learn(IEnumerable<StageOutcome> outcomes, IReadOnlyDictionary<long, int> defaultProbabilities)
    {
        var model = new StageForecast(defaultProbabilities);
        var counts = new Dictionary<long, (long Won, long Lost)[]>();
        foreach (var o in outcomes)
        {
            if (!counts.TryGetValue(o.StageId, out var row)) counts[o.StageId] = row = new (long, long)[Buckets];
            var b = Math.Clamp(o.Bucket, 0, Buckets - 1);
            row[b] = (row[b].Won + o.Won, row[b].Lost + o.Lost);
        }
        foreach (var (stage, row) in counts)
        {
            var prior = defaultProbabilities.TryGetValue(stage, out var p) ? p / 100.0 : 0;
            long won = 0, lost = 0;
            // Cumulative from the oldest bucket down: those that stayed at least this long.
            for (var b = Buckets - 1; b >= 0; b--)
            {
                won += row[b].Won;
                lost += row[b].Lost;
                model._rates[(stage, b)] = (won + PriorWeight * prior) / (won + lost + PriorWeight);
            }
        }
        return model;
    }

    /// <summary>The chance (0–1) an open opportunity in <paramref name="stageId"/> for an age in <paramref name="bucket"/> is won.</summary>
    public double Rate(long stageId, int bucket) =>
        _rates.TryGetValue((stageId, Math.Clamp(bucket, 0, Buckets - 1)), out var r) ? r
        : _defaults.TryGetValue(stageId, out var p) ? p / 100.0 : 0;

    /// <summary>The model's expected amount in cents for <paramref name="amountCents"/> in a stage at an age bucket, rounded half away from zero.</summary>
    public long ExpectedCents(long stageId, int bucket, long amountCents) =>
        (long)Math.Round(amountCents * (decimal)Rate(stageId, bucket), MidpointRounding.AwayFromZero);

    /// <summary>
    /// Mean absolute percentage error over the periods with something actually won (a period with nothing won has no
    /// percentage); null when there is none.
    /// </summary>
    public static decimal? MeanAbsolutePercentageError(IEnumerable<(decimal Forecast, decimal Actual)> periods)
    {
        var errors = periods.Where(p => p.Actual > 0).Select(p => Math.Abs(p.Forecast - p.Actual) / p.Actual).ToList();
        return errors.Count == 0 ? null : Math.Round(errors.Average() * 100m, 1);
    }

    /// <summary>Won ÷ target, or null without a positive target.</summary>
    public static decimal? Attainment(long wonCents, long? targetCents) => targetCents is > 0 ? Math.Round((decimal)wonCents / targetCents.Value, 4) : null;
}
