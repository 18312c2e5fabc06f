using DiuParibahan.Hosting.DataProtection;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Data Protection (the signed <c>dp_owner</c> cookie) with its key ring in the app database — PostgreSQL in a cluster,
/// the SQLite file in embedded mode — so every frontend replica reads what another signed, and a restart keeps it.
/// Without this each process would make its own keys (kept in memory in a container) and refuse the others' cookies.
/// </summary>
public static class SharedKeyRing
{
    public static WebApplicationBuilder AddSharedKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddKeyRingInDatabase(sp => sp.GetRequiredService<AppDatabase>());
        return builder;
    }
}
