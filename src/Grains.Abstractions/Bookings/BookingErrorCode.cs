namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Stable codes for expected outcomes of booking operations; the web frontend maps each to an HTTP status in one place.
/// Never renumber.
/// </summary>
[GenerateSerializer, Alias("BookingErrorCode")]
public enum BookingErrorCode
{
    BookingNotFound = 1,
    HoldNotFound = 2,
    NotHoldOwner = 3,
    HoldExpired = 4,
    PassengerCountMismatch = 5,
    InvalidPassenger = 6,
    InvalidContact = 7,
    NotCancellable = 8,
    PnrTaken = 9,
    PaymentNotStarted = 10,
    InvalidRequest = 11,
    NotChangeable = 12,
    ChangeCutoffPassed = 13,
    OtherRoute = 14,
    ChangeInProgress = 15,
    NoSuchPassenger = 16,
    LastPassenger = 17,
    NoChangePending = 18,

    /// <summary>Paying again was asked of a booking whose payment has not failed (still payable, or paid).</summary>
    PaymentNotRetryable = 19,
    /// <summary>A male (or other) passenger on a ladies seat before it opens to all; <see cref="BookingFailure.Seats"/> names the seats.</summary>
    LadiesSeat = 20,
    /// <summary>A passport missing or not valid six months past travel on a journey across the border.</summary>
    InvalidPassport = 21,
    /// <summary>A boarding or dropping point that is not at the journey's first or last stop.</summary>
    PointNotOnTrip = 22,
    /// <summary>Ticket resend asked of a booking that has no paid ticket.</summary>
    TicketNotIssued = 23,
    /// <summary>The ticket SMS was sent again as often as a day allows.</summary>
    ResendLimitReached = 24,
}
