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

    // Ticket resend: numbered apart so that codes other features append meanwhile cannot collide with them.
    TicketNotIssued = 60,
    ResendLimitReached = 61,
}
