using System.Security.Cryptography;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
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
    private const string SystemActor = "system";

    /// <summary>The payment provider name of counter sales: cash taken (and handed back) by the clerk.</summary>
    public const string CashProvider = "cash";

    /// <summary>The payment provider name of bKash Tokenized Checkout.</summary>
    public const string BkashProvider = "bkash";

    private string Pnr => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    // The events appended since the last write are not yet marked in storage.
    private bool _publishedUnsaved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await PublishAsync();
        await CatchUpNotificationsAsync(activating: true);
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
        var (passengers, passengerFailure) = PassengerRules.Seat(command.Passengers, hold.Seats);
        if (passengerFailure is not null)
        {
            return new(null, passengerFailure);
        }
        var (contact, contactFailure) = PassengerRules.Contact(command.Contact);
        if (contactFailure is not null)
        {
            return new(null, contactFailure);
        }
        if (await trip.GetDefinitionAsync() is not { } definition)
        {
            return BookingResult.Fail(BookingErrorCode.HoldExpired, "The trip of this hold no longer exists.");
        }
        var journey = new BookingJourney(definition.TripId, definition.RouteNameEn, definition.RouteNameBn, hold.From, hold.To,
            definition.Stops[definition.IndexOf(hold.From)].Departure, definition.Stops[definition.IndexOf(hold.To)].Departure,
            definition.CoachClass.ToString(), definition.CoachRegistration);
        store.State.Language = command.Language == "bn" ? "bn" : "en";
        var booking = new BookingView(Pnr, BookingStatus.PendingPayment, command.OwnerId,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), journey, hold.HoldId, hold.Seats, passengers!, contact!,
            hold.Amount / hold.Seats.Count, hold.Amount, hold.Channel.ToString(),
            new BookingPayment(command.PaymentProvider, PaymentStatus.RequiresPayment, hold.Amount, null, null),
            hold.ExpiresAt, null, [], Now, null);
        var result = await SaveAsync(booking, "booking.created",
            $"Seats {string.Join(", ", hold.Seats)} held for {passengers!.Count} passenger(s); {hold.Amount} BDT to pay.", command.OwnerId);
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
        // Validate before selling: a sale refused for a typo in a phone number must not have taken the seats.
        var (passengers, passengerFailure) = PassengerRules.Seat(command.Passengers, command.Seats);
        if (passengerFailure is not null)
        {
            return new(null, passengerFailure, null);
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(command.TripId);
        if (await trip.GetDefinitionAsync() is not { } definition)
        {
            return new(null, null, TripFailure.Of(TripErrorCode.TripNotFound, "There is no such trip."));
        }
        // The trip dedupes by owner + request id too, so a retry after a failed write gets the same sale back.
        var sale = await trip.SellAsync(new SellSeats(command.ClerkId, command.Seats, command.From, command.To,
            "counter:" + command.RequestId, SalesChannel.Counter, Pnr));
        if (sale.Sale is not { } sold)
        {
            return new(null, null, sale.Failure);
        }
        var journey = new BookingJourney(definition.TripId, definition.RouteNameEn, definition.RouteNameBn, sold.From, sold.To,
            definition.Stops[definition.IndexOf(sold.From)].Departure, definition.Stops[definition.IndexOf(sold.To)].Departure,
            definition.CoachClass.ToString(), definition.CoachRegistration);
        // Passengers follow the seats as sold (the trip may normalise labels); the contact is the first passenger.
        var seated = passengers!.Select((p, i) => p with { Seat = sold.Seats[i] }).ToList();
        var booking = new BookingView(Pnr, BookingStatus.Confirmed, command.ClerkId,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), journey, Guid.Empty, sold.Seats, seated,
            new BookingContact(seated[0].Phone, null), sold.Amount / sold.Seats.Count, sold.Amount, sold.Channel.ToString(),
            new BookingPayment(CashProvider, PaymentStatus.Succeeded, sold.Amount, "cash:" + Pnr, null),
            Now, null, [], Now, sold.SaleId);
        store.State.CounterRequestId = command.RequestId;
        await SaveAsync(booking, "booking.confirmed",
            $"Sold at counter {command.CounterId} for cash: seats {string.Join(", ", sold.Seats)}, {sold.Amount} BDT collected.", command.ClerkId);
        await ListCounterSaleAsync(booking);
        return new(View(), null, null);
    }

    private Task ListCounterSaleAsync(BookingView booking) => Task.WhenAll(
        GrainFactory.GetGrain<IOwnerBookingsGrain>(booking.OwnerId).AddAsync(Pnr),
        GrainFactory.GetGrain<IClerkDayGrain>(IClerkDayGrain.KeyFor(booking.OwnerId, ServiceDay.Of(booking.CreatedAt))).AddAsync(Pnr));

    public async Task<BookingView?> GetAsync()
    {
        await ExpireIfDueAsync();
        return store.State.Booking is null ? null : View();
    }

    public async Task<BookingResult> StartPaymentAsync(PaymentStarted payment)
    {
        if (store.State.Booking is not { } booking)
        {
            return NotFound();
        }
        if (booking.Payment.Reference == payment.Reference)
        {
            return Ok();
        }
        if (booking.Status != BookingStatus.PendingPayment || booking.Payment.Reference is not null)
        {
            return BookingResult.Fail(BookingErrorCode.InvalidRequest, "The payment of this booking has already started.");
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId);
        var extended = await trip.ExtendHoldAsync(booking.HoldId, payment.HoldUntil);
        var hold = extended.Hold;
        if (extended.Failure?.Code == TripErrorCode.AlreadyExtended)
        {
            hold = await trip.GetHoldAsync(booking.HoldId);
        }
        if (hold is null)
        {
            return BookingResult.Fail(BookingErrorCode.HoldExpired, "The hold expired before the payment could start; choose the seats again.");
        }
        return await SaveAsync(booking with
        {
            Payment = booking.Payment with { Reference = payment.Reference, ClientSecret = payment.ClientSecret },
            HoldExpiresAt = hold.ExpiresAt,
        }, "booking.payment-started", $"Payment {booking.Payment.Provider} started; seats held until {hold.ExpiresAt:u}.", booking.OwnerId);
    }

    public async Task<BookingResult> PaymentSucceededAsync(PaymentSucceeded payment)
    {
        if (IsChangePayment(payment.Reference))
        {
            return AsBookingResult(await ChangePaymentSucceededAsync(payment.Reference));
        }
        if (store.State.Booking is not { } booking)
        {
            return NotFound();
        }
        if (booking.Payment.Reference is { } expected && expected != payment.Reference)
        {
            return BookingResult.Fail(BookingErrorCode.InvalidRequest, "The payment is not the one of this booking.");
        }
        // Duplicates and stragglers: the first success is the one that counts.
        if (booking.Payment.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded || !BookingTransitions.AwaitsPayment(booking.Status))
        {
            return Ok();
        }
        var paid = booking.Payment with
        {
            Status = PaymentStatus.Succeeded, Reference = payment.Reference, ClientSecret = null, TransactionId = payment.TransactionId,
        };
        var trip = GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId);
        if (payment.AmountPoisha != booking.Total * 100L)
        {
            // Seats are sold for the fare and nothing else: a provider reporting another amount (a tampered or
            // mismatched payment) gets its money back and the seats go back on sale.
            var received = payment.AmountPoisha / 100m;
            var mismatch = $"The payment received ({received:0.00} BDT) is not the fare ({booking.Total} BDT); "
                           + "the seats were released and the payment is refunded.";
            await trip.ReleaseAsync(booking.HoldId, booking.OwnerId);
            return await SaveAsync(booking with
            {
                Status = BookingStatus.Cancelled,
                Payment = paid,
                Refund = new BookingRefund(received, 100, mismatch, false, null),
            }, "booking.refund-due", mismatch, SystemActor);
        }
        var sale = await trip.ConfirmHoldAsync(booking.HoldId, Pnr);
        var late = sale.Failure?.Code == TripErrorCode.HoldExpired;
        if (late)
        {
            // The hold is gone: take the same seats again if nobody else has. The request id makes a retry return this sale.
            sale = await trip.SellAsync(new SellSeats(booking.OwnerId, booking.Seats, booking.Journey.From, booking.Journey.To,
                "late-payment:" + Pnr, SalesChannel.Online, Pnr));
        }
        if (sale.Sale is { } sold)
        {
            return await SaveAsync(booking with { Status = BookingStatus.Confirmed, Payment = paid, SaleId = sold.SaleId },
                "booking.confirmed", late
                    ? $"Payment received after the hold expired; seats {string.Join(", ", sold.Seats)} were still free and are yours."
                    : $"Payment received; seats {string.Join(", ", sold.Seats)} are yours.", SystemActor);
        }
        var reason = late
            ? "The payment arrived after the hold expired and the seats had been taken by someone else; the full fare is refunded."
            : $"The seats could not be confirmed ({sale.Failure!.Detail}); the full fare is refunded.";
        return await SaveAsync(booking with
        {
            Status = BookingStatus.Cancelled,
            Payment = paid,
            Refund = new BookingRefund(booking.Total, 100, reason, false, null),
        }, "booking.refund-due", reason, SystemActor);
    }

    public async Task<BookingResult> PaymentFailedAsync(string reference, string reason)
    {
        if (IsChangePayment(reference))
        {
            return AsBookingResult(await AbandonTripChangeAsync(reference));
        }
        if (store.State.Booking is not { } booking)
        {
            return NotFound();
        }
        if (booking.Payment.Reference is { } expected && expected != reference)
        {
            return BookingResult.Fail(BookingErrorCode.InvalidRequest, "The payment is not the one of this booking.");
        }
        // A failure reported after a success (reordered delivery) or twice changes nothing.
        if (booking.Status != BookingStatus.PendingPayment || booking.Payment.Status != PaymentStatus.RequiresPayment)
        {
            return Ok();
        }
        // Free the seats for others at once; a later successful retry of the same payment sells them again if still free.
        await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).ReleaseAsync(booking.HoldId, booking.OwnerId);
        var detail = string.IsNullOrWhiteSpace(reason) ? "The payment failed." : $"The payment failed: {Truncate(reason, 200)}";
        return await SaveAsync(booking with
        {
            Status = BookingStatus.PaymentFailed,
            Payment = booking.Payment with { Status = PaymentStatus.Failed, ClientSecret = null },
        }, "booking.payment-failed", detail + " The seats were released.", SystemActor);
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
        var booking = store.State.Booking!;
        await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).CancelSaleAsync(booking.SaleId!.Value);
        return await SaveAsync(booking with
        {
            Status = BookingStatus.Cancelled,
            Refund = new BookingRefund(quote.Amount, quote.Percent, quote.Reason, quote.Amount == 0, null),
        }, "booking.cancelled", $"Cancelled; seats {string.Join(", ", booking.Seats)} released. {quote.Reason}", actor);
    }

    public async Task<BookingResult> RefundCompletedAsync(RefundCompleted refund)
    {
        if (store.State.Booking is not { } booking)
        {
            return NotFound();
        }
        if (booking.Refund is { Completed: false } owed)
        {
            return await SaveAsync(booking with
            {
                Status = BookingStatus.Refunded,
                Payment = booking.Payment with { Status = PaymentStatus.Refunded },
                Refund = owed with { Completed = true, Reference = refund.Reference },
            }, "booking.refunded", $"{owed.Amount:0.00} BDT refunded ({owed.Percent}%).", SystemActor);
        }
        if (booking.Status == BookingStatus.Confirmed && refund.AmountPoisha > 0 && !CoveredByChangeRefunds(refund))
        {
            // Refunded outside this system (the provider's dashboard): the passenger no longer has paid seats.
            await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).CancelSaleAsync(booking.SaleId!.Value);
            var amount = refund.AmountPoisha / 100m;
            var percent = (int)Math.Round(amount * 100 / booking.Total);
            return await SaveAsync(booking with
            {
                Status = BookingStatus.Refunded,
                Payment = booking.Payment with { Status = PaymentStatus.Refunded },
                Refund = new BookingRefund(amount, percent, "Refunded by the payment provider; the seats were released.", true, refund.Reference),
            }, "booking.refunded", $"{amount:0.00} BDT refunded by the payment provider; seats released.", SystemActor);
        }
        return Ok();
    }

    private async Task<(RefundQuote? Quote, BookingFailure? Failure)> QuoteAsync()
    {
        if (store.State.Booking is not { } booking)
        {
            return (null, new(BookingErrorCode.BookingNotFound, "There is no such booking."));
        }
        if (booking.Status != BookingStatus.Confirmed || booking.SaleId is null)
        {
            return (null, new(BookingErrorCode.NotCancellable, booking.Status is BookingStatus.Cancelled or BookingStatus.Refunded
                ? "The booking is already cancelled."
                : "Only a confirmed booking can be cancelled."));
        }
        if (Now >= booking.Journey.Departure)
        {
            return (null, new(BookingErrorCode.NotCancellable, "The coach has already departed."));
        }
        var map = await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId)
            .GetSeatMapAsync(booking.Journey.From, booking.Journey.To, null);
        return (refunds.Value.Quote(booking.Total, booking.Journey.Departure, Now, map.Map?.Cancelled == true), null);
    }

    /// <summary>An unpaid booking whose hold has run out becomes Expired (a late payment can still confirm it).</summary>
    private async Task ExpireIfDueAsync()
    {
        if (store.State.Booking is { Status: BookingStatus.PendingPayment, Payment.Status: PaymentStatus.RequiresPayment } booking
            && Now >= booking.HoldExpiresAt)
        {
            await SaveAsync(booking with { Status = BookingStatus.Expired, Payment = booking.Payment with { ClientSecret = null } },
                "booking.expired", "The hold expired before the payment arrived; the seats were released.", SystemActor);
        }
    }

    private async Task<BookingResult> SaveAsync(BookingView next, string kind, string detail, string actor)
    {
        var previous = store.State.Booking;
        if (previous is not null && previous.Status != next.Status && !BookingTransitions.CanMove(previous.Status, next.Status))
        {
            throw new InvalidOperationException($"Booking {Pnr}: {previous.Status} → {next.Status} is not a valid transition.");
        }
        store.State.Booking = next;
        store.State.Events.Add(new BookingEventRecord(Now, kind, detail, actor, next.Status));
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
        await PublishAsync();
        await CatchUpNotificationsAsync(activating: false);
        return Ok();
    }

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
        History = store.State.Events.Select(e => new BookingHistoryEntry(e.At, e.Kind, e.Detail)).ToList(),
    };

    private BookingResult Ok() => new(View(), null);

    private static BookingResult NotFound() => BookingResult.Fail(BookingErrorCode.BookingNotFound, "There is no such booking.");

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    public async Task<BookingResult> TripCancelledAsync(TripCancelledNotice notice)
    {
        if (store.State.Booking is not { } booking)
        {
            return NotFound();
        }
        if (booking.Status != BookingStatus.Confirmed || booking.SaleId is null)
        {
            return Ok();
        }
        await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).CancelSaleAsync(booking.SaleId.Value);
        var cash = booking.Payment.Provider == CashProvider;
        var reason = $"The trip was cancelled by the operator ({Truncate(notice.Reason, 200)}); the full fare is refunded"
            + (cash ? " in cash at the counter." : " to the original payment.");
        return await SaveAsync(booking with
        {
            Status = BookingStatus.Cancelled,
            Refund = new BookingRefund(booking.Total, 100, reason, booking.Total == 0, null),
        }, "booking.trip-cancelled", $"Trip cancelled; seats {string.Join(", ", booking.Seats)} released. {reason}", notice.Actor);
    }

    public async Task<BookingResult> TripDelayedAsync(TripDelayedNotice notice)
    {
        if (store.State.Booking is not { } booking)
        {
            return NotFound();
        }
        if (booking.Status is not (BookingStatus.Confirmed or BookingStatus.PendingPayment))
        {
            return Ok();
        }
        var from = notice.Stops.FirstOrDefault(s => s.StopId == booking.Journey.From);
        var to = notice.Stops.FirstOrDefault(s => s.StopId == booking.Journey.To);
        if (from is null || to is null)
        {
            return BookingResult.Fail(BookingErrorCode.InvalidRequest, "The new stop times do not include this booking's stops.");
        }
        if (from.Departure == booking.Journey.Departure && to.Departure == booking.Journey.Arrival)
        {
            return Ok();
        }
        var leaves = from.Departure.ToOffset(ServiceDay.DhakaOffset);
        return await SaveAsync(booking with { Journey = booking.Journey with { Departure = from.Departure, Arrival = to.Departure } },
            "booking.trip-delayed",
            $"The coach is delayed: it now leaves at {leaves:yyyy-MM-dd HH:mm} (Dhaka time), arriving {to.Departure.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm}. {Truncate(notice.Reason, 200)}",
            notice.Actor);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Booking {Pnr}: saving a change failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string pnr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {Pnr}: appending events failed; they are retried after the next change")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string pnr);
}
