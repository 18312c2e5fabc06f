using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Ticket changes: seat change, trip/date change, passenger correction and partial cancellation. Each follows the
/// booking's turn shape (check → trip call(s), each idempotent → write → event), and every completed change reissues
/// the ticket. A trip change touches two trips: the new seats are confirmed before the old ones are released and the
/// booking is written last, so the booking's seats exist on at least one trip at every moment, and a retry after a
/// crash repeats the idempotent trip calls and then writes.
/// </summary>
public sealed partial class BookingGrain : IBookingChangesGrain
{
    private TicketChangeOptions ChangeRules => ServiceProvider.GetRequiredService<IOptions<TicketChangeOptions>>().Value;

    public async Task<ChangeResult> ChangeSeatsAsync(IReadOnlyList<string> seats, string actor)
    {
        var booking = store.State.Booking;
        if (Changeable(booking, ChangeRules.SeatChangeCutoff, "Seat changes") is { } refused)
        {
            return new(null, refused, null);
        }
        if (ChangesOf(booking!).Pending is not null)
        {
            return ChangeInProgress();
        }
        if (seats is null || seats.Count != booking!.Seats.Count)
        {
            return ChangeResult.Fail(BookingErrorCode.PassengerCountMismatch,
                $"Choose exactly {booking!.Seats.Count} seat(s), one for each passenger in order.");
        }
        if (seats.SequenceEqual(booking.Seats, StringComparer.Ordinal))
        {
            return new(View(), null, null);
        }
        if (await LadiesSeatRefusalAsync(booking.Journey.TripId, booking.Passengers, seats) is { } ladiesOnly)
        {
            return new(null, ladiesOnly, null);
        }
        var changed = Enumerable.Range(0, seats.Count).Where(i => seats[i] != booking.Seats[i]).ToList();
        var swap = await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).ChangeSaleSeatsAsync(
            new ChangeSaleSeats(booking.SaleId!.Value, changed.Select(i => booking.Seats[i]).ToList(), changed.Select(i => seats[i]).ToList()));
        if (swap.Sale is null)
        {
            return new(null, null, swap.Failure);
        }
        var issue = ChangesOf(booking).TicketIssue + 1;
        var next = booking with
        {
            Seats = seats.ToList(),
            Passengers = booking.Passengers.Select((p, i) => p with { Seat = seats[i] }).ToList(),
            Changes = ChangesOf(booking) with { TicketIssue = issue },
        };
        return Changed(await SaveAsync(next, "booking.seats-changed",
            $"Seats {string.Join(", ", booking.Seats)} → {string.Join(", ", seats)} on trip {booking.Journey.TripId}, changed by {actor}. "
            + $"Same coach and leg: fare unchanged at {booking.Total} BDT, nothing charged or refunded. Ticket reissued (issue {issue}).", actor,
            $"{string.Join(" ", booking.Seats)} → {string.Join(" ", seats)}"));
    }

    public async Task<TripChangeQuoteResult> QuoteTripChangeAsync(string tripId)
    {
        var (quote, failure, tripFailure) = await QuoteMoveAsync(store.State.Booking, tripId);
        return new(quote, failure, tripFailure);
    }

    public async Task<ChangeResult> BeginTripChangeAsync(string tripId, IReadOnlyList<string> seats, string requestId, string actor)
    {
        var booking = store.State.Booking;
        if (booking is not null && ChangesOf(booking).Pending is { } pending)
        {
            return pending.RequestId == requestId ? new(View(), null, null) : ChangeInProgress();
        }
        if (booking is not null && ChangesOf(booking).CompletedRequestId is { } done && done == requestId)
        {
            return new(View(), null, null);
        }
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 100)
        {
            return ChangeResult.Fail(BookingErrorCode.InvalidRequest, "A request id of 1–100 characters is required.");
        }
        var (quote, failure, tripFailure) = await QuoteMoveAsync(booking, tripId);
        if (quote is null)
        {
            return new(null, failure, tripFailure);
        }
        if (seats is null || seats.Count != booking!.Passengers.Count)
        {
            return ChangeResult.Fail(BookingErrorCode.PassengerCountMismatch,
                $"Choose exactly {booking!.Passengers.Count} seat(s), one for each passenger in order.");
        }
        if (await LadiesSeatRefusalAsync(tripId, booking.Passengers, seats) is { } ladiesOnly)
        {
            return new(null, ladiesOnly, null);
        }
        var hold = await GrainFactory.GetGrain<ITripGrain>(tripId).HoldAsync(new HoldSeats(booking.OwnerId, seats,
            booking.Journey.From, booking.Journey.To, "change:" + requestId, ChannelOf(booking)));
        if (hold.Hold is not { } held)
        {
            return new(null, null, hold.Failure);
        }
        var change = new PendingTripChange(Guid.NewGuid(), requestId, tripId, held.HoldId, held.Seats, quote, held.ExpiresAt, null, null, actor);
        if (quote.AmountDue <= 0)
        {
            return await CompleteTripChangeAsync(booking, change);
        }
        await WriteQuietlyAsync(booking with { Changes = ChangesOf(booking) with { Pending = change } });
        return new(View(), null, null);
    }

    public async Task<ChangeResult> ChangePaymentStartedAsync(string reference, string? clientSecret, DateTimeOffset holdUntil)
    {
        if (store.State.Booking is not { } booking || ChangesOf(booking).Pending is not { } pending)
        {
            return ChangeResult.Fail(BookingErrorCode.NoChangePending, "No trip change is waiting for a payment.");
        }
        if (pending.PaymentReference == reference)
        {
            return new(View(), null, null);
        }
        if (pending.PaymentReference is not null)
        {
            return ChangeResult.Fail(BookingErrorCode.InvalidRequest, "The payment of this change has already started.");
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(pending.TripId);
        var extended = await trip.ExtendHoldAsync(pending.HoldId, holdUntil);
        var hold = extended.Failure?.Code == TripErrorCode.AlreadyExtended ? await trip.GetHoldAsync(pending.HoldId) : extended.Hold;
        if (hold is null)
        {
            await WriteQuietlyAsync(booking with { Changes = ChangesOf(booking) with { Pending = null } });
            return ChangeResult.Fail(BookingErrorCode.HoldExpired, "The new seats were released before the payment could start; nothing was changed.");
        }
        await WriteQuietlyAsync(booking with
        {
            Changes = ChangesOf(booking) with
            {
                Pending = pending with { PaymentReference = reference, ClientSecret = clientSecret, HoldExpiresAt = hold.ExpiresAt },
            },
        });
        return new(View(), null, null);
    }

    public async Task<ChangeResult> ChangePaymentSucceededAsync(string reference)
    {
        if (store.State.Booking is not { } booking)
        {
            return ChangeResult.Fail(BookingErrorCode.BookingNotFound, "There is no such booking.");
        }
        if (ChangesOf(booking).Pending is not { } pending)
        {
            // A duplicate notification of a change already completed (or given up) changes nothing.
            return new(View(), null, null);
        }
        if (pending.PaymentReference != reference)
        {
            return ChangeResult.Fail(BookingErrorCode.InvalidRequest, "The payment is not the one of this change.");
        }
        return await CompleteTripChangeAsync(booking, pending);
    }

    public async Task<ChangeResult> AbandonTripChangeAsync(string? reference)
    {
        if (store.State.Booking is not { } booking)
        {
            return ChangeResult.Fail(BookingErrorCode.BookingNotFound, "There is no such booking.");
        }
        if (ChangesOf(booking).Pending is not { } pending)
        {
            return new(View(), null, null);
        }
        if (reference is not null && pending.PaymentReference != reference)
        {
            return ChangeResult.Fail(BookingErrorCode.InvalidRequest, "The payment is not the one of this change.");
        }
        await GrainFactory.GetGrain<ITripGrain>(pending.TripId).ReleaseAsync(pending.HoldId, booking.OwnerId);
        await WriteQuietlyAsync(booking with { Changes = ChangesOf(booking) with { Pending = null } });
        return new(View(), null, null);
    }

    /// <summary>The ladies-seat refusal for <paramref name="passengers"/> moved to <paramref name="seats"/> (same order) on a trip, or null.</summary>
    private async Task<BookingFailure?> LadiesSeatRefusalAsync(string tripId, IReadOnlyList<Passenger> passengers, IReadOnlyList<string> seats)
    {
        var definition = await GrainFactory.GetGrain<ITripGrain>(tripId).GetDefinitionAsync();
        return definition is null ? null : LadiesSeats.Check(definition, passengers.Select((p, i) => p with { Seat = seats[i] }), Now);
    }

    public async Task<ChangeResult> CorrectPassengerAsync(string seat, PassengerInput passenger, string actor)
    {
        var booking = store.State.Booking;
        if (Changeable(booking, ChangeRules.CorrectionCutoff, "Passenger corrections") is { } refused)
        {
            return new(null, refused, null);
        }
        var index = booking!.Passengers.ToList().FindIndex(p => p.Seat == seat);
        if (index < 0)
        {
            return ChangeResult.Fail(BookingErrorCode.NoSuchPassenger, $"No passenger of this booking is on seat {seat}.");
        }
        var (checkedInput, failure) = PassengerRules.Seat([passenger], [seat]);
        if (failure is not null)
        {
            return new(null, failure, null);
        }
        var before = booking.Passengers[index];
        // A correction changes name, phone or gender; the passport checked when booking stays as it was.
        var after = checkedInput![0] with { Passport = before.Passport };
        if (after == before)
        {
            return new(View(), null, null);
        }
        if (after.Gender != before.Gender && await LadiesSeatRefusalAsync(booking.Journey.TripId, [after], [seat]) is { } ladiesOnly)
        {
            return new(null, ladiesOnly, null);
        }
        // The live map shows the corrected gender too. Like every change here the idempotent trip call comes before
        // the booking's write, so a retry after a failed write repeats it harmlessly.
        if (after.Gender != before.Gender && booking.SaleId is { } saleId)
        {
            var marked = await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId)
                .CorrectSaleGenderAsync(saleId, new SeatGender(seat, after.Gender));
            if (marked.Failure is { } tripFailure)
            {
                return new(null, null, tripFailure);
            }
        }
        var what = new List<string>();
        if (after.Name != before.Name)
        {
            what.Add($"name \"{before.Name}\" → \"{after.Name}\"");
        }
        if (after.Phone != before.Phone)
        {
            what.Add($"phone {PhoneNumber.Tail(before.Phone)} → {PhoneNumber.Tail(after.Phone)}");
        }
        if (after.Gender != before.Gender)
        {
            what.Add($"gender {before.Gender.ToString().ToLowerInvariant()} → {after.Gender.ToString().ToLowerInvariant()}");
        }
        var issue = ChangesOf(booking).TicketIssue + 1;
        var passengers = booking.Passengers.ToList();
        passengers[index] = after;
        return Changed(await SaveAsync(booking with { Passengers = passengers, Changes = ChangesOf(booking) with { TicketIssue = issue } },
            "booking.passenger-corrected",
            $"Passenger on seat {seat} corrected by {actor}: {string.Join("; ", what)}. No charge. Ticket reissued (issue {issue}).", actor));
    }

    public async Task<ChangeResult> CancelPassengerAsync(string seat, string actor)
    {
        var booking = store.State.Booking;
        // Dropping a traveller is a cancellation: allowed until departure, with the refund policy deciding the money.
        if (Changeable(booking, TimeSpan.Zero, "Cancellations") is { } refused)
        {
            return new(null, refused, null);
        }
        var index = booking!.Passengers.ToList().FindIndex(p => p.Seat == seat);
        if (index < 0)
        {
            return ChangeResult.Fail(BookingErrorCode.NoSuchPassenger, $"No passenger of this booking is on seat {seat}.");
        }
        if (booking.Passengers.Count < 2)
        {
            return ChangeResult.Fail(BookingErrorCode.LastPassenger, "This is the booking's only passenger: cancel the whole booking instead.");
        }
        if (ChangesOf(booking).Pending is not null)
        {
            return ChangeInProgress();
        }
        var trip = GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId);
        var map = await trip.GetSeatMapAsync(booking.Journey.From, booking.Journey.To, null);
        var quote = TicketChangeRules.PassengerRefund(refunds.Value, booking, Now, map.Map?.Cancelled == true);
        var released = await trip.ReleaseSaleSeatsAsync(booking.SaleId!.Value, [seat]);
        if (released.Failure is { } tripFailure)
        {
            return new(null, null, tripFailure);
        }
        var changes = ChangesOf(booking);
        var issue = changes.TicketIssue + 1;
        var refundList = quote.Amount > 0
            ? changes.Refunds.Append(new ChangeRefund($"refund-{Pnr}-{issue}", quote.Amount,
                $"Passenger on seat {seat} cancelled: {quote.Reason}", false, null)).ToList()
            : changes.Refunds;
        var gone = booking.Passengers[index];
        var next = booking with
        {
            Seats = booking.Seats.Where(s => s != seat).ToList(),
            Passengers = booking.Passengers.Where(p => p.Seat != seat).ToList(),
            Total = booking.Total - booking.FarePerSeat,
            Fare = booking.Fare is { } fare ? fare with { Seats = fare.Seats - 1 } : null,
            Changes = changes with { TicketIssue = issue, Refunds = refundList },
        };
        return Changed(await SaveAsync(next, "booking.passenger-cancelled",
            $"{gone.Name} (seat {seat}) cancelled by {actor}; the seat was released. {quote.Reason} "
            + $"Refund {quote.Amount:0.00} BDT of the {booking.FarePerSeat} BDT share; the booking now costs {next.Total} BDT. "
            + $"Ticket reissued (issue {issue}).", actor));
    }

    public async Task<ChangeResult> ChangeRefundCompletedAsync(string key, string reference)
    {
        if (store.State.Booking is not { } booking)
        {
            return ChangeResult.Fail(BookingErrorCode.BookingNotFound, "There is no such booking.");
        }
        var changes = ChangesOf(booking);
        if (changes.Refunds.FirstOrDefault(r => r.Key == key) is not { } owed)
        {
            return ChangeResult.Fail(BookingErrorCode.InvalidRequest, "This booking owes no such refund.");
        }
        if (owed.Completed)
        {
            return new(View(), null, null);
        }
        var refundsNow = changes.Refunds.Select(r => r.Key == key ? r with { Completed = true, Reference = reference } : r).ToList();
        return Changed(await SaveAsync(booking with { Changes = changes with { Refunds = refundsNow } }, "booking.change-refunded",
            $"{owed.Amount:0.00} BDT refunded: {owed.Reason}", SystemActor));
    }

    /// <summary>
    /// Confirms the held seats on the new trip (or, if the hold ran out, sells the same seats if still free), releases
    /// the old sale, then moves the booking. If the new seats cannot be had, the booking stays where it was and any
    /// difference already paid is owed back.
    /// </summary>
    private async Task<ChangeResult> CompleteTripChangeAsync(BookingView booking, PendingTripChange change)
    {
        var target = GrainFactory.GetGrain<ITripGrain>(change.TripId);
        var genders = GendersOf(booking.Passengers.Select((p, i) => p with { Seat = change.Seats[i] }));
        var sale = await target.ConfirmHoldAsync(change.HoldId, Pnr, genders);
        if (sale.Failure?.Code == TripErrorCode.HoldExpired)
        {
            sale = await target.SellAsync(new SellSeats(booking.OwnerId, change.Seats, booking.Journey.From, booking.Journey.To,
                "change-late:" + change.ChangeId, ChannelOf(booking), Pnr, genders));
        }
        var changes = ChangesOf(booking);
        var quote = change.Quote;
        var paid = change.PaymentReference is not null && quote.AmountDue > 0 ? quote.AmountDue : 0;
        if (sale.Sale is not { } sold || await target.GetDefinitionAsync() is not { } definition)
        {
            var failure = sale.Failure ?? TripFailure.Of(TripErrorCode.TripNotFound, "The new trip no longer exists.");
            if (changes.Pending is null)
            {
                return new(null, null, failure);
            }
            var owedBack = paid > 0
                ? changes.Refunds.Append(new ChangeRefund($"change-refund-{Pnr}-{change.ChangeId:N}", paid,
                    "The new seats could not be confirmed; the difference paid is returned.", false, null)).ToList()
                : changes.Refunds;
            await SaveAsync(booking with { Changes = changes with { Pending = null, Refunds = owedBack } }, "booking.trip-change-failed",
                $"Moving to trip {change.TripId} failed ({failure.Detail}); the booking is unchanged"
                + (paid > 0 ? $" and the {paid} BDT paid is refunded." : "."), SystemActor);
            return new(View(), null, failure);
        }
        await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).CancelSaleAsync(booking.SaleId!.Value);
        var issue = changes.TicketIssue + 1;
        var refundList = quote.AmountDue < 0
            ? changes.Refunds.Append(new ChangeRefund($"change-refund-{Pnr}-{change.ChangeId:N}", -quote.AmountDue,
                $"Moved to the cheaper trip {change.TripId}: fare difference less the change fee.", false, null)).ToList()
            : changes.Refunds;
        var from = definition.IndexOf(sold.From);
        var journey = booking.Journey with
        {
            TripId = definition.TripId,
            Departure = definition.Stops[from].Departure,
            Arrival = definition.Stops[definition.IndexOf(sold.To)].Departure,
            CoachClass = definition.CoachClass.ToString(),
            CoachRegistration = definition.CoachRegistration,
        };
        var next = booking with
        {
            Journey = journey,
            SaleId = sold.SaleId,
            Seats = sold.Seats,
            Passengers = booking.Passengers.Select((p, i) => p with { Seat = sold.Seats[i] }).ToList(),
            FarePerSeat = quote.FarePerSeat,
            Total = quote.NewTotal,
            // The old total (charges included) was credited against the new fare, so the new breakdown is the new legs alone;
            // the change fee is paid on top and counted in FeesPaid.
            Fare = FareRules.Price(definition, sold.From, sold.To, sold.Seats.Count, quote.NewTotal, null),
            Changes = new BookingChanges(issue, null, refundList, change.RequestId, changes.FeesPaid + Math.Max(quote.Fee, 0)),
        };
        var money = quote.AmountDue switch
        {
            > 0 => $"{quote.AmountDue} BDT charged",
            < 0 => $"{-quote.AmountDue} BDT to be refunded",
            _ => "nothing to pay or refund",
        };
        return Changed(await SaveAsync(next, "booking.trip-changed",
            $"Moved by {change.Actor} from trip {booking.Journey.TripId} ({booking.Journey.Departure:u}, seats {string.Join(", ", booking.Seats)}) "
            + $"to trip {definition.TripId} ({journey.Departure:u}, seats {string.Join(", ", sold.Seats)}). "
            + $"Fare {booking.Total} → {quote.NewTotal} BDT, change fee {quote.Fee} BDT: {money}. Ticket reissued (issue {issue}).", change.Actor));
    }

    private async Task<(TripChangeQuote? Quote, BookingFailure? Failure, TripFailure? TripFailure)> QuoteMoveAsync(BookingView? booking, string tripId)
    {
        if (Changeable(booking, ChangeRules.TripChangeCutoff, "Trip changes") is { } refused)
        {
            return (null, refused, null);
        }
        if (string.IsNullOrWhiteSpace(tripId) || tripId == booking!.Journey.TripId)
        {
            return (null, new(BookingErrorCode.InvalidRequest, "Choose another trip (to change seats on this one, use a seat change)."), null);
        }
        var current = await GrainFactory.GetGrain<ITripGrain>(booking.Journey.TripId).GetDefinitionAsync();
        if (await GrainFactory.GetGrain<ITripGrain>(tripId).GetDefinitionAsync() is not { } target)
        {
            return (null, null, TripFailure.Of(TripErrorCode.TripNotFound, $"There is no trip {tripId}."));
        }
        var from = target.IndexOf(booking.Journey.From);
        var to = target.IndexOf(booking.Journey.To);
        if (current is null || target.RouteId != current.RouteId || from < 0 || to <= from)
        {
            return (null, new(BookingErrorCode.OtherRoute, "A booking can only move to another departure of the same route."), null);
        }
        var departure = target.Stops[from].Departure;
        if (Now >= departure - target.SalesCloseBefore)
        {
            return (null, null, TripFailure.Of(TripErrorCode.SalesClosed, "Sales for that departure have closed."));
        }
        return (TicketChangeRules.Quote(booking, target, from, to, ChangeRules.TripChangeFee), null, null);
    }

    private BookingFailure? Changeable(BookingView? booking, TimeSpan cutoff, string what) =>
        TicketChangeRules.Refusal(booking, cutoff, what, Now);

    /// <summary>Stores a change that is not a booking transition (a pending change started or given up): no event.</summary>
    private async Task WriteQuietlyAsync(BookingView next)
    {
        var previous = store.State.Booking;
        await ListIfStartsOwingAsync(previous, next);
        store.State.Booking = next;
        try
        {
            await store.WriteStateAsync();
            _publishedUnsaved = false;
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, Pnr);
            DeactivateOnIdle();
            throw;
        }
        await UnlistIfSettledAsync(previous);
    }

    /// <summary>Whether <paramref name="reference"/> is the payment of the pending trip change (not the booking's own).</summary>
    private bool IsChangePayment(string reference) =>
        store.State.Booking?.Changes?.Pending is { PaymentReference: { } pending } && pending == reference;

    /// <summary>Whether a provider refund notification is accounted for by change refunds (partial refunds are ours).</summary>
    private bool CoveredByChangeRefunds(RefundCompleted refund) =>
        store.State.Booking?.Changes is { Refunds.Count: > 0 } changes
        && (changes.Refunds.Any(r => r.Reference == refund.Reference) || refund.AmountPoisha <= changes.Refunds.Sum(r => r.Amount) * 100);

    private static BookingChanges ChangesOf(BookingView booking) => booking.Changes ?? BookingChanges.None;

    private static SalesChannel ChannelOf(BookingView booking) =>
        Enum.TryParse<SalesChannel>(booking.Channel, out var channel) ? channel : SalesChannel.Online;

    private static ChangeResult ChangeInProgress() =>
        ChangeResult.Fail(BookingErrorCode.ChangeInProgress, "A trip change is waiting for its payment; finish or abandon it first.");

    private static ChangeResult Changed(BookingResult result) => new(result.Booking, result.Failure, null);

    private static BookingResult AsBookingResult(ChangeResult result) =>
        new(result.Booking, result.Failure ?? (result.Booking is null && result.TripFailure is { } trip
            ? new BookingFailure(BookingErrorCode.InvalidRequest, trip.Detail)
            : null));
}
