namespace Guanxi.Domain.Service;

/// <summary>
/// Service targets for a kind of request from a kind of customer (快速响应, 专属通道): matched by a model class (model key
/// and class key, or none for any customer), request types and priorities (empty: any), with first-response and
/// resolution targets in business minutes.
/// </summary>
public sealed class SlaPolicy
{
    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Both set (e.g. comprehensive / key) or both null (any customer).</summary>
    public string? ModelKey { get; set; }
    public string? ClassKey { get; set; }

    public List<ServiceRequestType> Types { get; set; } = [];
    public List<ServicePriority> Priorities { get; set; } = [];
    public int FirstResponseMinutes { get; set; }
    public int ResolutionMinutes { get; set; }
    public int FollowUpDays { get; set; } = DefaultFollowUpDays;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public const int NameMaxLength = 100;
    public const int DefaultFollowUpDays = 3;

    public bool AnyCustomer => ModelKey is null;

    public bool Covers(ServiceRequestType type, ServicePriority priority) =>
        (Types.Count == 0 || Types.Contains(type)) && (Priorities.Count == 0 || Priorities.Contains(priority));

    /// <summary>True when both could match the same request: same class (or either any), and their types and priorities intersect.</summary>
    public bool Overlaps(SlaPolicy other) =>
        (AnyCustomer == other.AnyCustomer
            && string.Equals(ModelKey, other.ModelKey, StringComparison.Ordinal) && string.Equals(ClassKey, other.ClassKey, StringComparison.Ordinal))
        && Intersect(Types, other.Types) && Intersect(Priorities, other.Priorities);

    private static bool Intersect<T>(List<T> a, List<T> b) => a.Count == 0 || b.Count == 0 || a.Intersect(b).Any();
}

public static class SlaPolicies
{
    /// <summary>
    /// The policy for a request: one matching a class the customer is in beats one for any customer; among class policies
    /// of different models (overlap is checked within a class only) the strictest resolution target wins.
    /// </summary>
    public static SlaPolicy? Match(IEnumerable<SlaPolicy> policies, ServiceRequestType type, ServicePriority priority, IReadOnlySet<(string Model, string Class)> classes)
    {
        var covering = policies.Where(p => p.Covers(type, priority)).ToList();
        return covering.Where(p => !p.AnyCustomer && classes.Contains((p.ModelKey!, p.ClassKey!)))
                   .OrderBy(p => p.ResolutionMinutes).ThenBy(p => p.FirstResponseMinutes).ThenBy(p => p.Id).FirstOrDefault()
               ?? covering.Where(p => p.AnyCustomer).OrderBy(p => p.ResolutionMinutes).ThenBy(p => p.Id).FirstOrDefault();
    }

    /// <summary>The first stored policy <paramref name="candidate"/> overlaps, or null.</summary>
    public static SlaPolicy? FirstOverlap(SlaPolicy candidate, IEnumerable<SlaPolicy> existing) =>
        existing.Where(p => p.Id != candidate.Id).FirstOrDefault(candidate.Overlaps);
}
