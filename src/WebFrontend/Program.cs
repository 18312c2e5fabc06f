using DiuParibahan.Grains.Domain;
using DiuParibahan.Hosting.Telemetry;
using DiuParibahan.Hosting.Cluster;
using DiuParibahan.WebFrontend.Admin;
using DiuParibahan.WebFrontend.Analytics;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Catalog;
using DiuParibahan.WebFrontend.Changes;
using DiuParibahan.WebFrontend.Endpoints;
using DiuParibahan.WebFrontend.Extensions;
using DiuParibahan.WebFrontend.Hubs;
using DiuParibahan.WebFrontend.Localization;
using DiuParibahan.WebFrontend.Payments;
using DiuParibahan.WebFrontend.Tickets;
using DiuParibahan.WebFrontend.TripOps;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddTelemetry("diuparibahan-web");
if (!StartupGuard.Try(() => builder.AddOrleansForMode(), "Web frontend"))
{
    return 1;
}
builder.AddListingCache();
builder.AddHealth();
builder.AddRateLimits();
builder.AddPayments();
builder.AddTickets();
builder.AddTicketChanges();
builder.AddUserLocalization();
builder.AddAuth();
builder.AddOutboxAdmin();
builder.AddAnalytics();
builder.AddSecurityHeaders();
// Hosting logs each request's full URL, query included; the hub's access_token rides in the query, so keep that
// category above Information whatever the configuration says.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Services.AddProblemDetails(TripProblems.Configure);
builder.Services.AddExceptionHandler<GrainExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.AddOptions<InventoryLimits>().Bind(builder.Configuration.GetSection("Trips"));
builder.Services.AddSingleton<NetworkCache>();
builder.Services.AddSingleton<TripWatchService>();
builder.Services.AddSingleton<TripOpsService>();
builder.Services.AddOptions<TripOpsOptions>()
    .Bind(builder.Configuration.GetSection("TripOps"))
    .Validate(o => o.SweepInterval > TimeSpan.Zero, "TripOps:SweepInterval must be positive.")
    .ValidateOnStart();
builder.Services.AddSingleton<CancellationSweeper>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CancellationSweeper>());
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseUserLocalization();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseApiBodyLimit();
app.UseHubOriginCheck();
app.UseAuth();
app.UseRateLimiter();
app.UseSearchAnalytics();
app.UseOutputCache();

app.MapOpenApi();
app.MapScalarApiReference("/api/reference");
app.MapHealth();
app.MapCatalogEndpoints();
app.MapSeatEndpoints();
app.MapBookingEndpoints();
app.MapCounterEndpoints();
app.MapPaymentEndpoints();
app.MapTicketEndpoints();
app.MapChangeEndpoints();
app.MapAuthEndpoints();
app.MapAdminHoldEndpoints();
app.MapAdminEndpoints();
app.MapOutboxEndpoints();
app.MapAdminTripEndpoints();
app.MapHolderEndpoints();
app.MapHub<TripsHub>(TripsHub.Path);
app.MapClusterAdmin();
app.MapReportEndpoints();

return StartupGuard.Run(app, "Web frontend");

/// <summary>Entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
