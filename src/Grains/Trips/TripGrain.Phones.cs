using DiuParibahan.Grains.Phones;

namespace DiuParibahan.Grains.Trips;

/// <summary>The trip's part in the per-phone quotas: the gate holds pass through, and the ops release of a phone's holds.</summary>
public sealed partial class TripGrain
{
    private PhoneQuotaGate? _phones;

    private PhoneQuotaGate Phones => _phones ??= new PhoneQuotaGate(GrainFactory, TripId, _limits, _time);

    public async Task<IReadOnlyList<HoldInfo>> ReleaseHoldsOfPhoneAsync(string phone)
    {
        ThrowIfBroken();
        var now = _time.GetUtcNow();
        var holds = _live.Holds.Values.Where(h => h.Phone == phone && h.ExpiresAt > now).ToList();
        // Applied one after another without awaiting in between, so they go to storage in one write.
        var released = await Task.WhenAll(holds.Select(async held =>
        {
            var info = _inventory?.FindHold(held.Id, _time.GetUtcNow());
            var outcome = await ApplyAsync(inventory => inventory.Release(held.Id, held.OwnerId, _time.GetUtcNow()));
            if (!outcome.Changed)
            {
                return null;
            }
            Record(TripActivityKinds.HoldReleased, held.Id, null, held.Seats.Count, held.From, held.To, held.Amount, held.Channel);
            Phones.Ended([held], PhoneHoldEnd.Released);
            return info;
        }));
        return released.OfType<HoldInfo>().ToList();
    }
}
