using System.Text.Json.Serialization;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>Wiring of live seat maps: the SignalR hub and the per-frontend trip watches behind it.</summary>
public static class LiveExtensions
{
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TripWatchService>();
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<TripsHub>(TripsHub.Path);
        return app;
    }
}
