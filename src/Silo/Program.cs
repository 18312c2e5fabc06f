using System.Net;
using DiuParibahan.Hosting;
using DiuParibahan.Hosting.Cluster;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Seeding;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Telemetry;
using DiuParibahan.Silo;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime;

// A standalone silo for cluster mode: grain state, membership and reminders in PostgreSQL. The HTTP port (Urls or
// ASPNETCORE_URLS) serves /health/live, /health/ready and the Orleans Dashboard under /dashboard.
var builder = WebApplication.CreateBuilder(args);

if (!StartupGuard.Try(() => RequiredSettings.EnsurePresent(builder.Configuration, RequiredSettings.Silo), "Silo"))
{
    return 1;
}
var connectionString = builder.Configuration.GetConnectionString("Orleans")!;
var orleans = builder.Configuration.GetSection("Orleans");
var advertised = IPAddress.Loopback;
if (!StartupGuard.Try(() => advertised = AdvertisedAddress.Resolve(orleans["AdvertisedIP"]), "Silo"))
{
    return 1;
}

builder.AddTelemetry("diuparibahan-silo");
builder.UseOrleans(silo =>
{
    if (orleans.GetValue("Kubernetes", false))
    {
        // Cluster id, silo name and advertised address come from the pod (POD_NAME, POD_IP, labels).
        silo.UseKubernetesHosting();
    }
    else
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans["ClusterId"] ?? "diuparibahan";
            o.ServiceId = orleans["ServiceId"] ?? "diuparibahan";
        });
        silo.ConfigureEndpoints(
            advertised,
            orleans.GetValue("SiloPort", 11111),
            orleans.GetValue("GatewayPort", 30000),
            listenOnAnyHostAddress: orleans.GetValue("ListenOnAnyHostAddress", false));
    }
    silo.UseFastFailureDetection();
    // Random placement spreads new trips over all silos at once, so a silo added during the rush takes its share of new
    // activations immediately (resource-optimised placement waits for the new silo's statistics first).
    silo.Services.AddSingleton<PlacementStrategy>(new RandomPlacement());
    silo.UsePostgresPersistence(connectionString);
    silo.AddTicketingGrains(builder.Configuration);
    silo.AddNotificationDispatch(builder.Configuration);
    silo.AddActivityPropagation();
    silo.AddDashboard();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<SeedingOptions>(builder.Configuration.GetSection("Seeding"));
builder.Services.AddHostedService<NetworkSeeder>();
builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);

var app = builder.Build();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
app.MapOrleansDashboard(routePrefix: "/dashboard");
return StartupGuard.Run(app, "Silo");
