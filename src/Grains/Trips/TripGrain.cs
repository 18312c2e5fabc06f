using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Phones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// One departure's seats. Changes are applied to the in-memory inventory one at a time and acknowledged only once the
/// write that contains them has succeeded (<see cref="TripCommitLog"/>: changes that arrive while a write is in flight
/// go out together in the next write). Refusals and reads are answered from memory with no write. Ops actions live in
/// <see cref="TripOps"/>, analytics in <see cref="TripActivityRecorder"/>, the ops audit in <see cref="TripAuditOutbox"/>.
/// </summary>
/// <remarks>
/// Reentrant on purpose, for group commit. It stays safe because every method applies its change synchronously
/// (no await between reading and changing the inventory), so turns never see a half-applied change, and all writes go
/// through the single <see cref="TripCommitLog"/>, so at most one write is in flight. If a write fails, every caller
/// whose change was in it (or applied after it) gets an exception, the in-memory state goes back to what storage holds,
/// and the activation deactivates so the next call reloads from storage.
/// </remarks>
[Reentrant]
public sealed partial class TripGrain : Grain, ITripGrain
{
    private const int WatchBuffer = 1024;

    private readonly IPersistentState<TripState> _store;
    private readonly TimeProvider _time;
    private readonly InventoryLimits _limits;
    private readonly DeepCopier<TripState> _copier;
    private readonly TripMetrics _metrics;
    private readonly ILogger<TripGrain> _logger;
    private readonly ITripAuditSink _auditSink;
    private readonly TripActivityRecorder _activity;
    private readonly List<ChannelWriter<TripUpdate>> _watchers = [];

    // Holds applied whose phone has not yet stored their reservation, so a repeat of the request waits for that too.
    private readonly Dictionary<Guid, Task> _phoneWrites = [];

    // Set up on activation, once the stored state is loaded.
    private TripCommitLog _log = null!;
    private TripAuditOutbox _audit = null!;
    private TripOps _ops = null!;
    private IGrainTimer? _expiryTimer;

    public TripGrain(
        [PersistentState("trip", StorageNames.Default)] IPersistentState<TripState> store,
        TimeProvider time,
        IOptions<InventoryLimits> limits,
        DeepCopier<TripState> copier,
        TripMetrics metrics,
        ILogger<TripGrain> logger,
        ITripAuditSink audit,
        ITripEventSink events)
    {
        _store = store;
        _time = time;
        _limits = limits.Value;
        _copier = copier;
        _metrics = metrics;
        _logger = logger;
        _auditSink = audit;
        _activity = new TripActivityRecorder(events, time, () => _log.Live.Definition);
    }

    private string TripId => this.GetPrimaryKeyString();

