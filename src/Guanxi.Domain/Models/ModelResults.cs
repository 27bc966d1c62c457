namespace Guanxi.Domain.Models;

/// <summary>
/// The outcome of one model run, columnar: index i is customer i of the <see cref="CustomerMetrics"/>
/// that was evaluated. Class arrays hold the index into the model's <see cref="ModelDefinition.Classes"/>,
/// or <see cref="NotApplicable"/>; score arrays hold NaN where a model gives no score.
/// </summary>
public sealed class ModelResults
{
    public const short NotApplicable = -1;

    /// <summary>Relationship gap value where either level is not applicable.</summary>
    public const sbyte NoGap = sbyte.MinValue;

    private readonly Dictionary<string, short[]> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> scores = new(StringComparer.Ordinal);

    internal ModelResults(CustomerMetrics metrics)
    {
        int n = metrics.Count;
        Count = n;
        // Copies, so results stay as evaluated if the caller reuses the metrics arrays.
        CustomerId = (long[])metrics.CustomerId.Clone();
        foreach (var model in ModelCatalog.All)
        {
            var column = new short[n];
            Array.Fill(column, NotApplicable);
            classes[model.Key] = column;
        }

        foreach (var key in ScoredModels)
        {
            var column = new float[n];
            Array.Fill(column, float.NaN);
            scores[key] = column;
        }

        RecencyDays = new int[n];
        Array.Fill(RecencyDays, CustomerMetrics.NoDay);
        Frequency = (int[])metrics.OrderCount.Clone();
        MonetaryCents = (long[])metrics.TotalCents.Clone();
        R = new byte[n];
        F = new byte[n];
        M = new byte[n];
        PAlive = NaNs(n);
        ExpectedPurchases30d = NaNs(n);
        ExpectedPurchases90d = NaNs(n);
        ExpectedPurchases365d = NaNs(n);
        ExpectedOrderValue = NaNs(n);
        Clv = NaNs(n);
        Referrals = new int[n];
        ReferralTreeSize = new int[n];
        ReferralTreeRevenueCents = new long[n];
        RelationshipGap = new sbyte[n];
        Array.Fill(RelationshipGap, NoGap);
    }

    /// <summary>
    /// Results holding one stored row at <paramref name="index"/> (other customers empty): lets the custom rule
    /// metrics that come from a run (RFM scores, P(alive), referrals …) be read back for one customer.
    /// </summary>
    internal static ModelResults FromRow(CustomerMetrics metrics, int index, CustomerModelRow row)
    {
        var results = new ModelResults(metrics);
        results.RecencyDays[index] = row.RecencyDays ?? CustomerMetrics.NoDay;
        results.R[index] = row.R;
        results.F[index] = row.F;
        results.M[index] = row.M;
        results.PAlive[index] = row.PAlive ?? double.NaN;
        results.ExpectedPurchases30d[index] = row.ExpectedPurchases30d ?? double.NaN;
        results.ExpectedPurchases90d[index] = row.ExpectedPurchases90d ?? double.NaN;
        results.ExpectedPurchases365d[index] = row.ExpectedPurchases365d ?? double.NaN;
        results.ExpectedOrderValue[index] = row.ExpectedOrderValue ?? double.NaN;
        results.Clv[index] = row.Clv ?? double.NaN;
        results.Referrals[index] = row.Referrals;
        results.ReferralTreeSize[index] = row.ReferralTreeSize;
        results.ReferralTreeRevenueCents[index] = row.ReferralTreeRevenueCents;
        foreach (var key in ScoredModels)
        {
            results.scores[key][index] = row.Score(key) ?? float.NaN;
        }

        return results;
    }

    /// <summary>The models that give a score besides a class.</summary>
    public static IReadOnlyList<string> ScoredModels { get; } =
    [
        ModelKeys.Value, ModelKeys.Active, ModelKeys.Undeveloped, ModelKeys.Unsatisfied, ModelKeys.RepeatPurchase,
        ModelKeys.FirstPurchase, ModelKeys.Lost, ModelKeys.Potential, ModelKeys.Social, ModelKeys.Comprehensive,
    ];

    public int Count { get; }
    public long[] CustomerId { get; }
    public ModelRunParameters Parameters { get; internal set; } = new();

    // RFM: r, f, m are 0 and recency NoDay for a customer without orders.
    public int[] RecencyDays { get; }
    public int[] Frequency { get; }
    public long[] MonetaryCents { get; }
    public byte[] R { get; }
    public byte[] F { get; }
    public byte[] M { get; }

    /// <summary>Class index into <see cref="ModelCatalog.Rfm"/> (= (int)RfmSegment), or NotApplicable.</summary>
    public short[] Segment => classes[ModelKeys.RfmSegment];

    // Lifetime value (NaN where unavailable or not applicable); money in yuan.
    public double[] PAlive { get; }
    public double[] ExpectedPurchases30d { get; }
    public double[] ExpectedPurchases90d { get; }
    public double[] ExpectedPurchases365d { get; }
    public double[] ExpectedOrderValue { get; }
    public double[] Clv { get; }

    // Referral tree figures of the social model.
    public int[] Referrals { get; }
    public int[] ReferralTreeSize { get; }
    public long[] ReferralTreeRevenueCents { get; }

    /// <summary>Recommended minus practised relationship level, or <see cref="NoGap"/>.</summary>
    public sbyte[] RelationshipGap { get; }

    /// <summary>The custom models in the order given, each with a label index per customer.</summary>
    public IReadOnlyList<CustomModelResult> Custom { get; internal set; } = [];

