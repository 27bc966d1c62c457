using Guanxi.Domain.Sales;

namespace Guanxi.Domain.Demo;

/// <summary>A stage an opportunity entered (1-based position in the default pipeline) and when.</summary>
public sealed record DemoStageStep(int Position, DateTime At);

/// <summary>One generated opportunity with its path through the stages; times are UTC instants.</summary>
public sealed record DemoOpportunity(
    int CustomerIndex,
    string Title,
    OpportunitySource Source,
    string Channel,
    OpportunityHeat Heat,
    long AmountCents,
    DateTime CreatedAt,
    IReadOnlyList<DemoStageStep> Steps,
    OpportunityStatus Status,
    string? CloseReason,
    DateTime? ClosedAt,
    DateOnly ExpectedClose);

/// <summary>A lead's grade with the grade it had before (if any), as history rows.</summary>
public sealed record DemoGrade(LeadGrade Grade, string Reason, DateTime SetAt, LeadGrade? Previous, string? PreviousReason, DateTime? PreviousAt);

public sealed partial class DemoDataGenerator
{
    /// <summary>The default pipeline's stages the demo walks (its seeded five).</summary>
    public const int DemoStages = 5;

    private const int OpportunityStream = 21;
    private const int GradeStream = 22;
    private const int HistoryDays = 730;

    private static readonly string[] Deals = ["年度采购", "门店扩张", "系统升级", "续约", "新品试用", "批量订货", "渠道合作", "售后服务包"];
    private static readonly string[] DealChannels = ["展会", "官网表单", "老客户介绍", "电话营销", "合作伙伴", "线下活动"];
    private static readonly string[] LostReasons = ["价格太高", "选择了竞争对手", "预算取消", "需求变化", "决策延期"];
    private static readonly string[] WonReasons = ["方案契合", "服务口碑好", "价格合适"];
    private static readonly string[] GradeReasons = ["已确认预算和决策人", "有明确需求，正在比较方案", "有兴趣，预算未定", "仅索取资料", "暂无需求"];

    // Chance to move on from each stage (by position), and to win at the last; a hot deal moves on more often.
    private static readonly double[] Advance = [0.65, 0.6, 0.6, 0.7];
    private const double WinAtLast = 0.65;

    /// <summary>
    /// About one opportunity per three customers, created over the last two years (never before their customer), each
    /// walking the default pipeline's stages with gamma-distributed days per stage until it is won, lost or still open today.
    /// </summary>
    public IEnumerable<DemoOpportunity> Opportunities()
    {
        var n = _options.Customers;
        if (n == 0) yield break;
        var rng = new Random(DemoRandom.StreamSeed(_options.Seed, OpportunityStream));
        var count = Math.Max(1, n / 3);
        var horizon = _start.AddSeconds(HorizonSecond);
        var window = _start.AddDays(Math.Max(0, _days - HistoryDays));
        for (var k = 0; k < count; k++)
        {
            var customer = rng.Next(n);
            var customerCreated = _start.AddSeconds(_createdSecond[customer]);
            var earliest = customerCreated > window ? customerCreated : window;
            var span = Math.Max(1, (horizon - earliest).TotalSeconds);
            var created = earliest.AddSeconds(rng.NextDouble() * span * 0.97);
            var heat = (OpportunityHeat)rng.Next(3);
            var source = (OpportunitySource)rng.Next(7);
            var boost = heat switch { OpportunityHeat.Hot => 0.15, OpportunityHeat.Cold => -0.15, _ => 0 } + (source == OpportunitySource.Referral ? 0.1 : 0);
            var amount = (long)Math.Round(rng.Gamma(2, 40_000) * 100);
            var steps = new List<DemoStageStep> { new(1, created) };
            var at = created;
            var status = OpportunityStatus.Open;
            string? reason = null;
            DateTime? closed = null;
            for (var position = 1; ; position++)
            {
                var next = at.AddDays(Math.Max(0.5, rng.Gamma(2, 4 + position * 2)));
                if (next > horizon) break;
                at = next;
                var p = position < DemoStages ? Advance[position - 1] : WinAtLast;
                if (rng.NextDouble() < Math.Clamp(p + boost, 0.05, 0.95))
                {
                    if (position == DemoStages)
                    {
                        (status, reason, closed) = (OpportunityStatus.Won, rng.Pick(WonReasons), at);
                        break;
                    }
                    steps.Add(new DemoStageStep(position + 1, at));
                }
                else
                {
                    (status, reason, closed) = (OpportunityStatus.Lost, rng.Pick(LostReasons), at);
                    break;
                }
            }
            yield return new DemoOpportunity(customer, rng.Pick(Deals), source, rng.Pick(DealChannels), heat, amount, created, steps, status, reason, closed,
                DateOnly.FromDateTime(created.AddDays(30 + rng.Next(90))));
        }
    }

    /// <summary>
    /// About one customer in six is a graded lead: S 5 %, A 15 %, B 30 %, C 30 %, D 20 %, set in the last half year;
    /// two in five of them had another grade before. Null for the others. Drawn per customer, so any chunk can ask.
    /// </summary>
    public DemoGrade? GradeOf(int customerIndex)
    {
        var rng = new Random(DemoRandom.StreamSeed(_options.Seed ^ customerIndex, GradeStream));
        if (rng.NextDouble() >= 1 / 6d) return null;
        var created = _start.AddSeconds(_createdSecond[customerIndex]);
        var horizon = _start.AddSeconds(HorizonSecond - SecondsPerDay);
        var from = created > horizon.AddDays(-180) ? created : horizon.AddDays(-180);
        var setAt = from.AddSeconds(rng.NextDouble() * Math.Max(1, (horizon - from).TotalSeconds));
        var grade = rng.NextDouble() switch { < 0.05 => LeadGrade.S, < 0.2 => LeadGrade.A, < 0.5 => LeadGrade.B, < 0.8 => LeadGrade.C, _ => LeadGrade.D };
        var reason = GradeReasons[Math.Min((int)grade, GradeReasons.Length - 1)];
        if (rng.NextDouble() >= 0.4 || setAt <= created.AddDays(2)) return new DemoGrade(grade, reason, setAt, null, null, null);
        var previous = (LeadGrade)Math.Min(4, (int)grade + 1);
        var previousAt = created.AddSeconds(rng.NextDouble() * (setAt - created).TotalSeconds);
        return new DemoGrade(grade, reason, setAt, previous, GradeReasons[Math.Min((int)previous, GradeReasons.Length - 1)], previousAt);
    }
}
