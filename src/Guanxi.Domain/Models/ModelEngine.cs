namespace Guanxi.Domain.Models;

/// <summary>
/// Evaluates every built-in model and the custom models over a whole customer base in a few columnar passes.
/// Order matters only where one step reads another: RFM, the lifetime fit and the population cutoffs come
/// first, side by side (most models read them); value and active before comprehensive; lost before potential, comprehensive
/// and lifecycle; undeveloped before potential; social (the referral tree) before comprehensive; value before
/// relationship; custom models last, so their rules can read every built-in figure.
/// </summary>
public static class ModelEngine
{
    /// <summary>
    /// Runs all models. Invalid settings throw <see cref="ArgumentException"/> (check them first with
    /// <see cref="ModelSettings.Validate"/>; custom models are valid by construction, see <see cref="CustomModel.Parse"/>);
    /// data never makes it throw.
    /// </summary>
    /// <param name="trace">Receives each step's name and milliseconds (diagnostics: where a run spends its time).</param>
    public static ModelResults Evaluate(
        CustomerMetrics metrics, ModelSettings settings, IReadOnlyList<CustomModel> customModels, Action<string, double>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(customModels);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid model settings: " + string.Join(" ", errors), nameof(settings));
        }

        var results = new ModelResults(metrics);
        var buyers = Buyers(metrics);
        var context = new ModelContext(metrics, settings, results, buyers);

        var fit = new LifetimeFitSummary();
        IReadOnlyList<RelationshipLayer> layers = [];

        // The first three read only the metrics and write disjoint things, so they run side by side: the lifetime
        // fit is one optimiser on one core, and RFM and the cutoffs fill the other meanwhile.
        (string Name, Action Run)[] independent =
        [
            ("lifetime fit", () => fit = LifetimeValue.Fit(metrics, buyers, settings.Lifetime)),
            ("rfm", () => RfmModel.Classify(context)),
            ("cutoffs", () => Cutoffs(context)),
        ];
        (string Name, Action Run)[] steps =
        [
            ("lifetime apply", () => LifetimeValue.Apply(metrics, buyers, fit, results)),
            (ModelKeys.Value, () => ValueModel.Classify(context)),
            (ModelKeys.Active, () => ActiveModel.Classify(context)),
            (ModelKeys.FirstPurchase, () => FirstPurchaseModel.Classify(context)),
            (ModelKeys.RepeatPurchase, () => RepeatPurchaseModel.Classify(context)),
            (ModelKeys.Lost, () => LostModel.Classify(context)),
            (ModelKeys.Unsatisfied, () => UnsatisfiedModel.Classify(context)),
            (ModelKeys.Undeveloped, () => UndevelopedModel.Classify(context)),
            (ModelKeys.Potential, () => PotentialModel.Classify(context)),
            (ModelKeys.Social, () => SocialModel.Classify(context)),
            (ModelKeys.Comprehensive, () => ComprehensiveModel.Classify(context)),
            (ModelKeys.Lifecycle, () => LifecycleModel.Classify(context)),
            (ModelKeys.Category, () => CategoryModel.Classify(context)),
            (ModelKeys.CreditRating, () => CreditRatingModel.Classify(context)),
            (ModelKeys.MemberTier, () => MemberTierModel.Classify(context)),
            ("relationship", () => RelationshipModel.Classify(context, layers = RelationshipModel.Layers(context))),
        ];
        Parallel.ForEach(independent, step =>
        {
            var own = System.Diagnostics.Stopwatch.StartNew();
            step.Run();
            trace?.Invoke(step.Name, own.Elapsed.TotalMilliseconds);
        });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (name, run) in steps)
        {
            run();
            trace?.Invoke(name, watch.Elapsed.TotalMilliseconds);
            watch.Restart();
        }

        results.Parameters = new ModelRunParameters
        {
            AsOf = metrics.AsOf,
            CustomerCount = metrics.Count,
            BuyerCount = buyers.Length,
            Lifetime = fit,
            Cutoffs = context.Cutoffs,
            RelationshipLayers = layers,
        };
        results.Custom = customModels.Select(model => model.Evaluate(metrics, results)).ToArray();
        trace?.Invoke("custom", watch.Elapsed.TotalMilliseconds);
        return results;
    }

    private static int[] Buyers(CustomerMetrics metrics)
    {
        int count = 0;
        for (int i = 0; i < metrics.Count; i++)
        {
            count += metrics.HasOrders(i) ? 1 : 0;
        }

        var buyers = new int[count];
        int k = 0;
        for (int i = 0; i < metrics.Count; i++)
        {
            if (metrics.HasOrders(i))
            {
                buyers[k++] = i;
            }
        }

        return buyers;
    }

    /// <summary>Population cutoffs from the buyers' distributions (sorted copies; ties stay on one side).</summary>
    private static void Cutoffs(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings;
        var buyers = c.Buyers;
        var spend = new long[buyers.Length];
        var orderValue = new long[buyers.Length];
        var intervals = new List<double>();
        long allCents = 0;
        long allOrders = 0;
        for (int k = 0; k < buyers.Length; k++)
        {
            int i = buyers[k];
            spend[k] = m.Amount365dCents[i];
            orderValue[k] = m.TotalCents[i] / m.OrderCount[i];
            allCents += m.TotalCents[i];
            allOrders += m.OrderCount[i];
            double interval = DerivedMetrics.MeanIntervalDays(m, i);
            if (!double.IsNaN(interval))
            {
                intervals.Add(interval);
            }
        }

        var sortedIntervals = intervals.ToArray();
        Parallel.Invoke(() => Array.Sort(spend), () => Array.Sort(orderValue), () => Array.Sort(sortedIntervals));
        int firstPositive = 0;
        while (firstPositive < spend.Length && spend[firstPositive] <= 0)
        {
            firstPositive++;
        }

        long[] positive = spend[firstPositive..];
        c.SortedAmount365d = spend;
        c.Cutoffs = new PopulationCutoffs
        {
            HighValueAmount365dCents = Quantiles.TopShareCutoff(spend, s.Value.HighValueTopShare),
            LowValueAmount365dCents = Quantiles.BottomShareCutoff(spend, s.Value.LowValueBottomShare),
            MedianAmount365dCents = Quantiles.At(positive, 0.5),
            HighlyActiveAmount365dCents = Quantiles.At(positive, s.Active.HighlyActiveAmountQuantile),
            MedianOrderValueCents = Quantiles.At(orderValue, 0.5),
            AverageOrderValueCents = allOrders > 0 ? allCents / allOrders : 0,
            MedianIntervalDays = sortedIntervals.Length > 0 ? Quantiles.At(sortedIntervals, 0.5) : s.Lost.DefaultRhythmDays,
            LargeAmount365dCents = Quantiles.TopShareCutoff(spend, s.Category.LargeTopShare),
        };
    }
}
