using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Events;
using DiuParibahan.Hosting.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace DiuParibahan.Hosting;

public static class GrainServicesExtensions
{
    /// <summary>
    /// What the grains need from the silo's container: the clock, the inventory limits and passenger quotas (section <c>Trips</c>, <c>Trips:Quotas</c>), metrics,
    /// the refund policy and the booking events sink.
    /// </summary>
    public static ISiloBuilder AddTicketingGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<InventoryLimits>()
            .Bind(configuration.GetSection("Trips"))
            .Validate(l => l.MaxSeatsPerOnlineHold > 0 && l.MaxOnlineHoldsPerOwner > 0 && l.MaxSeatsPerCounterHold > 0
                           && l.MaxCounterHoldsPerOwner > 0 && l.OnlineHoldDuration > TimeSpan.Zero && l.CounterHoldDuration > TimeSpan.Zero,
                "Trips: hold limits and durations must be positive.")
            .Validate(l => l.Quotas.IsValid(), "Trips:Quotas: passenger quotas and cool-off times must be positive.")
            .ValidateOnStart();
        silo.Services.TryAddSingleton<TripMetrics>();
        // Bookings: the refund policy (section Bookings:Refunds; the published policy when not configured) and the
        // events log their transitions go to (the IEventStore of the configured database).
        silo.Services.AddOptions<RefundPolicy>()
            .Bind(configuration.GetSection("Bookings:Refunds"))
            .PostConfigure(p =>
            {
                if (p.Tiers.Count == 0)
                {
                    p.Tiers = RefundPolicy.Default.Tiers;
                }
            })
            .Validate(p => p.IsValid(), "Bookings:Refunds: notices must not be negative and percents must be 0–100.")
            .ValidateOnStart();
        silo.Services.AddOptions<TicketChangeOptions>()
            .Bind(configuration.GetSection("Bookings:Changes"))
            .Validate(o => o.IsValid(), "Bookings:Changes: the fee and cut-offs must not be negative.")
            .ValidateOnStart();
        silo.Services.AddOptions<LadiesSeatOptions>()
            .Bind(configuration.GetSection("Trips:LadiesSeats"))
            .Validate(o => o.IsValid(), "Trips:LadiesSeats:OpenToAllBefore must be between 0 and 400 days.")
            .ValidateOnStart();
        silo.Services.AddOptions<CoachTimetableOptions>()
            .Bind(configuration.GetSection("Coaches"))
            .Validate(o => o.IsValid(), "Coaches:TurnaroundMargin must be between 0 and 24 hours.")
            .ValidateOnStart();
        silo.Services.TryAddSingleton<IBookingEventSink>(sp => new BookingEventSink(sp.GetRequiredService<IEventStore>()));
        // Their notifications go to the outbox of the configured database (sending is AddNotificationDispatch's).
        silo.Services.AddNotificationOutbox();
        silo.Services.TryAddSingleton<ITripAuditSink>(sp => new TripAuditSink(sp.GetRequiredService<IEventStore>()));
        silo.Services.TryAddSingleton<IHolderAuditSink>(sp => new HolderAuditSink(sp.GetRequiredService<IEventStore>()));
        // Trip activity for analytics goes through a bounded background writer, never inline with a seat operation.
        silo.Services.TryAddSingleton<BufferedEventWriter>();
        silo.Services.TryAddSingleton<ITripEventSink, TripEventSink>();
        // Orleans' own serializer, keyed by the [Alias]es on state types, so renaming a C# type never breaks stored state
        // (the default JSON payload embeds .NET type names).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }
}
