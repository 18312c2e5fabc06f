using DiuParibahan.Grains.Trips;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>Wiring of the passenger's trip pages: listings (cached), the network copy, seat maps.</summary>
public static class TripsExtensions
{
    public static WebApplicationBuilder AddTrips(this WebApplicationBuilder builder)
    {
        builder.AddListingCache();
        // The hold limits shown to passengers are the ones the trip grains enforce (same configuration section).
        builder.Services.AddOptions<OnlineHoldLimits>().Bind(builder.Configuration.GetSection("Trips"));
        builder.Services.AddOptions<SalesWindowOptions>().Bind(builder.Configuration.GetSection("Seeding"))
            .Validate(o => o.DaysAhead is > 0 and <= TripDirectory.WindowDays, "Seeding:DaysAhead must be 1–400 days.").ValidateOnStart();
        builder.Services.AddSingleton<NetworkCache>();
        builder.Services.AddSingleton<TripDirectory>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTrips(this IEndpointRouteBuilder app)
    {
        app.MapCatalogEndpoints();
        app.MapSeatEndpoints();
        return app;
    }
}
