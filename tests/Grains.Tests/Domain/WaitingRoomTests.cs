using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Queue;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>The queue of one sale window: the opening lottery, idempotent joins, the admission rate, expiry, sold out.</summary>
public sealed class WaitingRoomTests
{
    private static readonly DateTimeOffset Opening = new(2026, 12, 20, 4, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Opening.AddHours(-1));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private static SaleWindow Window(int perMinute = 60, TimeSpan? validity = null, SaleWindowStatus status = SaleWindowStatus.Announced) =>
        new("eid-1", ["dhk-kol"], [new DateOnly(2026, 12, 24)], Opening, perMinute, validity ?? TimeSpan.FromMinutes(10), status,
            Opening.AddDays(-3), null);

    private WaitingRoom Room(int seed = 7, int perMinute = 60, TimeSpan? validity = null)
    {
        var room = new WaitingRoom(new WaitingRoomState(), new Random(seed));
        room.Configure(Window(perMinute, validity), Now);
        return room;
    }

    private static string Phone(int i) => $"+88017{i:D8}";

    private QueueAnswer Join(WaitingRoom room, string phone) => room.Join(phone, Now).Result.Answer!;

    /// <summary>One frontend's count: seats left on trip <paramref name="tripId"/> read at its <paramref name="version"/>.</summary>
    private static TripSeatsLeft[] Seats(int seatsLeft, long version, string tripId = "trip-1") => [new(tripId, version, seatsLeft)];

