using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<HubConnectionOptions>()
            .Bind(builder.Configuration.GetSection("Hubs"))
            .Validate(o => o.IsValid(), "Hubs:ClientTimeout must be between 1 s and 10 min.")
            .ValidateOnStart();
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxReceiveMessageBytes;
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
                o.MaximumParallelInvocationsPerClient = 1;
                o.AddFilter<HubErrorFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Logging.AddFilter(HubErrorFilter.DispatcherLogCategory, LogLevel.Critical);
        // Browsers ping every 15 s; a connection silent for longer than Hubs:ClientTimeout (a vanished client, or one
        // holding a socket open without speaking) is closed and its watches and follows released, on every hub.
        builder.Services.AddOptions<HubOptions>()
            .Configure<IOptions<HubConnectionOptions>>((hub, connections) => hub.ClientTimeoutInterval = connections.Value.ClientTimeout);
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<TripsHub>(TripsHub.Path);
        return app;
    }
}
