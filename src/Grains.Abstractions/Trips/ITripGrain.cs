using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// One departure and all its seats, keyed by trip id (e.g. <c>DHK-KOL-20261127-2230</c>). It serialises every change
/// to the seat inventory and acknowledges a change only after it is durably stored; if storing fails the caller gets an
/// exception and the change is discarded. Expected refusals (seat taken, limits) come back as <see cref="TripFailure"/>
/// values and cost no write.
/// </summary>
[Alias("DiuParibahan.ITripGrain")]
public interface ITripGrain : IGrainWithStringKey
{
    /// <summary>Creates the trip, or does nothing if it already exists with the same definition.</summary>
    [Alias("Schedule")]
    Task<TripOpResult> ScheduleAsync(TripDefinition definition);

    /// <summary>The trip's definition, or null if no such trip was scheduled.</summary>
    [Alias("GetDefinition")]
    Task<TripDefinition?> GetDefinitionAsync();

    /// <summary>The seat map for a leg; <paramref name="ownerId"/> (may be null) marks that owner's seats as mine.</summary>
    [Alias("GetSeatMap")]
    Task<SeatMapResult> GetSeatMapAsync(string from, string to, string? ownerId);

    /// <summary>Holds seats all-or-nothing until the hold expires. Idempotent by request id per owner.</summary>
    [Alias("Hold")]
    Task<HoldResult> HoldAsync(HoldSeats command);

    /// <summary>Releases a live hold of <paramref name="ownerId"/>.</summary>
    [Alias("Release")]
    Task<TripOpResult> ReleaseAsync(Guid holdId, string ownerId);

    /// <summary>A live hold, or null if it does not exist (any more).</summary>
    [Alias("GetHold")]
    Task<HoldInfo?> GetHoldAsync(Guid holdId);

    /// <summary>Extends a live hold once, to at least <paramref name="until"/>, so it outlives a payment window.</summary>
    [Alias("ExtendHold")]
    Task<HoldResult> ExtendHoldAsync(Guid holdId, DateTimeOffset until);

    /// <summary>
    /// Turns a live hold into a sale under <paramref name="bookingRef"/>; <paramref name="genders"/> are the passengers'
    /// genders by seat for the live map. Idempotent: confirming again returns the same sale.
    /// </summary>
    [Alias("ConfirmHold")]
    Task<SaleResult> ConfirmHoldAsync(Guid holdId, string bookingRef, IReadOnlyList<SeatGender>? genders = null);

    /// <summary>Sells seats without a hold (counter). Idempotent by request id per owner.</summary>
    [Alias("Sell")]
    Task<SaleResult> SellAsync(SellSeats command);

    /// <summary>Frees the seats of a sale (booking cancelled or refunded). Idempotent.</summary>
    [Alias("CancelSale")]
    Task<TripOpResult> CancelSaleAsync(Guid saleId);

    /// <summary>Blocks seats on an interval; refused with the conflicting seats if any is held or sold there.</summary>
    [Alias("Block")]
    Task<TripOpResult> BlockAsync(BlockSeats command);

    /// <summary>Removes blocks of these seats on exactly that interval.</summary>
    [Alias("Unblock")]
    Task<TripOpResult> UnblockAsync(BlockSeats command);

    /// <summary>Which legs of each seat are taken, for departure boards.</summary>
    [Alias("GetAvailability")]
    Task<TripAvailability?> GetAvailabilityAsync();

    /// <summary>
    /// The whole trip as last durably stored, for a frontend's read replica: every seat's timeline and every live hold
    /// at one version. Deltas of <see cref="WatchAsync"/> with a higher version follow it exactly; null if the trip was
    /// never scheduled.
    /// </summary>
    [Alias("GetSnapshot")]
    Task<TripSnapshot?> GetSnapshotAsync();

    /// <summary>
    /// Streams persisted changes in version order. The first item is a marker carrying the current version. The stream
    /// ends with an error instead of skipping a change, so a watcher that sees it end must resynchronise from a snapshot.
    /// One watch per trip per web frontend, not per browser.
    /// </summary>
    [Alias("Watch")]
    IAsyncEnumerable<TripUpdate> WatchAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a sale to other seats on its leg in one change (one version; watchers see the old seats freed and the new
    /// ones sold in the same update). Refused with the conflicting seats if any new seat is taken. Idempotent.
    /// </summary>
    [Alias("ChangeSaleSeats")]
    Task<SaleResult> ChangeSaleSeatsAsync(ChangeSaleSeats command);

    /// <summary>Frees some seats of a sale, keeping the rest sold under the same sale id. Idempotent.</summary>
    [Alias("ReleaseSaleSeats")]
    Task<TripOpResult> ReleaseSaleSeatsAsync(Guid saleId, IReadOnlyList<string> seats);

    /// <summary>
    /// Cancels the trip before departure: live holds are dropped, no new holds or sales are accepted, watchers are told
    /// to resynchronise. The bookings sold on it are listed as outstanding until <see cref="RefundSettledAsync"/> reports
    /// each one settled. Idempotent: cancelling again returns the same cancellation (with what is still outstanding).
    /// Refused with <see cref="TripErrorCode.TripDeparted"/> once the coach has left its first stop (unless already cancelled).
    /// </summary>
    [Alias("CancelTrip")]
    Task<CancelTripResult> CancelTripAsync(CancelTrip command);

    /// <summary>The cancellation of this trip, or null if it is not cancelled.</summary>
    [Alias("GetCancellation")]
    Task<TripCancellation?> GetCancellationAsync();

    /// <summary>Booking <paramref name="bookingRef"/> of a cancelled trip is cancelled and refunded. Idempotent.</summary>
    [Alias("RefundSettled")]
    Task<TripCancellation?> RefundSettledAsync(string bookingRef);

    /// <summary>
    /// Delays the trip to leave at <see cref="DelayTrip.NewDeparture"/> (later than now and than the current departure,
    /// at most 12 hours after the timetabled one); every stop moves by the same amount. Idempotent for the
    /// same new departure. Returns the new definition and the bookings to tell.
    /// </summary>
    [Alias("Delay")]
    Task<TripChangeResult> DelayAsync(DelayTrip command);

    /// <summary>
    /// Puts another coach of the same class on a future trip. Refused with <see cref="TripErrorCode.CoachIncompatible"/>
    /// naming the seats (conflicts) if any held, sold or blocked seat does not exist in the new layout; nothing changes then.
    /// </summary>
    [Alias("ChangeCoach")]
    Task<TripChangeResult> ChangeCoachAsync(ChangeCoach command);

    /// <summary>
    /// Ops: releases every live hold counted against <paramref name="phone"/> (normalised) on this trip, each as its own
    /// change, and returns the holds released. Idempotent: nothing left to release returns an empty list.
    /// </summary>
    [Alias("ReleaseHoldsOfPhone")]
    Task<IReadOnlyList<HoldInfo>> ReleaseHoldsOfPhoneAsync(string phone);

    /// <summary>
    /// Records a corrected passenger gender for one seat of sale <paramref name="saleId"/> (a gender correction on a
    /// confirmed ticket), so the live map shows it: one change (one version) whose update lists that seat's timeline.
    /// Refused with <see cref="TripErrorCode.SaleNotFound"/> for an unknown sale and
    /// <see cref="TripErrorCode.InvalidRequest"/> for a seat not in the sale. Idempotent: the same gender again changes
    /// nothing. The ladies-seat rule is the booking's to check before calling.
    /// </summary>
    [Alias("CorrectSaleGender")]
    Task<TripOpResult> CorrectSaleGenderAsync(Guid saleId, SeatGender gender);
}
