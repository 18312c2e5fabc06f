using System.Security.Cryptography;
using System.Text;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>Wiring of the Eid waiting room: sale windows, the queue API and hub, admissions and the hold gate's parts.</summary>
public static class QueueExtensions
{
    public static WebApplicationBuilder AddWaitingRoom(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueueOptions>()
            .Bind(builder.Configuration.GetSection("Queue"))
            .Validate(o => o.IsValid(), "Queue: SigningKey, if set, must be at least 32 characters; PollInterval 0.1–10 s, WindowCacheAge 0.1–30 s.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<QueueOptions>>().Value.SigningKey;
            if (!string.IsNullOrEmpty(configured))
            {
                return new AdmissionSigner(Encoding.UTF8.GetBytes(configured));
            }
            // Without a key of its own, one derived from the token signing key, which every frontend already shares
            // (and embedded mode keeps on disk): admissions then verify on every frontend and survive restarts.
            var tokenKey = sp.GetRequiredService<SigningKeys>().Key.Key;
            return new AdmissionSigner(HKDF.DeriveKey(HashAlgorithmName.SHA256, tokenKey, 32, info: Encoding.UTF8.GetBytes("diu-paribahan queue admissions")));
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
