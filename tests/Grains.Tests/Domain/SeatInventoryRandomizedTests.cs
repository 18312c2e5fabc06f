using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// Random sequences of every operation, checked after each step against the invariant that no seat is ever occupied
/// twice on overlapping legs, and that every refusal for taken seats names seats that really are taken.
/// </summary>
public sealed class SeatInventoryRandomizedTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 25));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomOperations_NeverOccupyASeatTwiceOnOverlappingLegs(int seed)
    {
        var random = new Random(seed);
        var state = NewState(Kolkata40(rows: 3));
        var inventory = new SeatInventory(state, new InventoryLimits { MaxOnlineHoldsPerOwner = 3 });
        var now = Departure.AddDays(-1);
        var seats = state.Definition!.Layout.Seats.Select(s => s.Label).ToArray();
        var version = 0L;

        for (var step = 0; step < 400; step++)
        {
            now += TimeSpan.FromSeconds(random.Next(0, 90));
            var from = random.Next(0, 3);
            var to = random.Next(from + 1, 4);
            var pick = seats.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
            var owner = $"owner-{random.Next(6)}";
            var before = Occupied(state, now);
            TripFailure? failure = null;
            TripUpdate? update = null;
            switch (random.Next(7))
            {
                case 0 or 1:
                    (failure, update) = Unpack(inventory.Hold(new HoldSeats(owner, pick, StopOrder[from], StopOrder[to], $"r{step}", SalesChannel.Online), now));
                    break;
                case 2:
                    (failure, update) = Unpack(inventory.Sell(new SellSeats(owner, pick, StopOrder[from], StopOrder[to], $"r{step}", SalesChannel.Counter, "DP-RAND"), now));
                    break;
                case 3 when state.Holds.Count > 0:
                    var hold = state.Holds.Values.ElementAt(random.Next(state.Holds.Count));
                    (failure, update) = Unpack(inventory.Confirm(hold.Id, "DP-RAND", now));
                    break;
                case 4 when state.Holds.Count > 0:
                    var release = state.Holds.Values.ElementAt(random.Next(state.Holds.Count));
                    (failure, update) = Unpack(inventory.Release(release.Id, release.OwnerId, now));
                    break;
                case 5 when state.Sales.Count > 0:
                    (failure, update) = Unpack(inventory.CancelSale(state.Sales.Keys.ElementAt(random.Next(state.Sales.Count)), now));
                    break;
                default:
                    (failure, update) = Unpack(inventory.ExpireHolds(now));
                    break;
            }

            if (failure is { Code: TripErrorCode.SeatsUnavailable })
            {
                Assert.All(failure.Conflicts, seat =>
                    Assert.Contains(before, o => o.Seat == seat && o.From < to && from < o.To));
            }
            if (update is not null)
            {
                Assert.Equal(version + 1, update.Version);
                version = update.Version;
            }
            Assert.Equal(version, inventory.Version);
            AssertNoOverlaps(Occupied(state, now));
        }
    }

    private static (TripFailure?, TripUpdate?) Unpack<T>(InventoryOutcome<T> outcome) => (outcome.Failure, outcome.Update);

    private static List<(string Seat, int From, int To)> Occupied(TripState state, DateTimeOffset now) =>
        state.Holds.Values.Where(h => h.ExpiresAt > now).SelectMany(h => h.Seats.Select(s => (s, h.From, h.To)))
            .Concat(state.Sales.Values.SelectMany(x => x.Seats.Select(s => (s, x.From, x.To))))
            .Concat(state.Blocks.Select(b => (b.Seat, b.From, b.To)))
            .ToList();

    private static void AssertNoOverlaps(List<(string Seat, int From, int To)> occupied)
    {
        foreach (var seat in occupied.GroupBy(o => o.Seat))
        {
            var intervals = seat.OrderBy(o => o.From).ToList();
            for (var i = 1; i < intervals.Count; i++)
            {
                Assert.True(intervals[i - 1].To <= intervals[i].From,
                    $"Seat {seat.Key} is occupied twice: [{intervals[i - 1].From},{intervals[i - 1].To}) and [{intervals[i].From},{intervals[i].To})");
            }
        }
    }
}