    /// <summary>Class indexes of a built-in model (see <see cref="ModelKeys"/>).</summary>
    public short[] Classes(string modelKey) =>
        classes.TryGetValue(modelKey, out var column) ? column : throw new ArgumentException($"Unknown model key '{modelKey}'.", nameof(modelKey));

    /// <summary>Scores of a built-in model, or null if the model gives no score.</summary>
    public float[]? Scores(string modelKey) => scores.GetValueOrDefault(modelKey);

    /// <summary>Customers per class, in class order (customers the model does not apply to are not counted).</summary>
    public int[] ClassCounts(string modelKey)
    {
        var column = Classes(modelKey);
        var counts = new int[ModelCatalog.Get(modelKey).Classes.Count];
        foreach (short c in column)
        {
            if (c >= 0)
            {
                counts[c]++;
            }
        }

        return counts;
    }

    /// <summary>Customers the model does not apply to.</summary>
    public int NotApplicableCount(string modelKey) => Classes(modelKey).Count(c => c == NotApplicable);

    /// <summary>The class key of customer i in a built-in model, or null.</summary>
    public string? ClassKey(string modelKey, int i)
    {
        short c = Classes(modelKey)[i];
        return c < 0 ? null : ModelCatalog.Get(modelKey).Classes[c].Key;
    }

    /// <summary>Customer i's results as one flat record, as the database stores them.</summary>
    public CustomerModelRow Row(int i)
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var custom in Custom)
        {
            labels[custom.Name] = custom.LabelOf(i);
        }

        return new CustomerModelRow
        {
            CustomerId = CustomerId[i],
            RecencyDays = RecencyDays[i] == CustomerMetrics.NoDay ? null : RecencyDays[i],
            Frequency = Frequency[i],
            MonetaryCents = MonetaryCents[i],
            R = R[i],
            F = F[i],
            M = M[i],
            RfmSegment = ClassKey(ModelKeys.RfmSegment, i),
            Value = ClassKey(ModelKeys.Value, i),
            Active = ClassKey(ModelKeys.Active, i),
            Undeveloped = ClassKey(ModelKeys.Undeveloped, i),
            Unsatisfied = ClassKey(ModelKeys.Unsatisfied, i),
            RepeatPurchase = ClassKey(ModelKeys.RepeatPurchase, i),
            FirstPurchase = ClassKey(ModelKeys.FirstPurchase, i),
            Lost = ClassKey(ModelKeys.Lost, i),
            Potential = ClassKey(ModelKeys.Potential, i),
            Social = ClassKey(ModelKeys.Social, i),
            Comprehensive = ClassKey(ModelKeys.Comprehensive, i),
            Lifecycle = ClassKey(ModelKeys.Lifecycle, i),
            Category = ClassKey(ModelKeys.Category, i),
            CreditRating = ClassKey(ModelKeys.CreditRating, i),
            MemberTier = ClassKey(ModelKeys.MemberTier, i),
            RelationshipRecommended = ClassKey(ModelKeys.RelationshipRecommended, i),
            RelationshipPractised = ClassKey(ModelKeys.RelationshipPractised, i),
            RelationshipGap = RelationshipGap[i] == NoGap ? null : RelationshipGap[i],
            ValueScore = ScoreOf(ModelKeys.Value, i),
            ActiveScore = ScoreOf(ModelKeys.Active, i),
            UndevelopedScore = ScoreOf(ModelKeys.Undeveloped, i),
            UnsatisfiedScore = ScoreOf(ModelKeys.Unsatisfied, i),
            RepeatPurchaseScore = ScoreOf(ModelKeys.RepeatPurchase, i),
            FirstPurchaseScore = ScoreOf(ModelKeys.FirstPurchase, i),
            LostScore = ScoreOf(ModelKeys.Lost, i),
            PotentialScore = ScoreOf(ModelKeys.Potential, i),
            SocialScore = ScoreOf(ModelKeys.Social, i),
            ComprehensiveScore = ScoreOf(ModelKeys.Comprehensive, i),
            PAlive = OrNull(PAlive[i]),
            ExpectedPurchases30d = OrNull(ExpectedPurchases30d[i]),
            ExpectedPurchases90d = OrNull(ExpectedPurchases90d[i]),
            ExpectedPurchases365d = OrNull(ExpectedPurchases365d[i]),
            ExpectedOrderValue = OrNull(ExpectedOrderValue[i]),
            Clv = OrNull(Clv[i]),
            Referrals = Referrals[i],
            ReferralTreeSize = ReferralTreeSize[i],
            ReferralTreeRevenueCents = ReferralTreeRevenueCents[i],
            CustomLabels = labels,
        };
    }

    private float? ScoreOf(string key, int i)
    {
        float s = scores[key][i];
        return float.IsNaN(s) ? null : s;
    }

    private static double? OrNull(double value) => double.IsNaN(value) ? null : value;

    private static double[] NaNs(int n)
    {
        var column = new double[n];
        Array.Fill(column, double.NaN);
        return column;
    }
}

/// <summary>One custom model's outcome: its distinct labels and, per customer, the label index or -1.</summary>
public sealed class CustomModelResult(string name, IReadOnlyList<string> labels, short[] labelIndex)
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Labels { get; } = labels;
    public short[] LabelIndex { get; } = labelIndex;

    public string? LabelOf(int i) => LabelIndex[i] < 0 ? null : Labels[LabelIndex[i]];

    public int[] LabelCounts()
    {
        var counts = new int[Labels.Count];
        foreach (short k in LabelIndex)
        {
            if (k >= 0)
            {
                counts[k]++;
            }
        }

        return counts;
    }
}
