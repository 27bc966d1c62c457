using System.Runtime.CompilerServices;

namespace Guanxi.Domain.Models;

/// <summary>
/// 信用等级 (001_*.txt table: 24-month collection rate and longest payment term). Each figure gives a grade —
/// rate: A from 90%, B from 75%, C from 60%, D from 30%; term: A up to 45 days, B 75, C 105, D 255 — and the
/// customer gets the lower of the two, because the table's rows require both conditions at once. A rate
/// below D's or a term beyond D's gives "none" (no credit). Customers without invoices in 24 months: null.
/// Rates are compared in exact decimals so 90.00% is A.
/// </summary>
internal static class CreditRatingModel
{
    public const short NoCredit = 4;

    public static void Classify(ModelContext c)
    {
        var m = c.Metrics;
        var s = c.Settings.CreditRating;
        var classes = c.Classes(ModelKeys.CreditRating);
        c.ForEach([MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            if (m.Invoiced24mCents[i] > 0)
            {
                classes[i] = Of(m.Collected24mCents[i], m.Invoiced24mCents[i], m.LongestPaymentTermDays[i], s);
            }
        });
    }

    public static short Of(long collectedCents, long invoicedCents, int longestTermDays, CreditRatingSettings s)
    {
        short byRate = RateGrade(collectedCents, invoicedCents, s);
        short byTerm = TermGrade(longestTermDays, s);
        return Math.Max(byRate, byTerm);
    }

    public static short RateGrade(long collectedCents, long invoicedCents, CreditRatingSettings s)
    {
        decimal collected = collectedCents;
        decimal invoiced = invoicedCents;
        if (collected >= (decimal)s.MinimumRateA * invoiced)
        {
            return 0;
        }

        if (collected >= (decimal)s.MinimumRateB * invoiced)
        {
            return 1;
        }

        if (collected >= (decimal)s.MinimumRateC * invoiced)
        {
            return 2;
        }

        return collected >= (decimal)s.MinimumRateD * invoiced ? (short)3 : NoCredit;
    }

    /// <summary>Grade by the longest term; an unknown term (nothing measured) does not lower the grade.</summary>
    public static short TermGrade(int days, CreditRatingSettings s)
    {
        if (days == CustomerMetrics.NoDay || days <= s.MaximumTermA)
        {
            return 0;
        }

        if (days <= s.MaximumTermB)
        {
            return 1;
        }

        if (days <= s.MaximumTermC)
        {
            return 2;
        }

        return days <= s.MaximumTermD ? (short)3 : NoCredit;
    }

    public static string Explain(Explanation e)
    {
        var m = e.M;
        int i = e.I;
        if (m.Invoiced24mCents[i] <= 0)
        {
            return e.Say($"近24个月没有应收账款，不评信用等级。", $"No invoices in the last 24 months, so no credit rating.");
        }

        var s = e.S.CreditRating;
        string rate = Explanation.Number(100.0 * m.Collected24mCents[i] / m.Invoiced24mCents[i], 1) + "%";
        string invoiced = Explanation.Yuan(m.Invoiced24mCents[i]);
        string collected = Explanation.Yuan(m.Collected24mCents[i]);
        int term = m.LongestPaymentTermDays[i];
        string byRate = ModelCatalog.CreditRating.Classes[RateGrade(m.Collected24mCents[i], m.Invoiced24mCents[i], s)].NameEn;
        string byTerm = ModelCatalog.CreditRating.Classes[TermGrade(term, s)].NameEn;
        string name = e.ClassName(ModelCatalog.CreditRating, e.Row.CreditRating);
        return e.Say(
            $"近24个月应收{invoiced}、已收{collected}，回款率{rate}（按回款率 {byRate}）；最长付款周期{term}天（按账期 {byTerm}）；取两者中较低者 —— {name}。",
            $"Collected {collected} of {invoiced} invoiced in 24 months, {rate} (rate grade {byRate}); longest payment term {term} days (term grade {byTerm}); the lower of the two — {name}.");
    }
}
