namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Wiring of the ops console's API: network, trip operations, holds, cluster and the notification outbox.</summary>
public static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.AddOutboxAdmin();
        builder.Services.AddSingleton<TripOpsService>();
        builder.Services.AddOptions<TripOpsOptions>()
            .Bind(builder.Configuration.GetSection("TripOps"))
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "TripOps:SweepInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CancellationSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CancellationSweeper>());
        return builder;
    }

    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.MapAdminHoldEndpoints();
        app.MapAdminEndpoints();
        app.MapOutboxEndpoints();
        app.MapAdminTripEndpoints();
        app.MapClusterAdmin();
        return app;
    }
}
