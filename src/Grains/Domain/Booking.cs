using System.Globalization;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// The life of one booking: held → pending payment → confirmed (paid), then cancelled or refunded; or expired or
/// payment-failed, from where a late payment can still confirm it or leave a full refund owed. A failed payment
/// attempt keeps the seats held for the rest of the hold, to be paid again (by the same or another method). Each step returns the
/// next booking and the transition it produced (<see cref="BookingOutcome"/>), or a refusal; nothing here does I/O, and
/// time is passed in. Steps that need a trip's answer come in two parts: a check before the trip call (null: go on)
/// and the transition given the trip's answer.
/// </summary>
public sealed class Booking(BookingView current)
{
    public const string SystemActor = "system";

    public BookingView Current => current;

    /// <summary>A new online booking, pending payment for the seats of its hold.</summary>
    public static BookingOutcome Create(BookingView pending, DateTimeOffset now) =>
        pending.Status != BookingStatus.PendingPayment
            ? throw new ArgumentException("A new online booking is pending payment.", nameof(pending))
            : First(pending, now, "booking.created",
                $"Seats {string.Join(", ", pending.Seats)} held for {pending.Passengers.Count} passenger(s); {pending.Total} BDT to pay.", pending.OwnerId);

    /// <summary>A new counter sale, paid in cash and confirmed at once.</summary>
    public static BookingOutcome SellAtCounter(BookingView confirmed, string counterId, DateTimeOffset now) =>
        confirmed.Status != BookingStatus.Confirmed
            ? throw new ArgumentException("A counter sale is confirmed.", nameof(confirmed))
            : First(confirmed, now, "booking.confirmed",
                $"Sold at counter {counterId} for cash: seats {string.Join(", ", confirmed.Seats)}, {confirmed.Total} BDT collected.", confirmed.OwnerId);

    /// <summary>Before extending the hold for a payment: a repeat is answered as is, a second payment is refused.</summary>
    public BookingOutcome? CheckStartPayment(string reference)
    {
        if (current.Payment.Reference == reference)
        {
            return BookingOutcome.Unchanged(current);
        }
        if (current.Status != BookingStatus.PendingPayment || current.Payment.Reference is not null)
        {
            return BookingOutcome.Refused(BookingErrorCode.InvalidRequest, "The payment of this booking has already started.");
        }
        return null;
    }

    /// <summary>The payment started and the trip holds the seats until <paramref name="holdExpiresAt"/>.</summary>
    public BookingOutcome StartPayment(string reference, string? clientSecret, DateTimeOffset holdExpiresAt, DateTimeOffset now) =>
        Move(current with
        {
            Payment = current.Payment with { Reference = reference, ClientSecret = clientSecret },
            HoldExpiresAt = holdExpiresAt,
        }, now, "booking.payment-started", $"Payment {current.Payment.Provider} started; seats held until {holdExpiresAt:u}.", current.OwnerId);

    /// <summary>
    /// Before taking a successful payment into account: another payment's success is refused; duplicates and
    /// stragglers (the first success is the one that counts) are answered as is.
    /// </summary>
    public BookingOutcome? CheckPaymentSucceeded(string reference)
    {
        if (current.Payment.Reference is { } expected && expected != reference)
        {
            return BookingOutcome.Refused(BookingErrorCode.InvalidRequest, "The payment is not the one of this booking.");
        }
        if (current.Payment.Status is PaymentStatus.Succeeded or PaymentStatus.Refunded || !BookingTransitions.AwaitsPayment(current.Status))
        {
            return BookingOutcome.Unchanged(current);
        }
        return null;
    }

    /// <summary>Whether a payment of <paramref name="amountPoisha"/> pays exactly the fare.</summary>
    public bool PaysTheFare(long amountPoisha) => amountPoisha == current.Total * 100L;

    /// <summary>
    /// A payment for another amount than the fare (tampered or mismatched) sells nothing: the seats go back on sale
    /// and the whole amount received is owed back.
    /// </summary>
    public BookingOutcome PaidWrongAmount(string reference, long amountPoisha, DateTimeOffset now, string? transactionId = null)
    {
        var received = amountPoisha / 100m;
        var mismatch = $"The payment received ({received:0.00} BDT) is not the fare ({current.Total} BDT); "
                       + "the seats were released and the payment is refunded.";
        return Move(current with
        {
            Status = BookingStatus.Cancelled,
            Payment = Paid(reference, transactionId),
            Refund = new BookingRefund(received, 100, mismatch, false, null),
        }, now, "booking.refund-due", mismatch, SystemActor);
    }

