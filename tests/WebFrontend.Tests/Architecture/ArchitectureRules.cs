using System.Text.RegularExpressions;

namespace DiuParibahan.WebFrontend.Tests.Architecture;

/// <summary>
/// The structural rules of docs/architecture.md, each a function from source files to the files breaking it, so the
/// tests can run them on the real tree and on small samples that must be caught.
/// </summary>
public static partial class ArchitectureRules
{
    /// <summary>The one frontend file allowed to reach grain implementations: it co-hosts the silo in embedded mode.</summary>
    public const string EmbeddedCoHostWiring = "src/WebFrontend/Hosting/OrleansModeExtensions.cs";

    /// <summary>Names of the grain classes (implementations) declared in <paramref name="grainSources"/>.</summary>
    public static IReadOnlySet<string> GrainClassNames(IEnumerable<SourceFile> grainSources) =>
        grainSources.SelectMany(f => GrainClass().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Rule 1: frontend files other than the co-host wiring name no grain class and no Grains.Domain type.</summary>
    public static IReadOnlyList<string> FrontendNamingGrainInternals(IEnumerable<SourceFile> frontend, IReadOnlySet<string> grainClasses)
    {
        var grainClass = new Regex(@"\b(" + string.Join("|", grainClasses.Select(Regex.Escape)) + @")\b");
        return frontend
            .Where(f => f.Path != EmbeddedCoHostWiring)
            .Where(f => f.Code.Contains("DiuParibahan.Grains.Domain", StringComparison.Ordinal)
                        || (grainClasses.Count > 0 && grainClass.IsMatch(f.Code)))
            .Select(f => f.Path)
            .ToList();
    }

    /// <summary>Rule 2: the domain is plain C#; nothing in it names Orleans or its attributes.</summary>
    public static IReadOnlyList<string> DomainReferencingOrleans(IEnumerable<SourceFile> domain) =>
        domain.Where(f => OrleansReference().IsMatch(f.Code)).Select(f => f.Path).ToList();

    /// <summary>Rule 3: files that map endpoints run no SQL and touch no database driver.</summary>
    public static IReadOnlyList<string> EndpointsRunningSql(IEnumerable<SourceFile> frontend) =>
        frontend.Where(f => MapsEndpoints().IsMatch(f.Code) && SqlOrDriver().IsMatch(f.Code)).Select(f => f.Path).ToList();

    /// <summary>Rule 4: the trip grain and its folder know nothing of payments (Stripe, payment providers, payment types).</summary>
    public static IReadOnlyList<string> TripsReferencingPayments(IEnumerable<SourceFile> trips) =>
        trips.Where(f => PaymentReference().IsMatch(f.Code)).Select(f => f.Path).ToList();

    [GeneratedRegex(@"\bclass\s+(\w+Grain)\b")]
    private static partial Regex GrainClass();

    [GeneratedRegex(@"\bOrleans\b|\[\s*(GenerateSerializer|Immutable|Alias|Id)\b|\bIGrain\w*|\bGrain\b|\bGetPrimaryKey\w*")]
    private static partial Regex OrleansReference();

    [GeneratedRegex(@"\.Map(Get|Post|Put|Delete|Patch|Methods|Group|Hub)\b")]
    private static partial Regex MapsEndpoints();

    [GeneratedRegex(@"Npgsql|Sqlite|\bDb(Connection|Command|DataSource|Transaction)\b|\bAppDatabase\b|\bSELECT\s|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b")]
    private static partial Regex SqlOrDriver();

    [GeneratedRegex(@"(?i:stripe)|\w*Payment\w*")]
    private static partial Regex PaymentReference();
}
