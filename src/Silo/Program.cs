using System.Net;
using DiuParibahan.Hosting;
using DiuParibahan.Hosting.Seeding;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Telemetry;
using Orleans.Configuration;

// A standalone silo for cluster mode: grain state, membership and reminders in PostgreSQL.
var builder = WebApplication.CreateBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("Orleans")
    ?? throw new InvalidOperationException("ConnectionStrings:Orleans (PostgreSQL) is required for a silo.");
var orleans = builder.Configuration.GetSection("Orleans");

builder.AddTelemetry("diuparibahan-silo");
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = orleans["ClusterId"] ?? "diuparibahan";
        o.ServiceId = orleans["ServiceId"] ?? "diuparibahan";
    });
    silo.ConfigureEndpoints(
        IPAddress.Parse(orleans["AdvertisedIP"] ?? "127.0.0.1"),
        orleans.GetValue("SiloPort", 11111),
        orleans.GetValue("GatewayPort", 30000),
        listenOnAnyHostAddress: orleans.GetValue("ListenOnAnyHostAddress", false));
    silo.UsePostgresPersistence(connectionString);
    silo.AddTicketingGrains(builder.Configuration);
    silo.AddActivityPropagation();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<SeedingOptions>(builder.Configuration.GetSection("Seeding"));
builder.Services.AddHostedService<NetworkSeeder>();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");
app.Run();