    /// <summary>The payment bought the seats (<paramref name="late"/>: sold again after the hold had expired).</summary>
    public BookingOutcome Confirm(string reference, Guid saleId, IReadOnlyList<string> seats, bool late, DateTimeOffset now,
        string? transactionId = null) =>
        Move(current with { Status = BookingStatus.Confirmed, Payment = Paid(reference, transactionId), SaleId = saleId }, now, "booking.confirmed", late
            ? $"Payment received after the hold expired; seats {string.Join(", ", seats)} were still free and are yours."
            : $"Payment received; seats {string.Join(", ", seats)} are yours.", SystemActor);

    /// <summary>The payment arrived but the seats could not be had: money is never kept without a seat, so all of it is owed back.</summary>
    public BookingOutcome ConfirmFailed(string reference, bool late, string tripDetail, DateTimeOffset now, string? transactionId = null)
    {
        var reason = late
            ? "The payment arrived after the hold expired and the seats had been taken by someone else; the full fare is refunded."
            : $"The seats could not be confirmed ({tripDetail}); the full fare is refunded.";
        return Move(current with
        {
            Status = BookingStatus.Cancelled,
            Payment = Paid(reference, transactionId),
            Refund = new BookingRefund(current.Total, 100, reason, false, null),
        }, now, "booking.refund-due", reason, SystemActor);
    }

    /// <summary>
    /// Before releasing the seats for a failed payment: another payment's failure is refused; a failure after a success
    /// (reordered delivery) or a second one changes nothing.
    /// </summary>
    public BookingOutcome? CheckPaymentFailed(string reference)
    {
        if (current.Payment.Reference is { } expected && expected != reference)
        {
            return BookingOutcome.Refused(BookingErrorCode.InvalidRequest, "The payment is not the one of this booking.");
        }
        if (current.Status != BookingStatus.PendingPayment || current.Payment.Status != PaymentStatus.RequiresPayment)
        {
            return BookingOutcome.Unchanged(current);
        }
        return null;
    }

    /// <summary>
    /// The payment failed. While the hold still runs the seats stay held for the rest of it: the booking keeps
    /// waiting, its payment marked failed, so the passenger can pay again or choose another method
    /// (<see cref="RetryPayment"/>); when the hold runs out unpaid (<see cref="Expire"/>) the booking has failed. A
    /// failure reported once the hold has already run out fails the booking at once, and the seats are free.
    /// </summary>
    public BookingOutcome PaymentFailed(string reason, DateTimeOffset now)
    {
        var detail = string.IsNullOrWhiteSpace(reason) ? "The payment failed." : $"The payment failed: {Truncate(reason, 200)}";
        var failed = current.Payment with { Status = PaymentStatus.Failed, ClientSecret = null };
        return now < current.HoldExpiresAt
            ? Move(current with { Payment = failed }, now, "booking.payment-attempt-failed",
                $"{detail} The seats stay held until {current.HoldExpiresAt:u}: pay again or choose another method.", SystemActor)
            : Move(current with { Status = BookingStatus.PaymentFailed, Payment = failed }, now, "booking.payment-failed",
                detail + " The seats were released.", SystemActor);
    }

    /// <summary>
    /// Before a new attempt to pay with <paramref name="provider"/> after a failed payment: the same attempt again
    /// (its <paramref name="reference"/>, or any started attempt with that provider when null) is answered as is; once
    /// the hold has run out the seats are gone; only a failed payment is tried again.
    /// </summary>
    public BookingOutcome? CheckRetryPayment(string provider, string? reference, DateTimeOffset now)
    {
        if (current is { Status: BookingStatus.PendingPayment, Payment.Status: PaymentStatus.RequiresPayment }
            && current.Payment.Provider == provider && current.Payment.Reference is { } started && (reference is null || reference == started))
        {
            return BookingOutcome.Unchanged(current);
        }
        if (current.Status is BookingStatus.Expired or BookingStatus.PaymentFailed || (AwaitsPayment && now >= current.HoldExpiresAt))
        {
            return BookingOutcome.Refused(BookingErrorCode.HoldExpired,
                "The hold ran out before the booking was paid and the seats were released; choose the seats again.");
        }
        if (current is not { Status: BookingStatus.PendingPayment, Payment.Status: PaymentStatus.Failed })
        {
            return BookingOutcome.Refused(BookingErrorCode.PaymentNotRetryable,
                current.Status == BookingStatus.PendingPayment
                    ? "The payment of this booking has not failed; it can still be made."
                    : "This booking has no failed payment to try again.");
        }
        return null;
    }