    private SeatInventory? Inventory => _log.Inventory;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new TripCommitLog(TripId, _store, _copier, _limits, _logger, Publish, Break, ScheduleExpiry);
        _audit = new TripAuditOutbox(TripId, _auditSink, _logger);
        _ops = new TripOps(TripId, _log, _audit, GrainFactory, _time);
        // Ops actions stored by an activation that stopped before auditing them are audited now.
        _audit.PublishAsync(_log).Ignore();
        // Holds that expired while no activation existed are released now, not when someone next asks.
        return Inventory is null ? Task.CompletedTask : SweepExpiredAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var watcher in _watchers)
        {
            watcher.TryComplete(new TripUnavailableException($"Trip {TripId} is moving: resubscribe."));
        }
        return Task.CompletedTask;
    }

    public async Task<TripOpResult> ScheduleAsync(TripDefinition definition)
    {
        _log.ThrowIfBroken();
        if (definition.TripId != TripId)
        {
            return new(TripFailure.Of(TripErrorCode.InvalidRequest, "The definition is for another trip."));
        }
        if (_log.Live.Definition is not null)
        {
            await _log.WhenDurable();
            return TripOpResult.Ok;
        }
        _log.Define(definition);
        _log.Live.Version++;
        await _log.CommitAsync(new TripUpdate(TripId, _log.Live.Version, []));
        return TripOpResult.Ok;
    }

    public Task<TripDefinition?> GetDefinitionAsync()
    {
        _log.ThrowIfBroken();
        return Task.FromResult(_log.Live.Definition);
    }

    public Task<TripAvailability?> GetAvailabilityAsync()
    {
        _log.ThrowIfBroken();
        return Task.FromResult(Inventory?.Availability(_time.GetUtcNow()));
    }

    public Task<TripSnapshot?> GetSnapshotAsync()
    {
        _log.ThrowIfBroken();
        var durable = _log.Durable;
        return Task.FromResult(durable.Definition is null ? null : new SeatInventory(durable, _limits).Snapshot(_time.GetUtcNow()));
    }

    public Task<SeatMapResult> GetSeatMapAsync(string from, string to, string? ownerId)
    {
        // While reloading after a failed write the trip is unavailable, not unknown.
        _log.ThrowIfBroken();
        return Task.FromResult(Inventory is { } inventory
            ? inventory.SeatMap(from, to, ownerId, _time.GetUtcNow())
            : new SeatMapResult(null, NotFound(TripId)));
    }

    public Task<HoldInfo?> GetHoldAsync(Guid holdId)
    {
        _log.ThrowIfBroken();
        return Task.FromResult(Inventory?.FindHold(holdId, _time.GetUtcNow()));
    }

    public async Task<HoldResult> HoldAsync(HoldSeats command)
    {
        // A passenger's hold is admitted by their phone first (block, cool-off, overall quota); see PhoneQuotaGate. A
        // request the inventory would refuse right now (wrong on its own terms, seats taken, per-trip quota) skips
        // that and gets its own answer from memory: no phone call, no write.
        var admission = Inventory?.RequestProblem(command, _time.GetUtcNow()) is null
            ? await Phones.AdmitAsync(command, _log.Live)
            : default;
        InventoryOutcome<HoldInfo> outcome;
        if (admission.Failure is { } refused)
        {
            outcome = InventoryOutcome<HoldInfo>.Fail(refused);
        }
        else
        {
            // The phone stores its reservation while the trip stores the hold: one flushed write's wait, not two.
            var reserved = Phones.StoredAsync(admission);
            try
            {
                outcome = await ApplyAsync(inventory => inventory.Hold(command, _time.GetUtcNow()));
            }
            catch
            {
                reserved.Ignore();
                throw;
            }
            if (outcome.Value is { } held && admission.Phone is not null)
            {
                await PhoneStoredOrUndoAsync(reserved, command, held);
            }
            else
            {
                reserved.Ignore();
                // A repeat answered with a hold whose phone write is still under way waits for it (and fails with it).
                if (outcome.Value is { } earlier && _phoneWrites.TryGetValue(earlier.HoldId, out var pending))
                {
                    await pending;
                }
            }
        }
        Phones.Settle(admission, outcome.Value);
        _metrics.HoldAttempted(command.Channel, outcome.Failure?.Code);
        _activity.HoldAttempted(command, outcome);
        // The change is durable and acknowledged here (both writes done), so the caller's replica may apply it.
        return new(outcome.Value, outcome.Failure, VersionOf(outcome), outcome.Value is null ? null : outcome.Update);
    }

    /// <summary>
    /// Waits for the phone's write of the hold's reservation; if it failed, the hold is undone (with its request record,
    /// so a retry is a new hold) before the caller hears that nothing was held.
    /// </summary>
    private async Task PhoneStoredOrUndoAsync(Task reserved, HoldSeats command, HoldInfo held)
    {
        var stored = StoredOrUndoneAsync(reserved, command, held);
        _phoneWrites[held.HoldId] = stored;
        try
        {
            await stored;
        }
        finally
        {
            if (_phoneWrites.GetValueOrDefault(held.HoldId) == stored)
            {
                _phoneWrites.Remove(held.HoldId);
            }
        }
    }

    private async Task StoredOrUndoneAsync(Task reserved, HoldSeats command, HoldInfo held)
    {
        try
        {
            await reserved;
            return;
        }
        catch (Exception ex)
        {
            LogPhoneWriteFailed(_logger, ex, TripId, held.HoldId);
        }
        await ApplyAsync(inventory =>
        {
            var undone = inventory.Release(held.HoldId, command.OwnerId, _time.GetUtcNow());
            var requestKey = string.IsNullOrEmpty(command.RequestId) ? null : $"{command.OwnerId}|{command.RequestId}";
            if (undone.Changed && requestKey is not null
                && _log.Live.Requests.TryGetValue(requestKey, out var request) && request.Hold?.HoldId == held.HoldId)
            {
                _log.Live.Requests.Remove(requestKey);
            }
            return undone;
        });
        throw new TripUnavailableException($"Trip {TripId}: the hold could not be counted against the phone; nothing is held. Try again.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: the phone could not store hold {HoldId}'s reservation; the hold is undone")]
    private static partial void LogPhoneWriteFailed(ILogger logger, Exception exception, string tripId, Guid holdId);

    public async Task<TripOpResult> ReleaseAsync(Guid holdId, string ownerId)
    {
        var held = _log.Live.Holds.GetValueOrDefault(holdId);
        var outcome = await ApplyAsync(inventory => inventory.Release(holdId, ownerId, _time.GetUtcNow()));
        if (outcome.Changed && held is not null)
        {
            _activity.HoldReleased(held);
            Phones.Ended([held], PhoneHoldEnd.Released);
        }
        return new(outcome.Failure, VersionOf(outcome), outcome.Update);
    }

    public async Task<HoldResult> ExtendHoldAsync(Guid holdId, DateTimeOffset until)
    {
        var outcome = await ApplyAsync(inventory => inventory.Extend(holdId, until, _time.GetUtcNow()));
        if (outcome.Changed)
        {
            Phones.Extended(_log.Live.Holds.GetValueOrDefault(holdId), outcome.Value);
        }
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<SaleResult> ConfirmHoldAsync(Guid holdId, string bookingRef, IReadOnlyList<SeatGender>? genders = null)
    {
        var held = _log.Live.Holds.GetValueOrDefault(holdId);
        var outcome = await ApplyAsync(inventory => inventory.Confirm(holdId, bookingRef, _time.GetUtcNow(), genders));
        if (outcome.Changed && outcome.Value is { } sale)
        {
            _metrics.Sold(sale.Channel, sale.Seats.Count);
            _activity.Sold(sale, holdId);
            Phones.Ended([held], PhoneHoldEnd.Confirmed);
        }
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<SaleResult> SellAsync(SellSeats command)
    {
        var outcome = await ApplyAsync(inventory => inventory.Sell(command, _time.GetUtcNow()));
        if (outcome.Changed && outcome.Value is { } sale)
        {
            _metrics.Sold(sale.Channel, sale.Seats.Count);
            _activity.Sold(sale, null);
        }
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<TripOpResult> CancelSaleAsync(Guid saleId)
    {
        var sold = _log.Live.Sales.GetValueOrDefault(saleId);
        var outcome = await ApplyAsync(inventory => inventory.CancelSale(saleId, _time.GetUtcNow()));
        if (outcome.Changed && sold is not null)
        {
            _activity.SaleCancelled(sold);
        }
        return new(outcome.Failure);
    }

    public async Task<TripOpResult> BlockAsync(BlockSeats command) =>
        new((await ApplyAsync(inventory => inventory.Block(command, _time.GetUtcNow()))).Failure);

    public async Task<TripOpResult> UnblockAsync(BlockSeats command) =>
        new((await ApplyAsync(inventory => inventory.Unblock(command, _time.GetUtcNow()))).Failure);

    public async Task<SaleResult> ChangeSaleSeatsAsync(ChangeSaleSeats command)
    {
        var outcome = await ApplyAsync(inventory => inventory.ChangeSaleSeats(command, _time.GetUtcNow()));
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<TripOpResult> ReleaseSaleSeatsAsync(Guid saleId, IReadOnlyList<string> seats) =>
        new((await ApplyAsync(inventory => inventory.ReleaseSaleSeats(saleId, seats, _time.GetUtcNow()))).Failure);

    public async Task<TripOpResult> CorrectSaleGenderAsync(Guid saleId, SeatGender gender)
    {
        var outcome = await ApplyAsync(inventory => inventory.CorrectSaleGender(saleId, gender, _time.GetUtcNow()));
        return new(outcome.Failure, VersionOf(outcome));
    }

    public async Task<CancelTripResult> CancelTripAsync(CancelTrip command)
    {
        var held = _log.Live.Holds.Values.ToList();
        var result = await _ops.CancelTripAsync(command);
        // A cancellation drops every live hold; their phones stop counting them.
        Phones.Ended(held.Where(h => !_log.Live.Holds.ContainsKey(h.Id)).ToList(), PhoneHoldEnd.Released);
        return result;
    }

    public Task<TripCancellation?> GetCancellationAsync()
    {
        _log.ThrowIfBroken();
        return Task.FromResult(_log.Live.Cancellation);
    }

    public Task<TripCancellation?> RefundSettledAsync(string bookingRef) => _ops.RefundSettledAsync(bookingRef);

    public Task<TripChangeResult> DelayAsync(DelayTrip command) => _ops.DelayAsync(command);

    public Task<TripChangeResult> ChangeCoachAsync(ChangeCoach command) => _ops.ChangeCoachAsync(command);

    public async IAsyncEnumerable<TripUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _log.ThrowIfBroken();
        var channel = Channel.CreateBounded<TripUpdate>(new BoundedChannelOptions(WatchBuffer)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _watchers.Add(channel.Writer);
        try
        {
            // Watchers only ever see persisted versions; the marker tells them where the stream starts.
            yield return new TripUpdate(TripId, _log.Stored.Version, []);
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            _watchers.Remove(channel.Writer);
        }
    }

    // Unpaid expiries count toward the phone's cool-off, and only once they are durable.
    private async Task ExpiredWhenDurableAsync(Task commit, IReadOnlyList<HoldRecord> expired, DateTimeOffset now)
    {
        await _activity.ExpiredWhenDurableAsync(commit, expired, now);
        Phones.Ended(expired, PhoneHoldEnd.Expired);
    }

    /// <summary>
    /// The version an answer reflects: the change's own once durable; for a refusal or a repeat, what was applied when it
    /// was answered (a reader asking for it waits at most briefly, then reads the grain).
    /// </summary>
    private long VersionOf<T>(InventoryOutcome<T> outcome) => outcome.Update?.Version ?? _log.Live.Version;

    internal static TripFailure NotFound(string tripId) => TripFailure.Of(TripErrorCode.TripNotFound, $"There is no trip {tripId}.");

    /// <summary>
    /// Runs one inventory operation: expired holds are released first (a change of its own), then the operation.
    /// Refusals return at once; changes return when durable.
    /// </summary>
    private async Task<InventoryOutcome<T>> ApplyAsync<T>(Func<SeatInventory, InventoryOutcome<T>> operation)
    {
        _log.ThrowIfBroken();
        if (Inventory is not { } inventory)
        {
            return InventoryOutcome<T>.Fail(NotFound(TripId));
        }
        var now = _time.GetUtcNow();
        var expiry = inventory.ExpireHolds(now);
        if (expiry.Update is { } expired)
        {
            _metrics.Expired(expiry.Value!.Count);
            ExpiredWhenDurableAsync(_log.CommitAsync(expired), expiry.Value, now).Ignore();
        }
        var outcome = operation(inventory);
        if (outcome.Update is { } update)
        {
            await _log.CommitAsync(update);
        }
        else if (outcome.Failure is null)
        {
            // A repeated request answered from memory may still be on its way to storage.
            await _log.WhenDurable();
        }
        return outcome;
    }

    /// <summary>A write is durable: watchers get its updates and the departure board the new availability.</summary>
    private void Publish(IReadOnlyList<TripUpdate> updates)
    {
        foreach (var update in updates)
        {
            foreach (var watcher in _watchers)
            {
                // A watcher that cannot keep up is cut off rather than silently skipped; it resyncs from a snapshot.
                if (!watcher.TryWrite(update))
                {
                    watcher.TryComplete(new TripUnavailableException("Watcher fell behind: resubscribe."));
                }
            }
        }
        if (Inventory is { } inventory)
        {
            GrainFactory.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(TripOperations.BoardDay(inventory.Trip)))
                .ReportAvailabilityAsync(TripId, inventory.Availability(_time.GetUtcNow()))
                .Ignore();
        }
    }

    /// <summary>A write failed and the commit log dropped the state: watchers are cut off and the activation goes away.</summary>
    private void Break(TripUnavailableException error)
    {
        foreach (var watcher in _watchers)
        {
            watcher.TryComplete(error);
        }
        DeactivateOnIdle();
    }

    private async Task SweepExpiredAsync()
    {
        if (_log.Broken || Inventory is not { } inventory)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var expiry = inventory.ExpireHolds(now);
        if (expiry.Update is { } update)
        {
            _metrics.Expired(expiry.Value!.Count);
            await ExpiredWhenDurableAsync(_log.CommitAsync(update), expiry.Value, now);
        }
        ScheduleExpiry();
    }

    /// <summary>
    /// Arms the timer for the next hold expiry and keeps the activation alive until then, so holds expire on time even
    /// if nobody looks at the trip.
    /// </summary>
    private void ScheduleExpiry()
    {
        if (Inventory?.NextExpiry is not { } next)
        {
            return;
        }
        var due = next - _time.GetUtcNow();
        due = due < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : due > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : due;
        if (_expiryTimer is null)
        {
            _expiryTimer = this.RegisterGrainTimer(_ => SweepExpiredAsync(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
            {
                Interleave = true,
            });
        }
        else
        {
            _expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
        DelayDeactivation(due + TimeSpan.FromMinutes(1));
    }
}
