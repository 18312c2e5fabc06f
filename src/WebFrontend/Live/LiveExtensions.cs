using System.Text.Json.Serialization;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>Wiring of live seat maps: the SignalR hub and the per-frontend trip watches behind it.</summary>
public static class LiveExtensions
{
    /// <summary>Largest hub message a client may send; a Watch call is well under 1 KB.</summary>
    public const long MaxReceiveMessageBytes = 4 * 1024;

    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplicaOptions>()
            .Bind(builder.Configuration.GetSection("Replicas"))
            .Validate(o => o.ReadWait >= TimeSpan.Zero && o.ReadWait <= TimeSpan.FromSeconds(5), "Replicas:ReadWait must be between 0 and 5 s.")
            .Validate(o => o.IdleAfter >= TimeSpan.FromSeconds(1), "Replicas:IdleAfter must be at least 1 s.")
            .Validate(o => o.MaxTrips >= 0, "Replicas:MaxTrips must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TripWatchService>();
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxReceiveMessageBytes;
                // Browsers ping every 15 s; a connection silent for a minute (a vanished client, or one holding a socket
                // open without speaking) is closed and its watches released.
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
                o.MaximumParallelInvocationsPerClient = 1;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<TripsHub>(TripsHub.Path);
        return app;
    }
}