    /// <summary>
    /// A new attempt after a failed payment, with <paramref name="provider"/> (the same method or another): the seats
    /// stay held until the hold's end as before; the hold is not extended again.
    /// </summary>
    public BookingOutcome RetryPayment(string provider, string reference, string? clientSecret, DateTimeOffset now) =>
        Move(current with
        {
            Payment = new BookingPayment(provider, PaymentStatus.RequiresPayment, current.Payment.Amount, reference, clientSecret, null,
                current.Payment.NextAttempt),
        }, now, "booking.payment-retried",
            $"Paying again ({provider}); the seats stay held until {current.HoldExpiresAt:u}.", current.OwnerId);

    /// <summary>
    /// Whether the booking still waits for its payment, so its payment deadline matters: unpaid, or after a failed
    /// attempt that can still be made good while the hold runs.
    /// </summary>
    public bool AwaitsPayment => current is { Status: BookingStatus.PendingPayment, Payment.Status: PaymentStatus.RequiresPayment or PaymentStatus.Failed };

    /// <summary>
    /// An unpaid booking whose hold has run out by <paramref name="now"/> expires, or has failed if its last payment
    /// attempt failed; any other is unchanged. The trip lets the hold go on its own at the same time.
    /// </summary>
    public BookingOutcome Expire(DateTimeOffset now)
    {
        if (!AwaitsPayment || now < current.HoldExpiresAt)
        {
            return BookingOutcome.Unchanged(current);
        }
        return current.Payment.Status == PaymentStatus.Failed
            ? Move(current with { Status = BookingStatus.PaymentFailed }, now, "booking.payment-failed",
                "The payment failed and the hold ran out before it was paid again; the seats were released.", SystemActor)
            : Move(current with { Status = BookingStatus.Expired, Payment = current.Payment with { ClientSecret = null } }, now,
                "booking.expired", "The hold expired before the payment arrived; the seats were released.", SystemActor);
    }

    /// <summary>Only a confirmed booking can be cancelled, and only before the coach leaves.</summary>
    public BookingFailure? CheckCancellable(DateTimeOffset now) =>
        NotConfirmed() ?? (now >= current.Journey.Departure ? new(BookingErrorCode.NotCancellable, "The coach has already departed.") : null);

    /// <summary>
    /// Cancelled by <paramref name="actor"/> with the refund the policy quoted; the seats were released. The departure
    /// was checked (<see cref="CheckCancellable"/>) before the seats were released, so only the status is checked again.
    /// </summary>
    public BookingOutcome Cancel(RefundQuote quote, string actor, DateTimeOffset now) =>
        NotConfirmed() is { } refused
            ? new(null, [], refused)
            : Move(current with
            {
                Status = BookingStatus.Cancelled,
                Refund = new BookingRefund(quote.Amount, quote.Percent, quote.Reason, quote.Amount == 0, null),
            }, now, "booking.cancelled", $"Cancelled; seats {string.Join(", ", current.Seats)} released. {quote.Reason}", actor);

    /// <summary>
    /// A refund was reported by the provider. An owed refund completes. A refund of a confirmed booking that the
    /// booking did not ask for (made in the provider's dashboard, not covered by ticket-change refunds) refunds the
    /// booking and frees its seats (<paramref name="releasesSeats"/>). Anything else changes nothing.
    /// </summary>
    public BookingOutcome RefundCompleted(RefundCompleted refund, bool coveredByChangeRefunds, DateTimeOffset now, out bool releasesSeats)
    {
        releasesSeats = false;
        if (current.Refund is { Completed: false } owed)
        {
            return Move(current with
            {
                Status = BookingStatus.Refunded,
                Payment = current.Payment with { Status = PaymentStatus.Refunded },
                Refund = owed with { Completed = true, Reference = refund.Reference },
            }, now, "booking.refunded", $"{owed.Amount:0.00} BDT refunded ({owed.Percent}%).", SystemActor);
        }
        if (current.Status == BookingStatus.Confirmed && refund.AmountPoisha > 0 && !coveredByChangeRefunds)
        {
            releasesSeats = true;
            var amount = refund.AmountPoisha / 100m;
            var percent = (int)Math.Round(amount * 100 / current.Total);
            return Move(current with
            {
                Status = BookingStatus.Refunded,
                Payment = current.Payment with { Status = PaymentStatus.Refunded },
                Refund = new BookingRefund(amount, percent, "Refunded by the payment provider; the seats were released.", true, refund.Reference),
            }, now, "booking.refunded", $"{amount:0.00} BDT refunded by the payment provider; seats released.", SystemActor);
        }
        return BookingOutcome.Unchanged(current);
    }

