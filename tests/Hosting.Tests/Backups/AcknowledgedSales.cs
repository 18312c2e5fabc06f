using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>
/// Sales traffic on one trip for restore drills, one acknowledged step after another, and the ledger of what each
/// acknowledgement said: per seat its state, per booking its status and history. <see cref="Expected"/> at a moment is
/// therefore exactly the acknowledged history up to then, and <see cref="ReadAsync"/> reads the same view back from
/// the grains, for every seat and booking the traffic ever touched.
/// </summary>
/// <remarks>
/// Steps cycle through the four things a restore must give back: a live hold; a hold booked and paid (sold, reminders
/// and notifications); a booking paid, cancelled and refunded (seat free again); a booking awaiting payment (seat held).
/// </remarks>
public sealed class AcknowledgedSales
{
    public const string From = "dhaka-kalyanpur";
    public const string To = "jashore";

    private readonly Dictionary<string, string> _seats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bookings = new(StringComparer.Ordinal);
    private readonly List<string> _seatLabels = [];

    public AcknowledgedSales()
    {
        var departure = DateTimeOffset.UtcNow.AddDays(4);
        Trip = new TripDefinition($"BKP-{Guid.NewGuid():N}", "dhk-jsr", "DHK-JSR", "Dhaka – Jashore", "ঢাকা – যশোর", "coach-9",
            "Dhaka Metro Ba-11-0001", CoachClass.AcEconomy, SeatLayouts.Grid("T", "Test", 10, 2, 2),
            [new TripStop(From, departure), new TripStop(To, departure.AddHours(4))], [900], TimeSpan.FromMinutes(30));
    }

    public TripDefinition Trip { get; }

    /// <summary>Steps acknowledged so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Schedules the trip (acknowledged like any step) and learns its seat labels.</summary>
    public async Task ScheduleAsync(IGrainFactory grains)
    {
        var trip = grains.GetGrain<ITripGrain>(Trip.TripId);
        await trip.ScheduleAsync(Trip);
        var map = (await trip.GetSeatMapAsync(From, To, null)).Map!;
        _seatLabels.AddRange(map.Seats.Select(s => s.Seat));
    }

    /// <summary>Runs <paramref name="count"/> more steps, each acknowledged before the next is sent.</summary>
    public async Task RunAsync(IGrainFactory grains, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await StepAsync(grains, Steps);
            Steps++;
        }
    }

    /// <summary>The acknowledged state now, as sorted lines (<c>seat A1: Held</c>, <c>booking DP-…: Confirmed …</c>).</summary>
    public IReadOnlyList<string> Expected() =>
        _seats.Select(s => $"seat {s.Key}: {s.Value}").Concat(_bookings.Select(b => $"booking {b.Key}: {b.Value}"))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The same view read from the grains, for every seat and booking the traffic ever touched.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(IGrainFactory grains)
    {
        var map = (await grains.GetGrain<ITripGrain>(Trip.TripId).GetSeatMapAsync(From, To, null)).Map!;
        var lines = new List<string>();
        foreach (var seat in _seats.Keys)
        {
            lines.Add($"seat {seat}: {map.Seats.Single(s => s.Seat == seat).State}");
        }
        foreach (var pnr in _bookings.Keys)
        {
            var booking = await grains.GetGrain<IBookingGrain>(pnr).GetAsync();
            lines.Add($"booking {pnr}: {(booking is null ? "absent" : Describe(booking))}");
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// <paramref name="expected"/> (an earlier <see cref="Expected"/>) with every seat and booking first touched after
    /// it added as never acknowledged: seats <c>Free</c>, bookings <c>absent</c>.
    /// </summary>
    public IReadOnlyList<string> Completed(IReadOnlyList<string> expected)
    {
        var lines = expected.ToDictionary(e => e[..e.IndexOf(':', StringComparison.Ordinal)], e => e, StringComparer.Ordinal);
        foreach (var seat in _seats.Keys)
        {
            lines.TryAdd($"seat {seat}", $"seat {seat}: Free");
        }
        foreach (var pnr in _bookings.Keys)
        {
            lines.TryAdd($"booking {pnr}", $"booking {pnr}: absent");
        }
        return lines.Values.Order(StringComparer.Ordinal).ToList();
    }

    private async Task StepAsync(IGrainFactory grains, int step)
    {
        var owner = $"p{step}";
        var seat = _seatLabels[step];
        var hold = await grains.GetGrain<ITripGrain>(Trip.TripId)
            .HoldAsync(new HoldSeats(owner, [seat], From, To, $"r{step}", SalesChannel.Online));
        Assert.Null(hold.Failure);
        _seats[seat] = nameof(SeatState.Held);
        if (step % 4 == 0)
        {
            return;
        }

        var pnr = Pnr.ForHold(hold.Hold!.HoldId);
        var booking = grains.GetGrain<IBookingGrain>(pnr);
        Acknowledge(await booking.CreateAsync(new CreateBooking(owner, Trip.TripId, hold.Hold.HoldId,
            [new PassengerInput("Rahim Uddin", "01712345678", Gender.Male)], new BookingContact("01712345678", null), "simulated")));
        var reference = "sim_" + pnr;
        Acknowledge(await booking.StartPaymentAsync(new PaymentStarted(reference, null, DateTimeOffset.UtcNow.AddMinutes(15))));
        if (step % 4 == 3)
        {
            return;
        }

        Acknowledge(await booking.PaymentSucceededAsync(new PaymentSucceeded(reference, 90_000)));
        _seats[seat] = nameof(SeatState.Sold);
        if (step % 4 == 1)
        {
            return;
        }

        var cancelled = Acknowledge(await booking.CancelAsync(owner));
        _seats[seat] = nameof(SeatState.Free);
        Acknowledge(await booking.RefundCompletedAsync(new RefundCompleted(reference, (long)(cancelled.Refund!.Amount * 100))));
    }

    private BookingView Acknowledge(BookingResult result)
    {
        Assert.Null(result.Failure);
        _bookings[result.Booking!.Pnr] = Describe(result.Booking);
        return result.Booking;
    }

    private static string Describe(BookingView booking) =>
        $"{booking.Status} refund={(booking.Refund is { } r ? $"{r.Amount}/{r.Completed}" : "none")} "
        + $"[{string.Join(", ", booking.History.Select(h => h.Kind))}]";
}
