using System.Globalization;

namespace Guanxi.Domain.Models;

/// <summary>
/// Every threshold of the built-in models, one small section per model. Plain settable properties so
/// System.Text.Json reads and writes it; money in yuan, shares in 0–1. docs/models.md justifies each default.
/// </summary>
public sealed class ModelSettings
{
    /// <summary>A fresh copy of the documented defaults (callers may change it freely).</summary>
    public static ModelSettings Default => new();

    public LifetimeSettings Lifetime { get; set; } = new();
    public ValueSettings Value { get; set; } = new();
    public ActiveSettings Active { get; set; } = new();
    public UndevelopedSettings Undeveloped { get; set; } = new();
    public UnsatisfiedSettings Unsatisfied { get; set; } = new();
    public RepeatPurchaseSettings RepeatPurchase { get; set; } = new();
    public FirstPurchaseSettings FirstPurchase { get; set; } = new();
    public LostSettings Lost { get; set; } = new();
    public PotentialSettings Potential { get; set; } = new();
    public SocialSettings Social { get; set; } = new();
    public ComprehensiveSettings Comprehensive { get; set; } = new();
    public LifecycleSettings Lifecycle { get; set; } = new();
    public CategorySettings Category { get; set; } = new();
    public CreditRatingSettings CreditRating { get; set; } = new();
    public MemberTierSettings MemberTier { get; set; } = new();
    public RelationshipSettings Relationship { get; set; } = new();

    /// <summary>Every rule the settings break, as "section.property: message"; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var check = new SettingsCheck(errors);
        // A section sent as null (not left out, which keeps its defaults) is an input error, not a crash.
        void Section<T>(string name, T? section, Action<T> validate) where T : class
        {
            if (section is null) errors.Add($"{name}: must be an object; leave the section out to keep its defaults.");
            else validate(section);
        }

        Section("lifetime", Lifetime, s => s.Validate(check));
        Section("value", Value, s => s.Validate(check));
        Section("active", Active, s => s.Validate(check));
        Section("undeveloped", Undeveloped, s => s.Validate(check));
        Section("unsatisfied", Unsatisfied, s => s.Validate(check));
        Section("repeatPurchase", RepeatPurchase, s => s.Validate(check));
        Section("firstPurchase", FirstPurchase, s => s.Validate(check));
        Section("lost", Lost, s => s.Validate(check));
        Section("potential", Potential, s => s.Validate(check));
        Section("social", Social, s => s.Validate(check));
        Section("comprehensive", Comprehensive, s => s.Validate(check));
        Section("lifecycle", Lifecycle, s => s.Validate(check));
        Section("category", Category, s => s.Validate(check));
        Section("creditRating", CreditRating, s => s.Validate(check));
        Section("memberTier", MemberTier, s => s.Validate(check));
        Section("relationship", Relationship, s => s.Validate(check));
        return errors;
    }
}

/// <summary>Collects validation messages with their setting path.</summary>
internal sealed class SettingsCheck(List<string> errors)
{
    public void Share(string path, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: must be between 0 and 1, was {value}."));
        }
    }

    public void Positive(string path, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: must be a positive number, was {value}."));
        }
    }

    public void NotNegative(string path, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: must be zero or more, was {value}."));
        }
    }

    /// <summary>Thresholds listed best class first must not increase.</summary>
    public void Descending(string path, params double[] values)
    {
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[k - 1])
            {
                errors.Add($"{path}: thresholds must be listed from the highest class down and must not increase.");
                return;
            }
        }
    }

    public void Add(string message) => errors.Add(message);
}

public sealed class LifetimeSettings
{
    /// <summary>Buyers drawn (seeded) to fit BG/NBD and Gamma-Gamma; all buyers when fewer.</summary>
    public int FitSampleSize { get; set; } = 20_000;
    public int SampleSeed { get; set; } = 20_240_601;

    /// <summary>Below this many buyers the fit is not attempted: lifetime figures are NaN and models use rules.</summary>
    public int MinimumBuyers { get; set; } = 50;

