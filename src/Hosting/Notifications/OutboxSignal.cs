using System.Threading.Channels;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>Wakes the dispatcher when messages were enqueued, so they go out at once instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Something is due; pokes while one is already waiting collapse into it.</summary>
    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Waits for a poke or <paramref name="timeout"/>, whichever comes first; throws when <paramref name="ct"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _pokes.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
