namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Stable codes for expected outcomes of trip operations. They are values, not exceptions, and the web frontend maps
/// each one to an HTTP status in one place. Never renumber: codes are persisted in idempotency records.
/// </summary>
[GenerateSerializer, Alias("TripErrorCode")]
public enum TripErrorCode
{
    TripNotFound = 1,
    UnknownStop = 2,
    InvalidLeg = 3,
    UnknownSeat = 4,
    NoSeats = 5,
    TooManySeats = 6,
    DuplicateSeat = 7,
    SeatsUnavailable = 8,
    HoldLimitReached = 9,
    HoldNotFound = 10,
    NotHoldOwner = 11,
    HoldExpired = 12,
    SalesClosed = 13,
    TripCancelled = 14,
    InvalidRequest = 15,
    SaleNotFound = 16,
    AlreadyExtended = 17,
    TripDeparted = 18,
    CoachIncompatible = 19,

    /// <summary>A per-phone quota would be exceeded; <see cref="TripFailure.Quota"/> names the limit and its maximum.</summary>
    QuotaExceeded = 20,

    /// <summary>The phone let too many holds expire unpaid lately; <see cref="TripFailure.Quota"/> says when it may hold again.</summary>
    HoldCooloff = 21,

    /// <summary>Ops blocked the phone from holding; <see cref="TripFailure.Quota"/> carries the reason and until when.</summary>
    PhoneBlocked = 22,

    /// <summary>
    /// A sale window caps counter sales on the trip and this counter sale would go over it; <see cref="TripFailure.Quota"/>
    /// names the limit (<see cref="QuotaLimits.CounterSeatsPerTrip"/>) and its maximum.
    /// </summary>
    CounterQuotaReached = 23,
}