    /// <summary>
    /// The operator cancelled the trip: a confirmed booking is cancelled with the full fare owed back (in cash at the
    /// counter for a cash sale) and its seats freed; any other booking is unchanged.
    /// </summary>
    public BookingOutcome TripCancelled(TripCancelledNotice notice, string cashProvider, DateTimeOffset now)
    {
        if (current.Status != BookingStatus.Confirmed || current.SaleId is null)
        {
            return BookingOutcome.Unchanged(current);
        }
        var cash = current.Payment.Provider == cashProvider;
        var reason = $"The trip was cancelled by the operator ({Truncate(notice.Reason, 200)}); the full fare is refunded"
            + (cash ? " in cash at the counter." : " to the original payment.");
        return Move(current with
        {
            Status = BookingStatus.Cancelled,
            Refund = new BookingRefund(current.Total, 100, reason, current.Total == 0, null),
        }, now, "booking.trip-cancelled", $"Trip cancelled; seats {string.Join(", ", current.Seats)} released. {reason}", notice.Actor);
    }

    /// <summary>The trip was delayed: a confirmed or unpaid booking takes its stops' new times.</summary>
    public BookingOutcome TripDelayed(TripDelayedNotice notice, DateTimeOffset now)
    {
        if (current.Status is not (BookingStatus.Confirmed or BookingStatus.PendingPayment))
        {
            return BookingOutcome.Unchanged(current);
        }
        var from = notice.Stops.FirstOrDefault(s => s.StopId == current.Journey.From);
        var to = notice.Stops.FirstOrDefault(s => s.StopId == current.Journey.To);
        if (from is null || to is null)
        {
            return BookingOutcome.Refused(BookingErrorCode.InvalidRequest, "The new stop times do not include this booking's stops.");
        }
        if (from.Departure == current.Journey.Departure && to.Departure == current.Journey.Arrival)
        {
            return BookingOutcome.Unchanged(current);
        }
        var leaves = from.Departure.ToOffset(ServiceDay.DhakaOffset);
        return Move(current with { Journey = current.Journey with { Departure = from.Departure, Arrival = to.Departure } }, now,
            "booking.trip-delayed",
            $"The coach is delayed: it now leaves at {leaves:yyyy-MM-dd HH:mm} (Dhaka time), arriving {to.Departure.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm}. {Truncate(notice.Reason, 200)}",
            notice.Actor, current.Journey.Departure.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>The trip's coach was changed: a confirmed or unpaid booking travels on the new coach.</summary>
    public BookingOutcome TripCoachChanged(TripCoachChangedNotice notice, DateTimeOffset now)
    {
        if (current.Status is not (BookingStatus.Confirmed or BookingStatus.PendingPayment)
            || (current.Journey.CoachRegistration == notice.Registration && current.Journey.CoachClass == notice.CoachClass))
        {
            return BookingOutcome.Unchanged(current);
        }
        var before = current.Journey.CoachRegistration;
        return Move(current with { Journey = current.Journey with { CoachRegistration = notice.Registration, CoachClass = notice.CoachClass } },
            now, "booking.coach-changed",
            $"The coach was changed: {before} is replaced by {notice.Registration}. {Truncate(notice.Reason, 200)}", notice.Actor, before);
    }

    /// <summary>
    /// Any change of the booking recorded as a transition (ticket changes use it too). A status change the booking
    /// may not make is a bug in the caller, not an outcome: it throws.
    /// </summary>
    public BookingOutcome Move(BookingView next, DateTimeOffset now, string kind, string detail, string actor, string? previous = null)
    {
        if (current.Status != next.Status && !BookingTransitions.CanMove(current.Status, next.Status))
        {
            throw new InvalidOperationException($"Booking {current.Pnr}: {current.Status} → {next.Status} is not a valid transition.");
        }
        return new(next, [new BookingEventRecord(now, kind, detail, actor, next.Status, previous)], null);
    }

    private BookingFailure? NotConfirmed() =>
        current.Status != BookingStatus.Confirmed || current.SaleId is null
            ? new(BookingErrorCode.NotCancellable, current.Status is BookingStatus.Cancelled or BookingStatus.Refunded
                ? "The booking is already cancelled."
                : "Only a confirmed booking can be cancelled.")
            : null;

    private static BookingOutcome First(BookingView booking, DateTimeOffset now, string kind, string detail, string actor) =>
        new(booking, [new BookingEventRecord(now, kind, detail, actor, booking.Status)], null);

    // The provider's own transaction id (bKash trxID) is kept for the ticket and the SMS.
    private BookingPayment Paid(string reference, string? transactionId) =>
        current.Payment with { Status = PaymentStatus.Succeeded, Reference = reference, ClientSecret = null, TransactionId = transactionId };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
