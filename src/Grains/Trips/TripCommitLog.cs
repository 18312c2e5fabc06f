using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// The one write funnel of a trip activation, with group commit: changes are applied to the in-memory state at once,
/// and each caller is acknowledged only once the write holding its change has succeeded. Changes that arrive while a
/// write is in flight go out together in the next write, so at most one write is ever in flight.
/// </summary>
/// <remarks>
/// If a write fails, every caller not yet acknowledged (whose change was in that write or applied after it) gets an
/// exception, the in-memory state is dropped, and <c>broken</c> is told so the activation can deactivate: the next
/// call reaches a fresh activation that reloads what storage really holds.
/// </remarks>
public sealed partial class TripCommitLog
{
    private readonly string _tripId;
    private readonly IPersistentState<TripState> _store;
    private readonly DeepCopier<TripState> _copier;
    private readonly InventoryLimits _limits;
    private readonly ILogger _logger;
    private readonly Action<IReadOnlyList<TripUpdate>> _durable;
    private readonly Action<TripUnavailableException> _broken;
    private readonly Action _queued;

    private Batch? _open;
    private Batch? _writing;
    private Task _flushing = Task.CompletedTask;

    /// <param name="tripId">The trip, for messages and logs.</param>
    /// <param name="store">The trip's storage; its state is the stored state, and writes go only through here.</param>
    /// <param name="copier">Copies state, so the live state and the snapshot being written never share objects.</param>
    /// <param name="limits">Hold limits for the seat inventory.</param>
    /// <param name="logger">Where a failed write is logged.</param>
    /// <param name="durable">Called with the updates of each write once it has succeeded, after their callers are released.</param>
    /// <param name="broken">Called once when a write fails, after the state was dropped, with the error callers got.</param>
    /// <param name="queued">Called after each change is queued (the trip re-arms its hold expiry timer then).</param>
    public TripCommitLog(string tripId, IPersistentState<TripState> store, DeepCopier<TripState> copier, InventoryLimits limits,
        ILogger logger, Action<IReadOnlyList<TripUpdate>> durable, Action<TripUnavailableException> broken, Action queued)
    {
        _tripId = tripId;
        _store = store;
        _copier = copier;
        _limits = limits;
        _logger = logger;
        _durable = durable;
        _broken = broken;
        _queued = queued;
        Live = _copier.Copy(store.State);
        Durable = store.State;
        Inventory = Live.Definition is null ? null : new SeatInventory(Live, _limits);
    }

    /// <summary>The state with every applied change, durable or not. Change it only synchronously, then commit.</summary>
    public TripState Live { get; private set; }

    /// <summary>The seat inventory over <see cref="Live"/>; null while the trip is not scheduled (or after a failed write).</summary>
    public SeatInventory? Inventory { get; private set; }

    /// <summary>What storage holds: the state as of the last successful write.</summary>
    public TripState Stored => _store.State;

    /// <summary>
    /// The state as of the last write that succeeded (or as loaded), never one still in flight: what a replica may be
    /// given. It is replaced, never changed, in the same turn that publishes the write's updates, so a watcher that
    /// reads it sees every later update on its stream.
    /// </summary>
    public TripState Durable { get; private set; }

    /// <summary>Whether a write failed; the activation is then only waiting to go away.</summary>
    public bool Broken { get; private set; }

    /// <summary>Replaces the trip definition in <see cref="Live"/> (schedule, delay, coach change) and the inventory over it.</summary>
    public void Define(TripDefinition definition)
    {
        Live.Definition = definition;
        Inventory = new SeatInventory(Live, _limits);
    }

    /// <summary>Queues a change already applied to <see cref="Live"/>; completes when a write holding it succeeded.</summary>
    public Task CommitAsync(TripUpdate update)
    {
        var batch = _open ??= new Batch();
        batch.Updates.Add(update);
        if (_flushing.IsCompleted)
        {
            _flushing = FlushAsync();
        }
        _queued();
        return batch.Done.Task;
    }

    /// <summary>Completes when every change applied so far is durable (at once if none is pending).</summary>
    public Task WhenDurable() => _open?.Done.Task ?? _writing?.Done.Task ?? Task.CompletedTask;

    public void ThrowIfBroken()
    {
        if (Broken)
        {
            throw new TripUnavailableException($"Trip {_tripId} is reloading after a storage error. Try again.");
        }
    }

    private async Task FlushAsync()
    {
        while (_open is { } batch)
        {
            _open = null;
            _writing = batch;
            // Storage serialises a snapshot, so changes applied while the write is in flight cannot tear it.
            var written = _copier.Copy(Live);
            _store.State = written;
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
            Durable = written;
            batch.Done.TrySetResult();
            _durable(batch.Updates);
        }
    }

    /// <summary>A write failed: fail every unacknowledged caller, drop the in-memory state, and report it.</summary>
    private void Break(Batch failed, Exception ex)
    {
        Broken = true;
        LogWriteFailed(_logger, ex, _tripId);
        var error = new TripUnavailableException($"Trip {_tripId} could not save the change; nothing was changed. Try again.");
        failed.Done.TrySetException(error);
        if (_open is { } later)
        {
            _open = null;
            later.Done.TrySetException(error);
        }
        Live = new TripState();
        Inventory = null;
        _broken(error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Trip {TripId}: saving a change failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string tripId);

    private sealed class Batch
    {
        public List<TripUpdate> Updates { get; } = [];
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
