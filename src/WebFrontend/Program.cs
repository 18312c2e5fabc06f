using DiuParibahan.Hosting.Cluster;
using DiuParibahan.Hosting.Telemetry;
using DiuParibahan.WebFrontend.Admin;
using DiuParibahan.WebFrontend.Analytics;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Backups;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Changes;
using DiuParibahan.WebFrontend.Counter;
using DiuParibahan.WebFrontend.Holds;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Localization;
using DiuParibahan.WebFrontend.Offline;
using DiuParibahan.WebFrontend.Pages;
using DiuParibahan.WebFrontend.Payments;
using DiuParibahan.WebFrontend.Queue;
using DiuParibahan.WebFrontend.Staff;
using DiuParibahan.WebFrontend.Tickets;
using DiuParibahan.WebFrontend.Trips;

var builder = WebApplication.CreateBuilder(args);

// One-shot commands run instead of the app.
if (CreateOpsCommand.IsRequested(args))
{
    return await CreateOpsCommand.RunAsync(builder, args, Console.Out, Console.Error);
}

// Cross-cutting hosting concerns.
builder.AddTelemetry("diuparibahan-web");
if (!StartupGuard.Try(() => builder.AddOrleansForMode(), "Web frontend"))
{
    return 1;
}
if (!StartupGuard.Try(() => builder.AddProxyHeaders(), "Web frontend"))
{
    return 1;
}
builder.AddApiDefaults();
builder.AddHealth();
builder.AddRateLimits();
builder.AddAdmissionControl();
builder.AddSecurityHeaders();
builder.AddPageIncludes();
builder.AddSharedKeyRing();

// Features.
builder.AddTrips();
builder.AddBookingLookup();
builder.AddRefundSweep();
builder.AddLive();
builder.AddPayments();
builder.AddTickets();
builder.AddTicketChanges();
builder.AddUserLocalization();
builder.AddAuth();
builder.AddAdmin();
builder.AddAnalytics();
builder.AddAudit();
builder.AddStaff();
builder.AddWaitingRoom();
builder.AddOfflineApp();

var app = builder.Build();

// Middleware, in order.
app.UseProxyHeaders();
app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseUserLocalization();
app.UseStatusCodePages();
app.UseNotFoundPage();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAdmissionControl();
app.UseApiBodyLimit();
app.UseHubOriginCheck();
app.UseAuth();
app.UseApiInputValidation();
app.UseRateLimiter();
app.UseSearchAnalytics();
app.UseOutputCache();

// Endpoints.
app.MapApiReference();
app.MapHealth();
app.MapTrips();
app.MapSalesWindowEndpoints();
app.MapHoldEndpoints();
app.MapBookingEndpoints();
app.MapTicketResendEndpoints();
app.MapCounterEndpoints();
app.MapPaymentEndpoints();
app.MapTicketEndpoints();
app.MapChangeEndpoints();
app.MapAuthEndpoints();
app.MapAdmin();
app.MapLive();
app.MapReportEndpoints();
app.MapAuditEndpoints();
app.MapStaff();
app.MapBackupEndpoints();
app.MapWaitingRoom();
app.MapOfflineApp();

return StartupGuard.Run(app, "Web frontend");

/// <summary>Entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
