using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace DiuParibahan.Grains.Phones;

/// <summary>
/// One verified phone's holds across trips, lapses and block. Each change is applied to a copy of the state and becomes
/// the state only once stored, so a failed write leaves nothing ahead of storage. After every change the phone reports
/// its summary to its shard of the hoarding index (one-way).
/// </summary>
/// <remarks>
/// Not reentrant: one request at a time, so admissions of racing holds see each other. Answering a trip grain never
/// calls a trip grain (see <see cref="IPhoneGrain"/>), and the calls trips make here after a hold changed are one-way,
/// so no call cycle can wait on itself.
/// </remarks>
public sealed partial class PhoneGrain(
    [PersistentState("phone", StorageNames.Default)] IPersistentState<PhoneState> store,
    TimeProvider time,
    IOptions<InventoryLimits> limits,
    DeepCopier<PhoneState> copier,
    IHolderAuditSink audit,
    ILogger<PhoneGrain> logger)
    : Grain, IPhoneGrain
{
    private readonly PassengerQuotas _quotas = limits.Value.Quotas;

    private string Phone => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Ops actions stored by an activation that stopped before auditing them are audited now.
        PublishAuditAsync().Ignore();
        return Task.CompletedTask;
    }

    public async Task<TripFailure?> AdmitHoldAsync(PhoneHoldRequest request)
    {
        TripFailure? failure = null;
        await ChangeAsync(ledger =>
        {
            (failure, var changed) = ledger.Admit(request, time.GetUtcNow());
            return changed;
        });
        return failure;
    }

    public Task HoldPlacedAsync(PhoneHoldPlaced placed) => ChangeAsync(ledger => ledger.Placed(placed, time.GetUtcNow()));

    public Task ReservationDroppedAsync(string tripId, string reservationKey) =>
        ChangeAsync(ledger => ledger.Dropped(tripId, reservationKey, time.GetUtcNow()));

    public Task HoldEndedAsync(string tripId, Guid holdId, PhoneHoldEnd how) =>
        ChangeAsync(ledger => ledger.Ended(tripId, holdId, how, time.GetUtcNow()));

    public Task HoldExtendedAsync(string tripId, Guid holdId, DateTimeOffset expiresAt) =>
        ChangeAsync(ledger => ledger.Extended(tripId, holdId, expiresAt, time.GetUtcNow()));

    public Task<HolderSummary> GetSummaryAsync() => Task.FromResult(Ledger(store.State).Summary(Phone, time.GetUtcNow()));

    public async Task<HolderReleaseResult> ReleaseAllAsync(HolderAction action)
    {
        var trips = Ledger(store.State).LiveTrips(time.GetUtcNow());
        // Ops only, never on a trip's behalf: trip grains are reentrant, so they serve this even while one of their
        // turns waits for an admission from this (busy) phone; the "ended" notes they send back are one-way and queue.
        var released = (await Task.WhenAll(trips.Select(t => GrainFactory.GetGrain<ITripGrain>(t).ReleaseHoldsOfPhoneAsync(Phone))))
            .SelectMany(r => r)
            .ToList();
        var seats = released.Sum(h => h.Seats.Count);
        await ChangeAsync(ledger => ledger.ReleasedByOps(action, trips, released.Count, seats, time.GetUtcNow()));
        await PublishAuditAsync();
        return new HolderReleaseResult(released.Count, seats, released.Select(h => h.TripId).Distinct().Count(),
            Ledger(store.State).Summary(Phone, time.GetUtcNow()));
    }

    public async Task<HolderSummary> BlockAsync(HolderAction action, DateTimeOffset until)
    {
        var now = time.GetUtcNow();
        if (until <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), "A block must last into the future.");
        }
        await ChangeAsync(ledger => ledger.Block(action, until, now));
        await PublishAuditAsync();
        return Ledger(store.State).Summary(Phone, time.GetUtcNow());
    }

    public async Task<HolderSummary> UnblockAsync(HolderAction action)
    {
        await ChangeAsync(ledger => ledger.Unblock(action, time.GetUtcNow()));
        await PublishAuditAsync();
        return Ledger(store.State).Summary(Phone, time.GetUtcNow());
    }

    private PhoneLedger Ledger(PhoneState state) => new(state, _quotas);

    /// <summary>Applies <paramref name="change"/> to a copy; if it changed something, stores the copy, then reports the summary.</summary>
    private async Task ChangeAsync(Func<PhoneLedger, bool> change)
    {
        var before = store.State;
        var next = copier.Copy(before);
        if (!change(Ledger(next)))
        {
            return;
        }
        store.State = next;
        try
        {
            await store.WriteStateAsync();
        }
        catch (Exception ex)
        {
            store.State = before;
            LogWriteFailed(logger, ex, PhoneNumberMask());
            DeactivateOnIdle();
            throw;
        }
        GrainFactory.GetGrain<IHolderIndexGrain>(IHolderIndexGrain.ShardOf(Phone))
            .ReportAsync(Ledger(store.State).Summary(Phone, time.GetUtcNow()))
            .Ignore();
    }

    /// <summary>Appends stored ops actions to the events log, then forgets them (at least once: a crash may repeat one).</summary>
    private async Task PublishAuditAsync()
    {
        var pending = store.State.PendingAudit.ToList();
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            await audit.AppendAsync(Phone, pending);
            store.State.PendingAudit.RemoveAll(pending.Contains);
            await store.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogAuditFailed(logger, ex, PhoneNumberMask());
        }
    }

    private string PhoneNumberMask() => Identity.PhoneNumber.Mask(Phone);

    [LoggerMessage(Level = LogLevel.Error, Message = "Phone {Phone}: saving a change failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Phone {Phone}: auditing ops actions failed; they are retried on the next activation")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string phone);
}
