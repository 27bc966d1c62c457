using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;

namespace Guanxi.Domain.Models;

/// <summary>
/// The figures every model reads, for a whole customer base as of one day, held as parallel arrays
/// (struct-of-arrays) so a million customers are scored in a few passes over memory without a query
/// per customer. Index i is one customer in every array. Days are <see cref="DateOnly.DayNumber"/>
/// values; <see cref="NoDay"/> marks "never" (no order, no contact).
/// The data layer fills it (set-based queries as of <see cref="AsOfDay"/>, data after that day ignored);
/// nothing here does I/O.
/// </summary>
public sealed class CustomerMetrics
{
    public const int NoDay = -1;

    /// <summary>Orders up to the as-of day whose currency had no rate for their month: left out of every money figure.</summary>
    public IReadOnlyList<UnconvertedOrders> Unconverted { get; internal set; } = [];

    public CustomerMetrics(int count, DateOnly asOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        AsOfDay = asOf.DayNumber;
        CustomerId = new long[count];
        Kind = new CustomerKind[count];
        Relationship = new RelationshipType[count];
        CreatedDay = new int[count];
        ProfileCompleteness = new float[count];
        Source = new string?[count];
        ReferrerIndex = new int[count];
        OrderCount = new int[count];
        DistinctOrderDays = new int[count];
        TotalCents = new long[count];
        FirstOrderDay = new int[count];
        LastOrderDay = new int[count];
        PreviousOrderDay = new int[count];
        OrderIntervalStdDevDays = new float[count];
        Orders90d = new int[count];
        Amount90dCents = new long[count];
        Orders365d = new int[count];
        Amount365dCents = new long[count];
        OrdersPrevious365d = new int[count];
        AmountPrevious365dCents = new long[count];
        DistinctProducts = new int[count];
        DistinctChannels = new int[count];
        Invoiced24mCents = new long[count];
        Collected24mCents = new long[count];
        LongestPaymentTermDays = new int[count];
        FollowedUpOrders365d = new int[count];
        InteractionCount = new int[count];
        InteractionsByChannel = new int[Enum.GetValues<InteractionChannel>().Length][];
        for (int c = 0; c < InteractionsByChannel.Length; c++)
        {
            InteractionsByChannel[c] = new int[count];
        }

        Inbound365d = new int[count];
        Outbound365d = new int[count];
        Meetings365d = new int[count];
        OutboundMonths365d = new int[count];
        LastContactDay = new int[count];
        Satisfaction = new float[count];
        OpenComplaints = new int[count];
        Complaints365d = new int[count];
        Array.Fill(ReferrerIndex, -1);
        Array.Fill(FirstOrderDay, NoDay);
        Array.Fill(LastOrderDay, NoDay);
        Array.Fill(PreviousOrderDay, NoDay);
        Array.Fill(LongestPaymentTermDays, NoDay);
        Array.Fill(LastContactDay, NoDay);
        Array.Fill(Satisfaction, float.NaN);
        Array.Fill(OrderIntervalStdDevDays, float.NaN);
    }

    public int Count { get; }

    /// <summary>The day the figures are taken on: windows end here, recency counts from here.</summary>
    public int AsOfDay { get; }

    public DateOnly AsOf => DateOnly.FromDayNumber(AsOfDay);

    // Profile
    public long[] CustomerId { get; }
    public CustomerKind[] Kind { get; }
    public RelationshipType[] Relationship { get; }
    public int[] CreatedDay { get; }

    /// <summary>Share (0–1) of the profile fields that are filled: phone, email, WeChat, address, city, industry, size, birthday.</summary>
    public float[] ProfileCompleteness { get; }

    /// <summary>Acquisition source as entered (e.g. referral, exhibition, web), or null.</summary>
    public string?[] Source { get; }

    /// <summary>Index (in these arrays) of the customer who referred this one, or -1.</summary>
    public int[] ReferrerIndex { get; }

    // Orders (only those ordered before the day after AsOf)
    public int[] OrderCount { get; }

    /// <summary>Calendar days with at least one order: BG/NBD counts repeat purchases in days (frequency = this − 1).</summary>
    public int[] DistinctOrderDays { get; }

    public long[] TotalCents { get; }
    public int[] FirstOrderDay { get; }
    public int[] LastOrderDay { get; }

    /// <summary>The order day before the last one (distinct days), for the latest inter-purchase interval.</summary>
    public int[] PreviousOrderDay { get; }

    /// <summary>
    /// Standard deviation of the gaps between consecutive distinct order days, NaN when fewer than two gaps
    /// or not computed. The repeat-purchase model's regularity; without it the model falls back to the latest gap.
    /// </summary>
    public float[] OrderIntervalStdDevDays { get; }

    /// <summary>Orders in the 90 days ending on AsOf (AsOf − 89 … AsOf).</summary>
    public int[] Orders90d { get; }
    public long[] Amount90dCents { get; }
    public int[] Orders365d { get; }
    public long[] Amount365dCents { get; }

    /// <summary>Orders in the 365 days before the trailing year (AsOf − 729 … AsOf − 365): falling spend compares the two.</summary>
    public int[] OrdersPrevious365d { get; }
    public long[] AmountPrevious365dCents { get; }

    public int[] DistinctProducts { get; }
    public int[] DistinctChannels { get; }

    /// <summary>Amount of orders with an invoice due date within the 24 months before AsOf.</summary>
    public long[] Invoiced24mCents { get; }

    /// <summary>Of <see cref="Invoiced24mCents"/>, the amount paid by AsOf.</summary>
    public long[] Collected24mCents { get; }

    /// <summary>Longest days from order to payment among those invoices (unpaid ones count to AsOf), or NoDay.</summary>
    public int[] LongestPaymentTermDays { get; }

    /// <summary>Orders in the trailing year followed within 14 days by an outbound contact (a sales follow-up).</summary>
    public int[] FollowedUpOrders365d { get; }

    // Contact history
    public int[] InteractionCount { get; }

    /// <summary>All-time interactions per channel: [(int)InteractionChannel][customer].</summary>
    public int[][] InteractionsByChannel { get; }

    public int[] Inbound365d { get; }
    public int[] Outbound365d { get; }

    /// <summary>Meetings and visits in the trailing year: joint planning, the partnership level.</summary>
    public int[] Meetings365d { get; }

    /// <summary>Distinct calendar months of the trailing year with an outbound contact: regularity of company-initiated contact.</summary>
    public int[] OutboundMonths365d { get; }

    public int[] LastContactDay { get; }

    // Service (zero / NaN until service requests exist)
    /// <summary>Mean satisfaction 1–5, NaN when never rated.</summary>
    public float[] Satisfaction { get; }
    public int[] OpenComplaints { get; }
    public int[] Complaints365d { get; }

    public bool HasOrders(int i) => OrderCount[i] > 0;

    /// <summary>Days since the last order as of AsOf, or NoDay.</summary>
    public int RecencyDays(int i) => LastOrderDay[i] == NoDay ? NoDay : AsOfDay - LastOrderDay[i];

    public int TenureDays(int i) => Math.Max(0, AsOfDay - CreatedDay[i]);
}

/// <summary>Orders of one currency and month that no rate converted (their amount in their own currency's cents).</summary>
public sealed record UnconvertedOrders(string Currency, DateOnly Month, int Orders, long Cents);
