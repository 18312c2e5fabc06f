using System.Security.Cryptography;
using System.Text;
using DiuParibahan.WebFrontend.Hosting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>Wiring of the Eid waiting room: sale windows, the queue API and hub, admissions and the hold gate's parts.</summary>
public static class QueueExtensions
{
    public static WebApplicationBuilder AddWaitingRoom(this WebApplicationBuilder builder)
    {
        var embedded = builder.Configuration.IsEmbedded();
        builder.Services.AddOptions<QueueOptions>()
            .Bind(builder.Configuration.GetSection("Queue"))
            .Validate(o => o.IsValid(embedded),
                "Queue: SigningKey must be at least 32 characters (required in cluster mode), PollInterval 0.1–10 s, WindowCacheAge 0.1–30 s.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<QueueOptions>>().Value.SigningKey;
            // Embedded runs one process: a key of its own is enough, since /me re-signs live admissions after a restart.
            return new AdmissionSigner(string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(configured));
        });
        builder.Services.AddSingleton<SaleWindowDirectory>();
        builder.Services.AddSingleton<SeatsLeftCounter>();
        builder.Services.AddSingleton<AdmissionGate>();
        builder.Services.AddHostedService<WaitingRoomMonitor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWaitingRoom(this IEndpointRouteBuilder app)
    {
        app.MapSaleWindowEndpoints();
        app.MapQueueEndpoints();
        app.MapHub<QueueHub>(QueueHub.Path);
        return app;
    }
}
