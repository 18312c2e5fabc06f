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
/// write that contains them has succeeded (group commit: changes that arrive while a write is in flight go out together
/// in the next write). Refusals and reads are answered from memory with no write.
/// </summary>
/// <remarks>
/// Reentrant on purpose, for group commit. It stays safe because every method applies its change synchronously
/// (no await between reading and changing the inventory), so turns never see a half-applied change, and all writes go
/// through the single <see cref="FlushAsync"/> loop, so at most one write is in flight. If a write fails, every caller
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
    private readonly ITripAuditSink _audit;
    private readonly ITripEventSink _events;
    private readonly List<ChannelWriter<TripUpdate>> _watchers = [];

    private TripState _live = new();
    private SeatInventory? _inventory;
    private Batch? _open;
    private Batch? _writing;
    private Task _flushing = Task.CompletedTask;
    private bool _broken;
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
        _audit = audit;
        _events = events;
    }

    private string TripId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = _copier.Copy(_store.State);
        _inventory = _live.Definition is null ? null : new SeatInventory(_live, _limits);
        // Ops actions stored by an activation that stopped before auditing them are audited now.
        PublishAuditAsync().Ignore();
        // Holds that expired while no activation existed are released now, not when someone next asks.
        return _inventory is null ? Task.CompletedTask : SweepExpiredAsync();
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
        ThrowIfBroken();
        if (definition.TripId != TripId)
        {
            return new(TripFailure.Of(TripErrorCode.InvalidRequest, "The definition is for another trip."));
        }
        if (_live.Definition is not null)
        {
            await WhenDurable();
            return TripOpResult.Ok;
        }
        _live.Definition = definition;
        _live.Version++;
        _inventory = new SeatInventory(_live, _limits);
        await CommitAsync(new TripUpdate(TripId, _live.Version, []));
        return TripOpResult.Ok;
    }

    public Task<TripDefinition?> GetDefinitionAsync()
    {
        ThrowIfBroken();
        return Task.FromResult(_live.Definition);
    }

    public Task<TripAvailability?> GetAvailabilityAsync()
    {
        ThrowIfBroken();
        return Task.FromResult(_inventory?.Availability(_time.GetUtcNow()));
    }

    public Task<SeatMapResult> GetSeatMapAsync(string from, string to, string? ownerId)
    {
        // While reloading after a failed write the trip is unavailable, not unknown.
        ThrowIfBroken();
        return Task.FromResult(_inventory is { } inventory
            ? inventory.SeatMap(from, to, ownerId, _time.GetUtcNow())
            : new SeatMapResult(null, NotFound()));
    }

    public Task<HoldInfo?> GetHoldAsync(Guid holdId)
    {
        ThrowIfBroken();
        return Task.FromResult(_inventory?.FindHold(holdId, _time.GetUtcNow()));
    }

    public async Task<HoldResult> HoldAsync(HoldSeats command)
    {
        // A passenger's hold is admitted by their phone first (block, cool-off, overall quota); see PhoneQuotaGate.
        var admission = await Phones.AdmitAsync(command, _live);
        var outcome = admission.Failure is { } refused
            ? InventoryOutcome<HoldInfo>.Fail(refused)
            : await ApplyAsync(inventory => inventory.Hold(command, _time.GetUtcNow()));
        Phones.Settle(admission, outcome.Value);
        _metrics.HoldAttempted(command.Channel, outcome.Failure?.Code);
        RecordHold(command, outcome);
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<TripOpResult> ReleaseAsync(Guid holdId, string ownerId)
    {
        var held = _live.Holds.GetValueOrDefault(holdId);
        var outcome = await ApplyAsync(inventory => inventory.Release(holdId, ownerId, _time.GetUtcNow()));
        if (outcome.Changed && held is not null)
        {
            Record(TripActivityKinds.HoldReleased, held.Id, null, held.Seats.Count, held.From, held.To, held.Amount, held.Channel);
            Phones.Ended([held], PhoneHoldEnd.Released);
        }
        return new(outcome.Failure);
    }

    public async Task<HoldResult> ExtendHoldAsync(Guid holdId, DateTimeOffset until)
    {
        var outcome = await ApplyAsync(inventory => inventory.Extend(holdId, until, _time.GetUtcNow()));
        if (outcome.Changed)
        {
            Phones.Extended(_live.Holds.GetValueOrDefault(holdId), outcome.Value);
        }
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<SaleResult> ConfirmHoldAsync(Guid holdId, string bookingRef)
    {
        var held = _live.Holds.GetValueOrDefault(holdId);
        var outcome = await ApplyAsync(inventory => inventory.Confirm(holdId, bookingRef, _time.GetUtcNow()));
        if (outcome.Changed && outcome.Value is { } sale)
        {
            _metrics.Sold(sale.Channel, sale.Seats.Count);
            RecordSale(sale, holdId);
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
            RecordSale(sale, null);
        }
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<TripOpResult> CancelSaleAsync(Guid saleId)
    {
        var sold = _live.Sales.GetValueOrDefault(saleId);
        var outcome = await ApplyAsync(inventory => inventory.CancelSale(saleId, _time.GetUtcNow()));
        if (outcome.Changed && sold is not null)
        {
            Record(TripActivityKinds.SaleCancelled, null, sold.BookingRef, sold.Seats.Count, sold.From, sold.To, sold.Amount, sold.Channel);
        }
        return new(outcome.Failure);
    }

    public async Task<TripOpResult> BlockAsync(BlockSeats command) =>
        new((await ApplyAsync(inventory => inventory.Block(command, _time.GetUtcNow()))).Failure);

    public async Task<TripOpResult> UnblockAsync(BlockSeats command) =>
        new((await ApplyAsync(inventory => inventory.Unblock(command, _time.GetUtcNow()))).Failure);

    public async IAsyncEnumerable<TripUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfBroken();
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
            yield return new TripUpdate(TripId, _store.State.Version, []);
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

    /// <summary>
    /// Runs one inventory operation: expired holds are released first (a change of its own), then the operation.
    /// Refusals return at once; changes return when durable.
    /// </summary>
    private async Task<InventoryOutcome<T>> ApplyAsync<T>(Func<SeatInventory, InventoryOutcome<T>> operation)
    {
        ThrowIfBroken();
        if (_inventory is not { } inventory)
        {
            return InventoryOutcome<T>.Fail(NotFound());
        }
        var now = _time.GetUtcNow();
        var expiry = inventory.ExpireHolds(now);
        if (expiry.Update is { } expired)
        {
            _metrics.Expired(expiry.Value!.Count);
            RecordWhenDurableAsync(CommitAsync(expired), Expiries(expiry.Value, now), expiry.Value).Ignore();
        }
        var outcome = operation(inventory);
        if (outcome.Update is { } update)
        {
            await CommitAsync(update);
        }
        else if (outcome.Failure is null)
        {
            // A repeated request answered from memory may still be on its way to storage.
            await WhenDurable();
        }
        return outcome;
    }

    private Task CommitAsync(TripUpdate update)
    {
        var batch = _open ??= new Batch();
        batch.Updates.Add(update);
        if (_flushing.IsCompleted)
        {
            _flushing = FlushAsync();
        }
        ScheduleExpiry();
        return batch.Done.Task;
    }

    private async Task FlushAsync()
    {
        while (_open is { } batch)
        {
            _open = null;
            _writing = batch;
            // Storage serialises a snapshot, so changes applied while the write is in flight cannot tear it.
            _store.State = _copier.Copy(_live);
            try
            {
                await _store.WriteStateAsync();
            }
            catch (Exception ex)
            {
                Break(batch, ex);
                return;
            }
            finally
            {
                _writing = null;
            }
            batch.Done.TrySetResult();
            Publish(batch.Updates);
        }
    }

    /// <summary>A write failed: fail every unacknowledged caller, return to the stored state, and deactivate.</summary>
    private void Break(Batch failed, Exception ex)
    {
        _broken = true;
        LogWriteFailed(_logger, ex, TripId);
        var error = new TripUnavailableException($"Trip {TripId} could not save the change; nothing was changed. Try again.");
        failed.Done.TrySetException(error);
        if (_open is { } later)
        {
            _open = null;
            later.Done.TrySetException(error);
        }
        _live = new TripState();
        _inventory = null;
        foreach (var watcher in _watchers)
        {
            watcher.TryComplete(error);
        }
        DeactivateOnIdle();
    }

    private void Publish(List<TripUpdate> updates)
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
        if (_inventory is { } inventory)
        {
            GrainFactory.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(TripOperations.BoardDay(inventory.Trip)))
                .ReportAvailabilityAsync(TripId, inventory.Availability(_time.GetUtcNow()))
                .Ignore();
        }
    }

    private Task WhenDurable() => _open?.Done.Task ?? _writing?.Done.Task ?? Task.CompletedTask;

    private async Task SweepExpiredAsync()
    {
        if (_broken || _inventory is not { } inventory)
        {
            return;
        }
        var now = _time.GetUtcNow();
        var expiry = inventory.ExpireHolds(now);
        if (expiry.Update is { } update)
        {
            _metrics.Expired(expiry.Value!.Count);
            await RecordWhenDurableAsync(CommitAsync(update), Expiries(expiry.Value, now), expiry.Value);
        }
        ScheduleExpiry();
    }

    /// <summary>
    /// Arms the timer for the next hold expiry and keeps the activation alive until then, so holds expire on time even
    /// if nobody looks at the trip.
    /// </summary>
    private void ScheduleExpiry()
    {
        if (_inventory?.NextExpiry is not { } next)
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

    private void ThrowIfBroken()
    {
        if (_broken)
        {
            throw new TripUnavailableException($"Trip {TripId} is reloading after a storage error. Try again.");
        }
    }

    private TripFailure NotFound() => TripFailure.Of(TripErrorCode.TripNotFound, $"There is no trip {TripId}.");

    // Analytics: called only once the change is durable (a refusal changes nothing, so it is recorded at once).
    private void RecordHold(HoldSeats command, InventoryOutcome<HoldInfo> outcome)
    {
        if (_live.Definition is not { } trip)
        {
            return;
        }
        if (outcome is { Changed: true, Value: { } hold })
        {
            Record(TripActivityKinds.HoldCreated, hold.HoldId, null, hold.Seats.Count, trip.IndexOf(hold.From), trip.IndexOf(hold.To), hold.Amount, hold.Channel);
        }
        else if (outcome.Failure is { } failure)
        {
            Record(TripActivityKinds.HoldRejected, null, null, command.Seats?.Count ?? 0, trip.IndexOf(command.From), trip.IndexOf(command.To), 0,
                command.Channel, failure.Code.ToString());
        }
    }

    private void RecordSale(SaleInfo sale, Guid? holdId)
    {
        if (_live.Definition is { } trip)
        {
            Record(TripActivityKinds.Sold, holdId, sale.BookingRef, sale.Seats.Count, trip.IndexOf(sale.From), trip.IndexOf(sale.To), sale.Amount, sale.Channel);
        }
    }

    private void Record(string kind, Guid? holdId, string? bookingRef, int seats, int from, int to, int amount, SalesChannel channel, string? reason = null)
    {
        if (_live.Definition is { } trip)
        {
            _events.Record(new TripActivity(_time.GetUtcNow(), kind, trip, holdId, bookingRef, seats, from, to, amount, channel, reason));
        }
    }

    // The holds ExpireHolds released, for the events log.
    private List<TripActivity> Expiries(IReadOnlyList<HoldRecord> expired, DateTimeOffset now) => _live.Definition is not { } trip
        ? []
        : expired.Select(h => new TripActivity(now, TripActivityKinds.HoldExpired, trip, h.Id, null, h.Seats.Count, h.From, h.To, h.Amount, h.Channel, null))
            .ToList();

    private async Task RecordWhenDurableAsync(Task commit, List<TripActivity> activities, IReadOnlyList<HoldRecord> expired)
    {
        await commit;
        foreach (var activity in activities)
        {
            _events.Record(activity);
        }
        // Unpaid expiries count toward the phone's cool-off.
        Phones.Ended(expired, PhoneHoldEnd.Expired);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Trip {TripId}: saving a change failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string tripId);

    public async Task<CancelTripResult> CancelTripAsync(CancelTrip command)
    {
        ThrowIfBroken();
        if (_inventory is null)
        {
            return new(null, NotFound());
        }
        if (_live.Cancellation is null)
        {
            // Listed before the cancellation is stored, so a crash in between leaves nothing a sweep cannot find; a trip
            // listed but never cancelled is dropped from the list by the sweep.
            await GrainFactory.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key).AddAsync(TripId);
            ThrowIfBroken();
        }
        if (_live.Cancellation is { } done)
        {
            await WhenDurable();
            return new(done, null);
        }
        var now = _time.GetUtcNow();
        if (TripOperations.CheckCancel(_live, command, now) is { } refused)
        {
            return new(null, refused);
        }
        var bookings = TripOperations.Bookings(_live);
        var cancellation = new TripCancellation(now, command.Actor, command.Reason, bookings, []);
        _live.Cancelled = true;
        _live.Cancellation = cancellation;
        // Nobody can buy held seats any more; a payment still arriving for one is refunded in full by its booking.
        var dropped = _live.Holds.Values.ToList();
        _live.Holds.Clear();
        _live.PendingAudit.Add(new TripAuditRecord(now, "trip.cancelled", command.Actor, command.Reason,
            $"{bookings.Count} booking(s) to cancel and refund in full."));
        _live.Version++;
        await CommitAsync(new TripUpdate(TripId, _live.Version, [], Resync: true));
        Phones.Ended(dropped, PhoneHoldEnd.Released);
        await PublishAuditAsync();
        return new(cancellation, null);
    }

    public Task<TripCancellation?> GetCancellationAsync()
    {
        ThrowIfBroken();
        return Task.FromResult(_live.Cancellation);
    }

    public async Task<TripCancellation?> RefundSettledAsync(string bookingRef)
    {
        ThrowIfBroken();
        if (_live.Cancellation is not { } cancellation || !cancellation.Outstanding.Contains(bookingRef))
        {
            await WhenDurable();
            return _live.Cancellation;
        }
        _live.Cancellation = cancellation with
        {
            Outstanding = cancellation.Outstanding.Where(pnr => pnr != bookingRef).ToList(),
            Settled = [.. cancellation.Settled, bookingRef],
        };
        _live.Version++;
        await CommitAsync(new TripUpdate(TripId, _live.Version, []));
        if (_live.Cancellation is { Outstanding.Count: 0 })
        {
            await GrainFactory.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key).RemoveAsync(TripId);
        }
        return _live.Cancellation;
    }

    public Task<TripChangeResult> DelayAsync(DelayTrip command)
    {
        ThrowIfBroken();
        if (_inventory is null)
        {
            return Task.FromResult(TripChangeResult.Fail(NotFound()));
        }
        var before = _live.Definition!.Departure;
        var (trip, changed, failure) = TripOperations.Delay(_live, command, _time.GetUtcNow());
        return ChangeTripAsync(trip, changed, failure, () => new TripAuditRecord(_time.GetUtcNow(), "trip.delayed", command.Actor,
            command.Reason, $"Departure moved from {before.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm} to " +
            $"{command.NewDeparture.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm} (Dhaka time)."));
    }

    public Task<TripChangeResult> ChangeCoachAsync(ChangeCoach command)
    {
        ThrowIfBroken();
        if (_inventory is null)
        {
            return Task.FromResult(TripChangeResult.Fail(NotFound()));
        }
        var before = _live.Definition!.CoachRegistration;
        var (trip, changed, failure) = TripOperations.ChangeCoach(_live, command, _time.GetUtcNow());
        return ChangeTripAsync(trip, changed, failure, () => new TripAuditRecord(_time.GetUtcNow(), "trip.coach-changed", command.Actor,
            command.Reason, $"Coach {before} replaced by {command.Coach.Registration} (layout {command.Layout.Code})."));
    }

    /// <summary>
    /// Stores a new definition of the trip (synchronously applied, like every change here), tells watchers to resync
    /// and the departure board to list the new times or coach. Repeating an applied change only refreshes the board.
    /// </summary>
    private async Task<TripChangeResult> ChangeTripAsync(TripDefinition? trip, bool changed, TripFailure? failure, Func<TripAuditRecord> audit)
    {
        if (failure is not null)
        {
            return TripChangeResult.Fail(failure);
        }
        if (changed)
        {
            _live.Definition = trip;
            _inventory = new SeatInventory(_live, _limits);
            _live.PendingAudit.Add(audit());
            _live.Version++;
            await CommitAsync(new TripUpdate(TripId, _live.Version, [], Resync: true));
            await PublishAuditAsync();
        }
        else
        {
            await WhenDurable();
        }
        await GrainFactory.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(TripOperations.BoardDay(trip!))).ReplaceTripAsync(trip!);
        return new(trip, TripOperations.Bookings(_live), null);
    }

    /// <summary>Appends stored ops actions to the events log, then forgets them (at least once: a crash may repeat one).</summary>
    private async Task PublishAuditAsync()
    {
        var pending = _store.State.PendingAudit.ToList();
        if (pending.Count == 0 || _auditing)
        {
            return;
        }
        _auditing = true;
        try
        {
            await _audit.AppendAsync(TripId, pending);
            // Stored with the next write.
            _live.PendingAudit.RemoveAll(pending.Contains);
        }
        catch (Exception ex)
        {
            LogAuditFailed(_logger, ex, TripId);
        }
        finally
        {
            _auditing = false;
        }
    }

    private bool _auditing;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: auditing ops actions failed; they are retried on the next activation")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string tripId);

    private sealed class Batch
    {
        public List<TripUpdate> Updates { get; } = [];
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<SaleResult> ChangeSaleSeatsAsync(ChangeSaleSeats command)
    {
        var outcome = await ApplyAsync(inventory => inventory.ChangeSaleSeats(command, _time.GetUtcNow()));
        return new(outcome.Value, outcome.Failure);
    }

    public async Task<TripOpResult> ReleaseSaleSeatsAsync(Guid saleId, IReadOnlyList<string> seats) =>
        new((await ApplyAsync(inventory => inventory.ReleaseSaleSeats(saleId, seats, _time.GetUtcNow()))).Failure);
}
