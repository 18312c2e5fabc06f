using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace DiuParibahan.Grains.Phones;

/// <summary>
/// One verified phone's holds across trips, lapses and block. Changes are applied to the in-memory ledger at once and
/// stored through <see cref="PhoneCommitLog"/> (group commit): an admission is answered from memory, and the trip
/// waits for the write that stores it (<see cref="ReservationStoredAsync"/>) while its own write of the hold is under
/// way, so a hold pays for one flushed write, not two in a row. After every write the phone reports its summary to its
/// shard of the hoarding index (one-way).
/// </summary>
/// <remarks>
/// Not reentrant: one request at a time, so admissions of racing holds see each other; none of them waits for storage
/// inside its turn, so the next admission is served while a write is in flight and joins the next write. Answering a
/// trip grain never calls a trip grain (see <see cref="IPhoneGrain"/>), and the calls trips make here after a hold
/// changed are one-way, so no call cycle can wait on itself.
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
    /// <summary>How long a deferred change (a reservation dropped, a hold released or paid) waits for a write to ride along with.</summary>
    public static readonly TimeSpan DeferredWriteDelay = TimeSpan.FromSeconds(5);

    private readonly PassengerQuotas _quotas = limits.Value.Quotas;
    private PhoneCommitLog _log = null!;
    private IGrainTimer? _deferredWrite;

    private string Phone => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new PhoneCommitLog(PhoneNumberMask(), store, copier, logger, ReportSummary, DeactivateOnIdle);
        // Ops actions stored by an activation that stopped before auditing them are audited now.
        PublishAuditAsync().Ignore();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _log.FlushDeferredAsync();
        }
        catch (Exception ex)
        {
            // Deferred changes only ever loosen the books: lost, the phone counts a hold until its expiry.
            LogDeferredLost(logger, ex, PhoneNumberMask());
        }
    }

    public Task<TripFailure?> AdmitHoldAsync(PhoneHoldRequest request)
    {
        var (failure, changed) = Ledger.Admit(request, time.GetUtcNow());
        if (changed)
        {
            // Not awaited here: the trip waits for it (ReservationStoredAsync) alongside its own write, and a failure
            // reaches it there.
            _log.CommitAsync().Ignore();
        }
        return Task.FromResult(failure);
    }

    public Task ReservationStoredAsync(string tripId, string reservationKey) =>
        _log.WhenStoredAsync(state => state.Holds.Any(h => h.TripId == tripId && h.ReservationKey == reservationKey));

    public Task HoldPlacedAsync(PhoneHoldPlaced placed)
    {
        // Binding a reservation to its hold changes no count: it rides along with the phone's next write (a release, a
        // payment, an expiry) or is written when the activation goes away, and costs no write of its own. Arming the
        // timer here made every hold cost a second write five seconds later, all phones of a sale's burst at once
        // (docs/profiles/cold-holds.md). A hold whose reservation is gone is counted anew, so it is stored as before.
        var reserved = _log.Live.Holds.Any(h => h.TripId == placed.TripId
            && (h.HoldId == placed.HoldId || (h.HoldId is null && h.ReservationKey == placed.ReservationKey)));
        var changed = Ledger.Placed(placed, time.GetUtcNow());
        if (reserved)
        {
            RideAlong(changed);
            return Task.CompletedTask;
        }
        return Defer(changed);
    }

    public Task ReservationDroppedAsync(string tripId, string reservationKey) =>
        Defer(Ledger.Dropped(tripId, reservationKey, time.GetUtcNow()));

    public Task HoldEndedAsync(string tripId, Guid holdId, PhoneHoldEnd how)
    {
        var changed = Ledger.Ended(tripId, holdId, how, time.GetUtcNow());
        // An unpaid expiry is a lapse toward the cool-off: it tightens the books, so it is written at once.
        return how == PhoneHoldEnd.Expired ? Commit(changed) : Defer(changed);
    }

    // An extension keeps a hold counted for longer: it tightens the books, so it is written at once.
    public Task HoldExtendedAsync(string tripId, Guid holdId, DateTimeOffset expiresAt) =>
        Commit(Ledger.Extended(tripId, holdId, expiresAt, time.GetUtcNow()));

    // Activation has loaded the state; that was the point.
    public Task PrepareAsync() => Task.CompletedTask;

    public Task<HolderSummary> GetSummaryAsync() => Task.FromResult(Ledger.Summary(Phone, time.GetUtcNow()));

    public async Task<HolderReleaseResult> ReleaseAllAsync(HolderAction action)
    {
        var trips = Ledger.LiveTrips(time.GetUtcNow());
        // Ops only, never on a trip's behalf: trip grains are reentrant, so they serve this even while one of their
        // turns waits for an admission from this (busy) phone; the "ended" notes they send back are one-way and queue.
        var released = (await Task.WhenAll(trips.Select(t => GrainFactory.GetGrain<ITripGrain>(t).ReleaseHoldsOfPhoneAsync(Phone))))
            .SelectMany(r => r)
            .ToList();
        var seats = released.Sum(h => h.Seats.Count);
        Ledger.ReleasedByOps(action, trips, released.Count, seats, time.GetUtcNow());
        await _log.CommitAsync();
        await PublishAuditAsync();
        return new HolderReleaseResult(released.Count, seats, released.Select(h => h.TripId).Distinct().Count(),
            Ledger.Summary(Phone, time.GetUtcNow()));
    }

    public async Task<HolderSummary> BlockAsync(HolderAction action, DateTimeOffset until)
    {
        var now = time.GetUtcNow();
        if (until <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), "A block must last into the future.");
        }
        Ledger.Block(action, until, now);
        await _log.CommitAsync();
        await PublishAuditAsync();
        return Ledger.Summary(Phone, time.GetUtcNow());
    }

    public async Task<HolderSummary> UnblockAsync(HolderAction action)
    {
        if (Ledger.Unblock(action, time.GetUtcNow()))
        {
            await _log.CommitAsync();
            await PublishAuditAsync();
        }
        return Ledger.Summary(Phone, time.GetUtcNow());
    }

    /// <summary>The ledger over the live state (every applied change, stored or not).</summary>
    private PhoneLedger Ledger => new(_log.Live, _quotas);

    /// <summary>Stores a change now; a one-way caller does not wait for it (a failure resets the activation).</summary>
    private Task Commit(bool changed)
    {
        if (changed)
        {
            _log.CommitAsync().Ignore();
        }
        return Task.CompletedTask;
    }

    /// <summary>A change that only loosens the books and that nobody reads from storage soon: written with the next write.</summary>
    private void RideAlong(bool changed)
    {
        if (changed)
        {
            _log.Defer();
        }
    }

    /// <summary>Lets a change that only loosens the books ride along with the next write, or be written after a short delay.</summary>
    private Task Defer(bool changed)
    {
        if (!changed)
        {
            return Task.CompletedTask;
        }
        _log.Defer();
        if (_deferredWrite is null)
        {
            // Interleaved: the write it starts must not hold up admissions while it is in flight.
            _deferredWrite = this.RegisterGrainTimer(_ => _log.FlushDeferredAsync(),
                new GrainTimerCreationOptions(DeferredWriteDelay, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _deferredWrite.Change(DeferredWriteDelay, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    private void ReportSummary() =>
        GrainFactory.GetGrain<IHolderIndexGrain>(IHolderIndexGrain.ShardOf(Phone))
            .ReportAsync(Ledger.Summary(Phone, time.GetUtcNow()))
            .Ignore();

    /// <summary>Appends stored ops actions to the events log, then forgets them (at least once: a crash may repeat one).</summary>
    private async Task PublishAuditAsync()
    {
        var pending = _log.Durable.PendingAudit.ToList();
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            await audit.AppendAsync(Phone, pending);
                _log.Live.PendingAudit.RemoveAll(pending.Contains);
            await _log.CommitAsync();
        }
        catch (Exception ex)
        {
            LogAuditFailed(logger, ex, PhoneNumberMask());
        }
    }

    private string PhoneNumberMask() => Identity.PhoneNumber.Mask(Phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Phone {Phone}: auditing ops actions failed; they are retried on the next activation")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Phone {Phone}: deferred changes could not be stored on deactivation; they were only loosening")]
    private static partial void LogDeferredLost(ILogger logger, Exception exception, string phone);
}
