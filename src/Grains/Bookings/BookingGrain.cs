using System.Security.Cryptography;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// One booking, keyed by PNR. Each turn: check the status machine → at most one trip-grain call (idempotent there:
/// confirming a hold, selling by a PNR-based request id and cancelling a sale can all be repeated) → write → append
/// the event → answer. If the write fails the caller gets the exception and the activation reloads; a retry repeats
/// the trip call harmlessly.
/// </summary>
/// <remarks>
/// The grain never calls a payment provider. Provider calls are slow remote I/O that would block this booking (and
/// its callers) for their whole duration and could not be retried cleanly from inside a turn; instead the web
/// frontend calls the provider with the booking's idempotency keys and reports the result here. When money is owed
/// back the booking says so and stays that way until a refund is reported, so a crash in between is retried by the
/// next webhook delivery or request rather than forgotten.
/// </remarks>
public sealed partial class BookingGrain(
    [PersistentState("booking", StorageNames.Default)] IPersistentState<BookingState> store,
    TimeProvider time,
    IOptions<RefundPolicy> refunds,
    IBookingEventSink events,
    ILogger<BookingGrain> logger,
    INotificationOutbox notifications) : Grain, IBookingGrain
{
    private const string SystemActor = Booking.SystemActor;

    /// <summary>The payment provider name of counter sales: cash taken (and handed back) by the clerk.</summary>
    public const string CashProvider = PaymentProviders.Cash;

    /// <summary>The payment provider name of bKash Tokenized Checkout.</summary>
    public const string BkashProvider = PaymentProviders.Bkash;

    private string Pnr => this.GetPrimaryKeyString();

    private LadiesSeatRule LadiesSeats => new(ServiceProvider.GetRequiredService<IOptions<LadiesSeatOptions>>().Value);

    /// <summary>The passengers' genders by seat, for the trip's live map.</summary>
    private static IReadOnlyList<SeatGender> GendersOf(IEnumerable<Passenger> passengers) =>
        passengers.Select(p => new SeatGender(p.Seat, p.Gender)).ToList();

    private DateTimeOffset Now => time.GetUtcNow();

    // The events appended since the last write are not yet marked in storage.
    private bool _publishedUnsaved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await PublishAsync();
        await CatchUpNotificationsAsync(activating: true);
        // A deadline that passed while no activation existed is acted on now, not when someone next pays or asks.
        await ExpireIfDueAsync();
        ArmPaymentDeadline();
        await ListIfOwingAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_publishedUnsaved && !_notifiedUnsaved)
        {
            return;
        }
        // Remember what was appended, so the next activation does not append it again (after a crash it may: at least once).
        try
        {
            await store.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, Pnr);
        }
    }

    public async Task<BookingResult> CreateAsync(CreateBooking command)
    {
        if (store.State.Booking is { } existing)
        {
            return existing.HoldId == command.HoldId && existing.OwnerId == command.OwnerId
                ? Ok()
                : BookingResult.Fail(BookingErrorCode.PnrTaken, "This PNR belongs to another booking.");
        }
        if (string.IsNullOrWhiteSpace(command.OwnerId) || string.IsNullOrWhiteSpace(command.PaymentProvider))
        {
            return BookingResult.Fail(BookingErrorCode.InvalidRequest, "An owner and a payment provider are required.");
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(command.TripId);
        if (await trip.GetHoldAsync(command.HoldId) is not { } hold)
        {
            return BookingResult.Fail(BookingErrorCode.HoldExpired, "The hold does not exist or has expired; choose the seats again.");
        }
        if (hold.OwnerId != command.OwnerId)
        {
            return BookingResult.Fail(BookingErrorCode.NotHoldOwner, "The hold belongs to someone else.");
        }
        if (await trip.GetDefinitionAsync() is not { } definition)
        {
            return BookingResult.Fail(BookingErrorCode.HoldExpired, "The trip of this hold no longer exists.");
        }
        var departure = definition.Stops[definition.IndexOf(hold.From)].Departure;
        var (passengers, passengerFailure) = PassengerRules.Seat(command.Passengers, hold.Seats,
            TravelDayIfCrossing(definition, hold.From, hold.To, departure));
        if (passengerFailure is not null)
        {
            return new(null, passengerFailure);
        }
        var (contact, contactFailure) = PassengerRules.Contact(command.Contact);
        if (contactFailure is not null)
        {
            return new(null, contactFailure);
        }
        if (PointsFailure(command.Points, hold.From, hold.To) is { } pointsFailure)
        {
            return new(null, pointsFailure);
        }
        // The hold stays as it is: the passenger may change who sits where, or pick other seats.
        if (LadiesSeats.Check(definition, passengers!, Now) is { } ladiesOnly)
        {
            return new(null, ladiesOnly);
        }
        var journey = new BookingJourney(definition.TripId, definition.RouteNameEn, definition.RouteNameBn, hold.From, hold.To,
            departure, definition.Stops[definition.IndexOf(hold.To)].Departure,
            definition.CoachClass.ToString(), definition.CoachRegistration);
        var fare = FareRules.Price(definition, hold.From, hold.To, hold.Seats.Count, hold.Amount, command.Terms);
        store.State.Language = command.Language == "bn" ? "bn" : "en";
        var booking = new BookingView(Pnr, BookingStatus.PendingPayment, command.OwnerId,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), journey, hold.HoldId, hold.Seats, passengers!, contact!,
            hold.Amount / hold.Seats.Count, fare.Total, hold.Channel.ToString(),
            new BookingPayment(command.PaymentProvider, PaymentStatus.RequiresPayment, fare.Total, null, null),
            hold.ExpiresAt, null, [], Now, null, Points: command.Points, Fare: fare);
        var result = await StoreAsync(Booking.Create(booking, Now));
        await GrainFactory.GetGrain<IOwnerBookingsGrain>(command.OwnerId).AddAsync(Pnr);
        return result;
    }

    public async Task<CounterSaleResult> CreateCounterSaleAsync(CounterSale command)
    {
        if (store.State.Booking is { } existing)
        {
            if (existing.OwnerId != command.ClerkId || store.State.CounterRequestId != command.RequestId)
            {
                return new(null, new(BookingErrorCode.PnrTaken, "This PNR belongs to another booking."), null);
            }
            // The first attempt may have stopped between storing the booking and listing it for the clerk.
            await ListCounterSaleAsync(existing);
            return new(View(), null, null);
        }
        if (string.IsNullOrWhiteSpace(command.ClerkId) || string.IsNullOrWhiteSpace(command.CounterId)
            || string.IsNullOrWhiteSpace(command.RequestId) || command.Seats is not { Count: > 0 })
        {
            return new(null, new(BookingErrorCode.InvalidRequest, "A clerk, a counter, a request id and at least one seat are required."), null);
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(command.TripId);
        if (await trip.GetDefinitionAsync() is not { } definition)
        {
            return new(null, null, TripFailure.Of(TripErrorCode.TripNotFound, "There is no such trip."));
        }
        // Validate before selling: a sale refused for a typo in a phone number or a passport must not have taken the seats.
        var travelDay = definition.IndexOf(command.From) is var fromIndex and >= 0
            ? TravelDayIfCrossing(definition, command.From, command.To, definition.Stops[fromIndex].Departure)
            : null;
        var (passengers, passengerFailure) = PassengerRules.Seat(command.Passengers, command.Seats, travelDay);
        if (passengerFailure is not null)
        {
            return new(null, passengerFailure, null);
        }
        // The counter's contact is the first passenger who gave a number: the ticket SMS goes there.
        if (passengers!.FirstOrDefault(p => p.Phone.Length > 0) is not { } contactPassenger)
        {
            return new(null, new(BookingErrorCode.InvalidContact, "At least one passenger needs a mobile number for the ticket SMS."), null);
        }
        if (PointsFailure(command.Points, command.From, command.To) is { } pointsFailure)
        {
            return new(null, pointsFailure, null);
        }
        if (LadiesSeats.Check(definition, passengers!, Now) is { } ladiesOnly)
        {
            return new(null, ladiesOnly, null);
        }
        // The trip dedupes by owner + request id too, so a retry after a failed write gets the same sale back.
        var sale = await trip.SellAsync(new SellSeats(command.ClerkId, command.Seats, command.From, command.To,
            "counter:" + command.RequestId, SalesChannel.Counter, Pnr, GendersOf(passengers!), command.CounterSeatCap));
        if (sale.Sale is not { } sold)
        {
            return new(null, null, sale.Failure);
        }
        var journey = new BookingJourney(definition.TripId, definition.RouteNameEn, definition.RouteNameBn, sold.From, sold.To,
            definition.Stops[definition.IndexOf(sold.From)].Departure, definition.Stops[definition.IndexOf(sold.To)].Departure,
            definition.CoachClass.ToString(), definition.CoachRegistration);
        // Passengers follow the seats as sold (the trip may normalise labels); the contact is the first passenger with a number.
        var seated = passengers!.Select((p, i) => p with { Seat = sold.Seats[i] }).ToList();
        var fare = FareRules.Price(definition, sold.From, sold.To, sold.Seats.Count, sold.Amount, command.Terms);
        var booking = new BookingView(Pnr, BookingStatus.Confirmed, command.ClerkId,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), journey, Guid.Empty, sold.Seats, seated,
            new BookingContact(contactPassenger.Phone, null), sold.Amount / sold.Seats.Count, fare.Total, sold.Channel.ToString(),
            new BookingPayment(CashProvider, PaymentStatus.Succeeded, fare.Total, "cash:" + Pnr, null),
            Now, null, [], Now, sold.SaleId, Points: command.Points, Fare: fare);
        store.State.CounterRequestId = command.RequestId;
        await StoreAsync(Booking.SellAtCounter(booking, command.CounterId, Now));
        await ListCounterSaleAsync(booking);
        return new(View(), null, null);
    }

    /// <summary>The local day of travel when the journey crosses a border (passports are then checked against it), else null.</summary>
    private static DateOnly? TravelDayIfCrossing(TripDefinition trip, string from, string to, DateTimeOffset departure) =>
        trip.CrossesBorder(from, to) ? ServiceDay.Of(departure) : null;

    /// <summary>The frontend resolves points against the catalog; here only that they belong to the journey's own stops.</summary>
    private static BookingFailure? PointsFailure(BookingPoints? points, string from, string to) =>
        points is null || (points.Boarding.StopId == from && points.Dropping.StopId == to)
            ? null
            : new(BookingErrorCode.PointNotOnTrip, "The boarding point must be at the journey's first stop and the dropping point at its last.");

    private Task ListCounterSaleAsync(BookingView booking) => Task.WhenAll(
        GrainFactory.GetGrain<IOwnerBookingsGrain>(booking.OwnerId).AddAsync(Pnr),
        GrainFactory.GetGrain<IClerkDayGrain>(IClerkDayGrain.KeyFor(booking.OwnerId, ServiceDay.Of(booking.CreatedAt))).AddAsync(Pnr));

    /// <summary>Pure: an unpaid booking past its deadline is expired by its timer (or on activation), never by a read.</summary>
    public Task<BookingView?> GetAsync() => Task.FromResult(store.State.Booking is null ? null : View());

    public async Task<BookingResult> StartPaymentAsync(PaymentStarted payment)
    {
        if (store.State.Booking is not { } current)
        {
            return NotFound();
        }
        var booking = new Booking(current);
        if (booking.CheckStartPayment(payment.Reference) is { } answered)
        {
            return Answer(answered);
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId);
        var extended = await trip.ExtendHoldAsync(current.HoldId, payment.HoldUntil);
        var hold = extended.Hold;
        if (extended.Failure?.Code == TripErrorCode.AlreadyExtended)
        {
            hold = await trip.GetHoldAsync(current.HoldId);
        }
        if (hold is null)
        {
            return BookingResult.Fail(BookingErrorCode.HoldExpired, "The hold expired before the payment could start; choose the seats again.");
        }
        return await StoreAsync(booking.StartPayment(payment.Reference, payment.ClientSecret, hold.ExpiresAt, Now));
    }

    public async Task<BookingResult> PaymentSucceededAsync(PaymentSucceeded payment)
    {
        if (IsChangePayment(payment.Reference))
        {
            return AsBookingResult(await ChangePaymentSucceededAsync(payment.Reference));
        }
        if (store.State.Booking is not { } current)
        {
            return NotFound();
        }
        var booking = new Booking(current);
        if (booking.CheckPaymentSucceeded(payment.Reference) is { } answered)
        {
            return Answer(answered);
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId);
        if (!booking.PaysTheFare(payment.AmountPoisha))
        {
            await trip.ReleaseAsync(current.HoldId, current.OwnerId);
            return await StoreAsync(booking.PaidWrongAmount(payment.Reference, payment.AmountPoisha, Now, payment.TransactionId));
        }
        var sale = await trip.ConfirmHoldAsync(current.HoldId, Pnr, GendersOf(current.Passengers));
        var late = sale.Failure?.Code == TripErrorCode.HoldExpired;
        if (late)
        {
            // The hold is gone: take the same seats again if nobody else has. The request id makes a retry return this sale.
            sale = await trip.SellAsync(new SellSeats(current.OwnerId, current.Seats, current.Journey.From, current.Journey.To,
                "late-payment:" + Pnr, SalesChannel.Online, Pnr, GendersOf(current.Passengers)));
        }
        return await StoreAsync(sale.Sale is { } sold
            ? booking.Confirm(payment.Reference, sold.SaleId, sold.Seats, late, Now, payment.TransactionId)
            : booking.ConfirmFailed(payment.Reference, late, sale.Failure!.Detail, Now, payment.TransactionId));
    }

    public async Task<BookingResult> PaymentFailedAsync(string reference, string reason)
    {
        if (IsChangePayment(reference))
        {
            return AsBookingResult(await AbandonTripChangeAsync(reference));
        }
        if (store.State.Booking is not { } current)
        {
            return NotFound();
        }
        var booking = new Booking(current);
        if (booking.CheckPaymentFailed(reference) is { } answered)
        {
            return Answer(answered);
        }
        // While the hold runs the seats stay held for the passenger to pay again; only a failure after it frees them
        // (the trip lets the hold go at its end anyway: releasing it here covers a clock that runs a little behind).
        var outcome = booking.PaymentFailed(reason, Now);
        if (outcome.Booking?.Status == BookingStatus.PaymentFailed)
        {
            await GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId).ReleaseAsync(current.HoldId, current.OwnerId);
        }
        return await StoreAsync(outcome);
    }

    /// <summary>Pure: the same checks as <see cref="RetryPaymentAsync"/>, so no provider payment is made for a refused retry.</summary>
    public Task<BookingResult> CheckPaymentRetryAsync(string provider) =>
        Task.FromResult(store.State.Booking is not { } current
            ? NotFound()
            : Answer(new Booking(current).CheckRetryPayment(provider, null, Now) ?? BookingOutcome.Unchanged(current)));

    public async Task<BookingResult> RetryPaymentAsync(PaymentRetry retry)
    {
        if (store.State.Booking is not { } current)
        {
            return NotFound();
        }
        var booking = new Booking(current);
        if (booking.CheckRetryPayment(retry.Provider, retry.Reference, Now) is { } answered)
        {
            return Answer(answered);
        }
        // The booking's deadline is the hold's, but the trip has the last word on whether it still holds the seats.
        if (await GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId).GetHoldAsync(current.HoldId) is null)
        {
            return BookingResult.Fail(BookingErrorCode.HoldExpired, "The hold no longer exists; choose the seats again.");
        }
        return await StoreAsync(booking.RetryPayment(retry.Provider, retry.Reference, retry.ClientSecret, Now));
    }

    public async Task<CancellationQuoteResult> QuoteCancellationAsync()
    {
        var (quote, failure) = await QuoteAsync();
        return new(quote is null ? null : new CancellationQuote(quote.Percent, quote.Amount, quote.Reason), failure);
    }

    public async Task<BookingResult> CancelAsync(string actor)
    {
        var (quote, failure) = await QuoteAsync();
        if (quote is null)
        {
            return new(null, failure);
        }
        var current = store.State.Booking!;
        await GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId).CancelSaleAsync(current.SaleId!.Value);
        return await StoreAsync(new Booking(current).Cancel(quote, actor, Now));
    }

    public async Task<BookingResult> RefundCompletedAsync(RefundCompleted refund)
    {
        if (store.State.Booking is not { } current)
        {
            return NotFound();
        }
        var outcome = new Booking(current).RefundCompleted(refund, CoveredByChangeRefunds(refund), Now, out var releasesSeats);
        if (releasesSeats)
        {
            // Refunded outside this system (the provider's dashboard): the passenger no longer has paid seats.
            await GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId).CancelSaleAsync(current.SaleId!.Value);
        }
        return await StoreAsync(outcome);
    }

    private async Task<(RefundQuote? Quote, BookingFailure? Failure)> QuoteAsync()
    {
        if (store.State.Booking is not { } booking)
        {
            return (null, new(BookingErrorCode.BookingNotFound, "There is no such booking."));
        }
        if (new Booking(booking).CheckCancellable(Now) is { } refused)
        {
            return (null, refused);
        }
        var map = await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId)
            .GetSeatMapAsync(booking.Journey.From, booking.Journey.To, null);
        return (refunds.Value.Quote(booking.Total, booking.Journey.Departure, Now, map.Map?.Cancelled == true), null);
    }

    /// <summary>Records a change of the booking as a transition (ticket changes); see <see cref="Booking.Move"/>.</summary>
    private Task<BookingResult> SaveAsync(BookingView next, string kind, string detail, string actor, string? previous = null) =>
        StoreAsync(new Booking(store.State.Booking!).Move(next, Now, kind, detail, actor, previous));

    /// <summary>
    /// The one write of a booking transition: the booking's decision is stored with its events, then the events are
    /// published and handed to notifications, and the payment deadline re-armed. Refusals and no-ops write nothing.
    /// </summary>
    private async Task<BookingResult> StoreAsync(BookingOutcome outcome)
    {
        if (outcome.Failure is not null || !outcome.Changed)
        {
            return Answer(outcome);
        }
        var previous = store.State.Booking;
        await ListIfStartsOwingAsync(previous, outcome.Booking);
        store.State.Booking = outcome.Booking;
        store.State.Events.AddRange(outcome.Events);
        if (previous is null)
        {
            store.State.NotifiedEvents = 0;
        }
        try
        {
            await store.WriteStateAsync();
            _publishedUnsaved = false;
            _notifiedUnsaved = false;
        }
        catch (Exception ex)
        {
            // Nothing is acknowledged: the activation goes away and the next call reads what storage really holds.
            LogWriteFailed(logger, ex, Pnr);
            DeactivateOnIdle();
            throw;
        }
        await UnlistIfSettledAsync(previous);
        await PublishAsync();
        await CatchUpNotificationsAsync(activating: false);
        ArmPaymentDeadline();
        return Ok();
    }

    /// <summary>An outcome that stores nothing: a refusal, or the booking as it stands.</summary>
    private BookingResult Answer(BookingOutcome outcome) => outcome.Failure is { } failure ? new(null, failure) : Ok();

    private async Task PublishAsync()
    {
        var state = store.State;
        if (state.Booking is null || state.PublishedEvents >= state.Events.Count)
        {
            return;
        }
        try
        {
            await events.AppendAsync(state.Booking, state.Events.Skip(state.PublishedEvents).ToList());
            // Stored with the next write or on deactivation.
            state.PublishedEvents = state.Events.Count;
            _publishedUnsaved = true;
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, Pnr);
        }
    }

    private BookingView View() => store.State.Booking! with
    {
        History = store.State.Events.Select(e => new BookingHistoryEntry(e.At, e.Kind, e.Detail, e.Previous)).ToList(),
    };

    private BookingResult Ok() => new(View(), null);

    private static BookingResult NotFound() => BookingResult.Fail(BookingErrorCode.BookingNotFound, "There is no such booking.");

    public async Task<BookingResult> TripCancelledAsync(TripCancelledNotice notice)
    {
        if (store.State.Booking is not { } current)
        {
            return NotFound();
        }
        var outcome = new Booking(current).TripCancelled(notice, CashProvider, Now);
        if (outcome.Changed)
        {
            await GrainFactory.GetGrain<ITripGrain>(current.Journey.TripId).CancelSaleAsync(current.SaleId!.Value);
        }
        return await StoreAsync(outcome);
    }

    public Task<BookingResult> TripDelayedAsync(TripDelayedNotice notice) =>
        store.State.Booking is not { } current ? Task.FromResult(NotFound()) : StoreAsync(new Booking(current).TripDelayed(notice, Now));

    public Task<BookingResult> TripCoachChangedAsync(TripCoachChangedNotice notice) =>
        store.State.Booking is not { } current ? Task.FromResult(NotFound()) : StoreAsync(new Booking(current).TripCoachChanged(notice, Now));

    [LoggerMessage(Level = LogLevel.Error, Message = "Booking {Pnr}: saving a change failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string pnr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {Pnr}: appending events failed; they are retried after the next change")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string pnr);
}
