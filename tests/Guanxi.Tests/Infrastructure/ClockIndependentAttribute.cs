using Xunit.Abstractions;
using Xunit.Sdk;

namespace Guanxi.Tests.Infrastructure;

/// <summary>
/// Marks a test class (or one test) whose subject cannot depend on the day (architecture rules, byte-level readers, bulk copy, input
/// fuzzing, the access matrix): scripts/test.sh runs it on the first of the suite's four days only (trait
/// <c>Clock=Independent</c>), so the other three days spend their time on what the day can change. Nothing is skipped:
/// every test runs at least once.
/// </summary>
[TraitDiscoverer("Guanxi.Tests.Infrastructure.ClockIndependentDiscoverer", "Guanxi.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ClockIndependentAttribute : Attribute, ITraitAttribute;

public sealed class ClockIndependentDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new("Clock", "Independent")];
}
