using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Wiring of the ops console's API: network, trip operations, holds, cluster and the notification outbox.</summary>
public static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        AddOutboxStore(builder);
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
        app.MapHolderEndpoints();
        app.MapClusterAdmin();
        return app;
    }

    /// <summary>
    /// The outbox table for the endpoints: in embedded mode the co-hosted silo has registered it already; a cluster
    /// frontend reads the same PostgreSQL database as its silos.
    /// </summary>
    private static void AddOutboxStore(WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(sp => new OutboxStore(sp.GetRequiredService<AppDatabase>()));
    }
}
