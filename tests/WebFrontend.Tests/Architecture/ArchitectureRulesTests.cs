namespace DiuParibahan.WebFrontend.Tests.Architecture;

/// <summary>
/// The four rules of docs/architecture.md, checked on the source tree. Each rule also runs on a small sample that
/// breaks it, so a rule that quietly stopped matching anything would fail here rather than pass forever.
/// </summary>
public sealed class ArchitectureRulesTests
{
    private static readonly IReadOnlyList<SourceFile> Frontend = SourceTree.Read("src/WebFrontend");
    private static readonly IReadOnlyList<SourceFile> Grains = SourceTree.Read("src/Grains");

    [Fact]
    public void Frontend_names_no_grain_class_or_domain_type_outside_the_embedded_co_host_wiring()
    {
        var grainClasses = ArchitectureRules.GrainClassNames(Grains);
        Assert.Contains("TripGrain", grainClasses);
        Assert.Contains("BookingGrain", grainClasses);
        Assert.Contains(Frontend, f => f.Path == ArchitectureRules.EmbeddedCoHostWiring);

        var offenders = ArchitectureRules.FrontendNamingGrainInternals(Frontend, grainClasses);

        Assert.True(offenders.Count == 0,
            "Frontend files naming grain classes or DiuParibahan.Grains.Domain types (use Grains.Abstractions instead):\n"
            + string.Join("\n", offenders));
    }

    [Fact]
    public void Domain_never_references_Orleans()
    {
        var domain = Grains.Where(f => f.Path.StartsWith("src/Grains/Domain/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(domain);

        var offenders = ArchitectureRules.DomainReferencingOrleans(domain);

        Assert.True(offenders.Count == 0, "Domain files referencing Orleans:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Endpoint_files_run_no_sql()
    {
        var offenders = ArchitectureRules.EndpointsRunningSql(Frontend);

        Assert.True(offenders.Count == 0,
            "Endpoint files using SQL or a database driver (move it behind a store or a grain):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Trip_grains_never_reference_payments()
    {
        var trips = Grains.Where(f => f.Path.StartsWith("src/Grains/Trips/", StringComparison.Ordinal)).ToList();
        Assert.Contains(trips, f => f.Path.EndsWith("/TripGrain.cs", StringComparison.Ordinal));

        var offenders = ArchitectureRules.TripsReferencingPayments(trips);

        Assert.True(offenders.Count == 0, "Files under src/Grains/Trips referencing payments:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void No_source_file_is_over_500_lines()
    {
        var sources = SourceTree.Read("src");
        Assert.Contains(sources, f => f.Path.StartsWith("src/Silo/", StringComparison.Ordinal));

        var offenders = Longer(sources, 500);

        Assert.True(offenders.Count == 0, "Source files over 500 lines (split them by concept):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void No_page_script_is_over_450_lines()
    {
        var scripts = SourceTree.Read("src/WebFrontend/wwwroot/js", "*.js");
        Assert.Contains(scripts, f => f.Path.EndsWith("/trip-page.js", StringComparison.Ordinal));

        var offenders = Longer(scripts, 450);

        Assert.True(offenders.Count == 0, "Page scripts over 450 lines (split view, state and API calls):\n" + string.Join("\n", offenders));
    }

    private static List<string> Longer(IEnumerable<SourceFile> files, int limit) => files
        .Select(f => (f.Path, Lines: f.Text.Split('\n').Length - (f.Text.EndsWith('\n') ? 1 : 0)))
        .Where(f => f.Lines > limit)
        .Select(f => $"{f.Path} ({f.Lines} lines)")
        .ToList();

    [Fact]
    public void Each_rule_catches_a_file_that_breaks_it()
    {
        var grainClasses = ArchitectureRules.GrainClassNames([new("src/Grains/Trips/TripGrain.cs", "public sealed partial class TripGrain(IFoo foo) : Grain")]);
        Assert.Equal(["TripGrain"], grainClasses);

        Assert.Equal(["src/WebFrontend/A.cs", "src/WebFrontend/B.cs"], ArchitectureRules.FrontendNamingGrainInternals(
            [
                new("src/WebFrontend/A.cs", "var n = nameof(TripGrain);"),
                new("src/WebFrontend/B.cs", "using DiuParibahan.Grains.Domain;"),
                new("src/WebFrontend/C.cs", "grains.GetGrain<ITripGrain>(id); // the TripGrain answers"),
                new(ArchitectureRules.EmbeddedCoHostWiring, "silo.AddGrain<TripGrain>();"),
            ], grainClasses));

        Assert.Equal(["src/Grains/Domain/A.cs", "src/Grains/Domain/B.cs"], ArchitectureRules.DomainReferencingOrleans(
            [
                new("src/Grains/Domain/A.cs", "using Orleans;"),
                new("src/Grains/Domain/B.cs", "[GenerateSerializer] public sealed record X;"),
                new("src/Grains/Domain/C.cs", "// Orleans never sees this type."),
            ]));

        Assert.Equal(["src/WebFrontend/A.cs", "src/WebFrontend/B.cs"], ArchitectureRules.EndpointsRunningSql(
            [
                new("src/WebFrontend/A.cs", "app.MapGet(\"/x\", (NpgsqlDataSource db) => db.CreateCommand(\"SELECT 1\"));"),
                new("src/WebFrontend/B.cs", "api.MapPost(\"/y\", Y); static void Y(DbConnection c) { }"),
                new("src/WebFrontend/C.cs", "public sealed class Store(DbConnection c) { }"),
            ]));

        Assert.Equal(["a.js (3 lines)"], Longer([new("a.js", "1\n2\n3\n"), new("b.js", "1\n2\n"), new("c.cs", "1\n2")], 2));

        Assert.Equal(["src/Grains/Trips/A.cs", "src/Grains/Trips/B.cs"], ArchitectureRules.TripsReferencingPayments(
            [
                new("src/Grains/Trips/A.cs", "using Stripe;"),
                new("src/Grains/Trips/B.cs", "IPaymentProvider provider"),
                new("src/Grains/Trips/C.cs", "// a payment still arriving is refunded by its booking"),
            ]));
    }
}