    /// <summary>Gamma-Gamma needs repeat buyers; below this many the spend fit is skipped.</summary>
    public int MinimumRepeatBuyers { get; set; } = 20;
    public int HorizonMonths { get; set; } = 12;
    public double MonthlyDiscountRate { get; set; } = 0.01;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("lifetime.fitSampleSize", FitSampleSize);
        check.Positive("lifetime.minimumBuyers", MinimumBuyers);
        check.Positive("lifetime.minimumRepeatBuyers", MinimumRepeatBuyers);
        if (HorizonMonths is < 1 or > 120)
        {
            check.Add("lifetime.horizonMonths: must be between 1 and 120.");
        }

        check.Share("lifetime.monthlyDiscountRate", MonthlyDiscountRate);
    }
}

public sealed class ValueSettings
{
    /// <summary>Share of buyers, by trailing-year spend, that are high value (the Pareto top fifth).</summary>
    public double HighValueTopShare { get; set; } = 0.20;

    /// <summary>Share of buyers, by trailing-year spend, at the bottom that are low value.</summary>
    public double LowValueBottomShare { get; set; } = 0.40;

    /// <summary>Potential: predicted value at least this share of the high-value spend cutoff.</summary>
    public double PotentialShareOfHighCutoff { get; set; } = 1.0;

    internal void Validate(SettingsCheck check)
    {
        check.Share("value.highValueTopShare", HighValueTopShare);
        check.Share("value.lowValueBottomShare", LowValueBottomShare);
        if (HighValueTopShare + LowValueBottomShare > 1)
        {
            check.Add("value.highValueTopShare + value.lowValueBottomShare: must not exceed 1.");
        }

        check.Positive("value.potentialShareOfHighCutoff", PotentialShareOfHighCutoff);
    }
}

public sealed class ActiveSettings
{
    public int HighlyActiveOrders90d { get; set; } = 3;

    /// <summary>Highly active also needs trailing-year spend at least this quantile of the buyers who spent in that year.</summary>
    public double HighlyActiveAmountQuantile { get; set; } = 0.5;
    public int ActiveOrders90d { get; set; } = 1;
    public int OccasionalOrders365d { get; set; } = 1;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("active.highlyActiveOrders90d", HighlyActiveOrders90d);
        check.Share("active.highlyActiveAmountQuantile", HighlyActiveAmountQuantile);
        check.Positive("active.activeOrders90d", ActiveOrders90d);
        check.Positive("active.occasionalOrders365d", OccasionalOrders365d);
        check.Descending("active.*Orders90d", HighlyActiveOrders90d, ActiveOrders90d);
    }
}

public sealed class UndevelopedSettings
{
    // Points of the 0–100 development score; they add up to 100.
    public double ProfilePoints { get; set; } = 30;
    public double SourcePoints { get; set; } = 15;
    public double EngagementPoints { get; set; } = 25;
    public double GoodReferrerPoints { get; set; } = 30;

    /// <summary>Interactions that earn all engagement points (fewer earn a share).</summary>
    public int FullEngagementInteractions { get; set; } = 5;

    /// <summary>Sources that bring buyers more often than walk-ins (referral, trade fair …), matched exactly.</summary>
    public List<string> GoodSources { get; set; } = ["转介绍", "referral", "展会", "exhibition", "电话营销", "telemarketing"];
    public double HighScore { get; set; } = 60;
    public double MediumScore { get; set; } = 35;

    internal void Validate(SettingsCheck check)
    {
        check.NotNegative("undeveloped.profilePoints", ProfilePoints);
        check.NotNegative("undeveloped.sourcePoints", SourcePoints);
        check.NotNegative("undeveloped.engagementPoints", EngagementPoints);
        check.NotNegative("undeveloped.goodReferrerPoints", GoodReferrerPoints);
        check.Positive("undeveloped.fullEngagementInteractions", FullEngagementInteractions);
        if (GoodSources is null)
        {
            check.Add("undeveloped.goodSources: must be a list (it may be empty).");
        }
        check.Descending("undeveloped.highScore/mediumScore", HighScore, MediumScore);
    }
}

public sealed class UnsatisfiedSettings
{
    /// <summary>Mean rating (1–5) at or below which a customer is very unhappy (2 points) …</summary>
    public double VeryLowSatisfaction { get; set; } = 2.0;

    /// <summary>… or unhappy (1 point).</summary>
    public double LowSatisfaction { get; set; } = 3.0;
    public int PointsPerOpenComplaint { get; set; } = 2;

