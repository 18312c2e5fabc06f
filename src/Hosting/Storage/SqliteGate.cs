using System.Collections.Concurrent;

namespace DiuParibahan.Hosting.Storage;

/// <summary>
/// One turn at a time for everything that touches one SQLite file, run on the thread pool.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's async methods run synchronously and, while another connection writes, sit in SQLite's
/// busy wait. Called from a grain that blocks one of Orleans' few scheduler threads; with many grains writing, the
/// scheduler starves and writes time out. Here callers queue on an async semaphore (FIFO, so fair), and the turn's
/// work runs via <see cref="Task.Run(Func{Task})"/>, off the grain scheduler. SQLite allows one writer anyway, so
/// serialising costs little: the database never sees two writers and never reports SQLITE_BUSY to us.
/// There is one gate per file per process, whoever asks for it.
/// </remarks>
internal sealed class SqliteGate
{
    private static readonly ConcurrentDictionary<string, SqliteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>The gate of the file <paramref name="connectionString"/> points at.</summary>
    public static SqliteGate For(string connectionString) =>
        Gates.GetOrAdd(SqliteDatabase.PathOf(connectionString), _ => new SqliteGate());

    /// <summary>Waits for the turn (cancellable), then runs <paramref name="operation"/> to completion on the pool.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(operation, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public Task RunAsync(Func<Task> operation, CancellationToken cancellationToken = default) =>
        RunAsync(
            async () =>
            {
                await operation().ConfigureAwait(false);
                return true;
            },
            cancellationToken);
}
