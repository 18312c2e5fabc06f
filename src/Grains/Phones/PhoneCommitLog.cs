using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace DiuParibahan.Grains.Phones;

/// <summary>
/// The one write funnel of a phone activation, with group commit: changes are applied to <see cref="Live"/> at once,
/// and whoever needs one durable waits for the write that holds it. Changes that arrive while a write is in flight go
/// out together in the next write, so at most one write is ever in flight and racing admissions share one.
/// </summary>
/// <remarks>
/// A change that only loosens the books (a reservation bound to its hold, or dropped) may be <see cref="Defer"/>red:
/// it rides along with the next write instead of causing one; lost in a crash, the phone counts a hold until its expiry,
/// never less than the trips hold. If a write fails, every waiter not yet answered gets an exception, the live state
/// goes back to what storage holds (so nothing unstored is counted or answered from) and <c>broken</c> is told, so the
/// activation can go away and the next one reloads what storage really holds.
/// </remarks>
public sealed partial class PhoneCommitLog
{
    private readonly string _phone;
    private readonly IPersistentState<PhoneState> _store;
    private readonly DeepCopier<PhoneState> _copier;
    private readonly ILogger _logger;
    private readonly Action _stored;
    private readonly Action _broken;

    private Batch? _open;
    private Batch? _writing;
    private PhoneState? _writingSnapshot;
    private Task _flushing = Task.CompletedTask;
    private long _applied;
    private long _written;

    /// <param name="phone">The masked phone, for messages and logs.</param>
    /// <param name="store">The phone's storage; its state is the stored state, and writes go only through here.</param>
    /// <param name="copier">Copies state, so the live state and the snapshot being written never share objects.</param>
    /// <param name="logger">Where a failed write is logged.</param>
    /// <param name="stored">Called after each successful write, once its waiters are released.</param>
    /// <param name="broken">Called when a write fails, after its waiters got the error and the live state was reset.</param>
    public PhoneCommitLog(string phone, IPersistentState<PhoneState> store, DeepCopier<PhoneState> copier, ILogger logger,
        Action stored, Action broken)
    {
        _phone = phone;
        _store = store;
        _copier = copier;
        _logger = logger;
        _stored = stored;
        _broken = broken;
        Live = copier.Copy(store.State);
        Durable = store.State;
    }

    /// <summary>The state with every applied change, stored or not. Change it only synchronously, then commit or defer.</summary>
    public PhoneState Live { get; private set; }

    /// <summary>What storage holds: the state as of the last successful write (or as loaded), never one in flight. Do not change it.</summary>
    public PhoneState Durable { get; private set; }

    /// <summary>Whether changes were applied that no write has taken yet (deferred ones).</summary>
    public bool HasUnwritten => _applied > _written && _open is null;

    /// <summary>Queues the changes applied to <see cref="Live"/>; completes when a write holding them succeeded.</summary>
    public Task CommitAsync()
    {
        _applied++;
        var batch = _open ??= new Batch();
        if (_flushing.IsCompleted)
        {
            _flushing = FlushAsync();
        }
        return batch.Done.Task;
    }

    /// <summary>A change applied to <see cref="Live"/> that may wait for the next write (see the remarks).</summary>
    public void Defer() => _applied++;

    /// <summary>Writes deferred changes now, if there are any and no write is queued to take them anyway.</summary>
    public Task FlushDeferredAsync() => HasUnwritten ? CommitAsync() : WhenStored();

    /// <summary>Completes when every change committed so far is stored (at once if none is pending).</summary>
    public Task WhenStored() => _open?.Done.Task ?? _writing?.Done.Task ?? Task.CompletedTask;

    /// <summary>
    /// Completes once storage holds a state for which <paramref name="stored"/> is true: at once if it already does,
    /// else after the write in flight (if its snapshot has it) or the next one. Throws
    /// <see cref="TripUnavailableException"/> if that write fails, or if no pending write would store it (this
    /// activation never applied it, or it was undone before it was written).
    /// </summary>
    public async Task WhenStoredAsync(Func<PhoneState, bool> stored)
    {
        if (stored(Durable))
        {
            return;
        }
        var write = _writing is { } writing && _writingSnapshot is { } snapshot && stored(snapshot)
            ? writing.Done.Task
            : stored(Live) ? _open?.Done.Task : null;
        if (write is null)
        {
            throw Unavailable();
        }
        await write;
        if (!stored(Durable))
        {
            throw Unavailable();
        }
    }

    private async Task FlushAsync()
    {
        while (_open is { } batch)
        {
            _open = null;
            _writing = batch;
            var upTo = _applied;
            // Storage serialises a snapshot, so changes applied while the write is in flight cannot tear it.
            var written = _copier.Copy(Live);
            _writingSnapshot = written;
            _store.State = written;
            try
            {
                await _store.WriteStateAsync();
            }
            catch (Exception ex)
            {
                _store.State = Durable;
                Break(batch, ex);
                return;
            }
            finally
            {
                _writing = null;
                _writingSnapshot = null;
            }
            Durable = written;
            _written = upTo;
            batch.Done.TrySetResult();
            _stored();
        }
    }

    /// <summary>A write failed: fail every unanswered waiter, forget every unstored change, and report it.</summary>
    private void Break(Batch failed, Exception ex)
    {
        LogWriteFailed(_logger, ex, _phone);
        var error = Unavailable();
        failed.Done.TrySetException(error);
        if (_open is { } later)
        {
            _open = null;
            later.Done.TrySetException(error);
        }
        Live = _copier.Copy(Durable);
        _written = _applied;
        _broken();
    }

    private TripUnavailableException Unavailable() =>
        new($"Phone {_phone}: its holds could not be saved; nothing was held for it. Try again.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Phone {Phone}: saving a change failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string phone);

    private sealed class Batch
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