    /// <summary>This many complaints in the trailing year are "repeated" (1 point).</summary>
    public int RepeatedComplaints365d { get; set; } = 2;

    /// <summary>Trailing-year spend below (1 − this) × the year before is falling spend (1 point) …</summary>
    public double FallingSpendShare { get; set; } = 0.5;

    /// <summary>… counted only when the year before was at least this many yuan, so noise is ignored.</summary>
    public decimal FallingSpendMinimumYuan { get; set; } = 100;
    public int SevereFromPoints { get; set; } = 4;
    public int ModerateFromPoints { get; set; } = 2;

    internal void Validate(SettingsCheck check)
    {
        check.Descending("unsatisfied.lowSatisfaction/veryLowSatisfaction", LowSatisfaction, VeryLowSatisfaction);
        check.NotNegative("unsatisfied.pointsPerOpenComplaint", PointsPerOpenComplaint);
        check.Positive("unsatisfied.repeatedComplaints365d", RepeatedComplaints365d);
        check.Share("unsatisfied.fallingSpendShare", FallingSpendShare);
        check.NotNegative("unsatisfied.fallingSpendMinimumYuan", (double)FallingSpendMinimumYuan);
        check.Descending("unsatisfied.severeFromPoints/moderateFromPoints", SevereFromPoints, ModerateFromPoints, 1);
    }
}

public sealed class RepeatPurchaseSettings
{
    public int FrequentOrders { get; set; } = 6;

    /// <summary>Intervals are regular when their coefficient of variation is at most this.</summary>
    public double RegularMaxVariation { get; set; } = 0.5;

    internal void Validate(SettingsCheck check)
    {
        if (FrequentOrders < 3)
        {
            check.Add("repeatPurchase.frequentOrders: must be 3 or more.");
        }

        check.Positive("repeatPurchase.regularMaxVariation", RegularMaxVariation);
    }
}

public sealed class FirstPurchaseSettings
{
    /// <summary>Promising: bought at most this many days ago, and at least the median order value.</summary>
    public int PromisingDays { get; set; } = 30;

    /// <summary>Recent: bought at most this many days ago; fading up to <see cref="FadingDays"/>; dormant after.</summary>
    public int RecentDays { get; set; } = 90;
    public int FadingDays { get; set; } = 180;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("firstPurchase.promisingDays", PromisingDays);
        check.Descending("firstPurchase.fadingDays/recentDays/promisingDays", FadingDays, RecentDays, PromisingDays);
    }
}

public sealed class LostSettings
{
    public double LostBelowPAlive { get; set; } = 0.3;
    public double WarningBelowPAlive { get; set; } = 0.6;

    /// <summary>Lost when recency is this many times the customer's own mean interval.</summary>
    public double LostRhythmMultiple { get; set; } = 3.0;
    public double WarningRhythmMultiple { get; set; } = 1.5;

    /// <summary>Lost whatever the rhythm after this many days without an order.</summary>
    public int LostAfterDays { get; set; } = 365;

    /// <summary>Rhythm of a one-time buyer, when no repeat buyer gives the population median interval.</summary>
    public int DefaultRhythmDays { get; set; } = 90;

    internal void Validate(SettingsCheck check)
    {
        check.Share("lost.lostBelowPAlive", LostBelowPAlive);
        check.Share("lost.warningBelowPAlive", WarningBelowPAlive);
        check.Descending("lost.warningBelowPAlive/lostBelowPAlive", WarningBelowPAlive, LostBelowPAlive);
        check.Positive("lost.warningRhythmMultiple", WarningRhythmMultiple);
        check.Descending("lost.lostRhythmMultiple/warningRhythmMultiple", LostRhythmMultiple, WarningRhythmMultiple);
        check.Positive("lost.lostAfterDays", LostAfterDays);
        check.Positive("lost.defaultRhythmDays", DefaultRhythmDays);
    }
}

public sealed class PotentialSettings
{
    /// <summary>Headroom: predicted value at least this multiple of trailing-year spend.</summary>
    public double HeadroomMultiple { get; set; } = 1.5;

