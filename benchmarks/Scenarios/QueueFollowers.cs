using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DiuParibahan.Benchmarks.Systems;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <summary>What one follower process saw: the sold-out notice times and the position updates of its followers.</summary>
/// <param name="Notices">When each follower that got it received the sold-out notice (<see cref="Stopwatch.GetTimestamp"/>,
/// the machine's monotonic clock, so comparable with the parent's).</param>
/// <param name="Updates">Per connected follower, the non-sold-out <c>queueChanged</c> messages between observe and collect.</param>
/// <param name="Admitted">Per connected follower, the last <c>admitted</c> it had been told at collect (-1: nothing yet).</param>
public sealed record FollowerReport(int Connected, int Failed, int Dropped, long[] Notices, int[] Updates, int[] Admitted);

/// <summary>
/// The waiting room's followers, spread over several child processes so that no process (neither a load generator nor a
/// frontend) needs more sockets than the machine's per-process open-files limit. Each follower is waiter <c>i</c>: a
/// SignalR connection to <c>/hubs/queue</c> on frontend <c>i mod F</c>, authenticated as that waiter's verified phone
/// (the phone the parent joined), following the window. One connection per waiter, nothing multiplexed.
/// The parent drives the children over standard input with one-line commands; they answer with <c>@</c> lines:
/// <c>@connected ok failed</c> once all are connected, then <c>observe</c> (start counting position updates) and
/// <c>collect seconds</c> (stop counting, wait up to that long for every sold-out notice, answer <c>@result {json}</c>),
/// and <c>exit</c>.
/// </summary>
public sealed class QueueFollowers : IAsyncDisposable
{
    public const string ChildCommand = "queue-followers";
    private const string SigningKeyVariable = "BENCH_AUTH_SIGNING_KEY";
    private const int ConnectConcurrency = 100;
    private readonly List<ChildProcess> _children;

    private QueueFollowers(List<ChildProcess> children) => _children = children;

