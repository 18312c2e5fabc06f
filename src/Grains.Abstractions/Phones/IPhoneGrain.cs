using DiuParibahan.Grains.Trips;
using Orleans.Concurrency;

namespace DiuParibahan.Grains.Phones;

/// <summary>
/// One verified passenger phone (key: the normalised <c>+8801XXXXXXXXX</c>) across every trip: its live holds, its
/// recent unpaid lapses and an ops block. Trip grains ask it to admit an online hold before they apply one, and tell it
/// (one-way) what became of the hold; ops list, release and block phones through it.
/// </summary>
/// <remarks>
/// Not reentrant (only <see cref="ReservationStoredAsync"/> interleaves; it changes nothing). It never calls a trip grain
/// while answering a trip grain (admission and the notifications only touch its own state), so a trip waiting for an
/// admission cannot deadlock with it. Only the ops release calls trip grains, and trip grains are reentrant, so they
/// can serve that call even while one of their own turns awaits an admission here.
/// </remarks>
[Alias("DiuParibahan.IPhoneGrain")]
public interface IPhoneGrain : IGrainWithStringKey
{
    /// <summary>
    /// Admits a hold of <see cref="PhoneHoldRequest.Seats"/> seats on a trip, or refuses it: <see cref="TripErrorCode.PhoneBlocked"/>,
    /// <see cref="TripErrorCode.HoldCooloff"/>, or <see cref="TripErrorCode.QuotaExceeded"/> with limit
    /// <see cref="QuotaLimits.HeldSeatsOverall"/>. Answered from the phone's memory at once; an admitted hold is reserved
    /// until its expiry (so a reservation whose trip write failed frees itself then) and stored by the phone's next
    /// write: wait for that with <see cref="ReservationStoredAsync"/> before acknowledging the hold. Idempotent per trip
    /// and reservation key. Null means admitted.
    /// </summary>
    [Alias("AdmitHold")]
    Task<TripFailure?> AdmitHoldAsync(PhoneHoldRequest request);

    /// <summary>
    /// Wakes the phone ahead of its first hold and changes nothing: a passenger who has just proved the number by code is
    /// about to hold seats, and loading the phone's state now takes that database read off the first hold's path.
    /// </summary>
    [Alias("Prepare"), OneWay]
    Task PrepareAsync();

    /// <summary>
    /// Completes once the reservation admitted under <paramref name="reservationKey"/> on <paramref name="tripId"/> is
    /// stored; throws (<c>TripUnavailableException</c>) if the write failed (the phone then forgets every change that
    /// write held) or the phone does not hold it. Interleaves, so waiting for a write does not hold up admissions.
    /// </summary>
    [Alias("ReservationStored"), AlwaysInterleave]
    Task ReservationStoredAsync(string tripId, string reservationKey);

    /// <summary>The trip applied the reserved hold: binds the reservation to the hold id and its real expiry.</summary>
    [Alias("HoldPlaced"), OneWay]
    Task HoldPlacedAsync(PhoneHoldPlaced placed);

    /// <summary>The trip refused the reserved hold after all (seats taken, per-trip quota): frees the reservation.</summary>
    [Alias("ReservationDropped"), OneWay]
    Task ReservationDroppedAsync(string tripId, string reservationKey);

    /// <summary>A hold of this phone ended: released, paid (confirmed) or expired unpaid (a lapse toward the cool-off).</summary>
    [Alias("HoldEnded"), OneWay]
    Task HoldEndedAsync(string tripId, Guid holdId, PhoneHoldEnd how);

    /// <summary>A hold of this phone was extended for payment until <paramref name="expiresAt"/>.</summary>
    [Alias("HoldExtended"), OneWay]
    Task HoldExtendedAsync(string tripId, Guid holdId, DateTimeOffset expiresAt);

    /// <summary>What ops see of this phone now.</summary>
    [Alias("GetSummary")]
    Task<HolderSummary> GetSummaryAsync();

    /// <summary>Ops: releases every live hold of this phone on every trip, and audits it as <c>holder.released</c>.</summary>
    [Alias("ReleaseAll")]
    Task<HolderReleaseResult> ReleaseAllAsync(HolderAction action);

    /// <summary>
    /// Ops: refuses new holds of this phone (<see cref="TripErrorCode.PhoneBlocked"/>) until <paramref name="until"/>;
    /// live holds stay (release them separately). Audited as <c>holder.blocked</c>. Blocking again replaces the block.
    /// </summary>
    [Alias("Block")]
    Task<HolderSummary> BlockAsync(HolderAction action, DateTimeOffset until);

    /// <summary>Ops: lifts the block, audited as <c>holder.unblocked</c>. Idempotent (no audit when not blocked).</summary>
    [Alias("Unblock")]
    Task<HolderSummary> UnblockAsync(HolderAction action);
}