    /// <summary>… and at least the median trailing-year spend times this, so tiny amounts do not count.</summary>
    public double MinimumShareOfMedianSpend { get; set; } = 1.0;
    public double HighLikelihood { get; set; } = 0.8;
    public double MediumLikelihood { get; set; } = 0.5;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("potential.headroomMultiple", HeadroomMultiple);
        check.NotNegative("potential.minimumShareOfMedianSpend", MinimumShareOfMedianSpend);
        check.Share("potential.highLikelihood", HighLikelihood);
        check.Share("potential.mediumLikelihood", MediumLikelihood);
        check.Descending("potential.highLikelihood/mediumLikelihood", HighLikelihood, MediumLikelihood);
    }
}

public sealed class SocialSettings
{
    public int KeyInfluencerTreeSize { get; set; } = 10;

    /// <summary>Key influencer also by the trailing-year spend of the whole referral tree, in yuan.</summary>
    public decimal KeyInfluencerTreeRevenueYuan { get; set; } = 50_000;
    public int InfluencerReferrals { get; set; } = 3;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("social.keyInfluencerTreeSize", KeyInfluencerTreeSize);
        check.Positive("social.keyInfluencerTreeRevenueYuan", (double)KeyInfluencerTreeRevenueYuan);
        check.Positive("social.influencerReferrals", InfluencerReferrals);
    }
}

public sealed class ComprehensiveSettings
{
    // Weights of the six dimensions of 000_*.txt model 10; they are normalised by their sum.
    public double ContributionWeight { get; set; } = 0.35;
    public double ActivityWeight { get; set; } = 0.20;
    public double SatisfactionWeight { get; set; } = 0.10;
    public double LoyaltyWeight { get; set; } = 0.15;
    public double HabitWeight { get; set; } = 0.10;
    public double SocialWeight { get; set; } = 0.10;
    public double KeyScore { get; set; } = 70;
    public double ImportantScore { get; set; } = 50;
    public double OrdinaryScore { get; set; } = 30;

    internal double WeightSum => ContributionWeight + ActivityWeight + SatisfactionWeight + LoyaltyWeight + HabitWeight + SocialWeight;

    internal void Validate(SettingsCheck check)
    {
        check.NotNegative("comprehensive.contributionWeight", ContributionWeight);
        check.NotNegative("comprehensive.activityWeight", ActivityWeight);
        check.NotNegative("comprehensive.satisfactionWeight", SatisfactionWeight);
        check.NotNegative("comprehensive.loyaltyWeight", LoyaltyWeight);
        check.NotNegative("comprehensive.habitWeight", HabitWeight);
        check.NotNegative("comprehensive.socialWeight", SocialWeight);
        if (!(WeightSum > 0))
        {
            check.Add("comprehensive.*Weight: at least one weight must be positive.");
        }

        check.Descending("comprehensive.keyScore/importantScore/ordinaryScore", 100, KeyScore, ImportantScore, OrdinaryScore, 0);
    }
}

public sealed class LifecycleSettings
{
    /// <summary>Introduction: first order at most this many days ago.</summary>
    public int IntroductionDays { get; set; } = 90;

    /// <summary>Growth: trailing-year spend at least (1 + this) × the year before.</summary>
    public double GrowthShare { get; set; } = 0.2;

    /// <summary>Decline: trailing-year spend below (1 − this) × the year before.</summary>
    public double DeclineShare { get; set; } = 0.2;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("lifecycle.introductionDays", IntroductionDays);
        check.NotNegative("lifecycle.growthShare", GrowthShare);
        check.Share("lifecycle.declineShare", DeclineShare);
    }
}

public sealed class CategorySettings
{
    /// <summary>New: first order at most this many days ago.</summary>
    public int NewDays { get; set; } = 180;

    /// <summary>Large: in this top share of buyers by trailing-year spend.</summary>
    public double LargeTopShare { get; set; } = 0.10;

    /// <summary>Established: at least this many orders in the trailing year.</summary>
    public int EstablishedOrders365d { get; set; } = 2;

    internal void Validate(SettingsCheck check)
    {
        check.Positive("category.newDays", NewDays);
        check.Share("category.largeTopShare", LargeTopShare);
        check.Positive("category.establishedOrders365d", EstablishedOrders365d);
    }
}

