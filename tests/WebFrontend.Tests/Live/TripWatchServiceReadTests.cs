using System.Reflection;
using System.Threading.Channels;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Live;

/// <summary>
/// The replica read path of <see cref="TripWatchService"/> over a trip grain whose change stream the test drives and a
/// fake clock: a read is fenced only at the version its own client asks for, so it never waits for anyone else's
/// writes, waits at most <see cref="ReplicaOptions.ReadWait"/> for its own, and then hands over to the grain.
/// </summary>
public sealed class TripWatchServiceReadTests : IAsyncLifetime
{
    private const string Trip = "DHK-KOL-20261210-2230";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly Channel<TripUpdate> _stream = Channel.CreateUnbounded<TripUpdate>();
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddMetrics().AddSignalR().Services.BuildServiceProvider();
    private TripWatchService _watches = null!;

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var trip = DispatchProxy.Create<ITripGrain, StreamedTrip>();
        ((StreamedTrip)(object)trip).Use(_stream.Reader, Snapshot(3));
        var grains = DispatchProxy.Create<IGrainFactory, OneTripFactory>();
        ((OneTripFactory)(object)grains).Trip = trip;
        _watches = new TripWatchService(grains, _services.GetRequiredService<IHubContext<TripsHub>>(),
            _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), NullLogger<TripWatchService>.Instance, _time,
            Options.Create(new ReplicaOptions { Enabled = true, ReadWait = ReadWait }));
        // The first read starts the trip's watch and is the grain's to answer; then the replica takes the snapshot (the fake
        // clock stands still, so the day-long wait ends only when it is fresh).
        Assert.Null(await _watches.ReadReplicaAsync(Trip, 0, Cancel));
        var fresh = await _watches.ReplicaOf(Trip)!.WaitForAsync(3, TimeSpan.FromDays(1), Cancel).AsTask().WaitAsync(Guard, Cancel);
        Assert.Equal(3, fresh!.Version);
    }

    public async ValueTask DisposeAsync()
    {
        await _watches.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Read_WithoutMinVersion_IsAnsweredAtOnce_WhileAnotherClientsWriteIsStillOnItsWay()
    {
        // Another client's hold was answered at version 4; the stream has not brought it here yet.
        var read = _watches.ReadReplicaAsync(Trip, 0, Cancel);

        Assert.True(read.IsCompleted, "a read that asks for no version must not wait");
        Assert.Equal(3, (await read)!.Version);
    }

    [Fact]
    public async Task Read_AskingForWhatItsClientHasSeen_IsAnsweredAtOnce_WhileAnotherClientsWriteIsStillOnItsWay()
    {
        var read = _watches.ReadReplicaAsync(Trip, 3, Cancel);

        Assert.True(read.IsCompleted, "another client's newer write must not fence this client's read");
        Assert.Equal(3, (await read)!.Version);
    }

    [Fact]
    public async Task Read_AskingForItsOwnWritesVersion_WaitsForTheStream_AndSeesTheWrite()
    {
        var read = _watches.ReadReplicaAsync(Trip, 4, Cancel).AsTask();
        Assert.False(read.IsCompleted);

        await _stream.Writer.WriteAsync(new TripUpdate(Trip, 4, [new SeatChange("A1", "a", "c", SeatState.Held)]), Cancel);

        var view = await read.WaitAsync(Guard, Cancel);
        Assert.Equal(4, view!.Version);
        Assert.Equal(SeatState.Held, view.SeatMap("a", "c", null, Now)!.Seats.Single(s => s.Seat == "A1").State);
    }

    [Fact]
    public async Task Read_AskingForAVersionTheStreamDoesNotBring_GivesUpAfterReadWait_SoTheGrainAnswers()
    {
        var read = _watches.ReadReplicaAsync(Trip, 4, Cancel).AsTask();

        _time.Advance(ReadWait - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await read.WaitAsync(Guard, Cancel));
    }

    [Fact]
    public async Task Reads_OfOneClient_NeverGoBack_AsItsFenceRises()
    {
        var seen = 0L;
        for (var version = 4; version <= 6; version++)
        {
            await _stream.Writer.WriteAsync(new TripUpdate(Trip, version, [new SeatChange($"A{version - 3}", "a", "c", SeatState.Sold)]), Cancel);
            // The client asks for what its last read showed and gets at least that: never an older trip.
            var view = await _watches.ReadReplicaAsync(Trip, seen, Cancel).AsTask().WaitAsync(Guard, Cancel);
            Assert.True(view!.Version >= seen);
            seen = view.Version;
        }
        var last = await _watches.ReadReplicaAsync(Trip, 6, Cancel).AsTask().WaitAsync(Guard, Cancel);
        Assert.Equal(6, last!.Version);
    }

    private static TripDefinition Definition() => new(Trip, "R1", "DHK-KOL", "Dhaka–Kolkata", "ঢাকা–কলকাতা", "C1", "DHK-1",
        CoachClass.AcBusiness,
        new SeatLayout("L", "Layout", 1, 3, 1, CoachSide.Right, CoachSide.Left, 0,
            [new LayoutSeat("A1", 0, 0), new LayoutSeat("A2", 0, 1), new LayoutSeat("A3", 0, 2)]),
        new[] { "a", "b", "c" }.Select((s, i) => new TripStop(s, Now.AddHours(10 + i))).ToList(), [100, 100], TimeSpan.FromHours(1));

    private static TripSnapshot Snapshot(long version) => new(Definition(), version, false,
        new[] { "A1", "A2", "A3" }.Select(seat => new SeatChange(seat, "a", "c", SeatState.Free)).ToList(), []);

    /// <summary>
    /// A trip grain that is at <c>snapshot</c>'s version and streams what the test writes; any other call is a test
    /// error (the read path must not make it).
    /// </summary>
    public class StreamedTrip : DispatchProxy
    {
        private ChannelReader<TripUpdate> _updates = null!;
        private TripSnapshot _snapshot = null!;

        public void Use(ChannelReader<TripUpdate> updates, TripSnapshot snapshot) => (_updates, _snapshot) = (updates, snapshot);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(ITripGrain.WatchAsync) => Watch((CancellationToken)args![0]!),
            nameof(ITripGrain.GetSnapshotAsync) => Task.FromResult<TripSnapshot?>(_snapshot),
            _ => throw new NotSupportedException($"The replica read path called ITripGrain.{targetMethod?.Name}."),
        };

        private async IAsyncEnumerable<TripUpdate> Watch([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new TripUpdate(_snapshot.Definition.TripId, _snapshot.Version, []);
            await foreach (var update in _updates.ReadAllAsync(cancellationToken))
            {
                yield return update;
            }
        }
    }

    /// <summary>A grain factory that knows one trip grain.</summary>
    public class OneTripFactory : DispatchProxy
    {
        public ITripGrain Trip { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: nameof(IGrainFactory.GetGrain), ReturnType: var type } && type == typeof(ITripGrain)
                ? Trip
                : throw new NotSupportedException($"Only trip grains here, not {targetMethod}.");
    }
}
