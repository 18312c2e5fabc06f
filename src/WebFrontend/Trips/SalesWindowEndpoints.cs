using DiuParibahan.Grains.Catalog;
using DiuParibahan.Hosting.Seeding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// How far ahead trips are on sale, so the search page can say when a later date opens instead of "no trips", from
/// the same setting that creates the trips (<c>Seeding:DaysAhead</c>) rather than a number copied into the page.
/// </summary>
public static class SalesWindowEndpoints
{
    public static IEndpointRouteBuilder MapSalesWindowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sales-window", SalesWindow).WithTags("Trips")
            .WithSummary("How many service days trips are on sale (today included), and the last such day (Dhaka calendar)");
        return app;
    }

    // Read from configuration, not IOptions<SeedingOptions>: in cluster mode the seeder runs on the silos and only
    // the embedded host registers its options, but both read the same Seeding section.
    private static Ok<SalesWindowDto> SalesWindow(IConfiguration configuration, TimeProvider time)
    {
        var days = configuration.GetSection("Seeding").GetValue("DaysAhead", new SeedingOptions().DaysAhead);
        // Trips exist for today and the days after it, this many days in all (CatalogGrain.EnsureTripsAsync).
        return TypedResults.Ok(new SalesWindowDto(days, ServiceDay.Key(ServiceDay.Of(time.GetUtcNow()).AddDays(days - 1))));
    }
}

/// <summary><paramref name="DaysAhead"/>: how many days trips are on sale, today included; the last is <paramref name="LastDay"/> (YYYY-MM-DD).</summary>
public sealed record SalesWindowDto(int DaysAhead, string LastDay);