public sealed class CreditRatingSettings
{
    // The seed table (001_*.txt): minimum 24-month collection rate and maximum longest payment term per grade.
    public double MinimumRateA { get; set; } = 0.90;
    public double MinimumRateB { get; set; } = 0.75;
    public double MinimumRateC { get; set; } = 0.60;
    public double MinimumRateD { get; set; } = 0.30;
    public int MaximumTermA { get; set; } = 45;
    public int MaximumTermB { get; set; } = 75;
    public int MaximumTermC { get; set; } = 105;
    public int MaximumTermD { get; set; } = 255;

    internal void Validate(SettingsCheck check)
    {
        check.Share("creditRating.minimumRateA", MinimumRateA);
        check.Share("creditRating.minimumRateD", MinimumRateD);
        check.Descending("creditRating.minimumRate*", MinimumRateA, MinimumRateB, MinimumRateC, MinimumRateD);
        check.Positive("creditRating.maximumTermA", MaximumTermA);
        check.Descending("creditRating.maximumTerm*", MaximumTermD, MaximumTermC, MaximumTermB, MaximumTermA);
    }
}

/// <summary>The figure member tiers are assigned on.</summary>
public enum MemberTierMetric
{
    Amount365dCents = 0,
    TotalCents = 1,
    Amount90dCents = 2,

    /// <summary>Predicted lifetime value; trailing-year spend when the fit is unavailable.</summary>
    Clv = 3,
}

public sealed class MemberTierSettings
{
    public MemberTierMetric Metric { get; set; } = MemberTierMetric.Amount365dCents;

    // The bank table's 500万 / 100万 / 10万 keeps the ratio 50 : 10 : 1; scaled to retail spend.
    public decimal DiamondYuan { get; set; } = 50_000;
    public decimal PlatinumYuan { get; set; } = 10_000;
    public decimal GoldYuan { get; set; } = 1_000;

    internal void Validate(SettingsCheck check)
    {
        if (!Enum.IsDefined(Metric))
        {
            check.Add("memberTier.metric: unknown metric.");
        }

        check.Positive("memberTier.goldYuan", (double)GoldYuan);
        check.Descending("memberTier.diamondYuan/platinumYuan/goldYuan", (double)DiamondYuan, (double)PlatinumYuan, (double)GoldYuan);
    }
}

public sealed class RelationshipSettings
{
    /// <summary>A value layer holding at most this share of buyers has "few" customers …</summary>
    public double FewCustomersShare { get; set; } = 0.10;

    /// <summary>… and at least this share "many".</summary>
    public double ManyCustomersShare { get; set; } = 0.30;

    /// <summary>Margin rate per value layer (high_value, potential, general, low_value); margin = rate × average order value.</summary>
    public List<double> MarginRateByLayer { get; set; } = [0.3, 0.3, 0.3, 0.3];

    /// <summary>A layer's margin per order is high at this multiple of the base's, low at or below the low multiple.</summary>
    public double HighMarginMultiple { get; set; } = 1.5;
    public double LowMarginMultiple { get; set; } = 0.75;

    // Practised level, read from the trailing year's contact history.
    public int PartnershipMeetings365d { get; set; } = 2;
    public int ProactiveOutboundMonths365d { get; set; } = 6;
    public double AccountableFollowUpShare { get; set; } = 0.8;

    internal void Validate(SettingsCheck check)
    {
        check.Share("relationship.fewCustomersShare", FewCustomersShare);
        check.Share("relationship.manyCustomersShare", ManyCustomersShare);
        check.Descending("relationship.manyCustomersShare/fewCustomersShare", ManyCustomersShare, FewCustomersShare);
        if (MarginRateByLayer is null || MarginRateByLayer.Count != ModelCatalog.Value.Classes.Count)
        {
            check.Add("relationship.marginRateByLayer: needs one rate per value layer (4).");
        }
        else
        {
            for (int k = 0; k < MarginRateByLayer.Count; k++)
            {
                check.Share($"relationship.marginRateByLayer[{k}]", MarginRateByLayer[k]);
            }
        }

        check.Descending("relationship.highMarginMultiple/lowMarginMultiple", HighMarginMultiple, LowMarginMultiple);
        check.Positive("relationship.partnershipMeetings365d", PartnershipMeetings365d);
        check.Positive("relationship.proactiveOutboundMonths365d", ProactiveOutboundMonths365d);
        check.Share("relationship.accountableFollowUpShare", AccountableFollowUpShare);
    }
}