    [Fact]
    public void Lottery_PlacesOfEarlyJoiners_AreAPermutationNotArrivalOrder()
    {
        var room = Room(seed: 42);
        var phones = Enumerable.Range(0, 50).Select(Phone).ToList();
        foreach (var phone in phones)
        {
            Assert.Null(Join(room, phone).Place);
        }

        _clock.SetUtcNow(Opening);
        room.Advance(Now);

        var places = phones.Select(p => room.Get(p, Now).Answer!.Place!.Value).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), places.Order());
        Assert.NotEqual(Enumerable.Range(1, 50).Select(i => (long)i), places);
    }

    [Fact]
    public void Lottery_WithTheSameSeed_DrawsTheSameOrder_AndAnotherSeedAnother()
    {
        List<string> Draw(int seed)
        {
            _clock.SetUtcNow(Opening.AddHours(-1));
            var room = Room(seed);
            for (var i = 0; i < 20; i++)
            {
                Join(room, Phone(i));
            }
            room.Advance(Opening);
            return [.. room.State.Line];
        }

        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void Join_AfterOpening_QueuesFirstComeFirstServedBehindTheLottery()
    {
        var room = Room(perMinute: 1);
        Join(room, Phone(1));
        Join(room, Phone(2));
        _clock.SetUtcNow(Opening.AddSeconds(1));

        var third = Join(room, Phone(3));
        var fourth = Join(room, Phone(4));

        Assert.Equal(3, third.Place);
        Assert.Equal(4, fourth.Place);
        // One admitted at the opening (the bucket starts with one), so the third place is second in line.
        Assert.Equal(2, third.Position);
        Assert.Equal(QueueState.Waiting, third.State);
    }

    [Fact]
    public void Join_Twice_KeepsThePlace_AndChangesNothing()
    {
        var room = Room();
        _clock.SetUtcNow(Opening.AddSeconds(30));
        room.Advance(Now);
        Join(room, Phone(9));
        var first = Join(room, Phone(1));
        var version = room.State.Version;

        var (again, changed) = room.Join(Phone(1), Now);

        Assert.False(changed);
        Assert.Equal(first.Place, again.Answer!.Place);
        Assert.Equal(version, room.State.Version);
        Assert.Equal(2, room.State.Line.Count);
    }

    [Fact]
    public void Admissions_FollowTheRate_WithAFakeClock()
    {
        var room = Room(perMinute: 6);
        for (var i = 0; i < 30; i++)
        {
            Join(room, Phone(i));
        }

        _clock.SetUtcNow(Opening);
        room.Advance(Now);
        Assert.Equal(1, room.State.Head);

        _clock.Advance(TimeSpan.FromSeconds(9));
        room.Advance(Now);
        Assert.Equal(1, room.State.Head);

        _clock.Advance(TimeSpan.FromSeconds(1));
        room.Advance(Now);
        Assert.Equal(2, room.State.Head);

        _clock.Advance(TimeSpan.FromMinutes(1));
        room.Advance(Now);
        Assert.Equal(8, room.State.Head);
    }

    [Fact]
    public void Admissions_AfterALongPause_BurstAtMostAMinutesWorth()
    {
        var room = Room(perMinute: 6);
        _clock.SetUtcNow(Opening.AddHours(1));
        room.Advance(Now);
        for (var i = 0; i < 30; i++)
        {
            Join(room, Phone(i));
        }

        Assert.Equal(6, room.State.Head);
    }

    [Fact]
    public void Admission_ExpiresAfterItsValidity()
    {
        var room = Room(validity: TimeSpan.FromMinutes(5));
        Join(room, Phone(1));
        _clock.SetUtcNow(Opening);
        room.Advance(Now);

        var admitted = room.Get(Phone(1), Now).Answer!;
        Assert.Equal(QueueState.Admitted, admitted.State);
        Assert.Equal(Opening.AddMinutes(5), admitted.AdmittedUntil);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(QueueState.Expired, room.Get(Phone(1), Now).Answer!.State);
    }

    [Fact]
    public void SoldOut_StopsAdmissions_TellsWaiters_RefusesNewJoins_AndSeatsComingBackReopen()
    {
        var room = Room(perMinute: 60);
        for (var i = 0; i < 10; i++)
        {
            Join(room, Phone(i));
        }
        _clock.SetUtcNow(Opening);
        room.ReportSeatsLeft(Seats(40, version: 1), Now);
        var head = room.State.Head;

        Assert.True(room.ReportSeatsLeft(Seats(0, version: 2), Now));
        _clock.Advance(TimeSpan.FromMinutes(1));
        room.Advance(Now);

        Assert.Equal(QueuePhase.SoldOut, room.Status().Phase);
        Assert.Equal(head, room.State.Head);
        var waiter = room.State.Line[^1];
        Assert.Equal(QueueState.SoldOut, room.Get(waiter, Now).Answer!.State);
        Assert.Equal(SaleWindowErrorCode.SaleWindowSoldOut, room.Join(Phone(99), Now).Result.Failure!.Code);

        room.ReportSeatsLeft(Seats(2, version: 3), Now);
        Assert.Equal(QueuePhase.Open, room.Status().Phase);
        _clock.Advance(TimeSpan.FromSeconds(1));
        room.Advance(Now);
        Assert.Equal(head + 1, room.State.Head);
    }

    [Fact]
    public void StaleCount_ReportedAfterANewerZero_DoesNotReopenTheQueue()
    {
        var room = Room();
        Join(room, Phone(1));
        _clock.SetUtcNow(Opening);
        room.ReportSeatsLeft([new("trip-1", 4, 3), new("trip-2", 9, 1)], Now);

        // Frontend A read both trips after the sell-out; frontend B read trip-1 just before it and reports last.
        room.ReportSeatsLeft([new("trip-1", 5, 0), new("trip-2", 10, 0)], Now);
        var stale = room.ReportSeatsLeft([new("trip-1", 4, 3), new("trip-2", 10, 0)], Now);

        Assert.False(stale);
        Assert.Equal(QueuePhase.SoldOut, room.Status().Phase);
        Assert.Equal(0, room.Status().SeatsLeft);
        Assert.Equal(5, room.State.TripSeats["trip-1"].Version);
    }

    [Fact]
    public void NewerCount_WithSeatsBack_ReopensTheQueue_WhicheverFrontendReportsIt()
    {
        var room = Room();
        Join(room, Phone(1));
        _clock.SetUtcNow(Opening);
        room.ReportSeatsLeft([new("trip-1", 5, 0), new("trip-2", 10, 0)], Now);

        // A cancellation on trip-2 (version 11), counted by a frontend whose trip-1 count is older than the one held.
        Assert.True(room.ReportSeatsLeft([new("trip-1", 4, 3), new("trip-2", 11, 2)], Now));

        Assert.Equal(QueuePhase.Open, room.Status().Phase);
        Assert.Equal(2, room.Status().SeatsLeft);
    }

    [Fact]
    public void ClosedWindow_RefusesJoins_AndAnswersClosedToItsWaiters()
    {
        var room = Room();
        Join(room, Phone(1));

        room.Configure(Window(status: SaleWindowStatus.Closed), Now);

        Assert.Equal(SaleWindowErrorCode.SaleWindowClosed, room.Join(Phone(2), Now).Result.Failure!.Code);
        Assert.Equal(QueueState.Closed, room.Get(Phone(1), Now).Answer!.State);
        _clock.SetUtcNow(Opening.AddMinutes(5));
        Assert.False(room.Advance(Now));
    }

    [Fact]
    public void Get_ForAPhoneNotInLine_IsNotInQueue()
    {
        var room = Room();

        Assert.Equal(SaleWindowErrorCode.NotInQueue, room.Get(Phone(1), Now).Failure!.Code);
    }

    [Fact]
    public void Unconfigured_Room_AnswersNotFound()
    {
        var room = new WaitingRoom(new WaitingRoomState(), new Random(1));

        Assert.Equal(SaleWindowErrorCode.SaleWindowNotFound, room.Join(Phone(1), Now).Result.Failure!.Code);
    }

    [Fact]
    public void Rebuilt_FromItsState_KnowsEveryPlace()
    {
        var room = Room();
        Join(room, Phone(1));
        Join(room, Phone(2));
        _clock.SetUtcNow(Opening);
        room.Advance(Now);
        var places = room.State.Line.ToList();

        var again = new WaitingRoom(room.State, new Random(99));

        Assert.Equal(1, again.Get(places[0], Now).Answer!.Place);
        Assert.Equal(2, again.Get(places[1], Now).Answer!.Place);
        Assert.Equal(1, again.Join(places[1], Now).Result.Answer!.Position);
    }
}
