using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Hosting.Events;

/// <summary>
/// Appends events off the caller's path: <see cref="TryEnqueue(DomainEvent)"/> puts an event in a bounded in-memory queue and
/// returns at once; one background loop drains it in batches to the <see cref="IEventStore"/>. For analytics events
/// whose loss is acceptable but whose cost must not land on a seat operation or a search: when the queue is full or
/// the database refuses a batch, the events are dropped and logged (counts only), never retried inline.
/// </summary>
public sealed partial class BufferedEventWriter : IAsyncDisposable
{
    /// <summary>Events waiting at most; beyond this new ones are dropped.</summary>
    public const int Capacity = 50_000;

    private const int MaxBatch = 500;

    private readonly IEventStore _store;
    private readonly ILogger<BufferedEventWriter> _logger;
    // Events are built (serialised) by the drain loop, not by the caller: a seat operation pays for a queue write only.
    private readonly Channel<Func<DomainEvent>> _queue = Channel.CreateBounded<Func<DomainEvent>>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Task _drain;
    private long _dropped;

    public BufferedEventWriter(IEventStore store, ILogger<BufferedEventWriter> logger)
    {
        _store = store;
        _logger = logger;
        _drain = Task.Run(DrainAsync);
    }

    /// <summary>Queues <paramref name="e"/>; false if the queue was full and it was dropped. Never blocks, never throws.</summary>
    public bool TryEnqueue(DomainEvent e) => TryEnqueue(() => e);

    /// <summary>Queues the event <paramref name="build"/> makes when its turn comes; false if the queue was full.</summary>
    public bool TryEnqueue(Func<DomainEvent> build)
    {
        if (_queue.Writer.TryWrite(build))
        {
            return true;
        }
        if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            LogDropped(_logger, Interlocked.Read(ref _dropped));
        }
        return false;
    }

    /// <summary>Stops taking events and waits for the queued ones to be written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _drain;
    }

    private async Task DrainAsync()
    {
        var batch = new List<DomainEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            try
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var build))
                {
                    batch.Add(build());
                }
                await _store.AppendAsync(batch);
            }
            catch (Exception ex)
            {
                LogAppendFailed(_logger, ex, batch.Count);
            }
            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics events: appending a batch of {Count} failed; it is dropped")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics events: the queue is full; {Dropped} event(s) dropped so far")]
    private static partial void LogDropped(ILogger logger, long dropped);
}