    public int Connected { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Starts <paramref name="processes"/> children holding <paramref name="followers"/> followers between them, and waits until all are connected.</summary>
    public static async Task<QueueFollowers> StartAsync(string logDirectory, string authSigningKey, string windowId,
        IReadOnlyList<Uri> frontends, int followers, int processes, Action<string> progress)
    {
        var assembly = typeof(QueueFollowers).Assembly.Location;
        var children = new List<ChildProcess>();
        var group = new QueueFollowers(children);
        try
        {
            for (var k = 0; k < processes; k++)
            {
                var first = (int)((long)followers * k / processes);
                var count = (int)((long)followers * (k + 1) / processes) - first;
                children.Add(ChildProcess.Start($"followers{k + 1}", assembly,
                    new Dictionary<string, string> { [SigningKeyVariable] = authSigningKey, ["DOTNET_gcServer"] = "1" },
                    logDirectory,
                    [ChildCommand, windowId, first.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
                        string.Join(',', frontends)],
                    interactive: true));
            }
            foreach (var child in children)
            {
                var parts = (await child.ReadMessageAsync(TimeSpan.FromMinutes(15))).Split(' ');
                if (parts[0] != "connected")
                {
                    throw new InvalidOperationException($"{child.Name} answered '{string.Join(' ', parts)}' instead of connected.");
                }
                group.Connected += int.Parse(parts[1], CultureInfo.InvariantCulture);
                group.Failed += int.Parse(parts[2], CultureInfo.InvariantCulture);
                progress($"  {child.Name}: {parts[1]} connected, {parts[2]} failed");
            }
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every child starts counting position updates from now.</summary>
    public Task ObserveAsync() => Task.WhenAll(_children.Select(c => c.SendAsync("observe")));

    /// <summary>Every child stops counting updates, waits up to <paramref name="wait"/> for its sold-out notices, and reports.</summary>
    public async Task<IReadOnlyList<FollowerReport>> CollectAsync(TimeSpan wait)
    {
        await Task.WhenAll(_children.Select(c => c.SendAsync($"collect {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)}")));
        var reports = new List<FollowerReport>();
        foreach (var child in _children)
        {
            var message = await child.ReadMessageAsync(wait + TimeSpan.FromMinutes(2));
            if (!message.StartsWith("result ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{child.Name} answered '{message}' instead of its result.");
            }
            reports.Add(JsonSerializer.Deserialize<FollowerReport>(message["result ".Length..])!);
        }
        return reports;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children.Where(c => !c.HasExited))
        {
            try
            {
                await child.SendAsync("exit");
            }
            catch (IOException)
            {
            }
        }
        // Closing 5,000 connections takes a moment; a child that does not finish is killed by its disposal.
        await Task.WhenAny(Task.WhenAll(_children.Select(c => c.Messages.Completion)), Task.Delay(TimeSpan.FromSeconds(60)));
        foreach (var child in _children)
        {
            await child.DisposeAsync();
        }
    }

    /// <summary>The child's side: <c>queue-followers windowId first count frontend1,frontend2,…</c>.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var windowId = args[0];
        var first = int.Parse(args[1], CultureInfo.InvariantCulture);
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var frontends = args[3].Split(',').Select(a => new Uri(a)).ToArray();
        var tokens = new TokenMinter(Environment.GetEnvironmentVariable(SigningKeyVariable)
            ?? throw new InvalidOperationException($"{SigningKeyVariable} is not set."));
        // Negotiate requests share one pool, as a browser's page requests share its keep-alive connection; otherwise
        // each follower would keep an idle negotiate socket open beside its WebSocket on both sides for a minute.
        using var shared = new HttpMessageInvoker(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10) });
        var followers = new Follower[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, ConnectConcurrency).Select(async _ =>
        {
            for (var j = Interlocked.Increment(ref next); j < count; j = Interlocked.Increment(ref next))
            {
                followers[j] = await Follower.ConnectAsync(first + j, frontends[(first + j) % frontends.Length], windowId, tokens, shared);
            }
        }));
        var connected = followers.Where(f => f.Connection is not null).ToArray();
        Console.WriteLine($"{ChildProcess.MessagePrefix}connected {connected.Length} {count - connected.Length}");
        foreach (var failure in followers.Where(f => f.Error is not null).Select(f => f.Error).Distinct().Take(5))
        {
            Console.Error.WriteLine("connect failed: " + failure);
        }

        while (await Console.In.ReadLineAsync() is { } line && line != "exit")
        {
            if (line == "observe")
            {
                foreach (var follower in connected)
                {
                    follower.StartObserving();
                }
            }
            else if (line.StartsWith("collect ", StringComparison.Ordinal))
            {
                var updates = connected.Select(f => f.StopObserving()).ToArray();
                var admitted = connected.Select(f => f.LastAdmitted).ToArray();
                var wait = Stopwatch.StartNew();
                var limit = TimeSpan.FromSeconds(double.Parse(line["collect ".Length..], CultureInfo.InvariantCulture));
                while (connected.Any(f => f.NoticeAt == 0) && wait.Elapsed < limit)
                {
                    await Task.Delay(50);
                }
                var report = new FollowerReport(connected.Length, count - connected.Length, connected.Count(f => f.Dropped),
                    connected.Where(f => f.NoticeAt != 0).Select(f => f.NoticeAt).ToArray(), updates, admitted);
                Console.WriteLine($"{ChildProcess.MessagePrefix}result {JsonSerializer.Serialize(report)}");
            }
        }
        foreach (var follower in connected)
        {
            follower.MarkClosing();
        }
        await Task.WhenAll(connected.Select(f => f.Connection!.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>One waiter's page: its own connection, told by the group what everyone is told.</summary>
    private sealed class Follower
    {
        private long _noticeAt;
        private int _updates;
        private int _observing;
        private int _lastAdmitted = -1;
        private int _disposing;

        public HubConnection? Connection { get; private set; }

        public string? Error { get; private set; }

        public long NoticeAt => Volatile.Read(ref _noticeAt);

        public int LastAdmitted => Volatile.Read(ref _lastAdmitted);

        public bool Dropped { get; private set; }

        public static async Task<Follower> ConnectAsync(int index, Uri frontend, string windowId, TokenMinter tokens, HttpMessageInvoker shared)
        {
            var follower = new Follower();
            var token = tokens.MintWaiter(index);
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(frontend, "/hubs/queue"), options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    options.HttpMessageHandlerFactory = _ => new SharedPool(shared);
                })
                .Build();
            connection.On<JsonElement>("queueChanged", follower.OnChanged);
            connection.Closed += _ =>
            {
                follower.Dropped = Volatile.Read(ref follower._disposing) == 0;
                return Task.CompletedTask;
            };
            // A loaded machine answers slowly; a page waits longer than the client's default 15 s handshake.
            connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync<JsonElement>("Follow", windowId);
                follower.Connection = connection;
            }
            catch (Exception ex)
            {
                follower.Error = ex.GetType().Name + ": " + ex.Message;
                Volatile.Write(ref follower._disposing, 1);
                await connection.DisposeAsync();
            }
            return follower;
        }

        /// <summary>Closing from here on is ours, not a drop.</summary>
        public void MarkClosing() => Volatile.Write(ref _disposing, 1);

        public void StartObserving()
        {
            Interlocked.Exchange(ref _updates, 0);
            Volatile.Write(ref _observing, 1);
        }

        public int StopObserving()
        {
            Volatile.Write(ref _observing, 0);
            return Volatile.Read(ref _updates);
        }

        private void OnChanged(JsonElement status)
        {
            if (status.GetProperty("state").GetString() == "soldout")
            {
                Interlocked.CompareExchange(ref _noticeAt, Stopwatch.GetTimestamp(), 0);
                return;
            }
            Volatile.Write(ref _lastAdmitted, status.GetProperty("admitted").GetInt32());
            if (Volatile.Read(ref _observing) == 1)
            {
                Interlocked.Increment(ref _updates);
            }
        }
    }

    /// <summary>Hands each connection's HTTP requests to the process's shared pool; disposing it leaves the pool alone.</summary>
    private sealed class SharedPool(HttpMessageInvoker shared) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            shared.SendAsync(request, cancellationToken);
    }
}
