using DiuParibahan.Grains.Phones;

namespace DiuParibahan.Grains.Trips;

/// <summary>The trip's part in the per-phone quotas: the gate holds pass through, and the ops release of a phone's holds.</summary>
public sealed partial class TripGrain
{
    private PhoneQuotaGate? _phones;

    private PhoneQuotaGate Phones => _phones ??= new PhoneQuotaGate(GrainFactory, TripId, _limits, _time);

    public async Task<IReadOnlyList<HoldInfo>> ReleaseHoldsOfPhoneAsync(string phone)
    {
        _log.ThrowIfBroken();
        var now = _time.GetUtcNow();
        var holds = _log.Live.Holds.Values.Where(h => h.Phone == phone && h.ExpiresAt > now).ToList();
        // Applied one after another without awaiting in between, so they go to storage in one write.
        var released = await Task.WhenAll(holds.Select(async held =>
        {
            var info = Inventory?.FindHold(held.Id, _time.GetUtcNow());
            var outcome = await ApplyAsync(inventory => inventory.Release(held.Id, held.OwnerId, _time.GetUtcNow()));
            if (!outcome.Changed)
            {
                return null;
            }
            _activity.HoldReleased(held);
            Phones.Ended([held], PhoneHoldEnd.Released);
            return info;
        }));
        return released.OfType<HoldInfo>().ToList();
    }
}
