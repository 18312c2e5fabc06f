using DiuParibahan.Hosting.Analytics;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>Wiring of staff management, the manifest and boarding.</summary>
public static class StaffExtensions
{
    public static WebApplicationBuilder AddStaff(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffService>();
        builder.Services.AddSingleton<TripBookingRefs>();
        builder.Services.AddSingleton<ManifestService>();
        return builder;
    }

    public static WebApplication MapStaff(this WebApplication app)
    {
        app.MapStaffEndpoints();
        app.MapManifestEndpoints();
        return app;
    }
}
