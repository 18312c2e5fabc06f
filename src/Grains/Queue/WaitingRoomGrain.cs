using System.Security.Cryptography;
using DiuParibahan.Grains.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Storage;

namespace DiuParibahan.Grains.Queue;

/// <summary>
/// The queue of one sale window over <see cref="WaitingRoom"/>. Joins are applied in memory at once and stored by a
/// group commit: changes that arrive while a write is in flight go out together in the next one, and each caller is
/// answered only after the write holding its change succeeded (storage gets a snapshot copy, so later changes cannot
/// tear it). A failed write fails every caller still waiting and deactivates the grain, whose next activation reads
/// what storage holds. A one-second timer on the silo's clock admits phones at the window's rate; a reminder wakes the
/// grain if it was deactivated before the sale ended. A write stores only what changed (<see cref="WaitingRoomStore"/>):
/// the new phones' segment and the small record, not every phone in line again.
/// </summary>
/// <remarks>
/// Reentrant so joins can share a write. Every change to the room is one synchronous step between awaits, and writes
/// are funnelled through <see cref="PersistAsync"/>, one at a time.
/// </remarks>
[Reentrant]
public sealed partial class WaitingRoomGrain(
    [PersistentState("waiting-room", StorageNames.Default)] IPersistentState<WaitingRoomState> store,
    TimeProvider time,
    DeepCopier<WaitingRoomState> copier,
    ILogger<WaitingRoomGrain> logger)
    : Grain, IWaitingRoomGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private WaitingRoom _room = null!;
    private WaitingRoomStore _store = null!;
    private IGrainTimer? _timer;
    private TaskCompletionSource? _next;
    private TaskCompletionSource? _inFlight;
    private bool _broken;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = new WaitingRoomStore(store, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), this.GetGrainId(), copier);
        var state = await _store.LoadAsync();
        _room = new WaitingRoom(state, new Random(state.Seed));
        ArmTimer();
    }

    public async Task ConfigureAsync(SaleWindow window)
    {
        if (_room.State.Window is null)
        {
            // Drawn once and stored: the lottery is reproducible from the state, whichever activation holds it.
            _room.State.Seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            _room = new WaitingRoom(_room.State, new Random(_room.State.Seed));
        }
        _room.Configure(window, time.GetUtcNow());
        await PersistAsync();
        ArmTimer();
        if (window.Status == SaleWindowStatus.Closed)
        {
            if (await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else
        {
            await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
    }

    public async Task<QueueJoinResult> JoinAsync(string phone)
    {
        EnsureWhole();
        var (result, changed) = _room.Join(phone, time.GetUtcNow());
        await (changed ? PersistAsync() : SavedAsync());
        return result;
    }

    public async Task<QueueJoinResult> GetAsync(string phone)
    {
        EnsureWhole();
        var now = time.GetUtcNow();
        await (_room.Advance(now) ? PersistAsync() : SavedAsync());
        return _room.Get(phone, now);
    }

    public async Task<QueueStatus> ReportSeatsLeftAsync(IReadOnlyList<TripSeatsLeft> trips)
    {
        EnsureWhole();
        if (_room.State.Window is null)
        {
            throw new InvalidOperationException("The waiting room has no window.");
        }
        await (_room.ReportSeatsLeft(trips, time.GetUtcNow()) ? PersistAsync() : SavedAsync());
        return _room.Status();
    }

    public async Task<QueueStatus> GetStatusAsync()
    {
        EnsureWhole();
        if (_room.State.Window is null)
        {
            throw new InvalidOperationException("The waiting room has no window.");
        }
        await SavedAsync();
        return _room.Status();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private void ArmTimer()
    {
        if (_timer is not null || _room.State.Window is null || _room.State.Phase == QueuePhase.Closed)
        {
            return;
        }
        _timer = this.RegisterGrainTimer(_ => AdvanceAsync(), new GrainTimerCreationOptions(Tick, Tick) { Interleave = true, KeepAlive = true });
    }

    private async Task AdvanceAsync()
    {
        if (_broken)
        {
            return;
        }
        if (_room.State.Phase == QueuePhase.Closed)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }
        if (_room.Advance(time.GetUtcNow()))
        {
            await PersistAsync();
        }
    }

    /// <summary>The group commit: the returned task completes when a write holding every change made so far succeeded.</summary>
    private Task PersistAsync()
    {
        if (_next is { } pending)
        {
            return pending.Task;
        }
        var batch = _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_inFlight is null)
        {
            // May take the batch and even finish the write before returning, so the batch is kept in a local.
            WriteLoopAsync().Ignore();
        }
        return batch.Task;
    }

    /// <summary>Completes once nothing already answered from memory is still unsaved.</summary>
    private Task SavedAsync() => (_next ?? _inFlight)?.Task ?? Task.CompletedTask;

    private async Task WriteLoopAsync()
    {
        while (_next is { } batch)
        {
            _next = null;
            _inFlight = batch;
            var write = _store.Prepare(_room.State);
            try
            {
                await write();
                batch.SetResult();
            }
            catch (Exception ex)
            {
                _broken = true;
                LogWriteFailed(logger, ex, this.GetPrimaryKeyString());
                batch.SetException(ex);
                _next?.SetException(ex);
                _next = null;
                DeactivateOnIdle();
            }
            finally
            {
                _inFlight = null;
            }
        }
    }

    private void EnsureWhole()
    {
        if (_broken)
        {
            throw new InvalidOperationException("The waiting room is reloading after a failed write; retry.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waiting room {WindowId}: saving failed; the activation resets")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string windowId);
}
