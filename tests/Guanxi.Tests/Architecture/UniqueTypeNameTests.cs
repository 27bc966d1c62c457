using Guanxi.Tests.Infrastructure;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Guanxi.Tests.Architecture;

/// <summary>
/// One name per thing: no two public or internal types of the product's assemblies share a simple name, so a name
/// found in a log, a stack trace or a review means one type (issue 12 found OrderChunk, CustomerRow,
/// CustomerFigures and CustomerModelData twice each).
/// </summary>
[ClockIndependent]
public class UniqueTypeNameTests
{
    private static readonly string[] Assemblies = ["guanxi", "Guanxi.Domain", "Guanxi.Data", "Guanxi.Data.Sqlite", "Guanxi.Data.Postgres"];

    /// <summary>
    /// Names allowed twice, each with its reason. EF Core generates one migration class per migration and one
    /// model snapshot in each provider's migrations assembly (decision 0001), under the migration's own name:
    /// renaming them would break the tooling that regenerates them.
    /// </summary>
    private static bool IsGeneratedMigration(Type type) =>
        type.Namespace?.EndsWith(".Migrations", StringComparison.Ordinal) == true
        && type.Assembly.GetName().Name is "Guanxi.Data.Sqlite" or "Guanxi.Data.Postgres";

    // The Razor compiler emits a TypeInference helper per component that infers generic parameters.
    private static bool IsGeneratedByRazor(Type type) => type.Namespace?.StartsWith("__Blazor.", StringComparison.Ordinal) == true;

    [Fact]
    public void No_two_product_types_share_a_simple_name()
    {
        var types = Assemblies
            .SelectMany(name => Assembly.Load(name).GetTypes())
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
                && !t.Name.Contains('<', StringComparison.Ordinal)
                // The compiler's <PrivateImplementationDetails> holds one __StaticArrayInitTypeSize=N per array size in every assembly.
                && t.DeclaringType?.Name.Contains('<', StringComparison.Ordinal) != true
                && !IsGeneratedByRazor(t)
                && IsPublicOrInternal(t)
                && !IsGeneratedMigration(t));

        var collisions = types
            .GroupBy(t => SimpleName(t), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => $"{t.FullName} ({t.Assembly.GetName().Name})"))}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(collisions.Count == 0, "Types sharing a name (rename one to say what it is):\n" + string.Join('\n', collisions));
    }

    // Generic arity is not part of the name a reader sees: Foo and Foo<T> are one name.
    private static string SimpleName(Type type) => type.Name.Split('`')[0];

    // Nested types count when visible outside their parent; private helpers inside a class are its own business.
    private static bool IsPublicOrInternal(Type type) =>
        type.IsNested
            ? (type.IsNestedPublic || type.IsNestedAssembly || type.IsNestedFamORAssem) && IsPublicOrInternal(type.DeclaringType!)
            : true;
}
