using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Phones;

/// <summary>
/// A trip grain's side of the per-phone quotas. Before an online hold with a phone is applied, the phone grain admits
/// it (block, cool-off, overall held seats) from memory and reserves it; the trip then applies the hold in one
/// synchronous step that re-checks the per-trip quotas (<see cref="HoldQuotas"/>), so racing holds of one phone cannot
/// overshoot them, and acknowledges it only once both its own write and the phone's write of the reservation
/// (<see cref="StoredAsync"/>, under way at the same time) succeeded. Afterwards the phone is told, one-way, what
/// happened to the reservation and, later, to the hold.
/// </summary>
/// <remarks>
/// If the trip's write fails after an admission, the reservation is never settled; it stops counting at its expiry,
/// the same moment the hold would have expired. If the phone's write fails, the trip undoes the hold before it
/// answers. Notifications are best effort: a lost one leaves the phone counting a hold until its expiry at worst,
/// never less than the trip holds, except an unpaid lapse that is then not counted.
/// </remarks>
public sealed class PhoneQuotaGate(IGrainFactory grains, string tripId, InventoryLimits limits, TimeProvider time)
{
    /// <summary>The phone's answer: refused, or admitted under <see cref="Reservation"/> (both null: no phone involved).</summary>
    public readonly record struct Admission(TripFailure? Failure, string? Phone, string? Reservation);

    public async Task<Admission> AdmitAsync(HoldSeats command, TripState state)
    {
        if (!PassengerQuotas.Apply(command) || state.Definition is null || command.Seats is not { Count: > 0 } seats)
        {
            // Exempt (staff), or a request the inventory refuses anyway (unknown trip, no seats).
            return default;
        }
        var requestKey = string.IsNullOrEmpty(command.RequestId) ? null : $"{command.OwnerId}|{command.RequestId}";
        if (requestKey is not null && state.Requests.TryGetValue(requestKey, out var earlier) && earlier.Hold is not null)
        {
            // A retry of an acknowledged hold: the inventory answers it with the first result, nothing new is held.
            return default;
        }
        var now = time.GetUtcNow();
        // Refused here at once without bothering the phone; checked again when the hold is applied.
        if (HoldQuotas.Check(state, command.Phone!, seats.Count, limits.Quotas, now) is { } overQuota)
        {
            return new(overQuota, null, null);
        }
        var reservation = requestKey ?? Guid.NewGuid().ToString("N");
        var failure = await grains.GetGrain<IPhoneGrain>(command.Phone!).AdmitHoldAsync(
            new PhoneHoldRequest(tripId, reservation, seats.Count, now + limits.HoldDuration(command.Channel)));
        return failure is null ? new(null, command.Phone, reservation) : new(failure, null, null);
    }

    /// <summary>
    /// Completes once the phone stored the reservation of <paramref name="admission"/> (at once if no phone is involved);
    /// throws if it could not. Start it before the trip's own write, so the two overlap.
    /// </summary>
    public Task StoredAsync(Admission admission) => admission is { Phone: { } phone, Reservation: { } reservation }
        ? grains.GetGrain<IPhoneGrain>(phone).ReservationStoredAsync(tripId, reservation)
        : Task.CompletedTask;

    /// <summary>After the hold was applied (<paramref name="hold"/>) or refused (null): binds or frees the reservation.</summary>
    public void Settle(Admission admission, HoldInfo? hold)
    {
        if (admission is not { Phone: { } phone, Reservation: { } reservation })
        {
            return;
        }
        var grain = grains.GetGrain<IPhoneGrain>(phone);
        (hold is null
            ? grain.ReservationDroppedAsync(tripId, reservation)
            : grain.HoldPlacedAsync(new PhoneHoldPlaced(tripId, reservation, hold.HoldId, hold.Seats.Count, hold.ExpiresAt))).Ignore();
    }

    /// <summary>Holds of phones ended (released, paid, expired unpaid); call once the change is durable.</summary>
    public void Ended(IEnumerable<HoldRecord?> holds, PhoneHoldEnd how)
    {
        foreach (var hold in holds)
        {
            if (hold?.Phone is { } phone)
            {
                grains.GetGrain<IPhoneGrain>(phone).HoldEndedAsync(tripId, hold.Id, how).Ignore();
            }
        }
    }

    /// <summary>A phone's hold was extended for payment; call once the change is durable.</summary>
    public void Extended(HoldRecord? hold, HoldInfo? extended)
    {
        if (hold?.Phone is { } phone && extended is not null)
        {
            grains.GetGrain<IPhoneGrain>(phone).HoldExtendedAsync(tripId, extended.HoldId, extended.ExpiresAt).Ignore();
        }
    }
}
